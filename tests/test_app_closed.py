"""AppTest: the overview and a target page of a phase that has ended show final results, met or not
met, the closed note and the closed rule, and no forecast, pace or "on track" wording."""
from tests.apptest import open_page, page_ok

CLOSED = dict(phase="2021-2025", as_of="2026-12-06")


def page_text(at) -> str:
    parts = [el.proto.body for el in at.get("html")] + [c.value for c in at.caption] + \
            [m.value for m in at.markdown] + [i.value for i in at.info] + [str(m.value) for m in at.metric] + \
            [p.proto.text for p in at.get("progress")]
    return "\n".join(parts)


def test_the_overview_of_a_closed_phase_has_final_statuses_and_no_forecast(app_env):
    at = open_page("pages/overview.py", **CLOSED)
    assert page_ok(at)
    text = page_text(at)
    assert [i.value for i in at.info] == [
        "Giai đoạn 2021-2025 đã kết thúc ngày 31/12/2025: đây là kết quả cuối cùng theo số liệu đến ngày "
        "06/12/2026 (số liệu thuộc giai đoạn được cập nhật sau ngày kết thúc vẫn được tính); không còn dự báo."]
    for label in ("Đã đạt", "Không đạt", "Tiếp tục thực hiện", "Theo dõi"):
        assert label in text, label
    for word in ("Dự báo", "Đúng tiến độ", "Cần đẩy nhanh", "Chậm tiến độ", "giữ nhịp", "Cần thêm"):
        assert word not in text, word
    assert ("Giai đoạn 2021-2025 đã kết thúc với 186/201 lượt người (92%): không đạt, còn thiếu 15 so với "
            "mức đạt 201.") in text
    assert "Số năm đạt: 3/5" in text  # supported: 2021 and 2023 below 10 %


def test_the_same_phase_on_its_last_day_is_still_running(app_env):
    at = open_page("pages/overview.py", phase="2021-2025", as_of="2025-12-31")
    assert page_ok(at)
    assert not at.info
    assert "Dự báo cuối giai đoạn" in page_text(at)


def test_a_target_page_of_a_closed_phase_states_the_final_status_and_the_rule(app_env):
    at = open_page("pages/supported.py", **CLOSED)
    assert page_ok(at)
    text = page_text(at)
    assert "Không đạt" in text
    assert ("Giai đoạn 2021-2025 đã kết thúc: 3/5 năm tăng ít nhất 10% so với năm trước; không đạt vì các năm "
            "2021, 2023 thấp hơn mức đó.") in text
    assert "chỉ tiêu đạt khi mọi năm của giai đoạn đều tăng ít nhất 10% so với năm trước" in text
    assert "Dự báo" not in text


def test_english(app_env):
    at = open_page("pages/overview.py", lang="en", **CLOSED)
    assert page_ok(at)
    text = page_text(at)
    assert at.info[0].value.startswith("Phase 2021-2025 ended on 31/12/2025: these are its final results")
    assert "Not achieved" in text and "Continuing" in text and "Forecast" not in text and "On track" not in text
