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
from ..i18n import DEFAULT_LANG, fmt_count, fmt_date, fmt_percent, t
from ..plan import Plan
from ..progress import is_closed
from .cards import Card, YearRow, plan_target_text, progress_text
from .sentences import inline, labelled, lower_first, paragraph, sentence
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
    """The summary table's progress cell: cards.progress_text (a count against its pass mark, a growth in words)."""
    return progress_text(card, lang)


def target_clause(card: Card, lang: str = DEFAULT_LANG) -> str:
    """"chỉ tiêu trên 200 lượt người (2021-2025), đạt khi từ 201" inside a sentence; "" for a target the plan
    gives no number (its "why" says so)."""
    return "" if card.kind == "monitor" else t("report_target_clause", lang, target=inline(card.target_text))


def progress_sentence(card: Card, lang: str = DEFAULT_LANG) -> str:
    """A running target's progress: "Tỷ lệ hoàn thành: 186/201 (92%)", "Bình quân giảm 4,2%/năm" or "Từ đầu
    năm đến nay tăng 5,1% (cùng kỳ 2025: 97)"; "" when there is none."""
    if card.kind == "count" and card.completion is not None:
        return labelled(t("completion", lang), progress_text(card, lang))
    if card.kind == "growth" and card.rate is not None and not card.closed:
        key = "report_change_ytd" if card.compared_year is not None else "report_change"
        return t(key, lang, change=progress_text(card, lang))
    return ""


def group_line(card: Card, lang: str = DEFAULT_LANG) -> str:
    """A target under its group of tasks: result and target, why, its years, the assessment."""
    return "- " + paragraph(sentence(f"{card.name}: {card.actual_full}", target_clause(card, lang)), card.why,
                            card.years_text, labelled(t("report_label_assessment", lang), card.status_label))


def target_paragraph(card: Card, lang: str = DEFAULT_LANG) -> str:
    """A target's paragraph in section II: result, target, progress, status, why, years, forecast, rule."""
    return paragraph(
        labelled(t("report_label_result", lang), card.actual_full),
        card.kind != "monitor" and labelled(t("report_label_target", lang), inline(card.target_text)),
        progress_sentence(card, lang), labelled(t("report_label_status", lang), card.status_label), card.why,
        card.years_text, card.forecast_text, card.rule and labelled(t("rule_label", lang), card.rule))


def notes_paragraph(card: Card) -> str:
    """What the card says about its data (freshness, gaps), one sentence each."""
    return paragraph(*card.notes.lines)


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


def _document():
    """An A4 portrait document in Times New Roman 13 pt with the decree's margins."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.orientation = WD_ORIENT.PORTRAIT
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    return document


def build_report(plan: Plan, slides: list[Slide], as_of: dt.date, phase_id: str, settings: ReportSettings,
                 today: dt.date | None = None, images: list[bytes] | None = None, lang: str = DEFAULT_LANG) -> bytes:
    """A .docx built in memory, its fixed texts in `lang` (the slides carry their own language).
    images: one PNG per target slide (rendered here when None). A phase that has ended (closed the day
    after its last day) gets the phase's final review instead (build_final_report)."""
    if is_closed(plan.phase(phase_id), as_of):  # a phase that has ended gets its final review
        return build_final_report(plan, slides, as_of, phase_id, settings, today, images, lang)
    today = today or dt.date.today()
    targets = [s for s in slides if s.kind == "target"]
    if images is None:
        images = render_images([s.figure for s in targets])
    document = _document()

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
            _para(document, group_line(cards[tid], lang))

    _para(document, t("report_section_targets", lang), 13, bold=True, indent=False)
    _summary_table(document, list(cards.values()), lang)
    for number, (slide, image) in enumerate(zip(targets, images), start=1):
        card = slide.card
        _para(document, f"{number}. {card.name}", 13, bold=True, indent=False)
        _para(document, target_paragraph(card, lang))
        if card.notes.lines:
            _para(document, notes_paragraph(card), 13, italic=True)
        if card.notes.comment_text("results"):
            _para(document, sentence(t("report_comment_results", lang, text=card.notes.comment_text("results"))))
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
            _para(document, sentence(t("report_comment_line", lang, name=name, text=text)))
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
        lines.append("- " + paragraph(sentence(f"{c.name}: {c.actual_full}", target_clause(c, lang), c.status_label),
                                      c.needed_text, c.years_text, c.why))
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
    detail = "; ".join(f"{lower_first(label)}: {n}" for label, n in counts.items())
    if not judged:
        return t("report_overall_none", lang, as_of=f"{as_of:%d/%m/%Y}")
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


# The phase's final review ("báo cáo tổng kết giai đoạn"): same layout, final results, met / not met.

FINAL_OPEN = (st.INSUFFICIENT, st.CONTINUING, st.MONITORED)


