// Draw each chart with vega-embed from the Vega-Lite spec beside it; the
// server-drawn SVG stays in place when JavaScript or vega is unavailable.
(function () {
  if (typeof window.vegaEmbed !== 'function') return
  document.querySelectorAll('[data-vega-spec]').forEach(function (target) {
    var source = document.getElementById(target.getAttribute('data-vega-spec'))
    var fallback = document.getElementById(target.id + '-fallback')
    if (!source) return
    // The expression interpreter and no injected <style> keep the charts
    // within the Content-Security-Policy (no 'unsafe-eval', no inline style).
    var options = { actions: false, renderer: 'svg', defaultStyle: false }
    if (window.vegaExpressionInterpreter) {
      options.ast = true
      options.expr = window.vegaExpressionInterpreter
    }
    window.vegaEmbed(target, JSON.parse(source.textContent), options)
      .then(function () {
        target.hidden = false
        if (fallback) fallback.hidden = true
      })
      .catch(function () { target.hidden = true })
  })
})()
