"""Templates for staff: headers, an example row and an explanation of each column, in Vietnamese by
default (English on request; the importer accepts the headers of either)."""
from __future__ import annotations

import csv
import io

import pandas as pd

from ..datasets import Column, Dataset
from ..formula_guard import neutralise
from ..i18n import DEFAULT_LANG, LANGS, t

GUIDE_COLUMNS = ("column", "other_name", "required", "type", "explanation", "example")


def guide(dataset: Dataset, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    other = next(code for code in LANGS if code != lang)
    return pd.DataFrame([dict(zip([t(f"guide_{g}", lang) for g in GUIDE_COLUMNS], [
        c.header(lang), c.header(other), t("yes" if c.required else "no", lang), t(f"type_{c.kind}", lang),
        _explain(c, lang), c.example_text(lang),
    ])) for c in dataset.columns])


def _explain(column: Column, lang: str) -> str:
    if note := column.note(lang):
        return note
    return t(f"explain_{column.kind}" if column.kind in ("date", "int", "money") else "explain_text", lang)


def template_csv(dataset: Dataset, lang: str = DEFAULT_LANG) -> bytes:
    """Notes above the header (the importer finds the header row), then the example row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([t("template_heading", lang, title=dataset.title(lang).upper())])
    for column in dataset.columns:
        line = "template_line_required" if column.required else "template_line"
        writer.writerow([t(line, lang, header=column.header(lang), explanation=_explain(column, lang))])
    writer.writerow([])
    writer.writerow([c.header(lang) for c in dataset.columns])
    writer.writerow([neutralise(c.example_text(lang)) for c in dataset.columns])
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(dataset: Dataset, lang: str = DEFAULT_LANG) -> bytes:
    """A dataset's XLSX template: headers in the chosen language, text-formatted cells, a greyed
    example row (its codes start with EXAMPLE_PREFIX, so the importer refuses it) and a
    guide sheet with every column's note."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        book = writer.book
        sheet = book.add_worksheet(t("template_sheet_data", lang))
        bold = book.add_format({"bold": True, "bg_color": "#dbe4ff", "border": 1, "text_wrap": True})
        text = book.add_format({"num_format": "@"})
        # The example row looks like one; its codes start with EXAMPLE_PREFIX and the importer refuses it.
        example = book.add_format({"num_format": "@", "italic": True, "font_color": "#868e96"})
        for i, column in enumerate(dataset.columns):
            header = column.header(lang)
            sheet.write_string(0, i, header, bold)
            fmt = text if column.kind in ("text", "tax_code", "enum") else None
            sheet.set_column(i, i, max(14, len(header) + 4), fmt)
            sheet.write_string(1, i, column.example_text(lang), example)
            if note := column.note(lang):
                sheet.write_comment(0, i, note)
        sheet.write_comment(1, 0, t("template_example_note", lang))
        sheet.freeze_panes(1, 0)
        guide_sheet = t("template_sheet_guide", lang)
        guide(dataset, lang).to_excel(writer, sheet_name=guide_sheet, index=False)
        writer.sheets[guide_sheet].set_column(0, 5, 28)
    return buffer.getvalue()
