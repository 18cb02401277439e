"""AppTest: the app runs in both languages and the overview shows what the SQL computes."""
import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from nscl.i18n import fmt_count
from nscl.indicators import compute_all
from nscl.settings import ROOT, Settings
from nscl.ui import data as ui_data

AS_OF = "2026-11-26"


def run_app(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def rerun(at: AppTest) -> AppTest:
    """Rerun after a widget change.

    AppTest 1.67 drops what the entry script (app.py: sidebar, banner) draws when a rerun
    requests the page it finished on; requesting the default page, as a browser's first
    load does, keeps it. The real server is checked by the browser tests.
    """
    at._finished_page_script_hash = ""
    return at.run()


def html_text(at: AppTest) -> str:
    return " ".join(el.proto.body for el in at.get("html"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_app_runs_without_exception_in_both_languages(app_env, lang):
    at = run_app(lang=lang, as_of=AS_OF)
    assert not at.exception
    assert at.title[0].value == ("Tổng quan" if lang == "vi" else "Overview")
    banner = at.warning[0].value
    assert ("Dữ liệu minh họa" if lang == "vi" else "Illustrative (demo) data") in banner


def test_overview_shows_one_card_per_target_with_sql_values(app_env, plan):
    at = run_app(as_of=AS_OF)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert len(at.metric) == len(plan.targets) == 7
    # The app holds the database file; read through its own (same-process) connection.
    connection, _ = ui_data._database(str(app_env), plan.id, Settings.from_env().plans_dir)
    expected = compute_all(connection.cursor(), plan, plan.phase("2026-2030"), dt.date(2026, 11, 26))
    for result in expected:
        value = metrics[result.target.name("vi")]
        assert value.startswith(fmt_count(result.assessment.actual) + " " + result.target.unit("vi"))
    badges = html_text(at)
    for result in expected:
        assert result.assessment.status.vi in badges
    assert len(at.get("plotly_chart")) == 7


def test_status_labels_switch_language(app_env):
    at = run_app(as_of=AS_OF, lang="en")
    text = html_text(at)
    assert "Monitored" in text and "Theo dõi" not in text


def test_url_restores_phase_and_as_of(app_env, plan):
    at = run_app(as_of="2026-01-01", phase="2021-2025")
    assert not at.exception
    assert at.selectbox(key="period").value == "2021-2025"
    assert at.date_input[0].value == dt.date(2026, 1, 1)
    text = html_text(at)
    assert "Đã đạt" in text and "Không đạt" in text


def test_changing_the_phase_changes_the_cards(app_env):
    at = run_app(as_of=AS_OF)
    before = {m.label: m.value for m in at.metric}
    at.selectbox(key="period").set_value("2021-2025")
    rerun(at)
    after = {m.label: m.value for m in at.metric}
    assert not at.exception
    assert at.query_params["phase"] == "2021-2025"
    key = "Lượt cán bộ lãnh đạo, quản lý doanh nghiệp được đào tạo chuyên sâu"
    assert (before[key], after[key]) == ("45 lượt người", "186 lượt người")


def test_switching_language_in_the_sidebar(app_env):
    at = run_app(as_of=AS_OF)
    at.get("button_group")[0].set_value("en")
    rerun(at)
    assert not at.exception
    assert at.title[0].value == "Overview"
    assert at.query_params["lang"] == "en"


def test_overview_after_changes_behind_the_apps_back_equals_the_oracle(monkeypatch, tmp_path, demo_db, plan):
    import shutil

    import duckdb

    from tests.test_analytics import OracleLibrary

    path = tmp_path / "changed.duckdb"
    shutil.copy(demo_db, path)
    raw = duckdb.connect(str(path))
    raw.execute("UPDATE certificates SET withdrawn_on = DATE '2026-01-15' WHERE standard = 'ISO 9001' "
                "AND hash(certificate_no) % 4 = 0")
    raw.execute("DELETE FROM support_records WHERE year(supported_on) = 2026 AND hash(id) % 3 = 0")
    raw.execute("INSERT INTO participants (course_id, person_id, person_name, tax_code, role) "
                "SELECT id, 'N' || id, 'Người mới', '3100000016', 'leader' FROM courses "
                "WHERE kind = 'in_depth' AND year(end_date) = 2026")
    oracle = compute_all(raw, plan, plan.phase("2026-2030"), dt.date(2026, 11, 26), queries=OracleLibrary())
    raw.close()
    monkeypatch.setenv("NSCL_DB", str(path))
    monkeypatch.setenv("NSCL_PLAN", plan.id)
    at = run_app(as_of=AS_OF)
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    for result in oracle:
        value = metrics[result.target.name("vi")]
        assert value.startswith(fmt_count(result.assessment.actual) + " " + result.target.unit("vi")), result.target.id
