"""Numbers and words a leader reads (issue 21): a count target's progress against the count that meets it,
the same on the card, the slide, the deck, the report and the published edition; a year to date says what
it is compared with; every sentence of the Word report on a running phase, a closed phase, a target
without a number, negative growth and zero records, read back from the document."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pptx import Presentation

from nscl.present import trend
from nscl.present.cards import build_card, change_text, count_progress
from nscl.present.deck import build_deck
from nscl.present.edition import phase_view
from nscl.present.sentences import labelled, lower_first, paragraph, sentence
from tests.wording_data import count_result, growth_result, narrowed, report

D = dt.date
SUPPORT_FALLS = {2020: 10, 2021: 12, 2022: 9, 2023: 11, 2024: 13, 2025: 12}
ISO_GROWING = {2020: 10, 2021: 11, 2022: 13, 2023: 15, 2024: 17, 2025: 19}


def section(paragraphs: list[str], heading: str, until: str) -> list[str]:
    """The non-empty paragraphs between a heading and the next one named."""
    start = paragraphs.index(heading)
    return [p for p in paragraphs[start + 1:paragraphs.index(until, start)] if p.strip()]


def defects(paragraphs: list[str]) -> list[str]:
    """What a careful clerk would not type: doubled full stops, a space before one, a capital letter after
    a semicolon or after "chỉ tiêu", a signed negative share, "None", the programme's end for a phase."""
    patterns = (r"\.\.(?!\.)", r"\s\.", r"; [A-ZĐÂÊÔƠƯ][a-zà-ỹ]", r"chỉ tiêu [A-ZĐ][a-zà-ỹ]", r"(?<![\w/–-])-\d",
                r"\bNone\b", r"\bnan\b", r"cuối chương trình", r"Tỷ lệ -", r"\b0/0\b")
    return [f"{p!r}: {pattern}" for p in paragraphs for pattern in patterns if re.search(pattern, p)]


# ------------------------------------------------------------------------------------------ the helpers

def test_count_progress_is_written_against_the_count_that_meets_the_target(plan):
    managers, experts = plan.target("managers"), plan.target("experts")
    assert managers.required(200) == 201 and experts.required(10) == 9
    assert count_progress(186, managers.required(200), "vi", "lượt người") == "186/201 lượt người (92%)"
    assert count_progress(1, experts.required(10), "vi") == "1/9 (11%)"
    # Below the pass mark never reads 100 %; at it, 100 %; past it, the true share.
    assert count_progress(200, 201, "vi") == "200/201 (99%)"
    assert count_progress(201, 201, "vi") == "201/201 (100%)"
    assert count_progress(1234, 1001, "en", "experts") == "1,234/1,001 experts (123%)"
    assert count_progress(None, 201, "vi") == "–"


def test_change_text_says_up_or_down_and_what_a_year_to_date_is_compared_with():
    assert change_text(0.0516, "vi", 97, 2025) == "+5,2% (cùng kỳ 2025: 97)"
    assert change_text(0.0516, "en", 1097, 2025) == "+5.2% (same period of 2025: 1,097)"
    assert change_text(-0.4222, "vi", words=True) == "giảm 42,2%"
    assert change_text(0.137, "vi", per_year=True, words=True) == "tăng 13,7%/năm"
    assert change_text(-0.1056, "en", per_year=True, words=True) == "down 10.6%/year"
    assert change_text(0.0, "vi", words=True) == "không đổi"
    assert change_text(-0.05, "vi", per_year=True) == "-5,0%/năm"  # the card's delta keeps its sign
    assert change_text(None, "vi") == "–"


def test_sentences_have_one_full_stop_and_no_capital_inside():
    assert sentence("Đã có 3 chuyên gia.", "Không đạt..", "") == "Đã có 3 chuyên gia; không đạt."
    assert sentence("- Tên: 5 tổ chức", "ISO 9001 tăng", sep=", ") == "- Tên: 5 tổ chức, ISO 9001 tăng."
    assert sentence("", None) == ""
    assert sentence("bao giờ?") == "Bao giờ?"
    assert labelled("Đánh giá", "Không đạt") == "Đánh giá: không đạt"
    assert labelled("Quy tắc đạt", "«Khoảng 5»: đạt khi từ 5") == "Quy tắc đạt: «khoảng 5»: đạt khi từ 5"
    assert lower_first("QUACERT cấp") == "QUACERT cấp" and lower_first("H2 tăng") == "H2 tăng"
    assert paragraph("Một câu.", None, "Hai câu. Ba câu..", "bốn") == "Một câu. Hai câu. Ba câu. Bốn."


