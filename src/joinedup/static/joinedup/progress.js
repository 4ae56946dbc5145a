// A page with a [data-refresh-every="N"] region (an import's progress) fetches
// itself every N seconds and copies the new figures into the region: its
// role="status" line (so screen readers hear the new count without the page
// reloading under them) and its <progress> bar. When the fetched page has no
// such region any more (the work is done), the page is loaded again to show
// the result. Without JavaScript a <noscript> meta refresh does the same.
const region = document.querySelector("[data-refresh-every]");
if (region) {
  const seconds = Number(region.dataset.refreshEvery) || 2;
  const poll = async () => {
    try {
      const response = await fetch(window.location.href, { credentials: "same-origin" });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("[data-refresh-every]");
      if (!fresh) {
        window.location.reload();
        return;
      }
      const status = region.querySelector("[role=status]");
      const freshStatus = fresh.querySelector("[role=status]");
      if (status && freshStatus && status.textContent !== freshStatus.textContent) {
        status.textContent = freshStatus.textContent;
      }
      const bar = region.querySelector("progress");
      const freshBar = fresh.querySelector("progress");
      if (bar && freshBar) {
        bar.max = freshBar.max;
        bar.value = freshBar.value;
        bar.textContent = freshBar.textContent;
      } else if (freshBar) {
        region.append(document.importNode(freshBar, true));
      }
    } catch (error) {
      // A failed fetch (the server restarting, say) is tried again at the next turn.
    }
    window.setTimeout(poll, seconds * 1000);
  };
  window.setTimeout(poll, seconds * 1000);
}
