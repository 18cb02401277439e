"""AppTest for every browse page: runs in both languages, filters change the data as the SQL
says, a URL restores the filters, an empty selection says so."""
import datetime as dt

import pytest

from nscl.filters import Filters
from nscl.i18n import t
from nscl.plan import load_plans
from nscl.sql import library
from nscl.ui import PAGES
from nscl.ui.data import _database
from tests.apptest import figure, figure_titles, open_page, page_ok, shown
from tests.test_i18n import VIETNAMESE

AS_OF = "2026-11-26"




def run_sql(app_env, name, **params):
    from nscl.settings import Settings

    settings = Settings.from_env()
    con, _ = _database(settings.db_path, settings.plan_id, settings.plans_dir)
    return library().df(con.cursor(), name, **params)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
def test_every_page_runs_in_both_languages(app_env, spec, lang):
    at = open_page(spec.path, lang=lang, as_of=AS_OF)
    assert page_ok(at), (at.exception, [e.value for e in at.error])
    if spec.url_path == "present":  # slides are drawn in large HTML type, not st.title
        counter = t("slide_counter", lang, n=1, total=11)
        assert any(counter in el.proto.body for el in at.get("html"))
    else:
        assert at.title[0].value == t(spec.title_key, lang)


def bars_by_year(spec: dict) -> dict[str, float]:
    """Year -> value of every bar trace of a figure (the growth chart has one trace per colour)."""
    out = {}
    for trace in spec["data"]:
        if trace.get("type") == "bar":
            out.update(zip(trace["x"], trace["y"]))
    return out


def test_sector_filter_changes_the_growth_chart_as_the_sql_says(app_env):
    everyone = bars_by_year(figure(open_page("pages/supported.py", as_of=AS_OF, phase="2021-2025"), 0))
    at = open_page("pages/supported.py", as_of=AS_OF, phase="2021-2025", sectors="C")
    assert page_ok(at)
    bars = bars_by_year(figure(at, 0))
    expected = run_sql(app_env, "supported_per_year", from_year=2020, as_of=dt.date(2025, 12, 31),
                       **Filters(sectors=("C",), plan="quang-binh-676").sql())  # the plan's territory
    assert bars == {str(y): v for y, v in zip(expected["year"], expected["value"])}
    assert bars != everyone
    assert sum(bars.values()) < sum(everyone.values())


def test_url_restores_every_filter(app_env):
    at = open_page("pages/certification.py", as_of="2025-06-30", phase="custom", years="2021-2024",
                   sectors="C,G", geo="current", places="18880", sizes="micro,small", ownerships="non_state",
                   by="place", lang="en")
    assert page_ok(at)
    side = at.sidebar
    assert [m.value for m in side.multiselect] == [["C", "G"], ["18880"], ["micro", "small"], ["non_state"]]
    assert side.radio[0].value == "current"
    assert side.selectbox(key="period").value == "custom" and side.slider[0].value == (2021, 2024)
    assert side.date_input[0].value == dt.date(2025, 6, 30)
    assert side.get("button_group")[0].value == "en"
    assert at.main.get("button_group")[0].value == "place"
    assert "2021–2024" in figure_titles(at)[0]


def test_empty_selection_shows_a_friendly_message(app_env):
    # No demo enterprise is in section T (households as employers).
    at = open_page("pages/supported.py", as_of=AS_OF, sectors="T")
    assert page_ok(at)
    assert any(t("no_data") in info.value for info in at.info)
    assert len(at.get("plotly_chart")) == 0 or all(figure(at, i)["data"] for i in range(len(at.get("plotly_chart"))))


def test_filters_that_do_not_apply_are_disabled_and_named(app_env):
    at = open_page("pages/conformity.py", as_of=AS_OF, sectors="C")
    assert page_ok(at)
    assert all(m.disabled for m in at.multiselect)
    assert any("Không áp dụng cho trang này" in c.value for c in at.sidebar.caption)
    on_supported = open_page("pages/supported.py", as_of=AS_OF, sectors="C")
    assert not any(m.disabled for m in on_supported.multiselect)


