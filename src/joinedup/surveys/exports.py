"""CSV files of invitation links and of results. Every cell that a
spreadsheet could read as a formula is neutralised with a leading apostrophe
(design_system/spreadsheets.py)."""

import csv
import io

from django.utils.translation import gettext as _

from joinedup.design_system.spreadsheets import spreadsheet_cell


def _csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([spreadsheet_cell(v) for v in row])
    return buffer.getvalue()


def links_csv(link_rows):
    return _csv([[_("link"), _("short code")], *([r["url"], r["code"]] for r in link_rows)])


def results_csv(results):
    """Every results table of a wave, one after another, as shown on screen."""
    wave = results.wave
    rows = [[_("wave"), wave.name], [_("partnership"), wave.partnership.name],
            [_("smallest group shown"), results.rule.threshold], []]
    for block in results.instruments:
        for table in block.tables:
            rows += [[block.title, table.title], table.headings]
            rows += [[cell.text for cell in row] for row in table.rows]
            rows += [[_("note"), note] for note in table.notes]
            rows.append([])
        for question, themes in block.comment_themes:
            rows += [[block.title, _("Themes: %(question)s") % {"question": question}],
                     [_("theme"), _("comments"), _("quote")]]
            for theme in themes.themes:
                if theme.suppressed:
                    rows.append([_("hidden"), _("hidden"), theme.reason])
                    continue
                rows += [[theme.label, theme.count, quote] for quote in theme.quotes] or [[theme.label, theme.count, ""]]
            if themes.reason:
                rows.append([_("note"), themes.reason])
            rows.append([])
    return _csv(rows)
