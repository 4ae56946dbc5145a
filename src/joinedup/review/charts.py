"""Charts for the review report as Vega-Lite specifications (altair), turned
into SVG by vl-convert so the same vector chart shows in the page and the PDF.
Each chart comes with the rows of its data table."""

SEVERITY_COLOURS = {"high": "#d4351c", "medium": "#f47738", "low": "#505a5f"}


def findings_over_time(reviews):
    """A stacked bar chart of findings by severity for each review, oldest first.
    Returns (svg text, table rows) or None when there is nothing to compare."""
    if len(reviews) < 2:
        return None
    # Imported here: altair takes seconds to load and most pages have no chart.
    import altair as alt
    import vl_convert

    rows = [
        {"date": f"{r.as_of:%-d %b %Y}", "order": i, "severity": severity, "findings": count}
        for i, r in enumerate(sorted(reviews, key=lambda r: (r.run_at, r.id)))
        for severity, count in (("high", r.high_count), ("medium", r.medium_count), ("low", r.low_count))
    ]
    chart = (
        alt.Chart(alt.Data(values=rows), title="Findings at each review, by severity")
        .mark_bar()
        .encode(
            x=alt.X("date:N", sort=alt.SortField("order"), title="Review"),
            y=alt.Y("findings:Q", title="Findings", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "severity:N",
                scale=alt.Scale(domain=list(SEVERITY_COLOURS), range=list(SEVERITY_COLOURS.values())),
                title="Severity",
            ),
            order=alt.Order("severity:N"),
        )
        .properties(width=420, height=180)
    )
    svg = vl_convert.vegalite_to_svg(chart.to_dict())
    table = {}
    for row in rows:
        table.setdefault(row["date"], {})[row["severity"]] = row["findings"]
    return svg, [{"date": d, **counts} for d, counts in table.items()]
