"""User-facing words in Vietnamese (default) and English, and number/date formats."""
from __future__ import annotations

import datetime as dt
import math

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"

TEXT: dict[str, tuple[str, str]] = {
    "app_title": ("Theo dõi Chương trình năng suất chất lượng", "Productivity and quality programme monitor"),
    "overview": ("Tổng quan", "Overview"),
    "phase": ("Giai đoạn", "Phase"),
    "as_of": ("Tính đến ngày", "As of"),
    "language": ("Ngôn ngữ", "Language"),
    "plan": ("Kế hoạch", "Plan"),
    "target": ("Chỉ tiêu", "Target"),
    "actual": ("Kết quả thực hiện", "Actual result"),
    "completion": ("Tỷ lệ hoàn thành", "Completion rate"),
    "growth_vs_required": ("Tốc độ tăng so với yêu cầu", "Growth against the required rate"),
    "forecast": ("Dự báo cuối giai đoạn", "Forecast at the end of the phase"),
    "forecast_programme": ("Dự báo cuối chương trình", "Forecast at the end of the programme"),
    "demo_banner": (
        "Dữ liệu minh họa: các số liệu dưới đây do máy tạo ra để trình diễn, không phải số liệu thực của tỉnh.",
        "Illustrative (demo) data: the figures below are machine-generated for demonstration, not the province's real data.",
    ),
    "no_data": ("Không có dữ liệu cho lựa chọn này", "No data for this selection"),
    "empty_database": (
        "Cơ sở dữ liệu chưa có số liệu. Chạy `make run` để tạo dữ liệu minh họa hoặc cập nhật dữ liệu thực.",
        "The database holds no records yet. Run `make run` to build demo data, or upload real data.",
    ),
    "status_summary": ("Tình trạng các chỉ tiêu", "Status of the targets"),
    "why": ("Vì sao", "Why"),
    "definition": ("Định nghĩa", "Definition"),
    "plan_sentence": ("Trích kế hoạch", "From the plan"),
    "per_year": ("/năm", "/year"),
    "year": ("Năm", "Year"),
    "cumulative": ("Lũy kế", "Cumulative"),
    "in_year": ("Trong năm", "In the year"),
    "growth": ("Tăng trưởng so với năm trước", "Growth on the previous year"),
    "target_line": ("Chỉ tiêu", "Target"),
    "band_floor": ("Mức tăng tối thiểu", "Minimum growth"),
    "met": ("Đạt mức tăng", "Growth met"),
    "not_met": ("Chưa đạt mức tăng", "Growth not met"),
    "base_year_bar": ("Năm gốc / chưa so sánh được", "Base year / no comparison"),
    "valid_at_year_end": ("Giấy chứng nhận còn hiệu lực tại 31/12", "Valid certificates at year end"),
    "issued_in_year": ("Giấy chứng nhận cấp mới trong năm", "Certificates issued in the year"),
    "primary_measure": ("Chỉ số dùng để đánh giá", "Measure used for the assessment"),
    "other_measure": ("Chỉ số hiển thị kèm", "Measure shown beside it"),
    "to_date": ("đến {date}", "to {date}"),
    "no_number": ("Không có chỉ tiêu số", "No numeric target"),
    "target_count": ("{qualifier} {value} {unit} ({period})", "{qualifier} {value} {unit} ({period})"),
    "target_growth": ("tăng ≥ {rate}/năm", "growth ≥ {rate} per year"),
    "target_band": ("tăng {low}–{high}/năm", "growth {low}–{high} per year"),
    "trend_title_count": ("Theo năm và lũy kế, {period}, {place}", "Per year and cumulative, {period}, {place}"),
    "trend_title_growth": ("Theo năm, {first}–{last}, {place}", "Per year, {first}–{last}, {place}"),
    # Explanations of a status (the "why" under each card)
    "why_count_achieved": (
        "Đã có {actual} trên chỉ tiêu {target} {unit}.",
        "{actual} of the target {target} {unit} reached.",
    ),
    "why_count_ended": (
        "Giai đoạn đã kết thúc với {actual}/{target} {unit} ({pct}).",
        "The period ended with {actual}/{target} {unit} ({pct}).",
    ),
    "why_count_pace": (
        "Đã có {actual}/{target} {unit} khi đã qua {elapsed} thời gian; giữ nhịp này sẽ đạt khoảng {forecast} vào {end} ({ratio} nhịp cần thiết).",
        "{actual}/{target} {unit} with {elapsed} of the time gone; at this pace about {forecast} by {end} ({ratio} of the pace needed).",
    ),
    "why_growth_pace": (
        "Tăng bình quân {rate}/năm từ {base_year} ({base}) đến {latest_year} ({actual}); yêu cầu ≥ {required}/năm.",
        "Average growth {rate}/year from {base_year} ({base}) to {latest_year} ({actual}); required ≥ {required}/year.",
    ),
    "why_growth_ended": (
        "Cả giai đoạn tăng bình quân {rate}/năm từ {base_year} ({base}) đến {latest_year} ({actual}); yêu cầu ≥ {required}/năm.",
        "Over the phase, average growth {rate}/year from {base_year} ({base}) to {latest_year} ({actual}); required ≥ {required}/year.",
    ),
    "why_growth_ytd": (
        "Tạm tính: từ 01/01 đến {day} năm {latest_year} có {actual}, so với {base} cùng kỳ năm {base_year} ({rate}); yêu cầu ≥ {required}/năm.",
        "Provisional: 1 Jan to {day} {latest_year} shows {actual} against {base} in the same period of {base_year} ({rate}); required ≥ {required}/year.",
    ),
    "why_no_base": (
        "Chưa có năm gốc để so sánh: cần số liệu ít nhất hai năm.",
        "No base year to compare with: at least two years of data are needed.",
    ),
    "why_no_ytd_base": (
        "Chưa có số liệu cùng kỳ năm trước để so sánh.",
        "No data for the same period of the previous year to compare with.",
    ),
    "why_not_started": ("Giai đoạn chưa bắt đầu.", "The period has not started."),
    "why_monitor": (
        "Kế hoạch không đặt chỉ tiêu số; năm {latest_year} có {actual} {unit}.",
        "The plan sets no number; {actual} {unit} in {latest_year}.",
    ),
}


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    vi, en = TEXT[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


def fmt_number(x: float | None, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """1.234.567 / 12,5 in Vietnamese; 1,234,567 / 12.5 in English; '–' when missing."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = f"{x:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def fmt_count(x: float | None, lang: str = DEFAULT_LANG) -> str:
    """Whole numbers without decimals, others with one."""
    if x is not None and not (isinstance(x, float) and math.isnan(x)) and abs(x - round(x)) > 1e-9:
        return fmt_number(x, lang, 1)
    return fmt_number(x, lang, 0)


def fmt_percent(x: float | None, lang: str = DEFAULT_LANG, decimals: int = 1, signed: bool = False) -> str:
    """A share as a percentage: 0.125 -> '12,5%'."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    text = fmt_number(abs(x) * 100 if signed else x * 100, lang, decimals) + "%"
    if signed:
        # ASCII minus: st.metric reads the sign to colour its arrow, and Excel parses it.
        return ("+" if x >= 0 else "-") + text
    return text


def fmt_date(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else "–"


def plotly_separators(lang: str) -> str:
    """Plotly's `separators`: decimal mark then thousands mark."""
    return ".," if lang == "en" else ",."
