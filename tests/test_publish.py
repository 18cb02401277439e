"""The published edition (python -m nscl publish): the app's numbers and words in both languages,
text from data kept as text, and a swap that never shows half an edition."""
from __future__ import annotations

import datetime as dt
import io
import json
import multiprocessing
import os
import re
import shutil
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from nscl import analytics, commentary
from nscl.cli import main
from nscl.indicators import compute_all
from nscl.plan import load_plan_by_id
from nscl.present.edition import script_json
from nscl.publish import EditionError, publish
from nscl.settings import Settings
from nscl.ui import data as ui_data
from tests import hostile_text
from tests.apptest import open_page, shown
from tests.edition_pages import build_id, cards, read, squash

AS_OF = dt.date(2026, 11, 26)
PHASES = ("2021-2025", "2026-2030")


@pytest.fixture(scope="module")
def copy_db(tmp_path_factory, demo_db):
    """The demo database for the publisher: a copy, since the app (AppTest, in this process) holds
    the session's file with another configuration."""
    return Path(shutil.copyfile(demo_db, tmp_path_factory.mktemp("copy") / "demo.duckdb"))


@pytest.fixture(scope="module")
def edition(tmp_path_factory, copy_db, plan):
    out = tmp_path_factory.mktemp("edition") / "site"
    con = duckdb.connect(str(copy_db), read_only=True)
    try:
        done = publish(con, plan, AS_OF, out)
    finally:
        con.close()
    return out, done


def _app_captions(at) -> list[str]:
    """The captions of the app's overview as a reader sees them: Markdown escapes and the colour
    and icon markers dropped."""
    out = []
    for caption in at.main.caption:
        text = re.sub(r"^:orange\[[⚠↺] (.*)\]$", r"\1", caption.value, flags=re.S)
        out.append(squash(re.sub(r"\\(.)", r"\1", text)))
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("phase", PHASES)
def test_every_card_says_what_the_app_says(app_env, edition, plan, phase, lang):
    out, _ = edition
    prefix = "en/" if lang == "en" else ""
    edition_cards = cards(out / f"{prefix}p/{phase}/index.html")
    target_pages = " ".join(squash(" ".join(read(out / f"{prefix}p/{phase}/{t.id}.html").text)) for t in plan.targets)
    at = open_page(as_of=AS_OF.isoformat(), phase=phase, lang=lang)
    assert not at.exception
    assert len(at.metric) == len(plan.targets) == len(edition_cards) == 7
    by_name = {plan.target(k).name(lang): v for k, v in edition_cards.items()}
    for metric in at.metric:  # the number, its unit and its yearly rate
        text = by_name[metric.label]
        assert metric.value in text
        if metric.proto.delta:
            assert metric.proto.delta in text
    badges = " ".join(el.proto.body for el in at.get("html"))
    shown = " ".join(edition_cards.values())
    for status in re.findall(r">([^<>]+)</span>", badges):  # every status pill, with its count on top
        assert squash(status) in shown + " " + squash(" ".join(read(out / f"{prefix}p/{phase}/index.html").text))
    header = 1  # the page's own line above the cards (plan, phase, as-of date): the edition's stamp says it
    captions = _app_captions(at)[header:]
    assert len(captions) >= 7 * 4  # target, reason, data freshness, plan sentence of every card at least
    for caption in captions:  # every line of every card: on its card, or (the definition's) on its page
        assert any(caption in text for text in edition_cards.values()) or caption in target_pages, caption


def _ints(values) -> list[int | None]:
    return [None if pd.isna(v) else int(v) for v in values]


