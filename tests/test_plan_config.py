"""Plan configuration: all seven targets of Plan 676, and a second plan works without code changes."""
import datetime as dt
import shutil

import pytest

from nscl.connect import open_database
from nscl.plan import PlanError, PlanFileError, load_plan, load_plan_by_id, parse_plan
from tests.conftest import FIXTURES


def test_plan_676_has_the_seven_targets_with_their_numbers(plan):
    assert plan.number == "676/KH-UBND"
    assert plan.issued == dt.date(2021, 4, 29)
    assert [p.id for p in plan.phases] == ["2021-2025", "2026-2030"]
    assert [t.id for t in plan.targets] == ["experts", "managers", "supported", "iso9001", "iso14001", "pilots", "cab"]
    assert plan.target("experts").values == {"2021-2025": 5, "2026-2030": 10}
    assert plan.target("managers").values == {"2021-2025": 200, "2026-2030": 300}
    assert (plan.target("supported").rate_min, plan.target("supported").rate_max) == (0.10, 0.15)
    assert plan.target("iso9001").rate_min == 0.10 and plan.target("iso14001").standard == "ISO 14001"
    assert plan.target("pilots").scope == "programme"
    assert plan.target_value(plan.target("pilots"), plan.phases[0]) == 10
    assert plan.target("cab").kind == "monitor"
    for target in plan.targets:
        assert target.source_vi and target.names["vi"] and target.names["en"]


def test_plan_sentences_are_quoted_from_the_announcement(plan):
    # A copy of the provincial portal's announcement, kept with the tests (the product is complete
    # in its own repository).
    text = (FIXTURES / "plan-676-announcement.vi.txt").read_text(encoding="utf-8")
    for tid in ("supported", "pilots", "cab"):
        assert plan.target(tid).source_vi in text


def test_phase_lookup(plan):
    assert plan.phase_for(dt.date(2026, 11, 26)).id == "2026-2030"
    assert plan.phase_for(dt.date(2019, 1, 1)).id == "2021-2025"
    assert plan.programme.id == "2021-2030"


def test_targets_are_mirrored_into_the_database(con, plan):
    rows = con.execute("SELECT target_id, period_id, value FROM plan_targets "
                       "WHERE plan_id = $p AND kind = 'count' ORDER BY ALL", {"p": plan.id}).fetchall()
    assert rows == [("experts", "2021-2025", 5.0), ("experts", "2026-2030", 10.0),
                    ("managers", "2021-2025", 200.0), ("managers", "2026-2030", 300.0),
                    ("pilots", "2021-2030", 10.0)]


def test_second_plan_differs_in_ids_indicators_phases_thresholds_and_outline():
    other = load_plan(FIXTURES / "plans" / "test-province.toml")
    assert other.id == "test-province-99"
    assert [t.id for t in other.targets] == ["chuyen-gia", "dn-ho-tro", "haccp-moi", "iso22000", "mo-hinh"]
    assert [p.id for p in other.phases] == ["2021-2030"] and other.programme.id == "2021-2030"
    assert (other.thresholds.on_track, other.thresholds.accelerate) == (0.90, 0.50)
    assert other.target("haccp-moi").options == (("standard", "HACCP"), ("measure", "issued"))
    assert other.target("mo-hinh").option("event") == "started"
    assert other.target("mo-hinh").required(6) == 5  # about 6 with a 20 % tolerance: 4.8 rounds up to 5
    assert other.target("dn-ho-tro").unit("vi") == "cơ sở" and other.target("chuyen-gia").unit("vi") == "chuyên gia"
    assert other.outline == "42"


def test_one_phase_plan_is_mirrored_without_a_duplicate_programme(tmp_path):
    other = load_plan(FIXTURES / "plans" / "test-province.toml")
    con = open_database(":memory:", other)
    rows = con.execute("SELECT period_id, is_phase FROM plan_periods WHERE plan_id = $p", {"p": other.id}).fetchall()
    assert rows == [("2021-2030", True)]


