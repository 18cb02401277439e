"""A link with any URL parameters opens the page: a value out of range is brought into it, an
unknown or unreadable one is replaced by the default, the viewer is told so in their language,
and no widget ever raises (issue 19, point 3). Fuzzed links on every page find no traceback, no
path, no process id and no exception name."""
from __future__ import annotations

import random
import re

import pytest

from nscl.i18n import t
from nscl.ui import PAGES
from tests.apptest import open_page
from tests.leaks import leaks

ISSUE_LINKS = {"as_of_before_range": {"as_of": "2018-12-31"},
               "custom_years_before_range": {"phase": "custom", "years": "2010-2015"}}

GARBAGE = ["", " ", "x", "-1", "0", "9" * 5000, "²", "٣", "２０２６-０１-０１", "2026-13-45", "2026-02-30",
           "../../etc/passwd", "'; DROP TABLE plans; --", "<script>alert(1)</script>", "[a](http://x.example)",
           "\u202e2026", "null", "None", "NaN", "1e9", "2010-2015", "2030-2021", "0-0", "-2020-2021",
           "99999-1", "2026-11-26T00:00", "custom", "2021-2025", "vi", "en", "C,XX,C", "ä" * 3000,
           "2018-12-31", "2032-01-01", "0001-01-01", "9999-12-31", "2031-2040", "1990-2000", "2026-11-26"]
# Values near what each parameter accepts: dates and years just outside the plan's range, a
# phase that turns the years slider on, codes of another filter.
NEAR = {"as_of": ["2018-12-31", "2032-01-01", "2019-01-01", "2031-12-31", "1000-01-01"],
        "phase": ["custom", "custom", "2026-2030", "2016-2020"],
        "years": ["2010-2015", "2031-2035", "2015-2022", "2030-2021", "2019-2019", "0-9999"],
        "lang": ["VI", "en-US", "fr"], "geo": ["commune", "District"], "sectors": ["C", "C,ZZ", "c"],
        "places": ["450", "450,450", "0"], "sizes": ["small,huge"], "ownerships": ["state,private"],
        "by": ["place", "sector", "year"], "slide": ["12", "0", "1"],
        "plan": ["quang-binh-676", "quang-tri-example", "QUANG-BINH-676", "quang-binh-676,quang-tri-example"]}
PARAMS = list(NEAR)


def fuzzed_links(seed: int, count: int) -> list[dict]:
    """`count` links of random parameters with random values, the same ones on every run."""
    rng = random.Random(seed)
    links = []
    for _ in range(count):
        names = rng.sample(PARAMS, rng.randint(3, len(PARAMS)))
        link = {}
        for name in names:
            values = [rng.choice(NEAR[name] if rng.random() < 0.6 else GARBAGE)
                      for _ in range(rng.choice([1, 1, 2]))]  # 2: a repeated key
            link[name] = values[0] if len(values) == 1 else values
        links.append(link)
    return links


def shown_lang(link: dict) -> str:
    lang = link.get("lang")
    lang = lang[-1] if isinstance(lang, list) else lang  # Streamlit reads a repeated key's last value
    return lang if lang in ("vi", "en") else "vi"


def assert_page_shown_without_leaks(at, spec, lang: str) -> None:
    assert not at.exception, at.exception
    assert leaks(at) == []
    assert [e.value for e in at.error] == []
    if spec.url_path == "present":  # slides are drawn in large HTML type, not st.title
        counter = re.compile(re.escape(t("slide_counter", lang, n="¹", total="¹")).replace("¹", r"\d+"))
        assert any(counter.search(el.proto.body) for el in at.get("html"))
    else:
        assert at.title[0].value == t(spec.title_key, lang)


CASES = [(spec, name, link) for spec in PAGES for name, link in ISSUE_LINKS.items()]
CASES += [(spec, f"fuzzed-{i}", link)
          for i, (spec, link) in enumerate(zip(PAGES * 2, fuzzed_links(19, 2 * len(PAGES))))]


@pytest.mark.parametrize(("spec", "name", "link"), CASES, ids=[f"{s.url_path}-{n}" for s, n, _ in CASES])
def test_every_page_opens_from_any_link_without_showing_the_servers_insides(app_env, spec, name, link):
    at = open_page(spec.path, **link)
    assert_page_shown_without_leaks(at, spec, shown_lang(link))


def test_a_date_before_the_range_is_brought_into_it_and_the_viewer_told(app_env):
    at = open_page("pages/overview.py", as_of="2018-12-31")
    assert not at.exception and at.date_input(key="as_of").value.isoformat() == "2019-01-01"
    assert [x.proto.body for x in at.toast] == [
        "Ngày trong đường liên kết nằm ngoài khoảng 01/01/2019 – 31/12/2031; trang hiển thị số liệu đến ngày 01/01/2019."]
    assert at.query_params["as_of"] == "2019-01-01"  # the corrected link is what a copy gives


def test_a_date_after_the_range_is_brought_into_it_in_the_viewers_language(app_env):
    at = open_page("pages/training.py", as_of="2099-06-30", lang="en")
    assert not at.exception and at.date_input(key="as_of").value.isoformat() == "2031-12-31"
    assert [x.proto.body for x in at.toast] == [
        "The date in the link is outside 01/01/2019 – 31/12/2031; the page shows the figures as of 31/12/2031."]