# ------------------------------------------------- the same progress everywhere a count target is shown

def test_over_200_reads_186_of_201_on_the_card_slide_deck_report_and_edition(plan):
    as_of = D(2025, 11, 26)
    result = count_result(plan, "managers", {2021: 40, 2022: 40, 2023: 40, 2024: 40, 2025: 26}, "2021-2025", as_of)
    card = build_card(result, "vi", as_of, "Quảng Bình")
    assert card.completion_text == "Tỷ lệ hoàn thành: 186/201 (92%)"
    assert card.why.startswith("Đã có 186/201 lượt người (92%) khi đã qua 98% thời gian;")
    assert card.target_text == "trên 200 lượt người (2021-2025) · đạt khi từ 201"

    slides, paragraphs, document = report(narrowed(plan, "managers"), [result], "2021-2025", as_of)
    slide = next(s for s in slides if s.kind == "target")
    assert slide.card.completion_text == card.completion_text
    deck = Presentation(io.BytesIO(build_deck(slides)))
    deck_text = [p.text for s in deck.slides for shape in s.shapes if shape.has_text_frame
                 for p in shape.text_frame.paragraphs]
    assert "Tỷ lệ hoàn thành: 186/201 (92%)" in deck_text
    summary = document.tables[1]
    assert [c.text for c in summary.rows[1].cells][2:5] == ["186 lượt người",
                                                            "trên 200 lượt người (2021-2025) · đạt khi từ 201",
                                                            "186/201 (92%)"]
    assert any("Tỷ lệ hoàn thành: 186/201 (92%)." in p for p in paragraphs)
    edition = phase_view(plan, "2021-2025", [result], {}, "vi", as_of, 1)
    assert edition.targets[0].card.completion_text == card.completion_text
    everywhere = "\n".join([*paragraphs, *deck_text, *(c.text for r in summary.rows for c in r.cells)])
    assert "186/200" not in everywhere


@pytest.mark.parametrize("count, status, shown", [(200, "Không đạt", "200/201 (99%)"),
                                                   (201, "Đã đạt", "201/201 (100%)")])
def test_the_shown_share_reaches_100_only_where_the_status_is_met(plan, count, status, shown):
    result = count_result(plan, "managers", {2023: count}, "2021-2025", D(2026, 2, 1))
    card = build_card(result, "vi", D(2026, 2, 1), "Quảng Bình")
    assert (card.status_label, card.completion_text) == (status, f"Tỷ lệ hoàn thành: {shown}")


# ----------------------------------------------------------------------------------------- the running year

def test_a_year_to_date_says_it_is_compared_with_the_same_period_of_the_year_before(plan):
    as_of = D(2026, 11, 26)
    # 2025 had 100 certificates in all but 97 by 26/11: the 2026 bar (102) is above, the growth is +5,2%.
    result = growth_result(plan, "iso9001", {2024: (20, 18), 2025: (100, 97), 2026: (102, 102)}, "2026-2030", as_of)
    card = build_card(result, "vi", as_of, "Quảng Bình")
    assert (card.actual_full, card.rate_text) == ("102 giấy chứng nhận (2026, đến 26/11)", "+5,2% (cùng kỳ 2025: 97)")
    figure = trend.figure(result, "", "vi")
    bars = [d for d in figure.data if d.type == "bar"]
    hover = {x: text for b in bars for x, text in zip(b.x, b.hovertext)}
    assert hover["2026<br>(đến 26/11)"] == " (đến 26/11; cùng kỳ 2025: 97)"
    assert hover["2025"] == ""
    marker = next(d for d in figure.data if d.type == "scatter" and d.marker.symbol == "circle-open")
    assert list(marker.hovertext)[-1] == "so với cùng kỳ năm trước; cùng kỳ 2025: 97"
    assert card.why == ("Tạm tính: từ 01/01 đến 26/11 năm 2026 có 102, tăng 5,2% so với cùng kỳ năm 2025 (97); "
                        "yêu cầu tăng ≥ 10%/năm.")
    slides, _, _ = report(narrowed(plan, "iso9001"), [result], "2026-2030", as_of)
    deck = Presentation(io.BytesIO(build_deck(slides)))
    deck_text = [p.text for s in deck.slides for shape in s.shapes if shape.has_text_frame
                 for p in shape.text_frame.paragraphs]
    assert "+5,2% (cùng kỳ 2025: 97)" in deck_text
    english = build_card(result, "en", as_of, "Quảng Bình")
    assert english.rate_text == "+5.2% (same period of 2025: 97)"