def test_every_table_holds_the_apps_yearly_figures(app_env, edition, plan):
    out, _ = edition
    con, _ = ui_data._database(str(app_env), plan.id, Settings.from_env().plans_dir)  # the app's own
    con = con.cursor()
    try:
        for phase in PHASES:
            for result in compute_all(con, plan, plan.phase(phase), AS_OF):
                frame = pd.read_csv(io.BytesIO((out / f"en/p/{phase}/{result.target.id}.csv").read_bytes()),
                                    encoding="utf-8-sig")
                assert frame.iloc[:, 0].tolist() == [int(y) for y in result.series["year"]]
                assert _ints(frame.iloc[:, 1]) == _ints(result.series["value"])
                if result.target.kind == "count":
                    assert _ints(frame["Cumulative"]) == _ints(result.series["cumulative"])
                if result.target.kind == "growth":  # in percent points, to two decimals
                    assert [None if pd.isna(g) else round(g, 2) for g in frame["Growth on previous year (%)"]] == \
                        [None if pd.isna(g) else round(float(g) * 100, 2) for g in result.series["growth"]]
                vi = (out / f"p/{phase}/{result.target.id}.csv").read_bytes()
                assert vi.startswith("\ufeff".encode()) and b";" in vi.splitlines()[0]
                assert (out / f"p/{phase}/{result.target.id}.xlsx").read_bytes()[:2] == b"PK"
    finally:
        con.close()


def test_every_page_has_the_stamp_and_no_outside_address(edition):
    out, done = edition
    pages = sorted(out.rglob("*.html"))
    assert len(pages) == done.pages == 2 * (1 + 2 * (1 + 7 + 1))  # home; per phase overview, targets, breakdowns
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert build_id(html) == done.build_id
        text = squash(" ".join(read(page).text))
        assert ("Tính đến ngày 26/11/2026" in text) or ("As of 26/11/2026" in text)
        assert ("Dữ liệu cập nhật 20/11/2026" in text) or ("Data updated 20/11/2026" in text)
        for tag, attrs in read(page).tags:
            for name in ("src", "href"):
                assert not str(attrs.get(name) or "").startswith(("http:", "https:", "//")), (page, tag, attrs)
    assert (out / "assets" / "plotly.min.js").stat().st_size > 1_000_000


def test_the_vietnamese_pages_hold_no_english_word_or_english_number(edition):
    from tests.edition_pages import visible_text
    from tests.vietnamese_text import missing_words, vietnamese_problems

    out, _ = edition
    pages = sorted(out.rglob("*.html"))
    vietnamese = [page for page in pages if page.relative_to(out).parts[0] != "en"]
    assert len(vietnamese) == len(pages) // 2
    for page in vietnamese:
        assert vietnamese_problems(visible_text(page)) == [], page.relative_to(out)
    for page in set(pages) - set(vietnamese):
        assert missing_words(visible_text(page)) == [], page.relative_to(out)


def test_the_vietnamese_home_is_the_phase_of_the_as_of_date_and_links_to_english(edition):
    out, _ = edition
    home = read(out / "index.html")
    assert squash(" ".join(home.text)).count("Tổng quan · Giai đoạn 2026-2030") == 1
    links = [a.get("href") for tag, a in home.tags if tag == "a"]
    assert "en/index.html" in links and "p/2026-2030/experts.html" in links
    assert (out / "p/2026-2030/experts.html").exists() and (out / "en/index.html").exists()


def test_text_from_the_plan_and_the_staff_stays_text(tmp_path, plan):
    plans = hostile_text.write_hostile_plan(tmp_path / "plans")
    hostile = load_plan_by_id(plan.id, plans)
    db = hostile_text.build_hostile_db(tmp_path / "hostile.duckdb", hostile)
    comment = '</script><script>alert(1)</script> <img src=x onerror=alert(2)> ' + hostile_text.LINK
    con = duckdb.connect(str(db))
    commentary.save(con, hostile.id, "experts", "2026-2030", AS_OF, {"results": comment}, "Nguyễn Văn A",
                    now=dt.datetime(2026, 11, 20, 9, 0))
    analytics.refresh(con)
    con.close()
    con = duckdb.connect(str(db), read_only=True)
    try:
        publish(con, hostile, AS_OF, tmp_path / "site")
    finally:
        con.close()
    out = tmp_path / "site"
    for page in out.rglob("*.html"):
        parsed = read(page)
        assert [tag for tag, _ in parsed.tags if tag in ("img", "iframe", "object")] == []
        assert all(a.get("href", "").startswith(("http", "//")) is False for tag, a in parsed.tags if tag == "a")
        scripts = [a for tag, a in parsed.tags if tag == "script"]
        assert all(a.get("src", "").endswith((".js",)) or a.get("type") == "application/json" for a in scripts)
        assert "Nguyễn Văn A" not in page.read_text(encoding="utf-8")  # the author is a person: not published
    page = read(out / "p/2026-2030/experts.html")
    text = " ".join(page.text)
    assert hostile_text.TARGET_NAME in text and comment in text
    assert '<a href="https://x.example">Bấm link</a>' in text  # the province's name, shown as written
    card = cards(out / "p/2026-2030/index.html")["experts"]
    assert squash(comment) in card
    # The chart's JSON reads back as the app's figure, and "</script>" cannot end its element.
    html = (out / "p/2026-2030/experts.html").read_text(encoding="utf-8")
    data = re.search(r'<script type="application/json" id="figure">(.*?)</script>', html, re.S).group(1)
    assert "<" not in data and json.loads(data)["layout"]["title"]["text"]


