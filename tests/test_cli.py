"""The command line: templates, imports with exit codes and JSON, and a database held by the app."""
import json
import re
import subprocess
import sys

import pytest

from nscl.datasets import DATASETS
from nscl.settings import ROOT
from tests.ingest_helpers import ENTERPRISE_HEADER as EH
from tests.ingest_helpers import TAX, csv_text
from tests.vietnamese_text import english_words


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


HELP_CODE = re.compile(r"(?<!\w)--?[\w-]+|\{[^}]*\}")  # option names (--dataset, -h) and choices ({vi,en})


def help_prose(text: str, *code_words: str) -> str:
    """The help minus what is code, which stays as typed in either language: the usage block (from
    "cách dùng:" to its first blank line: the command's and options' names), option names, {choices},
    and the given words (sub-command names, dataset keys)."""
    prose = HELP_CODE.sub(" ", text.split("\n\n", 1)[1])
    words = "|".join(map(re.escape, code_words))
    return re.sub(rf"\b(?:{words})\b", " ", prose) if code_words else prose


COMMANDS = ("init", "demo", "template", "import", "export", "snapshot", "rebuild", "publish", "user", "plan")
ALL_DATASETS = ("tổ chức đánh giá sự phù hợp (cabs), giấy chứng nhận (certificates), khóa đào tạo (courses), "
                "doanh nghiệp (enterprises), chuyên gia (experts), học viên (participants), mô hình điểm (pilots), "
                "hỗ trợ doanh nghiệp (support)")


@pytest.mark.parametrize("args, code_words", [(["--help"], COMMANDS), (["import", "--help"], tuple(DATASETS))])
def test_help_is_vietnamese_by_default(db, args, code_words):
    done = run(*args, db=db)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("cách dùng: python -m nscl")
    assert "\ntùy chọn:\n  -h, --help            hiện trợ giúp này rồi thoát\n" in done.stdout
    assert english_words(help_prose(done.stdout, *code_words)) == []


def test_import_help_names_the_datasets_in_vietnamese_and_by_key(db):
    done = run("import", "--help", db=db)
    assert "\nđối số:\n  TỆP                   tệp CSV hoặc Excel cần nhập\n" in done.stdout
    assert " ".join(done.stdout.split("tập dữ liệu: ", 1)[1].split("\n  --dry-run")[0].split()) == ALL_DATASETS
    root = run("--help", db=db).stdout
    assert "\nlệnh:\n" in root and "    import              kiểm tra một tệp rồi ghi vào cơ sở dữ liệu\n" in root


@pytest.mark.parametrize("lang", [["--lang", "en"], ["--lang=en"]])
def test_help_in_english_with_lang_en(db, lang):
    done = run("import", "--help", *lang, db=db)
    assert done.returncode == 0 and done.stdout.startswith("usage: python -m nscl import ")
    assert "\npositional arguments:\n  FILE                  CSV or Excel file to import\n" in done.stdout
    assert "\noptions:\n  -h, --help            show this help message and exit\n" in done.stdout
    assert "training courses (courses)" in " ".join(done.stdout.split()) and "tập dữ liệu" not in done.stdout
    root = run("--lang", "en", "--help", db=db).stdout
    assert "    import              check a file and write it to the database\n" in root


def last_line(done) -> str:
    assert "Traceback" not in done.stderr and done.stdout == ""
    return done.stderr.rstrip("\n").rsplit("\n", 1)[-1]


def test_bad_dataset_and_missing_arguments_are_said_in_vietnamese_with_exit_code_2(db):
    done = run("import", "--dataset", "foo", "dn.csv", db=db)
    assert done.returncode == 2 and done.stderr.startswith("cách dùng: python -m nscl import ")
    assert last_line(done) == ("python -m nscl import: lỗi: đối số --dataset: không có tập dữ liệu «foo»; "
                               f"các tập dữ liệu: {ALL_DATASETS}")
    done = run("import", db=db)
    assert done.returncode == 2 and last_line(done) == "python -m nscl import: lỗi: thiếu các đối số bắt buộc: --dataset, TỆP"
    done = run("imp", db=db)
    assert done.returncode == 2 and last_line(done).startswith(
        "python -m nscl: lỗi: đối số {init,demo,template,import,export,snapshot,rebuild,publish,user,plan}: "
        "giá trị 'imp' không hợp lệ (chọn một trong: ")
    done = run("import", "--dataset", "enterprises", "dn.csv", "thừa", db=db)
    assert done.returncode == 2 and last_line(done) == "python -m nscl: lỗi: không nhận ra các đối số: thừa"


def test_argument_errors_in_english_with_lang_en(db):
    done = run("import", "--lang", "en", "--dataset", "foo", "dn.csv", db=db)
    assert done.returncode == 2 and last_line(done).startswith(
        "python -m nscl import: error: argument --dataset: there is no dataset «foo»; the datasets: "
        "conformity-assessment bodies (cabs), certificates (certificates), ")
    done = run("import", "--lang", "en", db=db)
    assert done.returncode == 2 and last_line(done) == (
        "python -m nscl import: error: the following arguments are required: --dataset, FILE")


def test_argparse_speaks_its_own_language_again_after_the_command_line(capsys):
    import argparse
    import gettext

    from nscl.cli import main
    with pytest.raises(SystemExit) as stopped:
        main(["import"])
    assert stopped.value.code == 2 and "thiếu các đối số bắt buộc" in capsys.readouterr().err
    assert argparse._ is gettext.gettext
