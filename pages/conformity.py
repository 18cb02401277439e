"""Đánh giá sự phù hợp: accredited conformity-assessment bodies over time (monitored, no target)."""
import streamlit as st

from nscl import ui
from nscl.i18n import t
from nscl.present import trend
from nscl.present.escape import markdown_text

ctx = ui.page_context(__file__)
lang = ctx.lang
ui.page_header(ctx, "cab_page")
results = ui.page_results(ctx)
if not results:
    ui.no_target_note(ctx)
for result in results:
    target = result.target
    st.subheader(markdown_text(target.name(lang)))
    st.html(ui.badge(result.assessment.status.label(lang), result.assessment.status.colour))
    ui.target_rules(ctx, result)
    st.caption(f"{t('plan_sentence', lang)}: «{markdown_text(target.source_vi)}»")

frame = ui.run_query(ctx, "cabs_by_standard_year", from_year=ctx.window.first_year - 1, as_of=ctx.window.last_day,
                     plan=ctx.plan.id)
frame = frame.rename(columns={"standard": "series", "bodies": "value"})
if not ui.empty(ctx, frame):
    ui.chart(trend.lines(frame, ui.chart_title(ctx, t("col_bodies", lang)), t("col_bodies", lang), lang),
              "cab_standards")
    ui.data_table(ctx, ui.columns_in(ctx, frame, {"year": "col_year", "series": "col_accreditation",
                                                    "value": "col_bodies"}), "cab_standards", "cabs-by-standard")

bodies = ui.run_query(ctx, "cabs_list", as_of=ctx.as_of, plan=ctx.plan.id)
ui.drill_table(ctx, bodies, {"name": "col_body_name", "accreditation_standard": "col_accreditation",
                                   "accredited_on": "col_accredited_on",
                                   "accreditation_expires_on": "col_expires_on", "valid": "col_valid"}, "cabs")
