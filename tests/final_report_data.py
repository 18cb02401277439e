"""Hand-made data for the phase's final review report: some targets met, some not (a count without
records, a growth target with falls), one tracked only; and a plan narrowed to targets all met."""
from __future__ import annotations

import dataclasses
import io

from docx import Document

from nscl import analytics
from nscl.present.report import ReportSettings, build_report
from tests.conftest import d, insert
from tests.helpers_quality import tiny_png
from tests.slides_from_db import collect

CLOSED_AS_OF = d("2026-12-06")


def firm(tax: str) -> dict:
    return dict(tax_code=tax, name="Công ty " + tax, sector_code="C", place_code="450", size="small",
                ownership="non_state")


def certificates_growing(con) -> None:
    """ISO 9001 valid at each year end: 10, 11, 13, 15, 17, 19 (2020-2025): every year up at least 10 %."""
    issued = [("2019-06-01", 10), ("2021-06-01", 1), ("2022-06-01", 2), ("2023-06-01", 2), ("2024-06-01", 2),
              ("2025-06-01", 2)]
    rows, n = [], 0
    for day, count in issued:
        for _ in range(count):
            n += 1
            rows.append(dict(certificate_no=f"Q{n}", body="QUACERT", tax_code="0100000001", standard="ISO 9001",
                             issued_on=d(day), expires_on=None, withdrawn_on=None))
    insert(con, "certificates", rows)


def support_with_falls(con) -> None:
    """Enterprises supported: 10, 12, 9, 11, 13, 12 (2020-2025): falls in 2022 and 2025."""
    per_year = {2020: 10, 2021: 12, 2022: 9, 2023: 11, 2024: 13, 2025: 12}
    rows = []
    for year, count in per_year.items():
        rows += [dict(id=f"H{year}-{i}", tax_code=f"01000000{i:02d}", supported_on=d(f"{year}-03-01"),
                      solution_type="improvement_tool") for i in range(1, count + 1)]
    insert(con, "support_records", rows)


def experts(con, days: list[str]) -> None:
    insert(con, "experts", [dict(certificate_no=f"E{i}", person_id=f"p{i}", person_name=f"P{i}",
                                 certified_on=d(day), place_code="450") for i, day in enumerate(days)])


def mixed(con) -> None:
    """3 of about 5 experts (not met), no manager record (not met, 0), ISO 9001 met every year,
    supported with two falls (not met), no ISO 14001 (inconclusive), pilots continuing, bodies tracked."""
    insert(con, "enterprises", [firm(f"01000000{i:02d}") for i in range(1, 14)])
    experts(con, ["2021-03-01", "2023-03-01", "2025-12-20"])
    certificates_growing(con)
    support_with_falls(con)


def all_met(con, plan):
    """The plan narrowed to its experts and ISO 9001 targets, both met."""
    insert(con, "enterprises", [firm("0100000001")])
    experts(con, ["2021-03-01", "2022-03-01", "2023-03-01", "2024-03-01", "2025-03-01"])
    certificates_growing(con)
    return dataclasses.replace(plan, targets=(plan.target("experts"), plan.target("iso9001")))


def report_paragraphs(con, plan, lang: str = "vi", as_of=CLOSED_AS_OF, phase_id: str = "2021-2025",
                      settings: ReportSettings | None = None):
    """(slides, the report's paragraphs' texts, the document) for the data in con."""
    analytics.ensure_current(con)  # as the app does on opening, after rows written by hand
    _, slides = collect(con, plan, phase_id, as_of, lang)
    targets = [s for s in slides if s.kind == "target"]
    data = build_report(plan, slides, as_of, phase_id, settings or ReportSettings(), today=as_of,
                        images=[tiny_png()] * len(targets), lang=lang)
    document = Document(io.BytesIO(data))
    return slides, [p.text for p in document.paragraphs], document
