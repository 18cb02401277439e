"""Mô hình điểm: progress to the programme target, the list of models and their replication."""
import streamlit as st

from nscl import ui
from nscl.i18n import fmt_count, t
from nscl.present import breakdown, trend
from nscl.present.cards import count_progress
from nscl.present.escape import markdown_text

ctx = ui.page_context(__file__)
lang = ctx.lang
ui.page_header(ctx, "pilots_page")
filters = ctx.filters.sql()
results = ui.page_results(ctx)
if not results:
    ui.no_target_note(ctx)
for result in results:
    target, a = result.target, result.assessment
    st.subheader(markdown_text(target.name(lang)))
    st.html(ui.badge(a.status.label(lang), a.status.colour))
    ui.target_rules(ctx, result)
    left, right = st.columns([3, 2])
    with left:
        title = ui.chart_title(ctx, f"{target.name(lang)} – {t('per_year_cumulative', lang)}", result.period.id)
        ui.chart(trend.figure(result, title, lang, height=360), f"pilots_progress_{target.id}")
    with right:
        st.metric(t("actual", lang), count_progress(a.actual, a.required, lang))
        if a.forecast is not None:
            key = "forecast_programme_end" if target.scope == "programme" else "forecast_phase_end"
            st.metric(t(key, lang, period=result.period.id), f"{t('about', lang)} {fmt_count(round(a.forecast), lang)}")
    ui.data_table(ctx, ui.columns_in(ctx, result.series, {"year": "col_year", "value": "col_value",
                                                            "cumulative": "col_cumulative"}),
                   f"pilots_progress_{target.id}", f"{target.id}-per-year")

st.divider()
models = ui.run_query(ctx, "pilot_models_list", plan_id=ctx.plan.id, as_of=ctx.as_of, **filters)
st.subheader(t("col_replicated_to", lang))
recognised = models.dropna(subset=["recognised_on"])
if not ui.empty(ctx, recognised):
    bars = recognised.assign(key=recognised["id"], value=recognised["replicated_to"],
                             label=recognised["name"].fillna(recognised["tax_code"]) + " – " + recognised["solution"])
    ui.chart(breakdown.ranked(bars, ui.chart_title(ctx, t("col_replicated_to", lang)), t("col_replicated_to", lang),
                        lang), "pilots_replication")
st.subheader(t("pilots_page", lang))
ui.drill_table(ctx, models, {
    "id": "col_key", "tax_code": "col_tax_code", "name": "col_enterprise", "sector_code": "col_sector",
    "area_code": "col_place", "solution": "col_solution", "started_on": "col_started_on",
    "recognised_on": "col_recognised_on", "replicated_to": "col_replicated_to"}, "pilots")

st.divider()
ui.phase_by_sector(ctx, "pilots_by_dimension", "enterprises", t("col_enterprises", lang),
                         t("pilots_page", lang), "pilots", plan_id=ctx.plan.id, as_of=ctx.as_of, **filters)
