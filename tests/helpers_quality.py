"""Hand-made data for the data-quality and commentary tests: enterprises in three former
districts, support records month by month with chosen gaps, certificates, uploads."""
from __future__ import annotations

import datetime as dt
import struct
import zlib

from nscl import analytics
from nscl.quality import add_months
from tests.conftest import insert


# A tiny valid PNG: the report takes one image per target slide (kaleido is not needed here).
def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
            + chunk(b"IEND", b""))


def firm(tax: str, place: str, sector: str = "C", name: str | None = None) -> dict:
    return {"tax_code": tax, "name": name or f"Công ty {tax}", "sector_code": sector, "place_code": place,
            "size": "small", "ownership": "non_state"}


def monthly_support(con, tax: str, first: dt.date, last: dt.date, skip: tuple[dt.date, ...] = ()) -> int:
    """One support record on the 10th of every month from first to last, except the skipped months."""
    rows, month = [], first
    while month <= last:
        if month not in skip:
            rows.append({"id": f"{tax}-{month:%Y%m}", "tax_code": tax, "supported_on": month.replace(day=10),
                         "solution_type": "improvement_tool"})
        month = add_months(month, 1)
    insert(con, "support_records", rows)
    return len(rows)


def seed_gaps(con) -> None:
    """Đồng Hới (450) reports every month; Ba Đồn (452) and Minh Hóa (453) stop after 8/2024;
    Quảng Ninh (455) reports only now and then, so its empty months are no gap."""
    insert(con, "enterprises", [firm("3100000001", "450"), firm("3100000002", "452"), firm("3100000003", "453"),
                                firm("3100000004", "455")])
    start = dt.date(2023, 5, 1)
    monthly_support(con, "3100000001", start, dt.date(2024, 10, 1))
    monthly_support(con, "3100000002", start, dt.date(2024, 8, 1))
    monthly_support(con, "3100000003", start, dt.date(2024, 8, 1))
    monthly_support(con, "3100000004", start, dt.date(2024, 10, 1),
                    skip=tuple(add_months(start, i) for i in range(0, 18, 2)))
    analytics.refresh(con)


def upload(con, dataset: str, at: dt.datetime, by: str = "lan", file_name: str = "tep.csv") -> None:
    insert(con, "uploads", [{"dataset": dataset, "file_name": file_name, "uploaded_by": by, "uploaded_at": at,
                             "kind": "upload"}])
