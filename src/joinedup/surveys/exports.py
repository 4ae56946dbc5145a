"""CSV files of invitation links and of results. Every cell that a
spreadsheet could read as a formula is neutralised with a leading apostrophe
(design_system/spreadsheets.py)."""

import csv
import io

from joinedup.design_system.spreadsheets import spreadsheet_cell


def _csv(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([spreadsheet_cell(v) for v in row])
    return buffer.getvalue()


def links_csv(link_rows):
    return _csv([["link", "short code"], *([r["url"], r["code"]] for r in link_rows)])


def results_csv(results):
    """Every results table of a wave, one after another, as shown on screen."""
    wave = results.wave
    rows = [["wave", wave.name], ["partnership", wave.partnership.name],
            ["smallest group shown", results.rule.threshold], []]
    for block in results.instruments:
        for table in block.tables:
            rows += [[block.title, table.title], table.headings]
            rows += [[cell.text for cell in row] for row in table.rows]
            rows += [["note", note] for note in table.notes]
            rows.append([])
        for question, themes in block.comment_themes:
            rows += [[block.title, f"Themes: {question}"], ["theme", "comments", "quote"]]
            for theme in themes.themes:
                if theme.suppressed:
                    rows.append(["hidden", "hidden", theme.reason])
                    continue
                rows += [[theme.label, theme.count, quote] for quote in theme.quotes] or [[theme.label, theme.count, ""]]
            if themes.reason:
                rows.append(["note", themes.reason])
            rows.append([])
    return _csv(rows)