def build_final_report(plan: Plan, slides: list[Slide], as_of: dt.date, phase_id: str, settings: ReportSettings,
                       today: dt.date | None = None, images: list[bytes] | None = None,
                       lang: str = DEFAULT_LANG) -> bytes:
    """The final review of a phase that has ended, per Decree 30/2020/NĐ-CP like the report: each
    target's final result and met / not met, a table of its years, what was achieved, what was not and
    why (the staff's commentary when written), and the tasks ahead with the next phase's targets."""
    today = today or dt.date.today()
    phase = plan.phase(phase_id)
    targets = [s for s in slides if s.kind == "target"]
    if images is None:
        images = render_images([s.figure for s in targets])
    cards = [s.card for s in targets]
    document = _document()
    _header(document, settings, today, lang)
    _para(document, t("report_kind", lang), 14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    title = plan.title[lang]
    _para(document, t("final_title", lang, phase=phase_id, number=plan.number, issued=f"{plan.issued:%d/%m/%Y}",
                      issuer=plan.issuer[lang], subject=title[0].lower() + title[1:]), 14, bold=True,
          align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(document, t("final_subtitle", lang, phase=phase_id, end=fmt_date(phase.end), as_of=fmt_date(as_of)),
          13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    _para(document, t("final_intro", lang, phase=phase_id, number=plan.number, decision=plan.implements,
                      end=fmt_date(phase.end), agency=_fill(settings.agency, "report_blank_agency", lang)))

    _para(document, t("final_section_targets", lang, phase=phase_id), 13, bold=True, indent=False)
    _final_table(document, cards, lang)
    for number, (slide, image) in enumerate(zip(targets, images), start=1):
        card = slide.card
        _para(document, f"{number}. {card.name}", 13, bold=True, indent=False)
        _para(document, final_target_paragraph(card, lang))
        if card.notes.lines:
            _para(document, notes_paragraph(card), 13, italic=True)
        if card.notes.comment_text("results"):
            _para(document, sentence(t("report_comment_results", lang, text=card.notes.comment_text("results"))))
        if card.year_rows:
            _para(document, t("final_table_caption", lang, number=number, name=card.name), 11, italic=True,
                  align=WD_ALIGN_PARAGRAPH.CENTER, space_after=2)
            _years_table(document, card, lang)
        document.add_picture(io.BytesIO(image), width=Cm(16))
        _para(document, t("report_figure", lang, number=number, name=card.name, subtitle=slide.subtitle), 11,
              italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    _para(document, t("final_section_overall", lang), 13, bold=True, indent=False)
    _para(document, final_overall_sentence(cards, phase_id, lang))
    for heading, lines in final_sections(cards, lang):
        _para(document, heading, 13, bold=True, indent=False)
        for line in lines:
            _para(document, line)

    following = [p for p in plan.phases if p.start > phase.end]
    heading = (t("final_section_next", lang, phase=following[0].id) if following
               else t("final_section_next_none", lang))
    _para(document, heading, 13, bold=True, indent=False)
    for line in next_phase_lines(plan, phase_id, cards, lang):
        _para(document, line)
    written = [(c.name, c.notes.comment_text("solutions")) for c in cards if c.notes.comment_text("solutions")]
    if written:
        _para(document, t("final_solutions", lang))
        for name, text in written:
            _para(document, sentence(t("report_comment_line", lang, name=name, text=text)))
    else:
        _para(document, t("report_blank_solutions", lang, blank=BLANK), italic=True)
    _para(document, t("report_difficulties", lang, blank=BLANK), italic=True)
    _closing(document, settings, lang)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def final_target_paragraph(card: Card, lang: str = DEFAULT_LANG) -> str:
    """A target's paragraph in the final review: final result, target, assessment, why, years, rule."""
    return paragraph(
        labelled(t("report_label_final", lang), card.actual_full),
        card.kind != "monitor" and labelled(t("report_label_target", lang), inline(card.target_text)),
        labelled(t("report_label_assessment", lang), card.status_label), card.why, card.years_text,
        card.rule and labelled(t("rule_label", lang), card.rule))


def final_overall_sentence(cards: list[Card], phase_id: str, lang: str = DEFAULT_LANG) -> str:
    """How many targets with a number were met, and how many have each final status."""
    judged = [c for c in cards if c.status != st.MONITORED]
    if not judged:
        return t("final_overall_none", lang, phase=phase_id)
    counts: dict[str, int] = {}
    for c in sorted(judged, key=lambda c: c.status.rank):
        label = c.status.label(lang)
        counts[label] = counts.get(label, 0) + 1
    detail = "; ".join(f"{lower_first(label)}: {n}" for label, n in counts.items())
    met = sum(c.status == st.ACHIEVED for c in judged)
    return t("final_overall", lang, phase=phase_id, met=met, judged=len(judged), detail=detail)


def final_sections(cards: list[Card], lang: str = DEFAULT_LANG) -> list[tuple[str, list[str]]]:
    """What was achieved; what was not and why (the staff's "causes" when written, else a marked blank);
    what is inconclusive, continuing or tracked only."""
    achieved = ["- " + sentence(f"{c.name}: {c.actual_full}", t("final_met_clause", lang, target=inline(c.target_text)),
                                sep=", ")
                for c in cards if c.status == st.ACHIEVED]
    missed = []
    for c in (c for c in cards if c.status == st.NOT_ACHIEVED):
        missed.append("- " + paragraph(sentence(f"{c.name}: {c.actual_full}", target_clause(c, lang)), c.why))
        causes = c.notes.comment_text("causes")
        missed.append(sentence(t("final_causes", lang, text=causes)) if causes
                      else t("report_blank_causes", lang, blank=BLANK))
    open_lines = ["- " + paragraph(labelled(f"{c.name} ({lower_first(c.status_label)})", c.why))
                  for c in cards if c.status in FINAL_OPEN]
    sections = [(t("final_subsection_achieved", lang), achieved or [t("final_none_achieved", lang)]),
                (t("final_subsection_not_achieved", lang), missed or [t("final_none_not_achieved", lang)])]
    if open_lines:
        sections.append((t("final_subsection_open", lang), open_lines))
    return sections


def next_phase_lines(plan: Plan, phase_id: str, cards: list[Card], lang: str = DEFAULT_LANG) -> list[str]:
    """The plan's targets for the phase after this one (a programme target with what is done so far)."""
    phase = plan.phase(phase_id)
    following = [p for p in plan.phases if p.start > phase.end]
    if not following:
        return []
    after = following[0]
    actual = {c.target_id: c.actual_full for c in cards}
    lines = [t("final_next_intro", lang, phase=after.id)]
    for target in plan.targets:
        period = plan.period_for(target, after)
        text = plan_target_text(target, plan.target_value(target, after), period.id, lang)
        if target.scope == "programme" and target.id in actual:
            lines.append(sentence(t("final_next_programme", lang, name=target.name(lang), target=inline(text),
                                    phase=phase_id, actual=actual[target.id])))
        else:
            lines.append("- " + sentence(labelled(target.name(lang), inline(text))))
    return lines


def _final_table(document, cards: list[Card], lang: str) -> None:
    headers = [t("report_col_no", lang), t("report_col_target", lang), t("report_col_actual", lang),
               t("report_col_plan_target", lang), t("final_col_completion", lang), t("final_col_assessment", lang)]
    table = document.add_table(rows=len(cards) + 1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [Cm(1.1), Cm(5.2), Cm(3.2), Cm(3.2), Cm(1.8), Cm(2.0)])
    for j, header in enumerate(headers):
        cell = table.cell(0, j)
        _font(cell.paragraphs[0].add_run(header), 12, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, card in enumerate(cards, start=1):
        values = [str(i), card.name, card.actual_full, card.target_text, progress_text(card, lang), card.status_label]
        for j, value in enumerate(values):
            run = table.cell(i, j).paragraphs[0].add_run(value)
            _font(run, 12, bold=(j == 5))
            if j == 5:
                run.font.color.rgb = RGBColor.from_string(card.status.colour.lstrip("#").upper())
    _para(document, "", space_after=6)


def year_cells(card: Card, row: YearRow, lang: str = DEFAULT_LANG) -> list[str]:
    """One year of a target as the final review's table writes it: the year's number, then the running
    total (counts) or the growth on the year before and whether it met the floor (growth targets)."""
    cells = [str(row.year), fmt_count(row.value, lang)]
    if card.kind == "count":
        cells.append(fmt_count(row.cumulative, lang))
    elif card.kind == "growth":
        met = {True: "closed_met_yes", False: "closed_met_no", None: "closed_met_unknown"}[row.met]
        cells += [fmt_percent(row.growth, lang, 1, signed=True), t(met, lang)]
    return cells


def year_headers(card: Card, lang: str = DEFAULT_LANG) -> list[str]:
    headers = [t("closed_col_year", lang), t("closed_col_value" if card.kind == "count" else "closed_col_level", lang)]
    if card.kind == "count":
        headers.append(t("closed_col_cumulative", lang))
    elif card.kind == "growth":
        headers += [t("closed_col_growth", lang), t("closed_col_met", lang)]
    return headers


def _years_table(document, card: Card, lang: str) -> None:
    headers = year_headers(card, lang)
    table = document.add_table(rows=len(card.year_rows) + 1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [Cm(2.0)] + [Cm(3.4)] * (len(headers) - 1))
    for j, header in enumerate(headers):
        _font(table.cell(0, j).paragraphs[0].add_run(header), 12, bold=True)
    for i, row in enumerate(card.year_rows, start=1):
        for j, value in enumerate(year_cells(card, row, lang)):
            _font(table.cell(i, j).paragraphs[0].add_run(value), 12)
