"""Plan configuration: all seven targets of Plan 676, and a second plan works without code changes."""
import datetime as dt
import shutil

import pytest

from nscl.plan import PlanError, load_plan, load_plan_by_id, parse_plan
from nscl.settings import ROOT
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
    # shared/ lies beside the repository, on developer machines and in CI alike.
    text = (ROOT.parent / "shared" / "reference" / "plan-676-announcement.vi.txt").read_text(encoding="utf-8")
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


def test_second_plan_fixture_loads():
    other = load_plan(FIXTURES / "plans" / "test-province.toml")
    assert other.id == "test-province-99"
    assert [t.id for t in other.targets] == ["experts", "supported"]
    assert other.target("experts").values["2021-2025"] == 2


@pytest.mark.parametrize("broken, message", [
    ({"kind": "ratio"}, "kind must be one of"),
    ({"kind": "growth", "rate_min": None}, "needs rate_min"),
    ({"values": {"2040-2045": 3}}, "unknown periods"),
])
def test_a_broken_target_is_explained(broken, message):
    raw = {
        "plan": {"id": "x", "number": "1", "issuer_vi": "a", "issuer_en": "a", "province_vi": "p",
                 "province_en": "p", "title_vi": "t", "title_en": "t"},
        "phases": [{"id": "2021-2025", "start": dt.date(2021, 1, 1), "end": dt.date(2025, 12, 31)}],
        "targets": [{"id": "experts", "kind": "count", "name_vi": "n", "name_en": "n", "unit_vi": "u",
                     "unit_en": "u", "definition_vi": "d", "definition_en": "d", "values": {"2021-2025": 1}}],
    }
    raw["targets"][0].update({k: v for k, v in broken.items() if v is not None})
    if broken.get("rate_min", 1) is None:
        raw["targets"][0].pop("rate_min", None)
    with pytest.raises(PlanError, match=message):
        parse_plan(raw)


def test_unknown_plan_id_is_explained(tmp_path):
    shutil.copy(FIXTURES / "plans" / "test-province.toml", tmp_path)
    with pytest.raises(PlanError, match="no plan with id 'nope'"):
        load_plan_by_id("nope", tmp_path)
