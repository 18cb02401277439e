"""The problem report a user downloads: every problem, and the faulty rows with the offending
cells highlighted, in their own row numbers and headers; and the upload page's tables, labelled in
the reader's language."""
from __future__ import annotations

import io

import pandas as pd

from .. import codes
from ..datasets import DATASETS
from ..formula_guard import neutralise
from ..i18n import DEFAULT_LANG, fmt_date, fmt_datetime, fmt_number, has, t
from ..spreadsheets import to_csv_bytes
from .reading import RawTable
from .validation import ERROR, Checked

PROBLEM_COLUMNS = ("row", "column", "value", "message", "severity")
HISTORY_COLUMNS = ("id", "kind", "dataset", "file_name", "uploaded_by", "uploaded_at", "rows_added", "rows_changed",
                   "rows_unchanged", "rows_rejected", "status", "undone_at", "undone_by", "undo_of", "note")
CHANGE_COLUMNS = ("key", "column", "before", "after")
NORMALISED_COLUMNS = ("row", "column", "written", "stored", "rows")


def problems_table(checked: Checked, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    frame = checked.problem_frame()
    frame["severity"] = frame["severity"].map(lambda s: t(f"severity_{s}", lang))
    out = frame.rename(columns={c: t(f"problem_{c}", lang) for c in PROBLEM_COLUMNS})
    out.attrs["plain"] = [t("problem_row", lang)]  # a row number as the spreadsheet writes it
    return out


def report_csv(checked: Checked, lang: str = DEFAULT_LANG) -> bytes:
    return to_csv_bytes(problems_table(checked, lang))


def report_xlsx(checked: Checked, raw: RawTable, lang: str = DEFAULT_LANG) -> bytes:
    """The problem report as an XLSX: a sheet listing every problem, and the rows as uploaded with
    the faulty cells highlighted (errors red, warnings yellow); text is neutralised so that no
    cell runs as a formula."""
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    listing = t("problem_sheet_list", lang)
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        book = writer.book
        problems_table(checked, lang).map(neutralise).to_excel(writer, sheet_name=listing, index=False)
        writer.sheets[listing].set_column(0, 0, 8)
        writer.sheets[listing].set_column(1, 2, 22)
        writer.sheets[listing].set_column(3, 3, 90)
        sheet = book.add_worksheet(t("problem_sheet_rows", lang))
        bold = book.add_format({"bold": True, "bg_color": "#dbe4ff", "border": 1})
        error = book.add_format({"bg_color": "#ffc9c9", "border": 1, "border_color": "#e03131"})
        warning = book.add_format({"bg_color": "#fff3bf"})
        headers = list(raw.headers.items())  # (dataset column, header as written)
        sheet.write_string(0, 0, t("problem_row", lang), bold)
        for j, (_, header) in enumerate(headers, start=1):
            sheet.write_string(0, j, header, bold)
            sheet.set_column(j, j, max(12, len(header) + 2))
        sheet.write_string(0, len(headers) + 1, t("problem_messages", lang), bold)
        sheet.set_column(len(headers) + 1, len(headers) + 1, 90)
        by_row: dict[int, list] = {}
        for p in checked.problems:
            by_row.setdefault(p.row, []).append(p)
        position = {r: i for i, r in enumerate(raw.rows)}
        out = 1
        for row in sorted(r for r in by_row if r in position):
            cells = {p.column: p for p in by_row[row]}
            sheet.write_number(out, 0, row)
            for j, (name, header) in enumerate(headers, start=1):
                value = neutralise(str(raw.frame[name].iat[position[row]] or ""))
                problem = cells.get(header)
                fmt = None if problem is None else (error if problem.severity == ERROR else warning)
                sheet.write_string(out, j, value, fmt)
                if problem is not None:
                    sheet.write_comment(out, j, problem.message)
            sheet.write_string(out, len(headers) + 1, " | ".join(p.message for p in by_row[row]))
            out += 1
        sheet.freeze_panes(1, 1)
    return buffer.getvalue()


PREVIEW_FIRST = 10  # rows of the file the preview always shows, before every row with a problem


def _shown(value, column, lang: str) -> str:
    """A typed value as the preview writes it: dates dd/mm/yyyy, numbers in the reader's style, a
    code list's code by its label; text exactly as it is (shown as text, never as markup)."""
    if value is None or (not isinstance(value, str | list | tuple) and pd.isna(value)):
        return ""
    if column.kind == "date":
        return fmt_date(pd.Timestamp(value).date())
    if column.kind in ("int", "money"):
        return fmt_number(float(value), lang)
    if column.kind == "enum" and column.choices in codes.dimensions():
        return codes.label(column.choices, str(value), lang) or str(value)
    return str(value)


def preview_rows(checked: Checked, raw: RawTable, lang: str = DEFAULT_LANG, first: int = PREVIEW_FIRST) -> pd.DataFrame:
    """The rows a commit would write, as the preview shows them: the file's first `first` rows and
    every row with a problem, in the file's order, each with its row number, what happens to it
    (written, written with a warning, not written) and its problems. A row that will be written
    shows its values as they will be stored; a refused row, its cells as written in the file."""
    dataset = checked.dataset
    by_row: dict[int, list] = {}
    for p in checked.problems:
        by_row.setdefault(p.row, []).append(p)
    typed = {int(r): i for i, r in enumerate(checked.frame["row"])} if "row" in checked.frame.columns else {}
    position = {r: i for i, r in enumerate(raw.rows)}
    chosen = sorted(set(raw.rows[:first]) | {r for r in by_row if r in position})
    out = []
    for number in chosen:
        problems = by_row.get(number, [])
        refused = number in checked.rejected
        outcome = "preview_refused" if refused else ("preview_warned" if problems else "preview_written")
        record = {t("problem_row", lang): number, t("preview_outcome", lang): t(outcome, lang)}
        for column in dataset.columns:
            if not refused and number in typed and column.name in checked.frame.columns:
                value = _shown(checked.frame[column.name].iat[typed[number]], column, lang)
            elif column.name in raw.frame.columns:
                cell = raw.frame[column.name].iat[position[number]]
                value = "" if cell is None or (not isinstance(cell, str) and pd.isna(cell)) else str(cell)
            else:
                value = ""
            record[column.header(lang)] = value
        record[t("preview_problems", lang)] = " | ".join(
            (f"{p.column}: {p.message}" if p.column else p.message) for p in problems)
        out.append(record)
    columns = [t("problem_row", lang), t("preview_outcome", lang), *[c.header(lang) for c in dataset.columns],
               t("preview_problems", lang)]
    return pd.DataFrame(out, columns=columns)


def normalised_table(checked: Checked, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Values stored in another form than written (a job title as its role, "TP. Đồng Hới" as 450, a
    two-digit year in full), one line per distinct form, labelled in the reader's language."""
    frame = checked.normalised[list(NORMALISED_COLUMNS)]
    out = frame.rename(columns={c: t(f"normalised_{c}", lang) for c in NORMALISED_COLUMNS})
    out.attrs["plain"] = [t("normalised_row", lang)]
    return out


def changes_table(changes: pd.DataFrame, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """A preview's sample of changes with headers in the reader's language."""
    return changes.rename(columns={c: t(f"change_{c}", lang) for c in CHANGE_COLUMNS})


def person(login: str | None, names: dict[str, str] | None = None) -> str:
    """Who did something, by the full name of their account (the login when the account is gone
    or has no name); a dash when nobody."""
    if login is None or (not isinstance(login, str) and pd.isna(login)) or login == "":
        return "–"
    return (names or {}).get(login) or login


def history_table(log: pd.DataFrame, lang: str = DEFAULT_LANG, names: dict[str, str] | None = None) -> pd.DataFrame:
    """The upload log (commit.history) as the page shows it: labelled columns, kinds, statuses and
    dataset titles in the reader's language; who uploaded or undid by full name (`names`: login ->
    name of the accounts file), when as the date and time of day in Vietnam (stored in UTC)."""
    out = log.copy()
    for column in ("uploaded_by", "undone_by"):
        if column in out.columns:
            out[column] = [person(v, names) for v in out[column]]
    for column in ("uploaded_at", "undone_at"):
        if column in out.columns:
            out[column] = [fmt_datetime(None if pd.isna(v) else v) for v in out[column]]
    if "undo_of" in out.columns:
        out["undo_of"] = ["–" if pd.isna(v) else f"#{int(v)}" for v in out["undo_of"]]
    for column in ("file_name", "note"):
        if column in out.columns:
            out[column] = ["–" if v is None or (not isinstance(v, str) and pd.isna(v)) else v for v in out[column]]
    labels = {"kind": "history_kind_", "status": "history_status_"}
    for column, prefix in labels.items():
        if column in out.columns:
            out[column] = out[column].map(lambda v, p=prefix: t(f"{p}{v}", lang) if has(f"{p}{v}") else v)
    if "dataset" in out.columns:
        out["dataset"] = out["dataset"].map(lambda v: DATASETS[v].title(lang) if v in DATASETS else v)
    out = out.rename(columns={c: t(f"history_{c}", lang) for c in HISTORY_COLUMNS if c in out.columns})
    out.attrs["plain"] = [t(f"history_{c}", lang) for c in ("id", "undo_of")]  # upload numbers
    return out