def test_custom_years_outside_the_range_are_refused_and_the_default_used(app_env):
    at = open_page("pages/supported.py", phase="custom", years="2010-2015", as_of="2026-11-26")
    assert not at.exception and at.slider(key="years").value == (2021, 2026)
    assert [x.proto.body for x in at.toast] == [
        "Các năm trong đường liên kết vượt ngoài khoảng 2019–2030; trang dùng các năm 2021–2026."]


def test_custom_years_partly_outside_are_cut_to_the_range_and_reversed_ones_put_in_order(app_env):
    at = open_page("pages/supported.py", phase="custom", years="2015-2022", as_of="2026-11-26")
    assert at.slider(key="years").value == (2019, 2022)
    assert [x.proto.body for x in at.toast] == [
        "Các năm trong đường liên kết vượt ngoài khoảng 2019–2030; trang dùng các năm 2019–2022."]
    at = open_page("pages/supported.py", phase="custom", years="2030-2021", as_of="2026-11-26")
    assert at.slider(key="years").value == (2021, 2030) and not at.toast
    assert at.query_params["years"] == "2021-2030"


def test_unknown_and_unreadable_values_are_left_out_with_a_message_each(app_env):
    at = open_page("pages/certification.py", as_of="31/12/2025", phase="2040-2045", lang="fr", geo="moon",
                   sectors="C,ZZ", sizes="huge", by="colour", years="soon")
    assert not at.exception and leaks(at) == []
    assert at.date_input(key="as_of").value.isoformat() != "2025-12-31"
    assert at.selectbox(key="period").value == "2026-2030"
    assert at.multiselect(key="f_sectors").value == ["C"] and at.multiselect(key="f_sizes").value == []
    assert at.radio(key="geo").value == "district"
    assert sorted(x.proto.body for x in at.toast) == sorted([
        "Đường liên kết yêu cầu một ngôn ngữ không có; trang hiển thị bằng tiếng Việt.",
        "Không đọc được ngày trong đường liên kết; trang hiển thị số liệu đến ngày "
        f"{at.date_input(key='as_of').value:%d/%m/%Y}.",
        "Kế hoạch không có giai đoạn mà đường liên kết nêu; trang hiển thị giai đoạn 2026-2030.",
        "Không đọc được các năm trong đường liên kết; trang dùng các năm 2021–2026.",
        "Đường liên kết nêu một cách chia địa bàn không có; trang dùng «Huyện cũ (trước 01/7/2025)».",
        "Đường liên kết có giá trị không hợp lệ cho bộ lọc «Ngành kinh tế»; các giá trị đó đã được bỏ qua.",
        "Đường liên kết có giá trị không hợp lệ cho bộ lọc «Quy mô doanh nghiệp»; các giá trị đó đã được bỏ qua.",
        "Đường liên kết nêu một cách phân tổ không có; trang dùng cách phân tổ «Theo ngành kinh tế».",
    ])


def test_a_valid_link_opens_without_any_message(app_env):
    at = open_page("pages/training.py", as_of="2025-12-31", phase="2021-2025", lang="en", sectors="C",
                   geo="current")
    assert not at.exception and not at.toast
    assert at.date_input(key="as_of").value.isoformat() == "2025-12-31"


def test_huge_unicode_and_repeated_parameters_open_the_page(app_env):
    at = open_page("pages/overview.py", as_of=["2018-12-31", "2026-11-26"], years="9" * 5000, phase="custom",
                   lang="\u202een", sectors="ä" * 3000)
    assert not at.exception and leaks(at) == []
    assert at.date_input(key="as_of").value.isoformat() == "2026-11-26"  # the last of a repeated key
    assert at.title[0].value == t("overview", "vi")


@pytest.mark.parametrize(("raw", "shown", "told"), [("5", 5, False), ("0", 1, True), ("999", 11, True),
                                                    ("²", 1, True), ("9" * 5000, 1, True), ("-3", 1, True)])
def test_a_slide_number_in_the_link_is_kept_among_the_slides(app_env, raw, shown, told):
    at = open_page("pages/present.py", as_of="2026-11-26", slide=raw)
    assert not at.exception and leaks(at) == []
    assert at.query_params["slide"] == str(shown)
    assert [x.proto.body for x in at.toast] == (
        [f"Không có trang chiếu mà đường liên kết nêu; đang hiển thị trang chiếu {shown}."] if told else [])


def test_an_unknown_plan_in_a_link_shows_the_configured_plan_and_says_so(app_env, plan):
    at = open_page("pages/overview.py", plan="'; DROP TABLE plans; --", as_of="2026-11-26", lang="en")
    assert not at.exception and leaks(at) == []
    assert [x.proto.body for x in at.toast] == [
        f"The database has no plan by the name in the link; the page shows plan {plan.id}."]
    assert at.query_params["plan"] == plan.id  # the corrected link is what a copy gives
    assert [m.label for m in at.metric] == [tg.name("en") for tg in plan.targets]
