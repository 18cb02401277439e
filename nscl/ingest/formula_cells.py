"""Cells of a worksheet that the Excel reader gives as empty although they are not: a formula with
no calculated value (written by a program that does not calculate, such as openpyxl or an export
script) and an error value (#DIV/0!, #N/A, #VALUE!, #REF!…).

python-calamine returns both as empty cells, so the worksheet's XML (xlsx, xlsm) is streamed and
searched for them; .xls and .ods are not searched. The search looks for literal tags only (`<f`,
`t="e"`), which the regular expression engine finds at memory-scan speed, and looks closely at
those cells alone. Standard library only: the reading child imports it.
"""
from __future__ import annotations

import re
import zipfile

MB = 1024 * 1024
MAX_FOUND = 1000  # enough to name the first few and count the rest
_PREFIX = re.compile(rb"<(\w+:)?sheetData\b")
_ERROR_TYPE = re.compile(rb"\st\s*=\s*[\"']e[\"']")
_ATTR = re.compile(rb"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


class _Tags:
    """The byte patterns of one sheet, whose elements may carry a namespace prefix ("x:c")."""

    def __init__(self, prefix: bytes):
        p = re.escape(prefix)
        # Separate patterns, each starting with a literal: an alternation would make the engine try
        # every byte (30 times slower).
        self.marks = (re.compile(rb"<" + p + rb"f[\s>/]"), re.compile(rb"t=\"e\""), re.compile(rb"t='e'"))
        self.cell = b"<" + prefix + b"c"
        self.cell_end = b"</" + prefix + b"c>"
        self.value_open = b"<" + prefix + b"v>"
        self.formula = re.compile(rb"<" + p + rb"f[\s>/]")
        self.value = re.compile(rb"<" + p + rb"v\s*(?:/>|>(.*?)</" + p + rb"v>)", re.S)


def uncalculated_cells(book: zipfile.ZipFile, member: str) -> list[list[str]]:
    """[reference, "formula" or "error", error text] for each such cell, in sheet order (at most
    MAX_FOUND). The XML is cut after a row's tag, so a cell never straddles two pieces."""
    found: list[list[str]] = []
    tags: _Tags | None = None
    tail = b""
    with book.open(member) as stream:
        while True:
            chunk = stream.read(MB)
            window = tail + chunk
            if tags is None:
                prefix = _PREFIX.search(window)
                if prefix is None and chunk:
                    tail = window
                    continue
                tags = _Tags(prefix.group(1) or b"" if prefix else b"")
            if not chunk:
                _scan(window, tags, found)
                return found[:MAX_FOUND]
            cut = window.rfind(b"row>") + 4 if b"row>" in window else 0
            _scan(window[:cut], tags, found)
            tail = window[cut:]
            if len(found) >= MAX_FOUND:
                return found[:MAX_FOUND]


def _scan(xml: bytes, tags: _Tags, found: list[list[str]]) -> None:
    last = -1
    for position in sorted(m.start() for pattern in tags.marks for m in pattern.finditer(xml)):
        start = _cell_start(xml, position, tags.cell)
        if start <= last:
            continue
        last = start
        tag_end = xml.find(b">", start)
        if tag_end < 0:
            return
        if xml[tag_end - 1:tag_end] == b"/":
            continue  # <c .../>: nothing inside
        close = xml.find(tags.cell_end, tag_end)
        body = xml[tag_end + 1:close if close >= 0 else len(xml)]
        at = body.find(tags.value_open)
        valued = at >= 0 and body[at + len(tags.value_open):at + len(tags.value_open) + 1] not in (b"<", b"")
        if valued and not _ERROR_TYPE.search(xml, start, tag_end):
            continue  # the usual formula with its value: no closer look (a sheet may hold millions)
        attrs = _attributes(xml[start:tag_end + 1])
        value = tags.value.search(body)
        ref, kind = attrs.get("r", "?"), attrs.get("t", "n")
        if kind == "e" and value and value.group(1):
            found.append([ref, "error", value.group(1).decode("utf-8", "replace").strip()])
        elif tags.formula.search(body) and not _calculated(value, kind):
            found.append([ref, "formula", ""])
        if len(found) >= MAX_FOUND:
            return


def _calculated(value: re.Match | None, kind: str) -> bool:
    """Whether a formula cell holds its result: an empty `<v>` is a result only for a formula
    giving text (t="str"); a number, date or truth value is never empty (openpyxl writes `<v></v>`)."""
    if kind == "inlineStr":
        return True
    return value is not None and (bool(value.group(1)) or kind == "str")


def _cell_start(xml: bytes, position: int, cell: bytes) -> int:
    """Where the cell holding `position` starts: the last `<c` (not `<col`) before it; -1 if none."""
    start = xml.rfind(cell, 0, position + 1)
    while start >= 0 and xml[start + len(cell):start + len(cell) + 1] not in (b" ", b">", b"\t", b"\n", b"\r"):
        start = xml.rfind(cell, 0, start)
    return start


def _attributes(tag: bytes) -> dict[str, str]:
    return {m.group(1).decode("utf-8", "replace"): (m.group(2) if m.group(2) is not None else m.group(3))
            .decode("utf-8", "replace") for m in _ATTR.finditer(tag)}