@pytest.mark.parametrize("broken, lines", [
    ({"kind": "ratio"}, ['targets.experts.kind: must be one of count, growth, monitor, not "ratio"']),
    ({"kind": "growth", "rate_min": None}, ['targets.experts.kind: indicator experts can be judged as count only, '
                                            'not "growth"', "targets.experts.rate_min: a growth target needs rate_min"]),
    ({"indicator": "supported", "kind": "growth", "rate_min": None},
     ["targets.experts.rate_min: a growth target needs rate_min"]),
    ({"values": {"2040-2045": 3}},
     ['targets.experts.values.2040-2045: the plan has no period "2040-2045" (its periods: 2021-2025)']),
    ({"indicator": "iso9001"}, ["targets.experts.indicator: must be one of experts, managers, supported, "
                                'certificates, pilots, cabs, not "iso9001"']),
    ({"indicator": "certificates", "kind": "growth", "rate_min": 0.1},
     ["targets.experts.standard: indicator certificates needs this field"]),
    ({"indicator": "certificates", "kind": "growth", "rate_min": 0.1, "standard": "ISO 99999"},
     ['targets.experts.standard: standard "ISO 99999" is not in data/catalogues/standards.csv']),
    ({"indicator": "pilots", "event": "planned"},
     ['targets.experts.event: must be one of recognised, started, not "planned"']),
    ({"qualifier": "gần"}, ["targets.experts.qualifier: must be one of at_least, more_than, about, ít nhất, "
                            'tối thiểu, trên, hơn, khoảng, not "gần"']),
    ({"outline": "Atlantis"}, ['plan.outline: no province is named or coded "Atlantis" among the 63 provinces '
                               "before the 2025 merger"]),
    ({"standard": "ISO 9001"}, ["targets.experts.standard: indicator experts does not use this field"]),
    ({"indicator": "supported", "kind": "growth", "rate_min": 0.2, "rate_max": 0.1},
     ["targets.experts.rate_max: must not be below rate_min (0.2), not 0.1"]),
    ({"indicator": "supported", "kind": "growth", "rate_min": 10}, ["targets.experts.rate_min: must be at most 1, not 10"]),
    ({"values": {"2021-2025": "5"}}, ['targets.experts.values.2021-2025: must be a number, not the text "5"']),
    ({"definition_vi": "d"}, ["targets.experts.definition_vi: field not allowed: definition_vi"]),
])
def test_a_broken_target_is_explained(broken, lines):
    raw = {
        "plan": {"id": "x", "number": "1", "issuer_vi": "a", "issuer_en": "a", "province_vi": "Quảng Bình",
                 "province_en": "p", "title_vi": "t", "title_en": "t"},
        "phases": [{"id": "2021-2025", "start": dt.date(2021, 1, 1), "end": dt.date(2025, 12, 31)}],
        "targets": [{"id": "experts", "indicator": "experts", "kind": "count", "name_vi": "n", "name_en": "n", "unit_vi": "u",
                     "unit_en": "u", "values": {"2021-2025": 1}}],
    }
    broken = dict(broken)
    if "outline" in broken:
        raw["plan"]["outline"] = broken.pop("outline")
    raw["targets"][0].update({k: v for k, v in broken.items() if v is not None})
    with pytest.raises(PlanFileError) as caught:
        parse_plan(raw, "test.toml")
    assert caught.value.lines("en") == [f"test.toml: {line}" for line in lines]


def test_unknown_plan_id_is_explained(tmp_path):
    shutil.copy(FIXTURES / "plans" / "test-province.toml", tmp_path)
    with pytest.raises(PlanError, match="no plan with id 'nope'"):
        load_plan_by_id("nope", tmp_path)


def test_a_phase_that_is_not_whole_calendar_years_is_explained():
    raw = {
        "plan": {"id": "x", "number": "1", "issuer_vi": "a", "issuer_en": "a", "province_vi": "Quảng Bình",
                 "province_en": "p", "title_vi": "t", "title_en": "t"},
        "phases": [{"id": "2021-2025", "start": dt.date(2021, 7, 1), "end": dt.date(2025, 12, 31)}],
        "targets": [],
    }
    with pytest.raises(PlanFileError) as caught:
        parse_plan(raw, "test.toml")
    assert caught.value.lines("vi") == [
        "test.toml: phases.2021-2025.start: giai đoạn phải bắt đầu ngày 1 tháng 1 (trọn năm dương lịch), "
        "không phải 2021-07-01",
        "test.toml: targets: cần ít nhất một mục"]
