"""Plan files checked strictly: an unknown or misspelt field at any level, a wrong type, a missing
field, a TOML syntax error and a phase that is not whole years each get a message naming the file,
the field path and the line, every mistake at once; in the command line (`plan check`), at start
(PlanFileError) and in the generated reference (docs/plan-file.md)."""
import subprocess
import sys

import pytest

from nscl import plan_schema
from nscl.plan import PlanError, PlanFileError, load_plan, load_plan_by_id
from nscl.settings import PLANS_DIR, ROOT
from tests.conftest import FIXTURES

SHIPPED = PLANS_DIR / "quang-binh-676.toml"
TEXT = SHIPPED.read_text(encoding="utf-8")


def edited(tmp_path, *changes: tuple[str, str], name: str = "plan.toml"):
    """The shipped plan with each (line as written, replacement lines) change, written as `name`."""
    text = TEXT
    for old, new in changes:
        assert text.count(old + "\n") == 1, old
        text = text.replace(old + "\n", new + "\n")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, text.splitlines()


def mistakes(path, lang="vi") -> list[str]:
    with pytest.raises(PlanFileError) as caught:
        load_plan(path)
    assert isinstance(caught.value, PlanError)  # every caller of the plan catches it as before
    return caught.value.lines(lang)


def line_of(lines: list[str], text: str) -> int:
    return lines.index(text) + 1


@pytest.mark.parametrize("path", [SHIPPED, FIXTURES / "plans" / "test-province.toml"], ids=lambda p: p.name)
def test_the_shipped_plans_pass(path):
    assert plan_schema.read(path.read_bytes(), path.name).plan.id
    assert load_plan(path).targets


@pytest.mark.parametrize("after, added, path", [
    ('id = "quang-binh-676"', "stray = 1", "plan.stray"),
    ("end = 2030-12-31", "length = 5", "phases.2026-2030.length"),
    ("about_tolerance = 0.10", "on_trak = 0.9", "assessment.on_trak"),
    ("checked_months = 6", "flag = true", "data_quality.flag"),
    ('source_vi = "tăng cường năng lực cho các tổ chức đánh giá sự phù hợp đạt chuẩn mực quốc tế"', "note = \"x\"",
     "targets.cab.note"),
])
def test_an_unknown_field_is_refused_at_every_level(tmp_path, after, added, path):
    plan, lines = edited(tmp_path, (after, f"{after}\n{added}"))
    name = path.rsplit(".", 1)[1]
    hint = {"on_trak": " (có phải on_track?)"}.get(name, "")
    assert mistakes(plan) == [f"plan.toml, dòng {line_of(lines, added)}: {path}: trường không được phép: {name}{hint}"]


def test_an_unknown_top_level_table_and_dataset_are_refused(tmp_path):
    plan, lines = edited(tmp_path, ("[assessment]", "[assesment]"),
                         ("max_age_months = { certificates = 3, support = 1, participants = 3, experts = 6, pilots = 6, "
                          "cabs = 12 }", "max_age_months = { certificate = 3 }"))
    header = line_of(lines, "[assesment]")
    ages = line_of(lines, "max_age_months = { certificate = 3 }")
    assert mistakes(plan) == [
        f"plan.toml, dòng {ages}: data_quality.max_age_months.certificate: trường không được phép: certificate "
        "(có phải certificates?)",
        f"plan.toml, dòng {header}: assesment: trường không được phép: assesment (có phải assessment?)"]


def test_a_misspelt_ceiling_is_named_with_its_line_in_both_languages(tmp_path):
    plan, lines = edited(tmp_path, ("rate_max = 0.15", "rate_mx = 0.15"))
    n = line_of(lines, "rate_mx = 0.15")
    assert mistakes(plan, "vi") == [f"plan.toml, dòng {n}: targets.supported.rate_mx: trường không được phép: rate_mx "
                                    "(có phải rate_max?)"]
    assert mistakes(plan, "en") == [f"plan.toml, line {n}: targets.supported.rate_mx: field not allowed: rate_mx "
                                    "(did you mean rate_max?)"]


def test_wrong_types_are_named_with_what_was_written(tmp_path):
    plan, lines = edited(tmp_path, ("expiring_months = 6", "expiring_months = 6.0"),
                         ("issued = 2021-04-29", 'issued = "29/04/2021"'),
                         ('values = { "2021-2025" = 200, "2026-2030" = 300 }',
                          'values = { "2021-2025" = "200", "2026-2030" = 300 }'),
                         ("rate_max = 0.15", "rate_max = 15"))
    n = {key: next(i for i, line in enumerate(lines, 1) if line.startswith(start))
         for key, start in (("issued", "issued"), ("expiring", "expiring_months"),
                            ("values", 'values = { "2021-2025" = "200"'), ("rate", "rate_max = 15"))}
    assert mistakes(plan, "en") == [
        f'plan.toml, line {n["issued"]}: plan.issued: must be a date (YYYY-MM-DD), not the text "29/04/2021"',
        f"plan.toml, line {n['expiring']}: assessment.expiring_months: must be a whole number, "
        "not the decimal number 6.0",
        f'plan.toml, line {n["values"]}: targets.managers.values.2021-2025: must be a '
        'number, not the text "200"',
        f"plan.toml, line {n['rate']}: targets.supported.rate_max: must be at most 1, not 15"]