# ---------------------------------------------------------------------------------------------- the report

def running_results(plan, as_of):
    return [count_result(plan, "experts", {2026: 1}, "2026-2030", as_of),
            count_result(plan, "managers", {2026: 20}, "2026-2030", as_of),
            growth_result(plan, "iso9001", {2024: (20, 18), 2025: (100, 97), 2026: (102, 102)}, "2026-2030", as_of),
            growth_result(plan, "supported", {2025: (50, 45), 2026: (30, 26)}, "2026-2030", as_of)]


def test_every_sentence_of_a_running_phase_report(plan):
    as_of = D(2026, 11, 26)
    _, paragraphs, document = report(narrowed(plan, "experts", "managers", "iso9001", "supported"),
                                     running_results(plan, as_of), "2026-2030", as_of)
    assert section(paragraphs, "2. Đào tạo, tập huấn về năng suất chất lượng",
                   "3. Hỗ trợ doanh nghiệp áp dụng tiêu chuẩn, quy chuẩn kỹ thuật, hệ thống quản lý, công cụ cải "
                   "tiến năng suất chất lượng") == [
        "- Chuyên gia năng suất chất lượng được đào tạo, chứng nhận: 1 chuyên gia; chỉ tiêu khoảng 10 chuyên gia "
        "(2026-2030), đạt khi từ 9. Đã có 1/9 chuyên gia (11%) khi đã qua 18% thời gian; giữ nhịp này sẽ đạt khoảng "
        "6 vào 31/12/2030 (61% nhịp cần thiết). Đánh giá: cần đẩy nhanh.",
        "- Lượt cán bộ lãnh đạo, quản lý doanh nghiệp được đào tạo chuyên sâu: 20 lượt người; chỉ tiêu trên 300 lượt "
        "người (2026-2030), đạt khi từ 301. Đã có 20/301 lượt người (6%) khi đã qua 18% thời gian; giữ nhịp này sẽ "
        "đạt khoảng 111 vào 31/12/2030 (37% nhịp cần thiết). Đánh giá: chậm tiến độ."]
    targets = [p for p in paragraphs if p.startswith("Kết quả thực hiện:")]
    assert targets == [
        "Kết quả thực hiện: 1 chuyên gia. Chỉ tiêu: khoảng 10 chuyên gia (2026-2030), đạt khi từ 9. Tỷ lệ hoàn "
        "thành: 1/9 (11%). Tình trạng: cần đẩy nhanh. Đã có 1/9 chuyên gia (11%) khi đã qua 18% thời gian; giữ "
        "nhịp này sẽ đạt khoảng 6 vào 31/12/2030 (61% nhịp cần thiết). Dự báo cuối giai đoạn 2026-2030: khoảng 6 "
        "chuyên gia (31/12/2030). Quy tắc đạt: «khoảng 10»: đạt khi kết quả từ 9 trở lên (chỉ tiêu trừ dung sai "
        "10%, làm tròn lên một đơn vị nguyên).",
        "Kết quả thực hiện: 20 lượt người. Chỉ tiêu: trên 300 lượt người (2026-2030), đạt khi từ 301. Tỷ lệ hoàn "
        "thành: 20/301 (6%). Tình trạng: chậm tiến độ. Đã có 20/301 lượt người (6%) khi đã qua 18% thời gian; giữ "
        "nhịp này sẽ đạt khoảng 111 vào 31/12/2030 (37% nhịp cần thiết). Dự báo cuối giai đoạn 2026-2030: khoảng "
        "111 lượt người (31/12/2030). Quy tắc đạt: «trên 300» là nhiều hơn 300: đạt khi kết quả từ 301 trở lên; "
        "đúng 300 là chưa đạt.",
        "Kết quả thực hiện: 102 giấy chứng nhận (2026, đến 26/11). Chỉ tiêu: tăng ≥ 10%/năm. Từ đầu năm đến nay "
        "tăng 5,2% (cùng kỳ 2025: 97). Tình trạng: chậm tiến độ (tạm tính). Tạm tính: từ 01/01 đến 26/11 năm 2026 "
        "có 102, tăng 5,2% so với cùng kỳ năm 2025 (97); yêu cầu tăng ≥ 10%/năm. Chưa có năm trọn vẹn nào trong "
        "giai đoạn để xét mức tăng hằng năm. Dự báo cuối giai đoạn 2026-2030: khoảng 129 giấy chứng nhận "
        "(31/12/2030). Quy tắc đạt: trạng thái theo tốc độ tăng bình quân của giai đoạn so với mức tối thiểu "
        "10%/năm. Vì kế hoạch yêu cầu tăng hằng năm, thẻ chỉ tiêu nêu thêm số năm trọn vẹn đạt mức 10% và các năm "
        "chưa đạt.",
        "Kết quả thực hiện: 26 doanh nghiệp (2026, đến 26/11). Chỉ tiêu: tăng 10%–15%/năm. Từ đầu năm đến nay giảm "
        "42,2% (cùng kỳ 2025: 45). Tình trạng: suy giảm (tạm tính). Tạm tính: từ 01/01 đến 26/11 năm 2026 có 26, "
        "giảm 42,2% so với cùng kỳ năm 2025 (45); yêu cầu tăng ≥ 10%/năm. Chưa có năm trọn vẹn nào trong giai đoạn "
        "để xét mức tăng hằng năm. Dự báo cuối giai đoạn 2026-2030: khoảng 3 doanh nghiệp (31/12/2030). Quy tắc "
        "đạt: trạng thái theo tốc độ tăng bình quân của giai đoạn so với mức tối thiểu 10%/năm. Vì kế hoạch yêu cầu "
        "tăng hằng năm, thẻ chỉ tiêu nêu thêm số năm trọn vẹn đạt mức 10% và các năm chưa đạt. Mức trên của dải "
        "(15%) không phải giới hạn: một năm tăng trên 15% vẫn tính là đạt nhưng được đánh dấu để kiểm tra lại số "
        "liệu."]
    assert ("Tính đến ngày 26/11/2026, 0/4 chỉ tiêu có số lượng đã đạt hoặc đúng tiến độ (cần đẩy nhanh: 1; chậm "
            "tiến độ: 2; suy giảm: 1).") in paragraphs
    assert section(paragraphs, "Các chỉ tiêu chưa đạt hoặc chậm so với yêu cầu, cần tập trung chỉ đạo:",
                   "2. Nguyên nhân")[1] == (
        "- Lượt cán bộ lãnh đạo, quản lý doanh nghiệp được đào tạo chuyên sâu: 20 lượt người; chỉ tiêu trên 300 "
        "lượt người (2026-2030), đạt khi từ 301; chậm tiến độ. Cần thêm 281 lượt người trong 4 năm 1 tháng còn lại, "
        "≈ 68,6/năm. Đã có 20/301 lượt người (6%) khi đã qua 18% thời gian; giữ nhịp này sẽ đạt khoảng 111 vào "
        "31/12/2030 (37% nhịp cần thiết).")
    summary = document.tables[1]
    assert [c.text for c in summary.rows[0].cells][4] == "Tiến độ"
    assert [r.cells[4].text for r in summary.rows[1:]] == ["1/9 (11%)", "20/301 (6%)", "tăng 5,2% (cùng kỳ 2025: 97)",
                                                          "giảm 42,2% (cùng kỳ 2025: 45)"]
    assert defects(paragraphs) == []


