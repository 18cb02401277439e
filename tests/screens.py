"""`make screens`: screenshots of every page, every slide and the Word report's charts, on a phone
(390×844) and a desktop (1440×900), into screens/ (git-ignored), so anyone can look before a
release. The app runs on a fresh demo database on a free localhost port, in Debian's Chromium
(tests/browser.py); the report's charts are the very images the report embeds (kaleido), shown as
a phone and a desktop show a picture: the page's width.

    python -m tests.screens [--out screens] [--as-of 2026-11-26] [--lang vi en]
"""
from __future__ import annotations

import argparse
import base64
import datetime as dt
import re
import sys
import tempfile
import time
from pathlib import Path

from nscl.plan import load_plan_by_id
from nscl.settings import DEFAULT_PLAN, PLANS_DIR, ROOT
from nscl.ui import PAGES
from tests.browser import chromium_page, page_path, screenshot, streamlit_server, wait_idle
from tests.conftest import build_demo_file

SIZES = [(390, 844), (1440, 900)]
AS_OF = dt.date(2026, 11, 26)  # the demo's reference day (the browser tests use it too)


def _open(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("h1, .st-key-slide_controls", timeout=60_000)
    wait_idle(page)
    page.wait_for_timeout(800)  # Plotly finishes laying out after the last message


def slide_count(page) -> int:
    """The total of the presentation's counter ("Trang 1 / 11", "Slide 1 / 11")."""
    found = re.search(r"(\d+)\s*/\s*(\d+)", page.inner_text(".st-key-slide_controls"))
    return int(found.group(2)) if found else 1


def report_charts(db: Path, plan, as_of: dt.date, lang: str) -> list[bytes]:
    """The PNGs of the report's charts, rendered as build_report renders them."""
    import duckdb

    from nscl.present.report import render_images
    from tests.slides_from_db import collect

    con = duckdb.connect(str(db), read_only=True)
    try:
        _, slides = collect(con, plan, plan.phase_for(as_of).id, as_of, lang)
    finally:
        con.close()
    return render_images([s.figure for s in slides if s.kind == "target"])


def take(out: Path, as_of: dt.date, langs: list[str]) -> int:
    out.mkdir(parents=True, exist_ok=True)
    plan = load_plan_by_id(DEFAULT_PLAN, PLANS_DIR)
    shots = 0
    with tempfile.TemporaryDirectory(prefix="nscl-screens-") as tmp:
        db = build_demo_file(Path(tmp) / "demo.duckdb", plan)
        images = {lang: report_charts(db, plan, as_of, lang) for lang in langs}
        with streamlit_server(db, Path(tmp) / "streamlit.log") as url:
            for lang in langs:
                for width, height in SIZES:
                    size = f"{width}x{height}"
                    with chromium_page(width, height) as page:
                        for spec in PAGES:
                            _open(page, f"{url}{page_path(spec.url_path)}?as_of={as_of}&lang={lang}")
                            screenshot(page, out / f"{lang}-{size}-page-{spec.url_path}.png", width, height)
                            page.set_viewport_size({"width": width, "height": height})
                            shots += 1
                        _open(page, f"{url}/present?as_of={as_of}&lang={lang}&slide=1")
                        for n in range(1, slide_count(page) + 1):
                            _open(page, f"{url}/present?as_of={as_of}&lang={lang}&slide={n}")
                            screenshot(page, out / f"{lang}-{size}-slide-{n:02d}.png", width, height)
                            page.set_viewport_size({"width": width, "height": height})
                            shots += 1
                        for n, png in enumerate(images[lang], start=1):
                            source = base64.b64encode(png).decode()
                            page.set_content(f'<body style="margin:8px"><img style="width:100%" '
                                             f'src="data:image/png;base64,{source}"></body>')
                            page.screenshot(path=str(out / f"{lang}-{size}-report-chart-{n}.png"), full_page=True)
                            shots += 1
    return shots


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--out", type=Path, default=ROOT / "screens", help="the folder of the screenshots")
    args.add_argument("--as-of", type=dt.date.fromisoformat, default=AS_OF, help="the data date shown")
    args.add_argument("--lang", nargs="+", default=["vi", "en"], choices=["vi", "en"], help="the languages")
    options = args.parse_args(argv)
    started = time.monotonic()
    shots = take(options.out, options.as_of, options.lang)
    print(f"{shots} screenshots in {options.out} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
