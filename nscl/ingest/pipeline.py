"""One path from a file's bytes to checked rows, shared by the upload page, the CLI and tests."""
from __future__ import annotations

from collections.abc import Callable

import duckdb

from ..datasets import Dataset
from ..i18n import DEFAULT_LANG
from .limits import Limits
from .reading import RawTable, ReadError, read_table
from .validation import ERROR, Checked, Problem, validate


def check_file(con: duckdb.DuckDBPyConnection, dataset: Dataset, file_name: str, data: bytes,
               sheet: str | None = None, limits: Limits | None = None, today=None,
               excel_reader: Callable | None = None, lang: str = DEFAULT_LANG) -> tuple[RawTable, Checked]:
    """Read and validate, with the rows' problems in `lang`; ReadError (shown with `text(lang)`) when
    the file is not a usable table. `excel_reader` replaces the reader run in the child process that
    reads spreadsheets (tests)."""
    limits = limits or Limits.from_settings()
    if len(data) > limits.max_bytes:
        raise ReadError(limits.too_big(len(data)))
    raw = read_table(file_name, data, dataset, sheet, limits=limits, excel_reader=excel_reader)
    return raw, with_notices(validate(raw, dataset, con, today=today, lang=lang), raw, lang)


def with_notices(checked: Checked, raw: RawTable, lang: str = DEFAULT_LANG) -> Checked:
    """The reading's own findings (a guessed encoding, values outside the header's columns) among
    the rows' problems, so that every place that lists problems lists them too."""
    if not raw.notices:
        return checked
    checked.problems.extend(Problem(n.row, n.column, n.value, n.message.text(lang), n.severity) for n in raw.notices)
    checked.problems.sort(key=lambda p: (p.row, p.column))
    checked.rejected |= {n.row for n in raw.notices if n.severity == ERROR}
    return checked
