"""The command line: templates, imports with exit codes and JSON, and a database held by the app."""
import json
import re
import subprocess
import sys

import pytest

from nscl.settings import ROOT
from tests.ingest_helpers import ENTERPRISE_HEADER as EH
from tests.ingest_helpers import TAX, csv_text


def run(*args, db, **env):
    return subprocess.run([sys.executable, "-m", "nscl", *args], cwd=ROOT, capture_output=True, text=True,
                          env={"NSCL_DB": str(db), "NSCL_ARCHIVE": str(db.parent / "archive"), "PATH": "/usr/bin",
                               **env})


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.duckdb"


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_template_is_accepted_back_by_the_importer(tmp_path, db, suffix):
    template = tmp_path / f"mau.{suffix}"
    assert run("template", "--dataset", "enterprises", "-o", str(template), db=db).returncode == 0
    done = run("import", "--dataset", "enterprises", str(template), "--dry-run", db=db)
    # The headers are read; the untouched example row is refused, never written over a real record.
    assert done.returncode == 1, done.stdout + done.stderr
    assert "(giá trị \"0000000017\"): Đây là dòng ví dụ của mẫu nhập liệu (mã \"0000000017\")" in done.stdout


def test_import_valid_file_commits_and_exits_0(tmp_path, db):
    f = tmp_path / "dn.csv"
    f.write_bytes(csv_text([EH, [TAX[0], "Công ty A", "C", "450", "nhỏ", "FDI"]]).encode("utf-8-sig"))
    done = run("import", "--dataset", "enterprises", str(f), db=db)
    assert done.returncode == 0 and "Đã ghi vào cơ sở dữ liệu, lần cập nhật số 1: 1 dòng mới" in done.stdout
    again = run("import", "--dataset", "enterprises", str(f), "--json", db=db)
    assert again.returncode == 0 and json.loads(again.stdout)["unchanged"] == 1


def test_import_with_problems_exits_1_with_json_problems(tmp_path, db):
    f = tmp_path / "dn.csv"
    f.write_bytes(csv_text([EH, [TAX[0], "Công ty A", "ZZ", "450", "nhỏ", "FDI"]]).encode())
    done = run("import", "--dataset", "enterprises", str(f), "--json", db=db)
    assert done.returncode == 1
    problems = json.loads(done.stdout)
    assert problems == [{"row": 2, "column": "Ngành kinh tế", "value": "ZZ", "severity": "error",
                         "message": "Giá trị \"ZZ\" không có trong danh mục. Giá trị được dùng: mã ngành A..U theo "
                                    "VSIC 2018."}]


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary", b'"unbalanced,quote\r\n', b"x" * 5000])
def test_no_traceback_for_any_input(tmp_path, db, content):
    f = tmp_path / "x.csv"
    f.write_bytes(content)
    done = run("import", "--dataset", "courses", str(f), db=db)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout and done.stderr.strip()


def test_database_held_by_another_process_is_explained(tmp_path, db):
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(30)", str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        f = tmp_path / "dn.csv"
        f.write_bytes(csv_text([EH, [TAX[0], "A", "C", "450", "nhỏ", "FDI"]]).encode())
        done = run("import", "--dataset", "enterprises", str(f), db=db)
        assert done.returncode == 1 and "đang được một chương trình khác sử dụng" in done.stderr
        assert "Traceback" not in done.stderr
    finally:
        holder.kill()


def test_export_builds_the_deck_and_the_report(tmp_path, db):
    done = run("demo", "--scale", "0.2", "--db", str(db), db=db)
    assert done.returncode == 0
    # Vietnamese numbers (900 firms of former Quảng Bình and 540 of former Quảng Trị at this scale) and
    # the datasets' names, not the tables'.
    assert re.search(r" trong \d+,\d giây: Doanh nghiệp: 1.440; Hỗ trợ doanh nghiệp: \d+; ", done.stdout), done.stdout
    assert "enterprises" not in done.stdout
    deck = tmp_path / "hop.pptx"
    done = run("export", "deck", "--as-of", "2026-11-26", "-o", str(deck), db=db)
    assert done.returncode == 0, done.stderr
    from pptx import Presentation
    assert len(Presentation(str(deck)).slides) == 11
    report = tmp_path / "bao-cao.docx"
    done = run("export", "report", "--phase", "2021-2025", "--as-of", "2025-12-31", "--agency",
               "Sở Khoa học và Công nghệ", "--place", "Đồng Hới", "-o", str(report), db=db)
    assert done.returncode == 0, done.stderr
    from docx import Document
    header = " ".join(c.text for c in Document(str(report)).tables[0].rows[0].cells)
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in header and "Đồng Hới, ngày" in header


@pytest.mark.parametrize("args, message", [
    (["export", "deck", "--as-of", "2026-13-40", "-o", "x.pptx"], "Tham số không hợp lệ"),
    (["export", "report", "--phase", "2040-2045", "-o", "x.docx"],
     "Kế hoạch 676/KH-UBND không có giai đoạn «2040-2045» (các giai đoạn: 2021-2025, 2026-2030)."),
    (["export", "report", "-o", "x.pdf"], "đuôi .docx"),
])
def test_export_with_bad_arguments_exits_1_with_a_message(db, args, message):
    done = run(*args, db=db)
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr
