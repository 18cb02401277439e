"""The official report (.docx) laid out per Decree 30/2020/NĐ-CP: agency and national motto
header, number and place/date line, title, sections, summary table, charts, recipients, signer.
Fields the system cannot know stay as clearly marked blanks."""
from __future__ import annotations

import asyncio
import datetime as dt
import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .. import registry
from .. import status as st
from ..i18n import fmt_percent, t
from ..plan import Plan
from .cards import Card
from .slides import Slide

BLANK = "……"
FONT = "Times New Roman"


@dataclass
class ReportSettings:
    """What the user fills in before downloading; empty means a marked blank in the document."""
    parent_agency: str = ""
    agency: str = ""
    agency_short: str = ""
    number: str = ""
    place: str = ""
    signer_name: str = ""
    signer_title: str = ""
    recipients: list[str] = field(default_factory=list)


def _fill(value: str, hint: str) -> str:
    return value.strip() or f"[{hint}: {BLANK}]"


def _font(run, size=13, bold=False, italic=False):
    run.font.name, run.font.size, run.font.bold, run.font.italic = FONT, Pt(size), bold, italic
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)


def _para(container, text="", size=13, bold=False, italic=False, align=None, indent=True, space_after=6):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            paragraph.paragraph_format.first_line_indent = Cm(1.0)
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.line_spacing = 1.15
    if text:
        _font(paragraph.add_run(text), size, bold, italic)
    return paragraph


def date_line(place: str, day: dt.date) -> str:
    return f"{_fill(place, 'địa danh')}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def percent_text(card: Card, lang: str = "vi") -> str:
    if card.completion is None:
        return "–"
    return card.completion_text.split(": ", 1)[-1] if card.completion_text else fmt_percent(card.completion, lang, 0)


