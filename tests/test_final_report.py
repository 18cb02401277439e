"""The phase's final review report ("báo cáo tổng kết giai đoạn"), read back with python-docx on
hand-made data: all met; some not met; a count target without records; a growth target with falls; a
growth target without data; a programme target continuing; a target tracked only; staff commentary."""
import datetime as dt

from nscl import commentary
from nscl.present.report import ReportSettings
from tests.final_report_data import all_met, mixed, report_paragraphs

SETTINGS = ReportSettings(agency="Sở Khoa học và Công nghệ", place="Đồng Hới")


def after(paragraphs: list[str], heading: str, until: str) -> list[str]:
    start = paragraphs.index(heading)
    return [p for p in paragraphs[start + 1:paragraphs.index(until, start)] if p.strip()]


def test_some_not_met_every_sentence(con, plan):
    mixed(con)
    _, paragraphs, document = report_paragraphs(con, plan, settings=SETTINGS)
    text = "\n".join(paragraphs)
    assert ("Tổng kết giai đoạn 2021-2025 thực hiện Kế hoạch số 676/KH-UBND ngày 29/04/2021 của Ủy ban nhân dân "
            "tỉnh Quảng Bình về kế hoạch triển khai") in text
    assert "(Giai đoạn 2021-2025 kết thúc ngày 31/12/2025; số liệu tính đến ngày 06/12/2026)" in paragraphs
    assert ("Giai đoạn 2021-2025 của Kế hoạch số 676/KH-UBND (triển khai Quyết định số 1322/QĐ-TTg ngày 31/8/2020 "
            "của Thủ tướng Chính phủ) đã kết thúc ngày 31/12/2025. Sở Khoa học và Công nghệ báo cáo tổng kết kết "
            "quả thực hiện giai đoạn như sau:") in paragraphs
    # No forecast, pace or "on track" anywhere in a closed phase's report.
    for word in ("Dự báo", "dự báo", "Đúng tiến độ", "đúng tiến độ", "nhịp", "Cần đẩy nhanh", "Chậm tiến độ"):
        assert word not in text, word

    lines = {p.split(". ", 1)[0]: p for p in paragraphs if p.startswith("Kết quả cuối cùng:")}
    assert lines["Kết quả cuối cùng: 3 chuyên gia"].startswith(
        "Kết quả cuối cùng: 3 chuyên gia. Chỉ tiêu: khoảng 5 chuyên gia (2021-2025). Đánh giá: không đạt. "
        "Giai đoạn 2021-2025 đã kết thúc với 3/5 chuyên gia (60%): không đạt, còn thiếu 2 so với mức đạt 5.")
    # A count target with no records: zero, not met.
    assert lines["Kết quả cuối cùng: 0 lượt người"].startswith(
        "Kết quả cuối cùng: 0 lượt người. Chỉ tiêu: trên 200 lượt người (2021-2025), đạt khi từ 201. Đánh giá: "
        "không đạt. Giai đoạn 2021-2025 đã kết thúc với 0/201 lượt người (0%): không đạt, còn thiếu 201 so với "
        "mức đạt 201.")
    # A growth target with two falls: not met, the years named, the average for information only.
    assert lines["Kết quả cuối cùng: 12 doanh nghiệp (2025)"].startswith(
        "Kết quả cuối cùng: 12 doanh nghiệp (2025). Chỉ tiêu: tăng 10%–15%/năm. Đánh giá: không đạt. Giai đoạn "
        "2021-2025 đã kết thúc: 3/5 năm tăng ít nhất 10% so với năm trước; không đạt vì các năm 2022, 2025 thấp "
        "hơn mức đó. Bình quân cả giai đoạn tăng 3,7%/năm, từ 10 năm 2020 đến 12 năm 2025 (chỉ để tham khảo). 3/5 năm "
        "đạt mức tăng ≥ 10%; không đạt: 2022, 2025; 2021, 2023, 2024 tăng trên 15%: nên kiểm tra lại số liệu. "
        "Quy tắc đạt: giai đoạn đã kết thúc: chỉ tiêu đạt khi mọi năm của giai đoạn đều tăng ít nhất 10%")
    assert lines["Kết quả cuối cùng: 19 giấy chứng nhận (2025)"].startswith(
        "Kết quả cuối cùng: 19 giấy chứng nhận (2025). Chỉ tiêu: tăng ≥ 10%/năm. Đánh giá: đã đạt. Giai đoạn "
        "2021-2025 đã kết thúc: cả 5 năm đều tăng ít nhất 10% so với năm trước.")
    assert ("Kết quả cuối cùng: 0 tổ chức (2025). Đánh giá: theo dõi. Kế hoạch "
            "không đặt chỉ tiêu số nên không đánh giá đạt hay không đạt; năm 2025 có 0 tổ chức.") in paragraphs

    # The summary table and one year table per target: falls signed, each year met or not.
    summary = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    assert [c.text for c in summary.rows[0].cells] == ["STT", "Chỉ tiêu", "Kết quả thực hiện", "Chỉ tiêu kế hoạch",
                                                      "Hoàn thành", "Đánh giá"]
    assert [(r.cells[4].text, r.cells[5].text) for r in summary.rows[1:]] == [
        ("3/5 (60%)", "Không đạt"), ("0/201 (0%)", "Không đạt"), ("3/5", "Không đạt"), ("5/5", "Đã đạt"),
        ("0/5", "Chưa đủ dữ liệu"), ("0/10 (0%)", "Tiếp tục thực hiện"), ("–", "Theo dõi")]
    years = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables
             if t.rows[0].cells[0].text == "Năm"]
    assert years[0] == [["Năm", "Số trong năm", "Lũy kế"], ["2021", "1", "1"], ["2022", "0", "1"],
                        ["2023", "1", "2"], ["2024", "0", "2"], ["2025", "1", "3"]]
    assert years[2] == [["Năm", "Số liệu của năm", "Tăng so với năm trước", "Đạt mức tăng"],
                        ["2021", "12", "+20,0%", "Đạt"], ["2022", "9", "-25,0%", "Không đạt"],
                        ["2023", "11", "+22,2%", "Đạt"], ["2024", "13", "+18,2%", "Đạt"],
                        ["2025", "12", "-7,7%", "Không đạt"]]
    assert years[4][1] == ["2021", "0", "–", "Không tính được"]
    assert years[6] == [["Năm", "Số liệu của năm"], ["2021", "0"], ["2022", "0"], ["2023", "0"], ["2024", "0"],
                        ["2025", "0"]]

    assert ("Giai đoạn 2021-2025 có 1/6 chỉ tiêu có số lượng đạt (đã đạt: 1; không đạt: 3; chưa đủ dữ liệu: 1; "
            "tiếp tục thực hiện: 1).") in paragraphs
    assert after(paragraphs, "1. Những kết quả đạt được", "2. Những chỉ tiêu không đạt và nguyên nhân") == [
        "- Giấy chứng nhận ISO 9001 cấp cho doanh nghiệp: 19 giấy chứng nhận (2025), đạt chỉ tiêu tăng ≥ 10%/năm."]
    missed = after(paragraphs, "2. Những chỉ tiêu không đạt và nguyên nhân",
                   "3. Chỉ tiêu chưa kết luận, tiếp tục thực hiện hoặc chỉ theo dõi")
    assert missed[0] == ("- Chuyên gia năng suất chất lượng được đào tạo, chứng nhận: 3 chuyên gia; chỉ tiêu khoảng 5 "
                         "chuyên gia (2021-2025). Giai đoạn 2021-2025 đã kết thúc với 3/5 chuyên gia (60%): không "
                         "đạt, còn thiếu 2 so với mức đạt 5.")
    assert missed[1::2] == ["[Nguyên nhân: nội dung do đơn vị bổ sung. ……]"] * 3  # nobody wrote the causes
    assert [m.split(":")[0] for m in missed[::2]] == [
        "- Chuyên gia năng suất chất lượng được đào tạo, chứng nhận",
        "- Lượt cán bộ lãnh đạo, quản lý doanh nghiệp được đào tạo chuyên sâu",
        "- Doanh nghiệp được hỗ trợ giải pháp nâng cao năng suất chất lượng"]
    assert after(paragraphs, "3. Chỉ tiêu chưa kết luận, tiếp tục thực hiện hoặc chỉ theo dõi",
                 "III. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2026-2030") == [
        "- Giấy chứng nhận ISO 14001 cấp cho doanh nghiệp (chưa đủ dữ liệu): giai đoạn 2021-2025 đã kết thúc nhưng "
        "không có số liệu để tính mức tăng của năm nào, nên chưa kết luận được.",
        "- Doanh nghiệp xây dựng mô hình điểm (tiếp tục thực hiện): đến hết ngày 31/12/2025 có 0/10 doanh nghiệp "
        "(0%); chỉ tiêu tính cho cả thời kỳ 2021-2030, được đánh giá khi thời kỳ kết thúc (31/12/2030).",
        "- Tổ chức đánh giá sự phù hợp được công nhận (theo dõi): kế hoạch không đặt chỉ tiêu số nên không đánh giá "
        "đạt hay không đạt; năm 2025 có 0 tổ chức."]
    ahead = paragraphs[paragraphs.index("III. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2026-2030") + 1:]
    assert ahead[:3] == [
        "Các chỉ tiêu của Kế hoạch cho giai đoạn 2026-2030:",
        "- Chuyên gia năng suất chất lượng được đào tạo, chứng nhận: khoảng 10 chuyên gia (2026-2030), đạt khi từ 9.",
        "- Lượt cán bộ lãnh đạo, quản lý doanh nghiệp được đào tạo chuyên sâu: trên 300 lượt người (2026-2030), "
        "đạt khi từ 301."]
    assert ("- Doanh nghiệp xây dựng mô hình điểm: ít nhất 10 doanh nghiệp (2021-2030); đến hết giai đoạn 2021-2025 "
            "đã có 0 doanh nghiệp, tiếp tục thực hiện.") in ahead
    assert "[Nhiệm vụ, giải pháp: nội dung do đơn vị bổ sung. ……]" in ahead
    assert "Nơi nhận:" in document.tables[-1].rows[0].cells[0].text  # Decree 30's closing, as the report


