"""Text from data is shown as text: a name written as a link, bold type or Markdown in an uploaded
file reaches charts and headings as the characters it is made of, never as a live link."""
import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from nscl.present import breakdown, heatmap, slides, trend
from nscl.present.escape import WORD_JOINER, chart_text, markdown_text
from nscl.present.map import place_map
from nscl.present.style import two_lines
from tests.apptest import figure, open_page, page_ok
from tests.conftest import build_demo_file
from tests.hostile_text import (
    BARE_URL,
    BOLD,
    BOLD_SHOWN,
    HYPERLINK,
    LINK,
    LINK_SHOWN,
    MARKDOWN_LINK,
    build_hostile_db,
    write_hostile_plan,
)

MARKUP_TAGS = ("<a", "<b>", "<i>", "</a", "</b", "</i")


def strings(node) -> list[str]:
    """Every string a figure can show (labels, legend names, hover texts, titles, annotations).
    customdata is shown only where a template reads it; elsewhere it carries the raw key back on
    selection and is never drawn."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        shown = "%{customdata" in str(node.get("hovertemplate", "")) + str(node.get("texttemplate", ""))
        return [s for k, v in node.items() if k != "customdata" or shown for s in strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in strings(v)]
    return []


def assert_shown_as_text(spec: dict, *shown: str) -> None:
    texts = strings(spec)
    assert [s for s in texts if any(tag in s.lower() for tag in MARKUP_TAGS)] == []
    for text in shown:
        assert any(text in s for s in texts), text


def as_json(fig) -> dict:
    """A figure's JSON; cards cache theirs as Plotly's plain dict already."""
    import plotly.io as pio

    return json.loads(pio.to_json(fig))


# --- the two helpers -------------------------------------------------------------------------

def test_chart_text_escapes_what_plotly_reads_as_tags_and_nothing_else():
    assert chart_text(LINK) == LINK_SHOWN
    assert chart_text(BOLD) == BOLD_SHOWN
    assert chart_text('Công ty "Sao Mai" & Con\nMới') == 'Công ty "Sao Mai" &amp; Con Mới'
    assert chart_text("&lt;b&gt;") == "&amp;lt;b&amp;gt;"  # an entity in data is shown as typed
    assert chart_text("Xây dựng – 2021-2025 (%)") == "Xây dựng – 2021-2025 (%)"


@pytest.mark.parametrize("text, expected", [
    (MARKDOWN_LINK, f"\\[Bấm vào đây\\](https:{WORD_JOINER}//x.example)"),
    (HYPERLINK, f'=HYPERLINK("http:{WORD_JOINER}//x","y")'),
    (BARE_URL, f"Xem tại https:{WORD_JOINER}//x.example/dang-nhap hoặc www{WORD_JOINER}.x.example, "
               f"hỏi a@{WORD_JOINER}x.example"),
    ("![ảnh](https://x.example/a.png) **đậm** _nghiêng_ `mã` ~~gạch~~ $x$ <b>b</b> &amp; a|b \\",
     f"!\\[ảnh\\](https:{WORD_JOINER}//x.example/a.png) \\*\\*đậm\\*\\* \\_nghiêng\\_ \\`mã\\` \\~\\~gạch\\~\\~ "
     "\\$x\\$ \\<b\\>b\\</b\\> \\&amp; a\\|b \\\\"),
    (":red[đỏ] :material/home:", f":{WORD_JOINER}red\\[đỏ\\] :{WORD_JOINER}material/home:"),
    ("# Tiêu đề", "\\# Tiêu đề"), ("Công ty số #", "Công ty số \\#"),
    ("- mục", "\\- mục"), ("2021. năm", "2021\\. năm"), ("> trích", "\\> trích"),
    ("hai\ndòng\r\n# ba", "hai dòng \\# ba"),
    # Ordinary text is left exactly as it is.
    ("Kế hoạch 676/KH-UBND · giai đoạn 2021-2025: 12 (tăng 10-15 %/năm)",
     "Kế hoạch 676/KH-UBND · giai đoạn 2021-2025: 12 (tăng 10-15 %/năm)"),
])
def test_markdown_text_shows_links_markup_and_urls_as_typed(text, expected):
    assert markdown_text(text) == expected


# --- every chart builder ---------------------------------------------------------------------

def test_stacked_years_and_ranked_bars_escape_legend_ticks_and_hover():
    frame = pd.DataFrame({"year": [2024, 2024, 2025], "key": [LINK, BOLD, LINK], "label": [LINK, BOLD, LINK],
                          "value": [3, 2, 4]})
    spec = as_json(breakdown.stacked_years(frame, "Tiêu đề", "Số doanh nghiệp", "vi"))
    cut = chart_text('<a href="https://x.example">Bấm…')  # cut between words
    assert sorted(trace["name"] for trace in spec["data"]) == sorted([cut, BOLD_SHOWN])
    assert_shown_as_text(spec, LINK_SHOWN, BOLD_SHOWN)
    # The selection still carries the raw key: the drill-down looks the records up by it.
    assert {trace["customdata"][0][1] for trace in spec["data"]} == {LINK, BOLD}

    totals = pd.DataFrame({"key": [LINK, BOLD], "label": [LINK, BOLD], "value": [7, 2]})
    spec = as_json(breakdown.ranked(totals, "Tiêu đề", "Số doanh nghiệp", "vi"))
    # Keys (here the names themselves) on the axis, names as its tick text on two short lines.
    assert spec["data"][0]["y"] == spec["layout"]["yaxis"]["tickvals"] == [BOLD_SHOWN, LINK_SHOWN]
    assert spec["layout"]["yaxis"]["ticktext"] == [
        "&lt;b&gt;Công ty&lt;/b&gt; &lt;i&gt;Hòa<br>Bình&lt;/i&gt; &amp; Co",
        '&lt;a href="https://x.examp<br>le"&gt;Bấm link&lt;/a&gt;']
    assert spec["data"][0]["hovertext"] == [BOLD_SHOWN, LINK_SHOWN]
    assert_shown_as_text(spec, LINK_SHOWN)


def test_heatmap_map_and_lines_escape_their_labels():
    frame = pd.DataFrame({"phase_id": ["2021-2025", "2026-2030"], "key": ["C", "C"], "label": [BOLD, BOLD],
                          "value": [5, 6]})
    spec = as_json(heatmap.phase_heatmap(frame, ["2021-2025", "2026-2030"], "Tiêu đề", LINK, "vi"))
    assert spec["layout"]["yaxis"]["ticktext"] == ["&lt;b&gt;Công ty&lt;/b&gt;<br>&lt;i&gt;Hòa Bình&lt;/i&gt; &amp; Co"]
    assert spec["data"][0]["customdata"] == [[BOLD_SHOWN, BOLD_SHOWN]]  # what its hover shows
    assert_shown_as_text(spec, BOLD_SHOWN, LINK_SHOWN)

    places = pd.DataFrame({"key": ["450"], "label": [LINK], "lat": [17.47], "lon": [106.6], "value": [9]})
    spec = as_json(place_map(places, "Tiêu đề", "Số doanh nghiệp", "vi"))
    bubbles = spec["data"][1]
    assert bubbles["text"] == [LINK_SHOWN] and bubbles["hovertext"] == [LINK_SHOWN]
    assert_shown_as_text(spec, LINK_SHOWN)

    series = pd.DataFrame({"year": [2024, 2025], "series": [BOLD, BOLD], "value": [1, 2]})
    spec = as_json(trend.lines(series, "Tiêu đề", "Giấy chứng nhận", "vi"))
    assert spec["data"][0]["name"] == BOLD_SHOWN
    assert_shown_as_text(spec, BOLD_SHOWN)


def test_slide_heatmap_is_escaped_and_the_deck_keeps_plain_text(plan):
    """The slides' figures are what the presentation shows and kaleido draws for the report; the
    deck's native charts hold plain text."""
    phase_sector = pd.DataFrame({"phase_id": ["2021-2025"], "key": ["C"], "value": [4], "label": [f"C – {LINK}"]})
    target = plan.targets[0]
    built = slides.build_slides(plan, [], phase_sector, "vi", pd.Timestamp("2026-11-26").date(), "2021-2025",
                                sector_target=target)
    slide = built[-1]
    assert slide.kind == "phase_sector"
    assert_shown_as_text(as_json(slide.figure), f"C – {LINK_SHOWN}"[:40])
    assert as_json(slide.figure)["layout"]["yaxis"]["ticktext"] == [two_lines(f"C – {LINK}", 16)]
    assert "&lt;a" in two_lines(f"C – {LINK}", 16) and "<a" not in two_lines(f"C – {LINK}", 16)
    assert slide.chart.categories == ['C – <a href="https://x.example">Bấm…']  # cut between words