def closed_results(plan, as_of):
    phase = "2021-2025"
    return [count_result(plan, "experts", {2021: 1, 2023: 1, 2025: 1}, phase, as_of),
            count_result(plan, "managers", {}, phase, as_of),
            growth_result(plan, "supported", {y: (v, v) for y, v in SUPPORT_FALLS.items()}, phase, as_of),
            growth_result(plan, "iso9001", {y: (v, v) for y, v in ISO_GROWING.items()}, phase, as_of),
            count_result(plan, "pilots", {2022: 2, 2024: 1}, phase, as_of),
            growth_result(plan, "cab", {2024: (3, 3), 2025: (4, 4)}, phase, as_of)]


def test_every_sentence_of_a_closed_phase_report(plan):
    as_of = D(2026, 12, 6)
    _, paragraphs, document = report(narrowed(plan, "experts", "managers", "supported", "iso9001", "pilots", "cab"),
                                     closed_results(plan, as_of), "2021-2025", as_of)
    finals = [p for p in paragraphs if p.startswith("Kết quả cuối cùng:")]
    closed_count_rule = ("Giai đoạn đã kết thúc: đạt khi tổng số của cả giai đoạn đạt mức đạt, không đạt khi "
                         "thấp hơn.")
    closed_growth_rule = (
        "Quy tắc đạt: giai đoạn đã kết thúc: chỉ tiêu đạt khi mọi năm của giai đoạn đều tăng ít nhất 10% so với năm "
        "trước, vì kế hoạch yêu cầu tăng hằng năm (một năm thấp hơn 10% hay giảm thì không đạt, dù bình quân cả "
        "giai đoạn cao hơn); một năm không tính được mức tăng (thiếu số liệu) thì chưa kết luận được. Tốc độ tăng "
        "bình quân chỉ để tham khảo.")
    assert finals == [
        "Kết quả cuối cùng: 3 chuyên gia. Chỉ tiêu: khoảng 5 chuyên gia (2021-2025). Đánh giá: không đạt. Giai đoạn "
        "2021-2025 đã kết thúc với 3/5 chuyên gia (60%): không đạt, còn thiếu 2 so với mức đạt 5. Quy tắc đạt: "
        "«khoảng 5»: đạt khi kết quả từ 5 trở lên (chỉ tiêu trừ dung sai 10%, làm tròn lên một đơn vị nguyên). "
        + closed_count_rule,
        # Zero records: 0 against the pass mark, not against the plan's number.
        "Kết quả cuối cùng: 0 lượt người. Chỉ tiêu: trên 200 lượt người (2021-2025), đạt khi từ 201. Đánh giá: "
        "không đạt. Giai đoạn 2021-2025 đã kết thúc với 0/201 lượt người (0%): không đạt, còn thiếu 201 so với mức "
        "đạt 201. Quy tắc đạt: «trên 200» là nhiều hơn 200: đạt khi kết quả từ 201 trở lên; đúng 200 là chưa đạt. "
        + closed_count_rule,
        "Kết quả cuối cùng: 12 doanh nghiệp (2025). Chỉ tiêu: tăng 10%–15%/năm. Đánh giá: không đạt. Giai đoạn "
        "2021-2025 đã kết thúc: 3/5 năm tăng ít nhất 10% so với năm trước; không đạt vì các năm 2022, 2025 thấp hơn "
        "mức đó. Bình quân cả giai đoạn tăng 3,7%/năm, từ 10 năm 2020 đến 12 năm 2025 (chỉ để tham khảo). 3/5 năm "
        "đạt mức tăng ≥ 10%; không đạt: 2022, 2025; 2021, 2023, 2024 tăng trên 15%: nên kiểm tra lại số liệu. "
        + closed_growth_rule + " Mức trên của dải (15%) không phải giới hạn: một năm tăng trên 15% vẫn tính là đạt "
        "nhưng được đánh dấu để kiểm tra lại số liệu.",
        "Kết quả cuối cùng: 19 giấy chứng nhận (2025). Chỉ tiêu: tăng ≥ 10%/năm. Đánh giá: đã đạt. Giai đoạn "
        "2021-2025 đã kết thúc: cả 5 năm đều tăng ít nhất 10% so với năm trước. Bình quân cả giai đoạn tăng "
        "13,7%/năm, từ 10 năm 2020 đến 19 năm 2025 (chỉ để tham khảo). 5/5 năm đạt mức tăng ≥ 10%. "
        + closed_growth_rule,
        "Kết quả cuối cùng: 3 doanh nghiệp. Chỉ tiêu: ít nhất 10 doanh nghiệp (2021-2030). Đánh giá: tiếp tục thực "
        "hiện. Đến hết ngày 31/12/2025 có 3/10 doanh nghiệp (30%); chỉ tiêu tính cho cả thời kỳ 2021-2030, được "
        "đánh giá khi thời kỳ kết thúc (31/12/2030). Quy tắc đạt: đạt khi kết quả từ 10 trở lên (chỉ tiêu «ít nhất "
        "10»). Chỉ tiêu tính cho cả thời kỳ 2021-2030: trong giai đoạn đã kết thúc, nêu kết quả đến hết giai đoạn; "
        "đánh giá đạt hay không khi thời kỳ kết thúc.",
        "Kết quả cuối cùng: 4 tổ chức (2025). Đánh giá: theo dõi. Kế hoạch không đặt chỉ tiêu số nên không đánh giá "
        "đạt hay không đạt; năm 2025 có 4 tổ chức."]
    assert "Giai đoạn 2021-2025 có 1/5 chỉ tiêu có số lượng đạt (đã đạt: 1; không đạt: 3; tiếp tục thực hiện: 1)." \
        in paragraphs
    assert section(paragraphs, "1. Những kết quả đạt được", "2. Những chỉ tiêu không đạt và nguyên nhân") == [
        "- Giấy chứng nhận ISO 9001 cấp cho doanh nghiệp: 19 giấy chứng nhận (2025), đạt chỉ tiêu tăng ≥ 10%/năm."]
    blank = "[Nguyên nhân: nội dung do đơn vị bổ sung. ……]"
    assert section(paragraphs, "2. Những chỉ tiêu không đạt và nguyên nhân",
                   "3. Chỉ tiêu chưa kết luận, tiếp tục thực hiện hoặc chỉ theo dõi") == [
        "- Chuyên gia năng suất chất lượng được đào tạo, chứng nhận: 3 chuyên gia; chỉ tiêu khoảng 5 chuyên gia "
        "(2021-2025). Giai đoạn 2021-2025 đã kết thúc với 3/5 chuyên gia (60%): không đạt, còn thiếu 2 so với mức "
        "đạt 5.", blank,
        "- Lượt cán bộ lãnh đạo, quản lý doanh nghiệp được đào tạo chuyên sâu: 0 lượt người; chỉ tiêu trên 200 lượt "
        "người (2021-2025), đạt khi từ 201. Giai đoạn 2021-2025 đã kết thúc với 0/201 lượt người (0%): không đạt, "
        "còn thiếu 201 so với mức đạt 201.", blank,
        "- Doanh nghiệp được hỗ trợ giải pháp nâng cao năng suất chất lượng: 12 doanh nghiệp (2025); chỉ tiêu tăng "
        "10%–15%/năm. Giai đoạn 2021-2025 đã kết thúc: 3/5 năm tăng ít nhất 10% so với năm trước; không đạt vì các "
        "năm 2022, 2025 thấp hơn mức đó. Bình quân cả giai đoạn tăng 3,7%/năm, từ 10 năm 2020 đến 12 năm 2025 (chỉ "
        "để tham khảo).", blank]
    assert section(paragraphs, "3. Chỉ tiêu chưa kết luận, tiếp tục thực hiện hoặc chỉ theo dõi",
                   "III. PHƯƠNG HƯỚNG, NHIỆM VỤ GIAI ĐOẠN 2026-2030") == [
        "- Doanh nghiệp xây dựng mô hình điểm (tiếp tục thực hiện): đến hết ngày 31/12/2025 có 3/10 doanh nghiệp "
        "(30%); chỉ tiêu tính cho cả thời kỳ 2021-2030, được đánh giá khi thời kỳ kết thúc (31/12/2030).",
        "- Tổ chức đánh giá sự phù hợp được công nhận (theo dõi): kế hoạch không đặt chỉ tiêu số nên không đánh giá "
        "đạt hay không đạt; năm 2025 có 4 tổ chức."]
    assert section(paragraphs, "Các chỉ tiêu của Kế hoạch cho giai đoạn 2026-2030:",
                   "[Nhiệm vụ, giải pháp: nội dung do đơn vị bổ sung. ……]") == [
        "- Chuyên gia năng suất chất lượng được đào tạo, chứng nhận: khoảng 10 chuyên gia (2026-2030), đạt khi từ 9.",
        "- Lượt cán bộ lãnh đạo, quản lý doanh nghiệp được đào tạo chuyên sâu: trên 300 lượt người (2026-2030), đạt "
        "khi từ 301.",
        "- Doanh nghiệp được hỗ trợ giải pháp nâng cao năng suất chất lượng: tăng 10%–15%/năm.",
        "- Giấy chứng nhận ISO 9001 cấp cho doanh nghiệp: tăng ≥ 10%/năm.",
        "- Doanh nghiệp xây dựng mô hình điểm: ít nhất 10 doanh nghiệp (2021-2030); đến hết giai đoạn 2021-2025 đã "
        "có 3 doanh nghiệp, tiếp tục thực hiện.",
        "- Tổ chức đánh giá sự phù hợp được công nhận: không có chỉ tiêu số."]
    final_table = document.tables[1]
    assert [r.cells[4].text for r in final_table.rows[1:]] == ["3/5 (60%)", "0/201 (0%)", "3/5", "5/5", "3/10 (30%)",
                                                              "–"]
    assert defects(paragraphs) == []