def test_all_met(con, plan):
    narrowed = all_met(con, plan)
    _, paragraphs, _ = report_paragraphs(con, narrowed)
    assert "Giai đoạn 2021-2025 có 2/2 chỉ tiêu có số lượng đạt (đã đạt: 2)." in paragraphs
    assert after(paragraphs, "1. Những kết quả đạt được", "2. Những chỉ tiêu không đạt và nguyên nhân") == [
        "- Chuyên gia năng suất chất lượng được đào tạo, chứng nhận: 5 chuyên gia, đạt chỉ tiêu khoảng 5 chuyên gia "
        "(2021-2025).",
        "- Giấy chứng nhận ISO 9001 cấp cho doanh nghiệp: 19 giấy chứng nhận (2025), đạt chỉ tiêu tăng ≥ 10%/năm."]
    assert after(paragraphs, "2. Những chỉ tiêu không đạt và nguyên nhân",
                 "III. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2026-2030") == ["Không có chỉ tiêu nào không đạt."]
    assert "3. Chỉ tiêu chưa kết luận, tiếp tục thực hiện hoặc chỉ theo dõi" not in paragraphs
    assert ("Kết quả cuối cùng: 5 chuyên gia. Chỉ tiêu: khoảng 5 chuyên gia (2021-2025). Đánh giá: đã đạt. Giai "
            "đoạn 2021-2025 đã kết thúc với 5/5 chuyên gia (100%): đạt chỉ tiêu (mức đạt: 5).") in " ".join(paragraphs)


