"""Upload limits and where originals are archived (configurable by environment).

Every limit is checked before the work it protects, so any file, however built, is answered within
about `read_seconds` and without the server holding more than a bounded amount of memory:

- the file's size (`max_bytes`) before anything is read;
- for a CSV: the longest line (`max_line_bytes`) and the number of lines (at most `max_cells`) by a
  byte scan before decoding and parsing; then, while parsing, each cell's length (`max_line`), each
  row's number of non-empty columns (`max_columns`) and the running number of cells (`max_cells`);
- for an Excel file that is a zip (xlsx, xlsm, xlsb, ods): the number of members, the unzipped size
  (`max_unzipped_bytes`) and each member's compression ratio (`max_zip_ratio`) from the zip's
  directory, and the sheet's declared extent (`<dimension ref=...>`) against `max_columns`,
  `max_cells` and Excel's own grid, all before anything is decompressed in bulk;
- every spreadsheet is then read in a child process limited to `read_memory_bytes` of address
  space and `read_seconds` of wall-clock time (at most `sandbox.CONCURRENT_READS` children at once
  per server process); the child checks the sheet's real extent (columns, cells) before converting
  it, each cell's length (`max_line`), and stops its output at `max_unzipped_bytes`;
- the number of data rows (`max_rows`) once the header is found.

Worst-case memory held by the server process for one upload is about the file itself, its decoded
text and `max_cells` short strings (roughly 60 bytes each): about 1.5 GB at the defaults, usually
far less; each reading child adds at most `read_memory_bytes`.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..i18n import Message, Num
from ..settings import STATE_DIR, Settings

MB = 1024 * 1024


def vi_number(value: float, decimals: int = 0) -> str:
    """A number as Vietnamese write it: "1.234.567" and "100,5" (thousands ".", decimals ",")."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def megabytes(size: int) -> Num:
    """A size in MB for a message: whole from 10 MB up, else with one decimal unless whole."""
    mb = size / MB
    return Num(mb, 0 if mb >= 10 or mb == int(mb) else 1)


@dataclass(frozen=True)
class Limits:
    """What one upload may hold and cost; each field says what it bounds and its variable."""

    max_bytes: int = 100 * MB
    """Size of the uploaded file (NSCL_MAX_UPLOAD_MB)."""
    max_rows: int = 1_000_000
    """Data rows in one file, counted after the header (NSCL_MAX_ROWS)."""
    max_line: int = 1_000_000
    """Characters in one cell, CSV or Excel (NSCL_MAX_CELL_CHARS). The name is kept for callers."""
    max_line_bytes: int = 1 * MB
    """Bytes in one physical line of a CSV (NSCL_MAX_LINE_KB): checked before decoding, so a
    single line holding millions of fields never reaches the parser."""
    max_columns: int = 200
    """Non-empty columns in one row, CSV or Excel (NSCL_MAX_COLUMNS). Every dataset has fewer
    than 20; trailing empty cells (Excel's "used range") do not count in a CSV."""
    max_cells: int = 20_000_000
    """Cells in one file or sheet, empty ones included (NSCL_MAX_CELLS): 1,000,000 rows of 20
    columns. For an Excel sheet this is its extent, from A1 to its last cell."""
    max_unzipped_bytes: int = 200 * MB
    """Total unzipped size of an xlsx/xlsm/xlsb/ods, as its zip directory declares it; also caps
    the cell text the reading child returns (NSCL_MAX_UNZIPPED_MB)."""
    max_zip_ratio: int = 100
    """Unzipped ÷ zipped size of any member larger than 1 MB unzipped (NSCL_MAX_ZIP_RATIO). Real
    workbooks stay below about 30; a zip bomb is in the hundreds or thousands."""
    max_zip_members: int = 10_000
    """Members of an xlsx/ods zip (NSCL_MAX_ZIP_MEMBERS); real workbooks hold tens."""
    read_memory_bytes: int = 1536 * MB
    """Address space of the child process that reads a spreadsheet (NSCL_READ_MEMORY_MB)."""
    read_seconds: float = 30.0
    """Wall-clock time the child process may take to read a spreadsheet (NSCL_READ_SECONDS)."""
    archive_dir: str = str(STATE_DIR / "uploads")
    """Where committed originals are kept under their SHA-256 (NSCL_ARCHIVE)."""

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Limits:
        """The limits an operator set (nscl.settings.Settings, from the environment by default)."""
        s = settings or Settings.from_env()
        return cls(
            max_bytes=s.max_upload_bytes, max_rows=s.max_rows, max_line=s.max_cell_chars,
            max_line_bytes=s.max_line_bytes, max_columns=s.max_columns, max_cells=s.max_cells,
            max_unzipped_bytes=s.max_unzipped_bytes, max_zip_ratio=s.max_zip_ratio,
            max_zip_members=s.max_zip_members, read_memory_bytes=s.read_memory_bytes,
            read_seconds=s.read_seconds, archive_dir=s.archive_dir,
        )

    def too_big(self, size: int) -> Message:
        """The message for a file of `size` bytes over `max_bytes` (`.text(lang)` to show it)."""
        return Message("read_too_big", {"size": Num(size / MB, 1), "limit": megabytes(self.max_bytes)})

    def too_many_cells(self) -> Message:
        return Message("read_too_many_cells", {"limit": self.max_cells})

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}
