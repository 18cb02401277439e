"""Real browser: a staff member logs in, uploads an XLSX, reads the problems, fixes the file,
commits, sees the overview change, undoes and sees it return."""
import io
import re

import duckdb
import openpyxl
import pytest

from nscl.auth import add_user
from nscl.i18n import fmt_count
from tests.browser import chromium_page, streamlit_server, wait_idle
from tests.conftest import ARTIFACTS, build_demo_file
from tests.ingest_helpers import xlsx

pytestmark = pytest.mark.browser
HEADER = ["STT", "Mã hồ sơ hỗ trợ", "Mã số thuế", "Ngày hỗ trợ", "Loại giải pháp", "Giải pháp", "Kinh phí (đồng)"]


@pytest.fixture(scope="module")
def served(tmp_path_factory, plan):
    folder = tmp_path_factory.mktemp("upload")
    db = build_demo_file(folder / "upload.duckdb", plan)
    con = duckdb.connect(str(db))
    # The overview follows Plan 676: firms in former Quảng Bình (the plan's territory) only.
    plan_firms = f"SELECT tax_code FROM enterprises WHERE in_plan('{plan.id}', place_code)"
    firms = [r[0] for r in con.execute(
        f"SELECT tax_code FROM enterprises WHERE tax_code IN ({plan_firms}) AND tax_code NOT IN "
        "(SELECT tax_code FROM support_records WHERE year(supported_on) = 2026) ORDER BY tax_code LIMIT 15").fetchall()]
    before = con.execute("SELECT count(DISTINCT tax_code) FROM support_records WHERE supported_on "
                         f"BETWEEN DATE '2026-01-01' AND DATE '2026-11-26' AND tax_code IN ({plan_firms})"
                         ).fetchall()[0][0]
    con.close()
    add_user("lan", "mat-khau-dai-1", "Nguyễn Thị Lan", path=folder / "users.toml")
    env = {"NSCL_USERS": str(folder / "users.toml"), "NSCL_ARCHIVE": str(folder / "archive")}
    with streamlit_server(db, folder / "streamlit.log", env) as url:
        yield url, firms, before, folder


def workbook(firms, broken: bool) -> bytes:
    rows = [["BÁO CÁO HỖ TRỢ DOANH NGHIỆP NĂM 2026"], [], HEADER]
    for i, tax in enumerate(firms, start=1):
        code = "3100000017" if broken and i == 3 else tax
        kind = "phép màu" if broken and i == 5 else "công cụ cải tiến năng suất chất lượng"
        rows.append([i, f"HT-WEB-{i}", code, "20/10/2026", kind, "Kaizen", 30000000])
    return xlsx({"Hỗ trợ": rows}, text_columns=(2,))


def supported_value(page, url=None) -> str:
    """The overview's supported-enterprises card; without url, reached through the sidebar so the
    signed-in session is kept."""
    if url:
        page.goto(url + "/?as_of=2026-11-26")
    else:
        page.locator("[data-testid='stSidebarNav'] a", has_text="Tổng quan").click()
    page.wait_for_selector("text=Doanh nghiệp được hỗ trợ giải pháp nâng cao năng suất chất lượng", timeout=60_000)
    wait_idle(page)
    text = page.locator(".st-key-card_supported [data-testid='stMetricValue']").inner_text()
    return re.sub(r"\s+", " ", text)


def test_staff_upload_fix_commit_and_undo(served):
    url, firms, before, folder = served
    with chromium_page(height=1800) as page:
        assert supported_value(page, url).startswith(f"{fmt_count(before)} doanh nghiệp")

        page.goto(url + "/upload?as_of=2026-11-26")
        page.get_by_label("Tên đăng nhập").fill("lan")
        page.get_by_label("Mật khẩu").fill("mat-khau-dai-1")
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_selector("text=Chọn tệp CSV hoặc Excel", timeout=30_000)
        wait_idle(page)
        # The sign-in is recorded, with the browser's address (this machine), in the shared attempts file.
        from nscl.attempts import AttemptStore
        assert AttemptStore(folder / "login-attempts.sqlite3").rows() == [
            ("lan", "ip:127.0.0.1", "ip:127.0.0.1", True)]
        page.locator(".st-key-upload_dataset [data-testid='stSelectbox']").click()
        page.locator("[role='option']:has-text('Hỗ trợ doanh nghiệp')").click()
        wait_idle(page)  # the choice reruns the page and redraws the file input

        broken = folder / "ho-tro-2026.xlsx"
        broken.write_bytes(workbook(firms, broken=True))
        page.locator("input[type='file']").set_input_files(str(broken))
        page.wait_for_selector("text=Các vấn đề trong tệp", timeout=60_000)
        wait_idle(page)
        body = page.inner_text("body")
        assert "2 lỗi trên 2 dòng, 0 cảnh báo." in body
        # Streamlit writes the file's size the English way ("6.2KB"); the page says "6,2 KB".
        assert re.search(r"ho-tro-2026\.xlsx\s+\d+,\d KB", body) and not re.search(r"\d\.\dKB", body)
        assert page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").is_disabled()
        with page.expect_download() as info:
            page.get_by_role("button", name=re.compile("Tải báo cáo lỗi \\(Excel")).click()
        report = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
        problems = [row for row in report["Danh sách lỗi"].iter_rows(min_row=2, values_only=True)]
        assert [(r[0], r[1], r[2]) for r in problems] == [(6, "Mã số thuế", "3100000017"),
                                                          (8, "Loại giải pháp", "phép màu")]
        assert problems[0][3].startswith("Mã số thuế không hợp lệ")
        marked = report["Dòng có lỗi"]
        assert marked.cell(2, 3).fill.fgColor.rgb.endswith("FFC9C9")  # the faulty cell is highlighted
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "upload-errors.png"), full_page=True)

        fixed = folder / "ho-tro-2026-da-sua.xlsx"
        fixed.write_bytes(workbook(firms, broken=False))
        page.locator("input[type='file']").set_input_files(str(fixed))
        page.wait_for_selector("text=Tệp hợp lệ, không có lỗi.", timeout=60_000)
        wait_idle(page)
        page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").click()
        page.wait_for_selector("text=Đã ghi lần cập nhật số 1: 15 dòng mới", timeout=60_000)

        assert supported_value(page).startswith(f"{fmt_count(before + 15)} doanh nghiệp")

        page.locator("[data-testid='stSidebarNav'] a", has_text="Cập nhật dữ liệu").click()
        wait_idle(page)
        page.get_by_role("tab", name="Lịch sử cập nhật").click()
        page.get_by_role("button", name="Hoàn tác lần cập nhật").click()
        # Nothing changes until the undo is confirmed; the question names the file.
        page.wait_for_selector("text=tệp «ho-tro-2026-da-sua.xlsx»", timeout=60_000)
        page.screenshot(path=str(ARTIFACTS / "upload-undo-confirm.png"), full_page=True)
        page.get_by_role("button", name="Xác nhận hoàn tác").click()
        page.wait_for_selector("text=Đã hoàn tác lần cập nhật số 1.", timeout=60_000)
        assert supported_value(page).startswith(f"{fmt_count(before)} doanh nghiệp")
