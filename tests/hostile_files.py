"""Hostile workbooks built byte by byte (deterministic, a few KB each): a zip whose directory says
what we choose, a minimal xlsx around any sheet XML, and an OLE2 (.xls) container."""
from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    '</Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/sheet1.xml"/>{shared}</Relationships>')
SHARED_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
              'sharedStrings" Target="sharedStrings.xml"/>')


class Repeat:
    """Content given as a chunk repeated n times, compressed without ever being whole in memory."""

    def __init__(self, head: bytes, chunk: bytes, times: int, tail: bytes):
        self.parts = (head, chunk, times, tail)

    def pieces(self) -> Iterable[bytes]:
        head, chunk, times, tail = self.parts
        yield head
        for _ in range(times):
            yield chunk
        yield tail


def zip_bytes(members: list[tuple[str, bytes | Repeat]], declared: dict[str, int] | None = None) -> bytes:
    """A deflated zip; `declared` replaces a member's uncompressed size in both of its headers."""
    declared = declared or {}
    out, central = bytearray(), bytearray()
    for name, content in members:
        pieces = content.pieces() if isinstance(content, Repeat) else [content]
        packer, packed, crc, size = zlib.compressobj(9, zlib.DEFLATED, -15), bytearray(), 0, 0
        for piece in pieces:
            packed += packer.compress(piece)
            crc, size = zlib.crc32(piece, crc), size + len(piece)
        packed += packer.flush()
        size = declared.get(name, size)
        raw = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(packed), size, len(raw), 0)
        out += raw + packed
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(packed), size,
                               len(raw), 0, 0, 0, 0, 0, offset) + raw
    start = len(out)
    out += central
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows: dict[int, list[tuple[str, str]]], dimension: str | None = None) -> str:
    body = "".join(f'<row r="{r}">' + "".join(inline(ref, text) for ref, text in cells) + "</row>"
                   for r, cells in sorted(rows.items()))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"{dim}<sheetData>{body}</sheetData></worksheet>")


def minimal_xlsx(sheet: str, shared_strings: bytes | Repeat | None = None, declared: dict[str, int] | None = None,
                 name: str = "Sheet1") -> bytes:
    """The five parts Excel needs, plus sharedStrings.xml when given."""
    members: list[tuple[str, bytes | Repeat]] = [
        ("[Content_Types].xml", CONTENT_TYPES.encode()),
        ("_rels/.rels", ROOT_RELS.encode()),
        ("xl/workbook.xml", WORKBOOK.format(name=name).encode()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.format(shared=SHARED_REL if shared_strings else "").encode()),
        ("xl/worksheets/sheet1.xml", sheet.encode()),
    ]
    if shared_strings is not None:
        members.append(("xl/sharedStrings.xml", shared_strings))
    return zip_bytes(members, declared)


def header_rows(header: list[str], *data: list[str]) -> dict[int, list[tuple[str, str]]]:
    """Row number -> cells, from A1, for a header and data rows."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return {i + 1: [(f"{letters[j]}{i + 1}", v) for j, v in enumerate(row)] for i, row in enumerate([header, *data])}


def ole2_workbook(stream: bytes) -> bytes:
    """An OLE2 compound file (what .xls is) holding one "Workbook" stream, in 512-byte sectors:
    header, FAT, directory, then the stream (at least 4096 bytes, so no mini stream)."""
    end, free, fat_sector, none = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    stream = stream.ljust(4096, b"\0")
    n = -(-len(stream) // 512)
    fat = [fat_sector, end] + [3 + i for i in range(n - 1)] + [end]
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0" if name else b""
        return (raw.ljust(64, b"\0") + struct.pack("<HBB", len(raw), kind, 1 if name else 0)
                + struct.pack("<III", none, none, child) + b"\0" * 36 + struct.pack("<IIi", start, size, 0))

    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\0" * 6 + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<109I", 0, *[free] * 108))
    directory = (entry("Root Entry", 5, 1, end, 0) + entry("Workbook", 2, none, 2, len(stream))
                 + entry("", 0, none, 0, 0) * 2)
    return header + struct.pack("<128I", *fat) + directory + stream.ljust(n * 512, b"\0")


def biff_record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def xls_stream() -> bytes:
    """BIFF8 records enough for the reader to go past the container: BOF, one BOUNDSHEET, EOF."""
    return (biff_record(0x0809, struct.pack("<HHHHII", 0x600, 0x5, 0, 0, 0, 0))
            + biff_record(0x0085, struct.pack("<IBB", 0, 0, 0) + b"\x02\x00\x00DN")
            + biff_record(0x000A, b"") + biff_record(0x00FC, b"\0" * 8000))


def assert_refused(con, file_name: str, data: bytes, expected: str, limits=None, reader=None,
                   dataset: str = "enterprises") -> str:
    """check_file raises ReadError whose message holds `expected`, and no table changed."""
    import pytest

    from nscl.datasets import DATASETS
    from nscl.ingest.limits import Limits
    from nscl.ingest.pipeline import check_file
    from nscl.ingest.reading import ReadError
    from tests.ingest_helpers import snapshot

    before = snapshot(con)
    with pytest.raises(ReadError) as caught:
        check_file(con, DATASETS[dataset], file_name, data, None, limits or Limits(archive_dir=""),
                   excel_reader=reader)
    assert expected in str(caught.value), str(caught.value)
    assert snapshot(con) == before
    return str(caught.value)