def test_missing_required_fields_are_named_at_their_table(tmp_path):
    plan, lines = edited(tmp_path, ('number = "676/KH-UBND"', ""),
                         ('name_en = "Certified productivity and quality experts"', ""))
    assert mistakes(plan) == [
        f"plan.toml, dòng {line_of(lines, '[plan]')}: plan.number: thiếu trường bắt buộc",
        f"plan.toml, dòng {line_of(lines, '[[targets]]')}: targets.experts.name_en: thiếu trường bắt buộc"]


def test_a_toml_syntax_error_names_its_line_and_column(tmp_path):
    plan, lines = edited(tmp_path, ("usual_months = 9", "usual_months = 9 months"))
    n = line_of(lines, "usual_months = 9 months")
    assert mistakes(plan) == [f"plan.toml, dòng {n}, cột 18: lỗi cú pháp TOML (Expected newline or end of document "
                              "after a statement)"]


def test_a_phase_that_is_not_whole_years_or_overlaps_is_named(tmp_path):
    plan, lines = edited(tmp_path, ("start = 2026-01-01", "start = 2025-07-01"))
    n = line_of(lines, "start = 2025-07-01")
    assert mistakes(plan, "en") == [
        f"plan.toml, line {n}: phases.2026-2030.start: a phase must start on 1 January (whole calendar years), "
        "not 2025-07-01"]
    plan, lines = edited(tmp_path, ("start = 2026-01-01", "start = 2025-01-01"))
    header = [i for i, line in enumerate(lines, 1) if line == "[[phases]]"][1]
    assert mistakes(plan, "en") == [f"plan.toml, line {header}: phases.2026-2030: phases "
                                    "2021-2025 and 2026-2030 overlap or are out of order"]


def test_every_mistake_is_listed_not_only_the_first(tmp_path):
    plan, _ = edited(tmp_path, ("rate_max = 0.15", "rate_mx = 0.15"), ("on_track = 0.95", "on_track = 95"),
                     ('kind = "monitor"', 'kind = "monitored"'))
    assert [line.split(": ")[1] for line in mistakes(plan)] == [
        "assessment.on_track", "targets.supported.rate_mx", "targets.cab.kind"]


def test_an_entry_without_a_unique_id_is_named_by_its_number(tmp_path):
    plan, lines = edited(tmp_path, ('id = "managers"', 'id = "experts"'))
    second = [i for i, line in enumerate(lines, 1) if line == 'id = "experts"'][1]
    assert mistakes(plan, "en") == [f'plan.toml, line {second}: targets[2].id: target id "experts" is already used '
                                    "by another target"]


def test_the_app_start_gets_a_specific_error_naming_the_file_not_its_folder(tmp_path):
    edited(tmp_path, ("rate_max = 0.15", "rate_mx = 0.15"), name="broken.toml")
    with pytest.raises(PlanFileError) as caught:
        load_plan_by_id("quang-binh-676", tmp_path)
    error = caught.value
    assert error.file == "broken.toml" and [p.path for p in error.problems] == ["targets.supported.rate_mx"]
    assert str(tmp_path) not in str(error) and str(error).startswith("broken.toml, dòng ")


def run(*args):
    return subprocess.run([sys.executable, "-m", "nscl", "plan", *args], cwd=ROOT, capture_output=True, text=True,
                          env={"PATH": "/usr/bin"})


def test_plan_check_exit_codes_and_output(tmp_path):
    ok = run("check", str(SHIPPED))
    assert (ok.returncode, ok.stdout) == (0, f"{SHIPPED}: hợp lệ — kế hoạch quang-binh-676 (676/KH-UBND), "
                                             "2 giai đoạn, 7 mục tiêu.\n")
    plan, lines = edited(tmp_path, ("rate_max = 0.15", "rate_mx = 0.15"), ("on_track = 0.95", 'on_track = "95%"'))
    bad = run("check", str(plan), "--lang", "en")
    on_track = line_of(lines, 'on_track = "95%"')
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == [
        f'{plan}, line {on_track}: assessment.on_track: must be a number, not the text "95%"',
        f"{plan}, line {line_of(lines, 'rate_mx = 0.15')}: targets.supported.rate_mx: field not allowed: rate_mx "
        "(did you mean rate_max?)",
        f"{plan}: 2 mistakes; the plan cannot be used until all are fixed."]
    missing = run("check", str(tmp_path / "none.toml"))
    assert missing.returncode == 2 and missing.stderr == f"Không tìm thấy tệp {tmp_path / 'none.toml'}.\n"


def test_the_reference_is_generated_from_the_models():
    committed = (ROOT / "docs" / "plan-file.md").read_text(encoding="utf-8")
    assert plan_schema.reference() == committed, "run: python -m nscl plan docs > docs/plan-file.md"
    assert run("docs").stdout == committed
    for model in (plan_schema.PlanSection, plan_schema.Phase, plan_schema.Target, plan_schema.Assessment,
                  plan_schema.DataQuality, plan_schema.MaxAgeMonths):
        for name, info in model.model_fields.items():
            assert f"| `{name}` |" in committed and info.description, name
