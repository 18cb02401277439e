"""Freshness and completeness: every card, slide, deck note and report section says when its data
last changed and how many records it holds, flags data older than the plan's age and names the
places that usually report but have months without records."""
import datetime as dt
import io

import pytest
from docx import Document
from pptx import Presentation

from nscl import quality
from nscl.plan import PlanError, load_plan_by_id, parse_plan
from nscl.present.deck import build_deck
from nscl.present.quality import months_text
from nscl.present.report import ReportSettings, build_report
from tests.conftest import FIXTURES, insert
from tests.helpers_quality import seed_gaps, tiny_png, upload
from tests.slides_from_db import collect

AS_OF = dt.date(2024, 11, 15)


@pytest.fixture
def seeded(con):
    seed_gaps(con)
    insert(con, "certificates", [{"certificate_no": "C1", "body": "QUACERT", "tax_code": "3100000001",
                                  "standard": "ISO 9001", "issued_on": dt.date(2024, 3, 2)}])
    from nscl import analytics
    analytics.refresh(con)
    upload(con, "support", dt.datetime(2024, 11, 1, 9, 30), by="lan")
    upload(con, "certificates", dt.datetime(2024, 7, 1, 8, 0), by="hung", file_name="gcn.xlsx")
    return con


def test_each_dataset_has_its_records_and_last_change(seeded):
    states = quality.states(seeded)
    assert states["support"].records == 18 + 16 + 16 + 9
    assert states["support"].last_changed == dt.datetime(2024, 11, 1, 9, 30)
    assert states["certificates"].records == 1
    assert (states["certificates"].last_by, states["certificates"].last_file) == ("hung", "gcn.xlsx")
    assert states["enterprises"].records == 4 and states["enterprises"].last_changed is None


def test_places_that_usually_report_are_named_with_their_missing_months(seeded, plan):
    gaps = quality.gaps(seeded, plan, AS_OF)
    assert sorted(zip(gaps["area_code"], gaps["month"].astype(str))) == [
        ("452", "2024-09-01"), ("452", "2024-10-01"), ("453", "2024-09-01"), ("453", "2024-10-01")]
    assert set(gaps["dataset"]) == {"support"} and set(gaps["geography"]) == {"district"}


def test_cards_slides_deck_and_report_say_it(seeded, plan):
    results, slides = collect(seeded, plan, "2021-2025", AS_OF, "vi")
    cards = {s.card.target_id: s.card for s in slides if s.kind == "target"}
    supported, iso = cards["supported"].notes, cards["iso9001"].notes
    assert supported.freshness == "Dữ liệu hỗ trợ doanh nghiệp cập nhật lần cuối 01/11/2024, 59 bản ghi"
    assert supported.stale == ""  # within its month
    assert supported.gap == "Thiếu số liệu 2 huyện tháng 9-10/2024"
    assert iso.freshness == "Dữ liệu chứng nhận cập nhật lần cuối 01/07/2024, 1 bản ghi"
    assert iso.stale == "Cảnh báo: dữ liệu cũ hơn 3 tháng (mức kế hoạch cho phép), cần cập nhật"
    target_slide = next(s for s in slides if s.kind == "target" and s.card.target_id == "iso9001")
    assert iso.freshness in target_slide.notes and iso.stale in target_slide.notes

    deck = Presentation(io.BytesIO(build_deck(slides, "test")))
    index = slides.index(target_slide)
    page = deck.slides[index]
    assert iso.freshness in page.notes_slide.notes_text_frame.text
    shown = " ".join(shape.text_frame.text for shape in page.shapes if shape.has_text_frame)
    assert iso.freshness in shown and iso.stale in shown

    targets = [s for s in slides if s.kind == "target"]
    data = build_report(plan, slides, AS_OF, "2021-2025", ReportSettings(), today=AS_OF,
                        images=[tiny_png()] * len(targets))
    text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert f"{supported.freshness}. {supported.gap}." in text
    assert f"{iso.freshness}. {iso.stale}." in text


def test_english_texts(seeded, plan):
    _, slides = collect(seeded, plan, "2021-2025", AS_OF, "en")
    card = next(s.card for s in slides if s.kind == "target" and s.card.target_id == "supported")
    assert card.notes.freshness == "Support data last changed on 01/11/2024, 59 records"
    assert card.notes.gap == "Missing data: 2 district(s) in 9-10/2024"


def test_gaps_after_the_reform_are_counted_in_communes(con, plan):
    from nscl import analytics
    from tests.helpers_quality import firm, monthly_support
    insert(con, "enterprises", [firm("3100000011", "18880"), firm("3100000012", "18859")])
    monthly_support(con, "3100000011", dt.date(2025, 7, 1), dt.date(2026, 10, 1))
    monthly_support(con, "3100000012", dt.date(2025, 7, 1), dt.date(2026, 8, 1))
    analytics.refresh(con)
    gaps = quality.gaps(con, plan, dt.date(2026, 11, 26))
    assert list(gaps["area_code"]) == ["18859", "18859"] and set(gaps["geography"]) == {"current"}
    _, slides = collect(con, plan, "2026-2030", dt.date(2026, 11, 26), "vi")
    card = next(s.card for s in slides if s.kind == "target" and s.card.target_id == "supported")
    assert card.notes.gap == "Thiếu số liệu 1 xã tháng 9-10/2026"


def test_a_plan_without_ages_never_flags_and_a_bad_age_is_refused():
    test_plan = load_plan_by_id("test-province-99", FIXTURES / "plans")
    assert test_plan.quality.max_age("certificates") is None
    old = quality.DatasetState("certificates", 3, dt.datetime(2019, 1, 1))
    assert not quality.is_stale(old, test_plan.quality.max_age("certificates"), AS_OF)
    import tomllib
    raw = tomllib.loads((FIXTURES / "plans" / "test-province.toml").read_text(encoding="utf-8"))
    raw["data_quality"] = {"max_age_months": {"certificate": 3}}
    with pytest.raises(PlanError, match="data_quality.max_age_months.certificate: trường không được phép: "
                                       r"certificate \(có phải certificates\?\)"):
        parse_plan(raw)
    raw["data_quality"] = {"max_age_months": {"certificates": 0}}
    with pytest.raises(PlanError, match="data_quality.max_age_months.certificates: phải từ 1 trở lên, không phải 0"):
        parse_plan(raw)
    raw["data_quality"] = {"max_age_months": {"certificates": 1.5}}
    with pytest.raises(PlanError, match="certificates: phải là số nguyên, không phải số thập phân 1.5"):
        parse_plan(raw)


def test_month_runs_read_as_a_person_writes_them():
    d = dt.date
    assert months_text([d(2026, 9, 1), d(2026, 10, 1)]) == "9-10/2026"
    assert months_text([d(2025, 12, 1), d(2026, 1, 1), d(2026, 3, 1)]) == "12/2025-1/2026, 3/2026"
    assert quality.add_months(d(2024, 3, 31), -1) == d(2024, 2, 29)