def test_script_json_keeps_markup_inert():
    value = {"text": "</script><script>alert(1)</script>&\u2028"}
    encoded = script_json(value)
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded and "\u2028" not in encoded
    assert json.loads(encoded) == value


def _reader(out: str, names: list[str], stop, results) -> None:
    """Read the edition in passes until told to stop (in its own process: a reader beside the
    publisher, as a web server is); report the build ids of each pass and every problem."""
    problems, passes = [], []
    while not stop.is_set():
        try:  # one pass: the edition resolved once, every page read from it
            resolved = os.path.realpath(out)
            fd = os.open(resolved, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            problems.append("no edition at all")
            continue
        try:
            ids = set()
            for name in names:
                with open(os.open(name, os.O_RDONLY, dir_fd=fd), encoding="utf-8") as f:
                    ids.add(build_id(f.read()))
            passes.append(sorted(ids, key=str))
            if len(ids) != 1 or None in ids:
                problems.append(f"mixed or cut pages: {ids}")
        except FileNotFoundError:
            if os.path.exists(resolved):  # gone only when two newer editions came since: not a mix
                problems.append(f"a page missing from {resolved}")
        finally:
            os.close(fd)
        for name in names[:3]:  # and page by page through the link, as a web server reads them
            with open(os.path.join(out, name), encoding="utf-8") as f:
                if build_id(f.read()) is None:
                    problems.append(f"{name} cut short")
    results.put((problems, passes))


def test_a_reader_sees_the_old_or_the_new_edition_never_a_mix(tmp_path, copy_db, plan):
    out = tmp_path / "site"
    names = ["index.html", "en/index.html", *[f"p/{p}/{t.id}.html" for p in PHASES for t in plan.targets],
             *[f"en/p/{p}/index.html" for p in PHASES], *[f"p/{p}/breakdowns.html" for p in PHASES]]
    con = duckdb.connect(str(copy_db), read_only=True)
    published = [publish(con, plan, AS_OF, out).build_id]
    spawn = multiprocessing.get_context("spawn")
    stop, results = spawn.Event(), spawn.Queue()
    reader = spawn.Process(target=_reader, args=(str(out), names, stop, results))
    reader.start()
    try:
        for _ in range(3):
            published.append(publish(con, plan, AS_OF, out).build_id)
    finally:
        stop.set()
        problems, passes = results.get(timeout=120)
        reader.join()
        con.close()
    assert problems == []
    seen = {i for ids in passes for i in ids}
    assert seen <= set(published) and len(passes) > 3
    leftovers = sorted(p.name for p in tmp_path.iterdir() if p.name not in ("site", ".site.lock"))
    assert leftovers == sorted(f".site.{b}" for b in published[-2:])  # the current and the previous build


def test_a_folder_of_something_else_is_left_alone(tmp_path, copy_db, plan):
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    con = duckdb.connect(str(copy_db), read_only=True)
    try:
        with pytest.raises(EditionError):
            publish(con, plan, AS_OF, out)
    finally:
        con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"] and (out / "keep.txt").read_text() == "mine"


def test_the_command_line_publishes_and_says_where(tmp_path, copy_db, monkeypatch, capsys):
    monkeypatch.setenv("NSCL_DB", str(copy_db))
    assert main(["publish", "-o", str(tmp_path / "site"), "--as-of", "2026-11-26", "--lang", "en"]) == 0
    said = capsys.readouterr().out
    assert said.startswith(f"Published the edition to {tmp_path / 'site'} (38 pages)")
    assert (tmp_path / "site" / "en" / "p" / "2021-2025" / "pilots.html").exists()
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x").write_text("x")
    assert main(["publish", "-o", str(tmp_path / "other")]) == 1
    assert "Không công bố" in capsys.readouterr().err


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(path.read_bytes()), encoding="utf-8-sig", dtype={"Code": str})