def test_trend_and_card_figures_escape_plan_words(con, plan):
    """The plan's own words (province, unit) reach card and slide charts through the same escape."""
    from dataclasses import replace

    from nscl.indicators import compute_all
    from nscl.present.cards import build_card

    as_of = pd.Timestamp("2026-11-26").date()
    results = [replace(r, target=replace(r.target, units={"vi": BOLD}))
               for r in compute_all(con, plan, plan.phase("2026-2030"), as_of)]
    for result in results:
        card = build_card(result, "vi", as_of, LINK)
        spec = as_json(card.figure)
        assert_shown_as_text(spec, LINK_SHOWN, BOLD_SHOWN)
        assert LINK_SHOWN in spec["layout"]["title"]["text"]
    # The target slides' figures: the presentation shows them and the report's kaleido images are them.
    odd_plan = replace(plan, province={"vi": LINK, "en": LINK})
    targets = [s for s in slides.build_slides(odd_plan, results, pd.DataFrame(), "vi", as_of, "2026-2030")
               if s.kind == "target"]
    assert len(targets) == len(results)
    for slide in targets:
        assert_shown_as_text(as_json(slide.figure), BOLD_SHOWN)


# --- pages -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory, plan):
    """The demo database with names written as links, markup and Markdown."""
    return build_hostile_db(tmp_path_factory.mktemp("hostile") / "hostile.duckdb", plan)