def test_the_staff_commentary_gives_the_causes_and_the_tasks(con, plan):
    mixed(con)
    commentary.save(con, plan.id, "experts", "2021-2025", dt.date(2026, 12, 1),
                    {"results": "Đã tổ chức 2 khóa đào tạo chuyên gia.", "causes": "Thiếu học viên đủ điều kiện.",
                     "solutions": "Phối hợp với Viện Năng suất Việt Nam."}, "Nguyễn Thị Lan",
                    now=dt.datetime(2026, 12, 2, 9, 0))
    _, paragraphs, _ = report_paragraphs(con, plan)
    missed = after(paragraphs, "2. Những chỉ tiêu không đạt và nguyên nhân",
                   "3. Chỉ tiêu chưa kết luận, tiếp tục thực hiện hoặc chỉ theo dõi")
    assert missed[1] == "Nguyên nhân (theo đánh giá của đơn vị): Thiếu học viên đủ điều kiện."
    assert missed[3] == "[Nguyên nhân: nội dung do đơn vị bổ sung. ……]"  # managers: nobody wrote one
    assert "Đánh giá của đơn vị: Đã tổ chức 2 khóa đào tạo chuyên gia." in paragraphs
    ahead = paragraphs[paragraphs.index("III. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2026-2030"):]
    solutions = ahead.index("Nhiệm vụ, giải pháp (theo đề xuất của đơn vị):")
    assert ahead[solutions + 1] == ("- Chuyên gia năng suất chất lượng được đào tạo, chứng nhận: Phối hợp với Viện "
                                    "Năng suất Việt Nam.")


def test_english_copy(con, plan):
    mixed(con)
    _, paragraphs, _ = report_paragraphs(con, plan, lang="en")
    assert any(p.startswith("Final review of phase 2021-2025 of Plan No. 676/KH-UBND") for p in paragraphs)
    assert ("In phase 2021-2025, 1/6 numeric targets were met (achieved: 1; not achieved: 3; insufficient data: 1; "
            "continuing: 1).") in paragraphs
    assert any(p.startswith("Final result: 12 enterprises (2025). Target: growth 10%–15% per year. Assessment: not "
                            "achieved. Phase 2021-2025 ended: 3/5 years grew at least 10% over the year before; not "
                            "met because 2022, 2025 fell short of it.") for p in paragraphs)
    assert not any("orecast" in p or "on track" in p.lower() for p in paragraphs)


def test_the_last_day_of_the_phase_still_gets_the_running_report(con, plan):
    mixed(con)
    _, paragraphs, _ = report_paragraphs(con, plan, as_of=dt.date(2025, 12, 31))
    assert not any(p.startswith("Tổng kết giai đoạn") for p in paragraphs)
    assert "III. ĐÁNH GIÁ CHUNG VÀ KIẾN NGHỊ" in paragraphs
    _, paragraphs, _ = report_paragraphs(con, plan, as_of=dt.date(2026, 1, 1))
    assert any(p.startswith("Tổng kết giai đoạn 2021-2025") for p in paragraphs)