def test_a_target_without_a_number_is_never_written_chi_tieu_khong_co(plan):
    """The plan gives no number for the accredited bodies: no "chỉ tiêu Không có chỉ tiêu số" in a sentence."""
    as_of = D(2026, 11, 26)
    cab = growth_result(plan, "cab", {2025: (4, 4), 2026: (5, 5)}, "2026-2030", as_of)
    _, paragraphs, document = report(narrowed(plan, "cab"), [cab], "2026-2030", as_of)
    text = "\n".join(paragraphs)
    assert "Không có chỉ tiêu số" not in text and "chỉ tiêu không có" not in text
    assert "- Tổ chức đánh giá sự phù hợp được công nhận: 5 tổ chức (2026, đến 26/11). Kế hoạch không đặt chỉ tiêu " \
           "số; năm 2026 có 5 tổ chức. Đánh giá: theo dõi." in paragraphs
    assert "Kết quả thực hiện: 5 tổ chức (2026, đến 26/11). Tình trạng: theo dõi. Kế hoạch không đặt chỉ tiêu số; " \
           "năm 2026 có 5 tổ chức." in paragraphs
    assert "Tính đến ngày 26/11/2026, kế hoạch không có chỉ tiêu có số lượng để đánh giá." in paragraphs
    assert [c.text for c in document.tables[1].rows[1].cells][3:5] == ["Không có chỉ tiêu số", "–"]
    assert defects(paragraphs) == []


