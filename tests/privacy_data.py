"""A small hand-made database holding known personal data, for the privacy tests: what a viewer
who is not signed in must never find on a page or in a download, and what staff must find."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from nscl import commentary
from nscl.connect import open_database
from tests.conftest import insert

AS_OF = "2026-11-26"
PHASE = "2026-2030"

COMPANY_TAX, COMPANY = "3101234567", "Công ty TNHH Sao Mai Quảng Bình"          # a legal entity: public
HOUSEHOLD_TAX, HOUSEHOLD = "044190012345", "Hộ kinh doanh Trần Thị Mận"        # 12 digits: the owner's CCCD
HOUSEHOLD2_TAX, HOUSEHOLD2 = "3105555555", "Hộ kinh doanh Trần Thị Mận"        # the same name and place, older code
HKD_TAX, HKD = "3109876543", "HKD Lê Văn Tùng"                                  # a household by its name
EXPERT, EXPERT_NO, EXPERT_ID = "Phạm Thị Hoa Sen", "CG-PII-001", "044301009999"
PARTICIPANT, PARTICIPANT_ID = "Đỗ Văn Khải", "044095001234"
UPLOADER, UPLOAD_FILE = "lan.nguyen", "hoc-vien-Do-Van-Khai.xlsx"
AUTHOR = "Nguyễn Thị Lan"

# What no viewer who is not signed in may find anywhere; which page shows each to staff.
PERSONAL = {
    "Trần Thị Mận": ("supported", "certification", "pilots", "quality"),
    HOUSEHOLD_TAX: ("supported", "pilots", "quality"),
    HOUSEHOLD2_TAX: ("certification", "quality"),
    "Lê Văn Tùng": ("supported",),
    HKD_TAX: ("supported",),
    EXPERT: ("training",),
    EXPERT_NO: ("training",),
    EXPERT_ID: (),  # no page shows an expert's identity number
    PARTICIPANT: ("quality",),
    PARTICIPANT_ID: ("quality",),
    UPLOADER: ("quality",),
    UPLOAD_FILE: ("quality",),
    AUTHOR: ("overview",),
}
# Public: what every viewer finds, on these pages.
PUBLIC = {COMPANY: ("supported", "certification", "pilots"), COMPANY_TAX: ("supported", "certification", "pilots")}


def firm(tax: str, name: str, place: str = "450") -> dict:
    return {"tax_code": tax, "name": name, "sector_code": "C", "place_code": place, "size": "micro",
            "ownership": "non_state"}


def build(path: Path, plan) -> Path:
    con = open_database(str(path), plan)
    insert(con, "enterprises", [firm(COMPANY_TAX, COMPANY), firm(HOUSEHOLD_TAX, HOUSEHOLD),
                                firm(HOUSEHOLD2_TAX, HOUSEHOLD2), firm(HKD_TAX, HKD, "452")])
    insert(con, "support_records", [
        {"id": f"HT-{i}", "tax_code": tax, "supported_on": dt.date(2026, 3, 10 + i), "solution_type": "improvement_tool",
         "detail": "5S", "funding_vnd": 20_000_000, "funding_source": "local"}
        for i, tax in enumerate((COMPANY_TAX, HOUSEHOLD_TAX, HKD_TAX))])
    insert(con, "certificates", [
        {"certificate_no": "GCN-1", "body": "QUACERT", "tax_code": COMPANY_TAX, "standard": "ISO 9001",
         "issued_on": dt.date(2026, 5, 1), "expires_on": dt.date(2029, 4, 30)},
        {"certificate_no": "GCN-2", "body": "QUACERT", "tax_code": HOUSEHOLD2_TAX, "standard": "ISO 9001",
         "issued_on": dt.date(2026, 4, 1), "expires_on": dt.date(2029, 3, 31)},
        {"certificate_no": "GCN-3", "body": "QUACERT", "tax_code": HOUSEHOLD_TAX, "standard": "ISO 9001",
         "issued_on": dt.date(2022, 1, 10), "expires_on": dt.date(2025, 1, 9)}])  # expired, never renewed
    insert(con, "pilot_models", [
        {"id": "MH-1", "tax_code": COMPANY_TAX, "solution": "Lean", "started_on": dt.date(2026, 1, 5),
         "recognised_on": dt.date(2026, 6, 1), "replicated_to": 3},
        {"id": "MH-2", "tax_code": HOUSEHOLD_TAX, "solution": "5S", "started_on": dt.date(2026, 2, 1),
         "recognised_on": dt.date(2026, 7, 1), "replicated_to": 2}])
    insert(con, "experts", [{"certificate_no": EXPERT_NO, "person_id": EXPERT_ID, "person_name": EXPERT,
                             "organisation": "Sở Khoa học và Công nghệ", "certified_on": dt.date(2026, 5, 5),
                             "place_code": "18880"}])
    insert(con, "courses", [{"id": "KH-1", "kind": "in_depth", "title": "Quản trị năng suất", "organiser": "Sở KH&CN",
                             "start_date": dt.date(2026, 4, 1), "end_date": dt.date(2026, 4, 3), "place_code": "450"}])
    insert(con, "participants", [  # a manager without a tax code: a likely problem listed with the person
        {"course_id": "KH-1", "person_id": PARTICIPANT_ID, "person_name": PARTICIPANT, "role": "manager"}])
    insert(con, "cabs", [{"id": "TC-1", "name": "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
                          "accreditation_standard": "ISO/IEC 17025", "accredited_on": dt.date(2024, 3, 1),
                          "accreditation_expires_on": dt.date(2029, 2, 28), "place_code": "450"}])
    insert(con, "uploads", [{"dataset": "certificates", "file_name": UPLOAD_FILE, "uploaded_by": UPLOADER,
                             "uploaded_at": dt.datetime(2026, 11, 2, 14, 5), "kind": "upload"}])
    commentary.save(con, plan.id, "supported", PHASE, dt.date(2026, 11, 26), {"results": "Đạt kế hoạch năm."},
                    AUTHOR, now=dt.datetime(2026, 11, 20, 9, 0))
    con.execute("CHECKPOINT")
    con.close()  # the app rebuilds the analytics and quality tables when it opens the changed file
    return path
