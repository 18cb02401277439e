"""Đánh giá sự phù hợp: accredited conformity-assessment bodies over time (monitored, no target)."""
import streamlit as st

from nscl import browse_charts as bc
from nscl import sections, web
from nscl.i18n import t

ctx = web.page_context(__file__)
lang = ctx.lang
web.page_header(ctx, "cab_page")
results = web.page_results(ctx)
if not results:
    web.no_target_note(ctx)
for result in results:
    target = result.target
    st.subheader(target.name(lang))
    st.html(web.badge(result.assessment.status.label(lang), result.assessment.status.colour))
    web.target_rules(ctx, result)
    st.caption(f"{t('plan_sentence', lang)}: «{target.source_vi}»")

frame = web.run_query(ctx, "cabs_by_standard_year", from_year=ctx.window.first_year - 1, as_of=ctx.as_of)
frame = frame[frame["year"] <= ctx.window.last_year].rename(columns={"standard": "series", "bodies": "value"})
if not sections.empty(ctx, frame):
    web.chart(bc.lines(frame, web.chart_title(ctx, t("col_bodies", lang)), t("col_bodies", lang), lang),
              "cab_standards")
    web.data_table(ctx, web.columns_in(ctx, frame, {"year": "col_year", "series": "col_accreditation",
                                                    "value": "col_bodies"}), "cab_standards", "cabs-by-standard")

bodies = web.run_query(ctx, "cabs_list", as_of=ctx.as_of)
sections.drill_table(ctx, bodies, {"name": "col_body_name", "accreditation_standard": "col_accreditation",
                                   "accredited_on": "col_accredited_on",
                                   "accreditation_expires_on": "col_expires_on", "valid": "col_valid"}, "cabs")
