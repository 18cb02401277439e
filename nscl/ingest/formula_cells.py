"""Cells of a worksheet that the Excel reader gives as empty although they are not: a formula with
no calculated value (written by a program that does not calculate, such as openpyxl or an export
script) and an error value (#DIV/0!, #N/A, #VALUE!, #REF!…).

python-calamine returns both as empty cells, so the worksheet's XML (xlsx, xlsm) is streamed and
searched for them; .xls and .ods are not searched. Only formulas and error markers are looked at
closely, so a sheet without them costs one pass of `bytes.find`-like speed (about 2 ms per MB).
Standard library only: the reading child imports it.
"""
from __future__ import annotations

import re
import zipfile

MB = 1024 * 1024
MAX_FOUND = 1000  # enough to name the first few and count the rest
_MARK = re.compile(rb"<(?:\w+:)?f[\s>/]|\st\s*=\s*[\"']e[\"']")
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_VALUE = re.compile(rb"<(?:\w+:)?v\s*(/>|>(.*?)</(?:\w+:)?v>)", re.S)
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_ATTR = re.compile(rb"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def uncalculated_cells(book: zipfile.ZipFile, member: str) -> list[list[str]]:
    """[reference, "formula" or "error", error text] for each such cell, in sheet order (at most
    MAX_FOUND). The XML is cut after a row's tag, so a cell never straddles two pieces."""
    found: list[list[str]] = []
    tail = b""
    with book.open(member) as stream:
        while True:
            chunk = stream.read(MB)
            window = tail + chunk
            if not chunk:
                _scan(window, found)
                return found
            cut = window.rfind(b"row>") + 4 if b"row>" in window else 0
            _scan(window[:cut], found)
            tail = window[cut:]
            if len(found) >= MAX_FOUND:
                return found[:MAX_FOUND]


def _scan(xml: bytes, found: list[list[str]]) -> None:
    last = -1
    for mark in _MARK.finditer(xml):
        start = _cell_start(xml, mark.start())
        if start <= last or start < 0:
            continue
        last = start
        tag_end = xml.find(b">", start)
        if tag_end < 0:
            return
        attrs = _attributes(xml[start:tag_end + 1])
        if xml[tag_end - 1:tag_end] == b"/":
            continue  # <c .../>: nothing inside
        close = _CELL_END.search(xml, tag_end)
        body = xml[tag_end + 1:close.start() if close else len(xml)]
        value = _VALUE.search(body)
        ref = attrs.get("r", "?")
        if attrs.get("t") == "e" and value and value.group(2):
            found.append([ref, "error", value.group(2).decode("utf-8", "replace").strip()])
        elif _FORMULA.search(body) and not _calculated(value, attrs.get("t", "n")):
            found.append([ref, "formula", ""])
        if len(found) >= MAX_FOUND:
            return


def _calculated(value: re.Match | None, kind: str) -> bool:
    """Whether a formula cell holds its result: an empty `<v>` is a result only for a formula
    giving text (t="str"); a number, date or truth value is never empty (openpyxl writes `<v></v>`)."""
    if kind == "inlineStr":
        return True
    return value is not None and (bool(value.group(2)) or kind == "str")


def _cell_start(xml: bytes, position: int) -> int:
    """Where the cell holding `position` starts: the last `<c` before it."""
    start = xml.rfind(b"c", 0, position + 1)
    while start >= 0:
        begin = xml.rfind(b"<", 0, start + 1)
        if begin >= 0 and _CELL_START.match(xml, begin):
            return begin
        start = xml.rfind(b"c", 0, start)
    return -1


def _attributes(tag: bytes) -> dict[str, str]:
    return {m.group(1).decode("utf-8", "replace"): (m.group(2) if m.group(2) is not None else m.group(3))
            .decode("utf-8", "replace") for m in _ATTR.finditer(tag)}