def test_negative_growth_is_written_as_a_fall_never_as_a_minus(plan):
    as_of = D(2028, 3, 1)
    supported = growth_result(plan, "supported", {2025: (50, 8), 2026: (45, 7), 2027: (40, 6), 2028: (5, 5)},
                              "2026-2030", as_of)
    _, paragraphs, document = report(narrowed(plan, "supported"), [supported], "2026-2030", as_of)
    assert ("- Doanh nghiệp được hỗ trợ giải pháp nâng cao năng suất chất lượng: 40 doanh nghiệp (2027); chỉ tiêu "
            "tăng 10%–15%/năm. Bình quân giảm 10,6%/năm từ 2025 (50) đến 2027 (40); yêu cầu tăng ≥ 10%/năm. 0/2 năm "
            "đạt mức tăng ≥ 10%; chưa đạt: 2026, 2027. Đánh giá: suy giảm.") in paragraphs
    target = next(p for p in paragraphs if p.startswith("Kết quả thực hiện:"))
    assert target.startswith("Kết quả thực hiện: 40 doanh nghiệp (2027). Chỉ tiêu: tăng 10%–15%/năm. Bình quân giảm "
                             "10,6%/năm. Tình trạng: suy giảm. Bình quân giảm 10,6%/năm từ 2025 (50) đến 2027 (40);")
    assert document.tables[1].rows[1].cells[4].text == "giảm 10,6%/năm"
    assert defects(paragraphs) == []