def _header(document, settings: ReportSettings, today: dt.date) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    _widths(table, [Cm(6.3), Cm(10.2)])
    _para(left, _fill(settings.parent_agency, "cơ quan chủ quản").upper(), 12, align=WD_ALIGN_PARAGRAPH.CENTER,
          space_after=0)
    _para(left, _fill(settings.agency, "tên cơ quan ban hành").upper(), 12, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(left, "―――――", 12, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=2)
    number = settings.number.strip() or f"{BLANK}/BC-{settings.agency_short.strip() or BLANK}"
    _para(left, f"Số: {number}", 13, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(right, "Độc lập - Tự do - Hạnh phúc", 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(right, "―――――――――――", 12, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=2)
    _para(right, date_line(settings.place, today), 13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)


def render_images(figures: list, width: int = 1400, height: int = 620) -> list[bytes]:
    """PNG images of Plotly figures with one kaleido server (Debian's Chromium) for the report."""
    from kaleido import Kaleido

    async def run() -> list[bytes]:
        async with Kaleido(path="/usr/bin/chromium", mathjax=False) as kaleido:
            return [await kaleido.calc_fig(f, opts={"format": "png", "width": width, "height": height, "scale": 1})
                    for f in figures]

    return asyncio.run(run())


def build_report(plan: Plan, slides: list[Slide], as_of: dt.date, phase_id: str, settings: ReportSettings,
                 today: dt.date | None = None, images: list[bytes] | None = None) -> bytes:
    """A .docx built in memory. images: one PNG per target slide (rendered here when None)."""
    today = today or dt.date.today()
    targets = [s for s in slides if s.kind == "target"]
    if images is None:
        images = render_images([s.figure for s in targets])
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.orientation = WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)

    _header(document, settings, today)
    _para(document, "BÁO CÁO", 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(document, f"Kết quả thực hiện Kế hoạch số {plan.number} ngày {plan.issued:%d/%m/%Y} của "
          f"{plan.issuer['vi']} về {plan.title['vi'][0].lower()}{plan.title['vi'][1:]}", 14, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(document, f"(Giai đoạn {phase_id}, số liệu tính đến ngày {as_of:%d/%m/%Y})", 13, italic=True,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    _para(document, f"Thực hiện Kế hoạch số {plan.number} (triển khai Quyết định số {plan.implements} của Thủ tướng "
          f"Chính phủ), {_fill(settings.agency, 'tên cơ quan ban hành')} báo cáo kết quả thực hiện như sau:")

    cards = {s.card.target_id: s.card for s in targets}
    _para(document, "I. KẾT QUẢ THỰC HIỆN THEO NHÓM NHIỆM VỤ", 13, bold=True, indent=False)
    for number, group in enumerate(registry.REPORT_GROUPS, start=1):
        _para(document, f"{number}. {t('group_' + group, 'vi')}", 13, bold=True, indent=False)
        ids = [tg.id for tg in plan.targets if registry.get(tg.indicator).report_group == group and tg.id in cards]
        if not ids:
            _para(document, f"[Nội dung do đơn vị bổ sung: hệ thống chưa có số liệu về nhóm nhiệm vụ này. {BLANK}]",
                  italic=True)
        for tid in ids:
            if tid in cards:
                card = cards[tid]
                years = f" {card.years_text}." if card.years_text else ""
                _para(document, f"- {card.name}: {card.actual_text}; chỉ tiêu {card.target_text}. {card.why}{years} "
                      f"Đánh giá: {card.status_label.lower()}.")

    _para(document, "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA KẾ HOẠCH", 13, bold=True, indent=False)
    _summary_table(document, list(cards.values()))
    for number, (slide, image) in enumerate(zip(targets, images), start=1):
        card = slide.card
        _para(document, f"{number}. {card.name}", 13, bold=True, indent=False)
        _para(document, f"Kết quả thực hiện: {card.actual_text}. Chỉ tiêu: {card.target_text}. Tỷ lệ: "
              f"{percent_text(card)}. Tình trạng: {card.status_label}. {card.why}"
              + (f" {card.years_text}." if card.years_text else "")
              + (f" {card.forecast_text}." if card.forecast_text else "")
              + (f" Quy tắc đạt: {card.rule}" if card.rule else ""))
        document.add_picture(io.BytesIO(image), width=Cm(16))
        _para(document, f"Biểu đồ {number}: {card.name} ({slide.subtitle})", 11, italic=True,
              align=WD_ALIGN_PARAGRAPH.CENTER)

    _para(document, "III. ĐÁNH GIÁ CHUNG VÀ KIẾN NGHỊ", 13, bold=True, indent=False)
    _para(document, overall_sentence(list(cards.values()), as_of))
    _para(document, f"[Khó khăn, vướng mắc và kiến nghị: nội dung do đơn vị bổ sung. {BLANK}]", italic=True)
    _closing(document, settings)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def overall_sentence(cards: list[Card], as_of: dt.date) -> str:
    judged = [c for c in cards if c.status != st.MONITORED]
    good = sum(c.status in (st.ACHIEVED, st.ON_TRACK) for c in judged)
    counts = {}
    for c in judged:
        counts[c.status.vi] = counts.get(c.status.vi, 0) + 1
    detail = "; ".join(f"{label.lower()}: {n}" for label, n in counts.items())
    return (f"Tính đến ngày {as_of:%d/%m/%Y}, {good}/{len(judged)} chỉ tiêu có số lượng đã đạt hoặc đúng tiến độ "
            f"({detail}). Các chỉ tiêu chậm tiến độ, cần đẩy nhanh hoặc suy giảm cần được tập trung chỉ đạo.")


def _widths(table, widths) -> None:
    """Column widths that Word and LibreOffice both respect (grid and every cell)."""
    table.autofit = False
    for j, width in enumerate(widths):
        table.columns[j].width = width
        for cell in table.columns[j].cells:
            cell.width = width


def _summary_table(document, cards: list[Card]) -> None:
    headers = ["STT", "Chỉ tiêu", "Kết quả thực hiện", "Chỉ tiêu kế hoạch", "Tỷ lệ", "Tình trạng"]
    table = document.add_table(rows=len(cards) + 1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Cm(1.1), Cm(5.2), Cm(3.2), Cm(3.2), Cm(1.6), Cm(2.2)]
    _widths(table, widths)
    for j, header in enumerate(headers):
        cell = table.cell(0, j)
        _font(cell.paragraphs[0].add_run(header), 12, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, card in enumerate(cards, start=1):
        values = [str(i), card.name, card.actual_text, card.target_text, percent_text(card), card.status_label]
        for j, value in enumerate(values):
            cell = table.cell(i, j)
            run = cell.paragraphs[0].add_run(value)
            _font(run, 12, bold=(j == 5))
            if j == 5:
                run.font.color.rgb = RGBColor.from_string(card.status.colour.lstrip("#").upper())
    _para(document, "", space_after=6)


def _closing(document, settings: ReportSettings) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _widths(table, [Cm(8.0), Cm(8.5)])
    _para(left, "Nơi nhận:", 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    recipients = [r for r in settings.recipients if r.strip()] or [f"[nơi nhận: {BLANK}]"]
    for recipient in recipients:
        _para(left, f"- {recipient};", 11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    _para(left, "- Lưu: VT.", 11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    _para(right, _fill(settings.signer_title, "quyền hạn, chức vụ người ký").upper(), 13, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=60)
    _para(right, _fill(settings.signer_name, "họ và tên người ký"), 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
