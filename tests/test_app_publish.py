"""AppTest: with NSCL_PUBLISH_EDITION set, staff publish the edition by hand or let every commit
republish it in the background; under embargo a commit leaves it alone; a failure is shown with
an incident code and the commit stands."""
from __future__ import annotations

import re
import threading

import duckdb

from nscl.publish import last_outcome
from tests.apptest import page_ok
from tests.edition_pages import build_id, cards
from tests.ingest_helpers import csv_text
from tests.test_app_upload import SUPPORT_HEADER, signed_in, staff_app  # noqa: F401, F811 (the fixture)


def wait_for_publishing() -> None:
    """Join the app's background publication, if one runs (the thread it names)."""
    for thread in threading.enumerate():
        if thread.name == "nscl-edition":
            thread.join()


def supported(out) -> int:
    text = cards(out / "index.html")["supported"]
    return int(re.search(r"([\d.]+) doanh nghiệp", text).group(1).replace(".", ""))


def new_firms(db, n: int) -> list[str]:
    con = duckdb.connect(str(db))
    try:
        return [r[0] for r in con.execute(
            "SELECT tax_code FROM enterprises WHERE tax_code NOT IN (SELECT tax_code FROM support_records "
            "WHERE year(supported_on) = 2026) ORDER BY tax_code LIMIT $n", {"n": n}).fetchall()]
    finally:
        con.close()


def commit_support(at, rows: list[list[str]], name: str):
    at.selectbox(key="upload_dataset").set_value("support").run()
    at.get("file_uploader")[0].set_value((name, csv_text([SUPPORT_HEADER, *rows]).encode("utf-8-sig"), "text/csv"))
    at.run()
    at.button(key="commit_all").click().run()
    assert page_ok(at) and at.success
    return at


def test_staff_publish_by_hand_or_after_each_commit_and_see_a_failure(staff_app, monkeypatch, tmp_path):  # noqa: F811
    out = tmp_path / "ban-tin"
    monkeypatch.setenv("NSCL_PUBLISH_EDITION", str(out))
    first, second, third = new_firms(staff_app, 3)
    at = signed_in()
    assert page_ok(at)
    assert "Chưa công bố bản tin nào từ ứng dụng." in [c.value for c in at.caption]
    at.button(key="edition_publish_now").click().run()
    assert page_ok(at) and last_outcome(out).ok
    before = supported(out)

    commit_support(at, [["HT-ED-1", first, "15/10/2026", "khác", "", "1.000.000"]], "mot.csv")
    wait_for_publishing()
    assert supported(out) == before + 1  # published again in the background after the commit
    published = build_id((out / "index.html").read_text(encoding="utf-8"))
    assert last_outcome(out).build_id == published

    at.toggle(key="edition_automatic").set_value(False).run()  # embargo: by hand from now on
    assert "Đang tạm giữ: bản tin chỉ thay đổi khi bấm «Công bố ngay»." in [c.value for c in at.caption]
    commit_support(at, [["HT-ED-2", second, "16/10/2026", "khác", "", "1.000.000"]], "hai.csv")
    wait_for_publishing()
    assert build_id((out / "index.html").read_text(encoding="utf-8")) == published and supported(out) == before + 1
    at.button(key="edition_publish_now").click().run()
    assert supported(out) == before + 2

    out.unlink()  # something else now stands where the edition goes: publishing must fail
    out.mkdir()
    (out / "ghi-chu.txt").write_text("không phải bản tin")
    at.toggle(key="edition_automatic").set_value(True).run()
    commit_support(at, [["HT-ED-3", third, "17/10/2026", "khác", "", "1.000.000"]], "ba.csv")
    wait_for_publishing()
    assert at.success[0].value.startswith("Đã ghi lần cập nhật số 3")  # the commit stands
    at.run()
    outcome = last_outcome(out)
    assert not outcome.ok
    warning = at.warning[-1].value
    assert f"mã sự cố {outcome.incident}" in warning and str(tmp_path) not in warning
    assert (out / "ghi-chu.txt").read_text() == "không phải bản tin"


def test_the_sidebar_links_to_the_edition_in_the_readers_language(app_env, monkeypatch):
    from tests.apptest import open_page

    monkeypatch.setenv("NSCL_EDITION_URL", "/ban-tin")
    for lang, href in (("vi", "/ban-tin/"), ("en", "/ban-tin/en/")):
        at = open_page(as_of="2026-11-26", lang=lang)
        links = [el.proto.body for el in at.sidebar.get("html") if "ban-tin" in el.proto.body]
        assert links and f'href="{href}"' in links[0]
    monkeypatch.setenv("NSCL_EDITION_URL", "javascript:alert(1)")
    at = open_page(as_of="2026-11-26")
    assert not [el for el in at.sidebar.get("html") if "alert" in el.proto.body]
