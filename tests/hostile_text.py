"""Names written as links, markup and Markdown, and a database and plan holding them: the
material of tests/test_data_as_text.py and tests/test_browser_data_as_text.py."""
from __future__ import annotations

from pathlib import Path

import duckdb

from nscl import analytics
from nscl.settings import PLANS_DIR
from tests.conftest import build_demo_file

LINK = '<a href="https://x.example">Bấm link</a>'
LINK_SHOWN = '&lt;a href="https://x.example"&gt;Bấm link&lt;/a&gt;'
BOLD = "<b>Công ty</b> <i>Hòa Bình</i> & Co"
BOLD_SHOWN = "&lt;b&gt;Công ty&lt;/b&gt; &lt;i&gt;Hòa Bình&lt;/i&gt; &amp; Co"
MARKDOWN_LINK = "[Bấm vào đây](https://x.example)"
HYPERLINK = '=HYPERLINK("http://x","y")'
BARE_URL = "Xem tại https://x.example/dang-nhap hoặc www.x.example, hỏi a@x.example"
DETAILS = [LINK, MARKDOWN_LINK, HYPERLINK, BARE_URL]  # solutions of the support records

# The plan's own words, changed as an operator's typo (or worse) could.
PLAN_WORDS = {
    'issuer_vi = "Ủy ban nhân dân tỉnh Quảng Bình"': 'issuer_vi = "**Ủy ban** [nhân dân](https://x.example)"',
    'province_vi = "Quảng Bình"': 'province_vi = "<a href=\\"https://x.example\\">Bấm link</a>"',
    'name_vi = "Chuyên gia năng suất chất lượng được đào tạo, chứng nhận"':
        'name_vi = "[Bấm vào đây](https://x.example) chuyên gia"',
    'source_vi = "đào tạo, chứng nhận đạt': 'source_vi = "xem https://x.example/ke-hoach _đào tạo_, chứng nhận đạt',
}
TARGET_NAME = "[Bấm vào đây](https://x.example) chuyên gia"
ISSUER = "**Ủy ban** [nhân dân](https://x.example)"


def build_hostile_db(path: Path, plan) -> Path:
    """The demo database with enterprise, solution and standard names written as markup."""
    build_demo_file(path, plan)
    con = duckdb.connect(str(path))
    con.execute("UPDATE pilot_models SET solution = $s", {"s": LINK})
    con.execute("UPDATE enterprises SET name = $n WHERE tax_code IN (SELECT tax_code FROM pilot_models)",
                {"n": BOLD})
    con.execute("UPDATE support_records SET detail = ($d)[CAST(1 + hash(id) % 4 AS BIGINT)] WHERE detail IS NOT NULL",
                {"d": DETAILS})
    con.execute("UPDATE certificates SET standard = $s WHERE standard NOT IN ('ISO 9001', 'ISO 14001')", {"s": LINK})
    con.execute("UPDATE cabs SET accreditation_standard = $s", {"s": BOLD})
    analytics.refresh(con)
    con.execute("CHECKPOINT")
    con.close()
    return path


def write_hostile_plan(folder: Path) -> Path:
    """The repository's plan with PLAN_WORDS changed, in `folder` (a plans folder)."""
    text = (PLANS_DIR / "quang-binh-676.toml").read_text(encoding="utf-8")
    for old, new in PLAN_WORDS.items():
        assert old in text
        text = text.replace(old, new)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "quang-binh-676.toml").write_text(text, encoding="utf-8")
    return folder