@pytest.mark.parametrize("page,slug", [("pages/supported.py", "supported"), ("pages/training.py", "participants"),
                                       ("pages/certification.py", "certificates_issued"),
                                       ("pages/pilots.py", "pilots")])
def test_each_phase_by_sector_equals_the_apps_browse_page(app_env, edition, page, slug):
    out, _ = edition
    at = open_page(page, as_of=AS_OF.isoformat(), lang="en")
    assert not at.exception
    app = next(shown(df) for df in at.dataframe if list(df.value.columns)[2:] == list(PHASES))
    for phase in PHASES:
        published = _csv(out / f"en/p/{phase}/{slug}-sector.csv")
        # The app writes its counts as English text (1,234) and a dash for none.
        expected = {(k, n): int(v.replace(",", "")) for k, n, v in zip(app["Code"], app["Name"], app[phase])
                    if v not in ("–", "0")}
        assert dict(zip(zip(published["Code"], published["Name"]), published.iloc[:, 2])) == expected
        assert published.iloc[:, 2].tolist() == sorted(published.iloc[:, 2], reverse=True)  # largest first
        # Every enterprise has one sector and one place: the place breakdown adds up to the same.
        assert _csv(out / f"en/p/{phase}/{slug}-place.csv").iloc[:, 2].sum() == published.iloc[:, 2].sum()
        page_text = squash(" ".join(read(out / f"en/p/{phase}/breakdowns.html").text))
        first = published.iloc[0]
        assert f"{first['Code']} {first['Name']} {first.iloc[2]:,}" in page_text


def test_two_publications_at_once_take_turns(tmp_path, copy_db, plan):
    out = tmp_path / "site"
    done, errors = [], []

    def run():
        con = duckdb.connect(str(copy_db), read_only=True)
        try:
            done.append(publish(con, plan, AS_OF, out).build_id)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            con.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(done) == 2
    assert build_id((out / "index.html").read_text(encoding="utf-8")) in done
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".site.lock", "site", *(f".site.{b}" for b in done)])


def _cursor(path: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=True)


def test_after_a_write_the_edition_is_published_in_the_background_and_its_outcome_kept(tmp_path, copy_db, plan):
    from nscl.publish import last_outcome, republish_in_background

    out = tmp_path / "site"
    assert last_outcome(out) is None
    thread = republish_in_background(_cursor(copy_db), plan, out, AS_OF)
    thread.join()
    outcome = last_outcome(out)
    assert outcome.ok and build_id((out / "index.html").read_text(encoding="utf-8")) == outcome.build_id


def test_under_embargo_a_write_changes_nothing_published(tmp_path, copy_db, plan):
    from nscl.publish import embargoed, last_outcome, republish_in_background, set_embargo

    out = tmp_path / "site"
    set_embargo(out, True)
    assert embargoed(out)
    assert republish_in_background(_cursor(copy_db), plan, out, AS_OF) is None
    assert not out.exists() and last_outcome(out) is None
    set_embargo(out, False)
    republish_in_background(_cursor(copy_db), plan, out, AS_OF).join()
    assert last_outcome(out).ok and (out / "index.html").exists()


def test_a_failed_publication_is_recorded_with_an_incident_code_and_never_raised(tmp_path, copy_db, plan, caplog):
    from nscl.publish import last_outcome, publish_and_record

    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    outcome = publish_and_record(_cursor(copy_db), plan, AS_OF, out)
    assert not outcome.ok and re.fullmatch(r"[0-9a-f]{8}", outcome.incident)
    assert last_outcome(out) == outcome and (out / "keep.txt").read_text() == "mine"
    assert f"incident {outcome.incident}" in caplog.text  # the details are in the server's log