@pytest.fixture
def hostile_app(hostile_db, monkeypatch):
    from nscl.settings import PLANS_DIR

    monkeypatch.setenv("NSCL_DB", str(hostile_db))
    monkeypatch.setenv("NSCL_PLAN", "quang-binh-676")
    monkeypatch.setenv("NSCL_PLANS_DIR", str(PLANS_DIR))
    return hostile_db


def page_figures(at: AppTest) -> list[dict]:
    return [figure(at, i) for i in range(len(at.get("plotly_chart")))]


@pytest.mark.parametrize("page, query, shown", [
    ("pages/pilots.py", {}, [BOLD_SHOWN, LINK_SHOWN]),            # the replication chart: enterprise – solution
    ("pages/supported.py", {"by": "detail"}, [LINK_SHOWN]),       # supported enterprises by solution
    ("pages/certification.py", {"by": "standard"}, [LINK_SHOWN]),  # standards: lines, breakdowns, titles
    ("pages/conformity.py", {}, [BOLD_SHOWN]),                     # accreditation standards
])
def test_charts_on_pages_show_names_as_text(hostile_app, page, query, shown):
    at = open_page(page, as_of="2026-11-26", phase="2021-2025", **query)
    assert page_ok(at), (at.exception, [e.value for e in at.error])
    spec = {"figures": page_figures(at)}
    assert_shown_as_text(spec, *shown)


def select(at: AppTest, chart: int, customdata: list[str]) -> AppTest:
    """Run the page again as if the user had selected one bar of a chart (a Plotly selection
    event carries the bar's customdata)."""
    states = at._tree.get_widget_states()
    state = states.widgets.add()
    state.id = at.get("plotly_chart")[chart].proto.id
    state.string_value = json.dumps({"selection": {"points": [{"customdata": customdata}], "point_indices": [0],
                                                   "box": [], "lasso": []}})
    return at._run(states)


@pytest.mark.parametrize("detail", [MARKDOWN_LINK, HYPERLINK, BARE_URL, LINK])
def test_the_drill_down_heading_shows_the_selected_name_as_text(hostile_app, detail):
    at = open_page("pages/supported.py", as_of="2026-11-26", phase="2021-2025", by="detail")
    charts = at.get("plotly_chart")
    index = next(i for i in range(len(charts)) if any(LINK_SHOWN in s for s in strings(figure(at, i)))
                 and figure(at, i)["data"][0].get("type") == "bar" and figure(at, i)["data"][0].get("orientation") != "h")
    at = select(at, index, ["2024", detail])
    assert page_ok(at), (at.exception, [e.value for e in at.error])
    heading = next(h.value for h in at.subheader if h.value.startswith("Danh sách chi tiết"))
    assert heading == f"Danh sách chi tiết: Năm 2024, {markdown_text(detail)}"
    unescaped = re.sub(r"\\.", "", heading)  # what Markdown would read as markup
    assert not set(unescaped) & set("[]<>*_`&$") and "://" not in heading and "@x" not in heading
    shown = heading.replace("\\", "").replace(WORD_JOINER, "")
    assert shown == f"Danh sách chi tiết: Năm 2024, {detail}"  # reads exactly as the file wrote it