def test_place_breakdown_in_both_geographies_draws_the_map(app_env):
    former = open_page("pages/supported.py", as_of=AS_OF, phase="2021-2025", by="place")
    current = open_page("pages/supported.py", as_of=AS_OF, phase="2021-2025", by="place", geo="current")
    assert page_ok(former) and page_ok(current)
    def map_labels(at):
        spec = next(figure(at, i) for i in range(len(at.get("plotly_chart")))
                    if any(tr.get("fill") == "toself" for tr in figure(at, i)["data"]))
        return ([label for tr in spec["data"] for label in tr.get("hovertext") or []],
                spec["layout"]["annotations"][0]["text"].replace("<br>", " "))
    labels, attribution = map_labels(former)
    assert "Thành phố Đồng Hới" in labels and len(labels) == 8
    assert "Open Development Mekong" in attribution and "CC BY-SA 4.0" in attribution
    labels, note = map_labels(current)
    # Across the reform in the current geography: the communes shaded (the former districts'
    # records counted in the map's note: a former district became several communes).
    assert "Phường Đồng Hới" in labels and "Thành phố Đồng Hới (huyện cũ)" not in labels
    assert "huyện cũ" in note


def test_catalogue_shows_each_indicator_with_its_sql(app_env, plan):
    at = open_page("pages/catalogue.py", as_of=AS_OF)
    assert page_ok(at)
    codes = [c.value for c in at.code]
    assert len(codes) == len(plan.targets)
    assert any("-- name: experts_per_year" in c for c in codes)
    assert sum("certificates_per_year" in c for c in codes) == 2


def test_expiring_certificates_list_matches_sql(app_env, plan):
    at = open_page("pages/certification.py", as_of=AS_OF)
    assert page_ok(at)
    expected = run_sql(app_env, "certificates_list", standard=None, dimension="standard", key=None, year=None,
                       date_from=dt.date(2026, 1, 1), as_of=dt.date(2026, 11, 26), expiring=True,
                       months=plan.thresholds.expiring_months, limit=1000, **Filters(plan=plan.id).sql())
    table = shown(at.dataframe[-1])
    assert len(table) == len(expected) > 0
    assert table.iloc[0, 0] == expected["certificate_no"].iloc[0]


def test_overview_with_custom_years_says_which_phase_is_judged(app_env):
    at = open_page("pages/overview.py", as_of=AS_OF, phase="custom", years="2019-2023")
    assert page_ok(at)
    assert any("giai đoạn 2021-2025" in c.value for c in at.caption)


def test_growth_table_says_how_each_year_was_compared(app_env):
    at = open_page("pages/supported.py", as_of=AS_OF, phase="2026-2030")
    assert page_ok(at)
    table = shown(at.dataframe[0])
    assert list(table.columns)[:4] == ["Năm", "Số doanh nghiệp", "Tăng so với năm trước", "Cách so sánh"]
    how = dict(zip(table["Năm"], table["Cách so sánh"]))
    assert how["2025"] == "–" and how["2026"] == "01/01–26/11 với cùng kỳ năm trước"  # base year; the running year


def _shown_texts(at) -> list[str]:
    """What a reader sees on a page: headings, text, captions, widget labels and options, chart
    layouts (titles, axis titles, legends)."""
    import json
    import re

    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error", "success"):
        out += [str(el.value) for el in at.get(kind)]
    out += [re.sub(r"<[^>]+>", " ", el.proto.body) for el in at.get("html")]
    for kind in ("selectbox", "multiselect", "radio", "segmented_control", "button", "checkbox", "text_input",
                 "metric", "expander", "tab", "date_input", "toggle", "download_button", "file_uploader"):
        for el in at.get(kind):
            for name in ("label", "options", "help", "placeholder"):
                value = getattr(el.proto, name, None)
                if value:
                    out.append(value if isinstance(value, str) else " ".join(str(v) for v in value))
    for i in range(len(at.get("plotly_chart"))):
        layout = figure(at, i)["layout"]
        for axis in (v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))):
            axis.pop("ticktext", None)  # names of enterprises and models: data, not interface words
        out.append(json.dumps(layout, ensure_ascii=False))
    return out


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
def test_the_english_interface_has_no_vietnamese_words(app_env, spec):
    """Proper names stay Vietnamese (places, the decree's number, the language's own name) and so
    do the plan's words quoted in «…»; everything else a reader sees is English."""
    import re

    from nscl.settings import Settings

    settings = Settings.from_env()
    con, plan = _database(settings.db_path, settings.plan_id, settings.plans_dir)
    names = [n for row in con.cursor().execute("SELECT name_vi, name_en FROM places").fetchall() for n in row if n]
    names += [plan.province["vi"], "Tiếng Việt", "NĐ-CP"]
    names += [p.province[lang] for p in load_plans(settings.plans_dir) for lang in ("vi", "en")]  # the picker's
    at = open_page(spec.path, lang="en", as_of=AS_OF)
    assert page_ok(at)
    found = []
    for text in _shown_texts(at):
        text = re.sub(r"«[^»]*»", "", text)
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, "")
        words = [w for w in re.findall(r"\w+", text) if any(ch in VIETNAMESE for ch in w)]
        found += words
    assert sorted(set(found)) == []
