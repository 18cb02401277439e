"""The official report (.docx) laid out per Decree 30/2020/NĐ-CP: agency and national motto
header, number and place/date line, title, sections, summary table, charts, recipients, signer.
Fields the system cannot know stay as clearly marked blanks. Its fixed texts are in the translation
table (nscl/texts/report.toml): Vietnamese by default, English for a translated copy."""
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
from ..i18n import DEFAULT_LANG, fmt_percent, t
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


def _fill(value: str, hint: str, lang: str = DEFAULT_LANG) -> str:
    """The value, or a marked blank naming what is missing (hint: a report_blank_* key)."""
    return value.strip() or f"[{t(hint, lang)}: {BLANK}]"


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


def date_line(place: str, day: dt.date, lang: str = DEFAULT_LANG) -> str:
    return t("report_date_line", lang, place=_fill(place, "report_blank_place", lang), day=f"{day.day:02d}",
             month=f"{day.month:02d}", year=day.year)


def percent_text(card: Card, lang: str = DEFAULT_LANG) -> str:
    if card.completion is None:
        return "–"
    return card.completion_text.split(": ", 1)[-1] if card.completion_text else fmt_percent(card.completion, lang, 0)


def _header(document, settings: ReportSettings, today: dt.date, lang: str) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    _widths(table, [Cm(6.3), Cm(10.2)])
    _para(left, _fill(settings.parent_agency, "report_blank_parent_agency", lang).upper(), 12,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(left, _fill(settings.agency, "report_blank_agency", lang).upper(), 12, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(left, "―――――", 12, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=2)
    number = settings.number.strip() or f"{BLANK}/BC-{settings.agency_short.strip() or BLANK}"
    _para(left, t("report_number", lang, number=number), 13, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(right, t("report_state", lang), 12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(right, t("report_motto", lang), 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(right, "―――――――――――", 12, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=2)
    _para(right, date_line(settings.place, today, lang), 13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER,
          space_after=0)


def render_images(figures: list, width: int = 1400, height: int = 620) -> list[bytes]:
    """PNG images of Plotly figures with one kaleido server (Debian's Chromium) for the report."""
    from kaleido import Kaleido

    async def run() -> list[bytes]:
        async with Kaleido(path="/usr/bin/chromium", mathjax=False) as kaleido:
            return [await kaleido.calc_fig(f, opts={"format": "png", "width": width, "height": height, "scale": 1})
                    for f in figures]

    return asyncio.run(run())


def build_report(plan: Plan, slides: list[Slide], as_of: dt.date, phase_id: str, settings: ReportSettings,
                 today: dt.date | None = None, images: list[bytes] | None = None, lang: str = DEFAULT_LANG) -> bytes:
    """A .docx built in memory, its fixed texts in `lang` (the slides carry their own language).
    images: one PNG per target slide (rendered here when None)."""
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

    _header(document, settings, today, lang)
    _para(document, t("report_kind", lang), 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    title = plan.title[lang]
    _para(document, t("report_title", lang, number=plan.number, issued=f"{plan.issued:%d/%m/%Y}",
                      issuer=plan.issuer[lang], subject=title[0].lower() + title[1:]), 14, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(document, t("report_subtitle", lang, phase=phase_id, as_of=f"{as_of:%d/%m/%Y}"), 13, italic=True,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    if plan.illustrative:
        _para(document, plan.example_note(lang), 13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    _para(document, t("report_intro", lang, number=plan.number, decision=plan.implements,
                      agency=_fill(settings.agency, "report_blank_agency", lang)))

    cards = {s.card.target_id: s.card for s in targets}
    _para(document, t("report_section_groups", lang), 13, bold=True, indent=False)
    for number, group in enumerate(registry.REPORT_GROUPS, start=1):
        _para(document, f"{number}. {t('group_' + group, lang)}", 13, bold=True, indent=False)
        ids = [tg.id for tg in plan.targets if registry.get(tg.indicator).report_group == group and tg.id in cards]
        if not ids:
            _para(document, t("report_group_missing", lang, blank=BLANK), italic=True)
        for tid in ids:
            if tid in cards:
                card = cards[tid]
                years = f" {card.years_text}." if card.years_text else ""
                _para(document, t("report_group_line", lang, name=card.name, actual=card.actual_full,
                                  target=card.target_text, why=card.why, years=years,
                                  status=card.status_label.lower()))

    _para(document, t("report_section_targets", lang), 13, bold=True, indent=False)
    _summary_table(document, list(cards.values()), lang)
    for number, (slide, image) in enumerate(zip(targets, images), start=1):
        card = slide.card
        _para(document, f"{number}. {card.name}", 13, bold=True, indent=False)
        _para(document, t("report_target_line", lang, actual=card.actual_full, target=card.target_text,
                          percent=percent_text(card, lang), status=card.status_label, why=card.why)
              + (f" {card.years_text}." if card.years_text else "")
              + (f" {card.forecast_text}." if card.forecast_text else "")
              + (" " + t("report_rule", lang, rule=card.rule) if card.rule else ""))
        if card.notes.lines:
            _para(document, ". ".join(card.notes.lines) + ".", 13, italic=True)
        if card.notes.comment_text("results"):
            _para(document, t("report_comment_results", lang, text=card.notes.comment_text("results")))
        document.add_picture(io.BytesIO(image), width=Cm(16))
        _para(document, t("report_figure", lang, number=number, name=card.name, subtitle=slide.subtitle), 11,
              italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    _para(document, t("report_section_overall", lang), 13, bold=True, indent=False)
    _para(document, overall_sentence(list(cards.values()), as_of, lang))
    _para(document, t("report_subsection_shortcomings", lang), 13, bold=True, indent=False)
    for line in behind_lines(list(cards.values()), lang):
        _para(document, line)
    for part, blank in (("causes", "report_blank_causes"), ("solutions", "report_blank_solutions")):
        _para(document, t(f"report_subsection_{part}", lang), 13, bold=True, indent=False)
        written = [(c.name, c.notes.comment_text(part)) for c in cards.values() if c.notes.comment_text(part)]
        for name, text in written:
            _para(document, t("report_comment_line", lang, name=name, text=text))
        if not written:
            _para(document, t(blank, lang, blank=BLANK), italic=True)
    _para(document, t("report_difficulties", lang, blank=BLANK), italic=True)
    _closing(document, settings, lang)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


BEHIND = (st.NOT_ACHIEVED, st.DETERIORATING, st.OFF_TRACK, st.ACCELERATE)


def behind_lines(cards: list[Card], lang: str = DEFAULT_LANG) -> list[str]:
    """The closing part names each target not met or behind, with its figures, worst first."""
    behind = sorted((c for c in cards if c.status in BEHIND), key=lambda c: -c.status.rank)
    if not behind:
        return [t("report_none_behind", lang)]
    lines = [t("report_behind_intro", lang)]
    for c in behind:
        detail = " ".join(filter(None, [c.needed_text and c.needed_text + ".", c.years_text and c.years_text + ".",
                                        c.why]))
        lines.append(t("report_behind_line", lang, name=c.name, actual=c.actual_full, target=c.target_text,
                       status=c.status_label.lower(), detail=detail))
    return lines


def overall_sentence(cards: list[Card], as_of: dt.date, lang: str = DEFAULT_LANG) -> str:
    """The report's opening judgement: how many judged targets are achieved or on track, and how
    many have each status (monitored targets are not judged)."""
    judged = [c for c in cards if c.status != st.MONITORED]
    good = sum(c.status in (st.ACHIEVED, st.ON_TRACK) for c in judged)
    counts = {}
    for c in judged:
        label = c.status.label(lang)
        counts[label] = counts.get(label, 0) + 1
    detail = "; ".join(f"{label.lower()}: {n}" for label, n in counts.items())
    return t("report_overall", lang, as_of=f"{as_of:%d/%m/%Y}", good=good, judged=len(judged), detail=detail)


def _widths(table, widths) -> None:
    """Column widths that Word and LibreOffice both respect (grid and every cell)."""
    table.autofit = False
    for j, width in enumerate(widths):
        table.columns[j].width = width
        for cell in table.columns[j].cells:
            cell.width = width


def _summary_table(document, cards: list[Card], lang: str) -> None:
    headers = [t(f"report_col_{c}", lang) for c in ("no", "target", "actual", "plan_target", "rate", "status")]
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
        values = [str(i), card.name, card.actual_full, card.target_text, percent_text(card, lang), card.status_label]
        for j, value in enumerate(values):
            cell = table.cell(i, j)
            run = cell.paragraphs[0].add_run(value)
            _font(run, 12, bold=(j == 5))
            if j == 5:
                run.font.color.rgb = RGBColor.from_string(card.status.colour.lstrip("#").upper())
    _para(document, "", space_after=6)


def _closing(document, settings: ReportSettings, lang: str) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    _widths(table, [Cm(8.0), Cm(8.5)])
    _para(left, t("report_recipients", lang), 12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT,
          space_after=0)
    recipients = [r for r in settings.recipients if r.strip()] or [_fill("", "report_blank_recipient", lang)]
    for recipient in recipients:
        _para(left, f"- {recipient};", 11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    _para(left, t("report_archived", lang), 11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    _para(right, _fill(settings.signer_title, "report_blank_signer_title", lang).upper(), 13, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=60)
    _para(right, _fill(settings.signer_name, "report_blank_signer_name", lang), 13, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER)