def test_the_card_says_a_fall_against_the_required_rate_in_words(plan):
    from nscl.present.cards import build_card
    as_of = D(2028, 3, 1)
    falling = growth_result(plan, "supported", {2025: (50, 8), 2026: (45, 7), 2027: (40, 6), 2028: (5, 5)},
                            "2026-2030", as_of)
    assert build_card(falling, "vi", as_of, "Quảng Bình").completion_text == (
        "Tốc độ tăng so với yêu cầu: giảm 10,6%, yêu cầu tăng ≥ 10%")
    assert build_card(falling, "en", as_of, "Quảng Bình").completion_text == (
        "Growth against the required rate: down 10.6%, 10% or more required")
    rising = growth_result(plan, "supported", {2025: (50, 8), 2026: (52, 7), 2027: (55, 6), 2028: (5, 5)},
                           "2026-2030", as_of)
    card = build_card(rising, "vi", as_of, "Quảng Bình")
    assert card.completion_text == "Tốc độ tăng so với yêu cầu: 49%"  # 4,9%/năm of 10%
    assert "-" not in build_card(falling, "vi", as_of, "Quảng Bình").completion_text


def test_zero_records_say_there_is_nothing_yet(plan):
    as_of = D(2028, 3, 1)
    results = [count_result(plan, "managers", {}, "2026-2030", as_of),
               growth_result(plan, "iso9001", {}, "2026-2030", as_of),
               growth_result(plan, "cab", {}, "2026-2030", as_of)]
    _, paragraphs, document = report(narrowed(plan, "managers", "iso9001", "cab"), results, "2026-2030", as_of)
    assert [p for p in paragraphs if p.startswith("Kết quả thực hiện:")] == [
        "Kết quả thực hiện: 0 lượt người. Chỉ tiêu: trên 300 lượt người (2026-2030), đạt khi từ 301. Tỷ lệ hoàn "
        "thành: 0/301 (0%). Tình trạng: chậm tiến độ. Chưa có lượt người nào khi đã qua 43% thời gian; mức đạt là "
        "301. Quy tắc đạt: «trên 300» là nhiều hơn 300: đạt khi kết quả từ 301 trở lên; đúng 300 là chưa đạt.",
        "Kết quả thực hiện: chưa có số liệu. Chỉ tiêu: tăng ≥ 10%/năm. Tình trạng: chưa đủ dữ liệu. Chưa có năm gốc "
        "để so sánh: cần số liệu ít nhất hai năm. Chưa có năm trọn vẹn nào trong giai đoạn để xét mức tăng hằng "
        "năm. Quy tắc đạt: trạng thái theo tốc độ tăng bình quân của giai đoạn so với mức tối thiểu 10%/năm. Vì kế "
        "hoạch yêu cầu tăng hằng năm, thẻ chỉ tiêu nêu thêm số năm trọn vẹn đạt mức 10% và các năm chưa đạt.",
        "Kết quả thực hiện: chưa có số liệu. Tình trạng: theo dõi. Kế hoạch không đặt chỉ tiêu số."]
    assert [[c.text for c in r.cells][2:5] for r in document.tables[1].rows[1:]] == [
        ["0 lượt người", "trên 300 lượt người (2026-2030) · đạt khi từ 301", "0/301 (0%)"],
        ["chưa có số liệu", "tăng ≥ 10%/năm", "–"], ["chưa có số liệu", "Không có chỉ tiêu số", "–"]]
    assert "Dự báo" not in "\n".join(paragraphs)  # no forecast of nothing
    assert defects(paragraphs) == []


def test_the_english_copy_reads_the_same_way(plan):
    as_of = D(2026, 12, 6)
    _, paragraphs, _ = report(narrowed(plan, "experts", "managers", "supported", "iso9001", "pilots", "cab"),
                              closed_results(plan, as_of), "2021-2025", as_of, "en")
    assert ("Final result: 0 person-times. Target: over 200 person-times (2021-2025), met at 201. Assessment: not "
            "achieved. Phase 2021-2025 ended with 0/201 person-times (0%): not met, 201 short of the pass mark 201."
            ) in "\n".join(paragraphs)
    assert ("- Accredited conformity-assessment bodies (monitored): the plan sets no number, so it is neither met "
            "nor not met; 4 bodies in 2025.") in paragraphs
    assert defects(paragraphs) == []
