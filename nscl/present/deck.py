"""The PowerPoint deck: the presentation's slides as native, editable charts and tables."""
from __future__ import annotations

import io

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from .slides import ChartData, Slide
from .style import short

FONT = "Arial"  # ships with Office and LibreOffice, with every Vietnamese diacritic
WIDTH, HEIGHT = Emu(12192000), Emu(6858000)  # 16:9, 13.333 × 7.5 in
DARK = RGBColor(0x21, 0x25, 0x29)
GREY = RGBColor(0x49, 0x50, 0x57)
COMMENT_CHARS = 160  # of each comment part on the slide; the speaker notes carry the whole text
KINDS = {"line": XL_CHART_TYPE.LINE_MARKERS, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
         "bar": XL_CHART_TYPE.BAR_CLUSTERED}


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(slide, left, top, width, height, text, size, bold=False, colour=DARK, align=PP_ALIGN.LEFT):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    lines = text if isinstance(text, list) else [text]
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
        run.font.color.rgb = colour
    return box


def _chart(slide, data: ChartData, left, top, width, height):
    chart_data = CategoryChartData(number_format=data.number_format)
    chart_data.categories = data.categories
    for name, values in data.series.items():
        chart_data.add_series(name, values)
    chart = slide.shapes.add_chart(KINDS[data.kind], left, top, width, height, chart_data).chart
    chart.has_legend = len(data.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size, chart.legend.font.name = Pt(16), FONT
    chart.font.size, chart.font.name = Pt(14), FONT
    return chart


def _table(slide, frame, left, top, width, height, status_colours: list[str] | None = None):
    rows, cols = len(frame) + 1, len(frame.columns)
    table = slide.shapes.add_table(rows, cols, left, top, width, height).table
    for j, column in enumerate(frame.columns):
        _cell(table.cell(0, j), str(column), 14, bold=True)
    for i, row in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(row):
            _cell(table.cell(i, j), str(value), 13)
        if status_colours:
            cell = table.cell(i, cols - 2)
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(status_colours[i - 1])
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
                    run.font.bold = True
    table.columns[0].width = Emu(int(width * 0.34))
    rest = (width - table.columns[0].width) // (cols - 1)
    for j in range(1, cols):
        table.columns[j].width = Emu(int(rest))
    return table


def _cell(cell, text, size, bold=False):
    cell.text = text
    for paragraph in cell.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT


def build_deck(slides: list[Slide], footer: str = "") -> bytes:
    """A 16:9 .pptx built in memory (each request its own file)."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    blank = deck.slide_layouts[6]
    margin = Inches(0.5)
    for number, model in enumerate(slides, start=1):
        slide = deck.slides.add_slide(blank)
        if model.kind == "title":
            _text(slide, margin, Inches(2.0), WIDTH - 2 * margin, Inches(2.0), model.title, 36, bold=True)
            _text(slide, margin, Inches(4.2), WIDTH - 2 * margin, Inches(0.6), model.subtitle, 24, colour=GREY)
            _text(slide, margin, Inches(5.0), WIDTH - 2 * margin, Inches(1.5), model.lines, 24, colour=GREY)
        else:
            _text(slide, margin, Inches(0.25), WIDTH - 2 * margin, Inches(0.9), model.title, 26, bold=True)
            _text(slide, margin, Inches(1.2), WIDTH - 2 * margin, Inches(0.4), model.subtitle, 16, colour=GREY)
        if model.kind == "status":
            colours = [c for c in model.table.attrs.get("colours", [])] or None
            _table(slide, model.table, margin, Inches(1.8), WIDTH - 2 * margin, Inches(0.5) * (len(model.table) + 1),
                   colours)
        elif model.kind == "target":
            card = model.card
            badge = _text(slide, margin, Inches(1.7), Inches(4.2), Inches(0.6), card.status_label, 24, bold=True,
                          colour=RGBColor(0xFF, 0xFF, 0xFF))
            badge.fill.solid()
            badge.fill.fore_color.rgb = _rgb(card.status.colour)
            facts = [card.actual_full, card.rate_text or "", f"{card.target_text}", card.completion_text,
                     card.forecast_text or "",
                     card.years_text or "", card.why, *card.notes.lines,
                     *[short(line, COMMENT_CHARS) for line in card.notes.comment_lines]]
            _text(slide, margin, Inches(2.5), Inches(4.4), Inches(4.5), [f for f in facts if f], 20)
            if model.years is None:
                _chart(slide, model.chart, Inches(5.2), Inches(1.7), Inches(7.6), Inches(5.3))
            else:  # the growth chart, and under it each year's figure beside its growth
                _chart(slide, model.chart, Inches(5.2), Inches(1.7), Inches(7.6), Inches(3.8))
                _table(slide, model.years, Inches(5.2), Inches(5.6), Inches(7.6), Inches(0.45) * 3)
        elif model.kind == "phase_sector":
            chart = _chart(slide, model.chart, margin, Inches(1.7), WIDTH - 2 * margin, Inches(5.4))
            chart.category_axis.reverse_order = True  # top to bottom, in the slide's order
        elif model.kind == "note":
            _text(slide, margin, Inches(2.0), WIDTH - 2 * margin, Inches(4.5), model.lines, 24)
        _text(slide, margin, HEIGHT - Inches(0.45), WIDTH - 2 * margin, Inches(0.35),
              f"{footer}  ·  {number}/{len(slides)}", 11, colour=GREY, align=PP_ALIGN.RIGHT)
        slide.notes_slide.notes_text_frame.text = model.notes
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