def test_drill_down_heading_on_the_certification_page(hostile_app):
    at = open_page("pages/certification.py", as_of="2026-11-26", phase="2021-2025", by="standard")
    index = next(i for i in range(len(at.get("plotly_chart"))) if figure(at, i)["data"][0].get("type") == "bar"
                 and len(figure(at, i)["data"]) > 1 and any(LINK_SHOWN in s for s in strings(figure(at, i))))
    at = select(at, index, ["2024", LINK])
    assert page_ok(at), (at.exception, [e.value for e in at.error])
    heading = next(h.value for h in at.subheader if h.value.startswith("Danh sách chi tiết"))
    assert heading == ("Danh sách chi tiết: Năm 2024, "
                       f'\\<a href="https:{WORD_JOINER}//x.example"\\>Bấm link\\</a\\>')


@pytest.fixture
def hostile_plan(tmp_path, monkeypatch, plan):
    """The plan with its own words written as Markdown, links and markup (an operator's typo or worse)."""
    plans = write_hostile_plan(tmp_path / "plans")
    db = build_demo_file(tmp_path / "plan.duckdb", plan)
    monkeypatch.setenv("NSCL_DB", str(db))
    monkeypatch.setenv("NSCL_PLAN", "quang-binh-676")
    monkeypatch.setenv("NSCL_PLANS_DIR", str(plans))
    return plans


def test_the_plans_own_words_are_shown_as_text_on_every_page(hostile_plan):
    name = f"\\[Bấm vào đây\\](https:{WORD_JOINER}//x.example) chuyên gia"
    source = f"xem https:{WORD_JOINER}//x.example/ke-hoach \\_đào tạo\\_, chứng nhận đạt"
    at = open_page("pages/overview.py", as_of="2026-11-26")
    assert page_ok(at), (at.exception, [e.value for e in at.error])
    assert f"**{name}**" in [m.value for m in at.markdown]
    assert name in [m.label for m in at.metric]
    assert any(c.value.startswith(f"Kế hoạch 676/KH-UBND · \\*\\*Ủy ban\\*\\* \\[nhân dân\\](https:{WORD_JOINER}//")
               for c in at.caption)
    assert any(source in c.value for c in at.caption)
    assert any("\\<a href" in c.value for c in at.sidebar.caption)  # the province under the filters
    assert_shown_as_text({"figures": page_figures(at)}, LINK_SHOWN)  # card titles name the province

    at = open_page("pages/catalogue.py", as_of="2026-11-26")
    assert page_ok(at) and name in [h.value for h in at.subheader]
    assert any(source in m.value for m in at.markdown)
    at = open_page("pages/training.py", as_of="2026-11-26")
    assert page_ok(at) and name in [h.value for h in at.subheader]
    assert_shown_as_text({"figures": page_figures(at)}, LINK_SHOWN)


def test_upload_page_shows_names_from_the_file_and_the_account_as_text(tmp_path, monkeypatch, plan):
    import io

    import openpyxl

    from nscl.auth import add_user

    db = build_demo_file(tmp_path / "upload.duckdb", plan)
    users = tmp_path / "users.toml"
    add_user("lan", "mat-khau-dai-1", MARKDOWN_LINK, path=users)
    monkeypatch.setenv("NSCL_DB", str(db))
    monkeypatch.setenv("NSCL_USERS", str(users))
    monkeypatch.setenv("NSCL_ARCHIVE", str(tmp_path / "archive"))
    monkeypatch.setenv("NSCL_MAX_COLUMNS", "5")
    at = open_page("pages/upload.py", as_of="2026-11-26")
    at.text_input[0].input("lan")
    at.text_input[1].input("mat-khau-dai-1")
    at.button[0].click().run()
    assert page_ok(at)
    assert any(c.value.endswith(f"\\[Bấm vào đây\\](https:{WORD_JOINER}//x.example)") for c in at.sidebar.caption)

    book = openpyxl.Workbook()
    book.active.title = "_Bấm_ <b>x ~~www.x.vn~~"  # Excel allows these in a sheet's name
    book.active.append([f"c{i}" for i in range(10)])
    data = io.BytesIO()
    book.save(data)
    at.get("file_uploader")[0].set_value(("dn.xlsx", data.getvalue(), "application/octet-stream"))
    at.run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert f'"\\_Bấm\\_ \\<b\\>x \\~\\~www{WORD_JOINER}.x.vn\\~\\~"' in error
