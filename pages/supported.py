"""Hỗ trợ doanh nghiệp: enterprises supported per year against the 10-15 % band, by breakdown."""
import streamlit as st

from nscl import registry, ui
from nscl.i18n import t
from nscl.present import trend
from nscl.present.escape import markdown_text

ctx = ui.page_context(__file__)
lang = ctx.lang
ui.page_header(ctx, "supported_page")
filters = ctx.filters.sql()
window = ctx.window.sql()
selected_year = None
results = ui.page_results(ctx)
if not results:
    ui.no_target_note(ctx)
for result in results:
    target = result.target
    series = result.series
    st.subheader(markdown_text(target.name(lang)))
    ui.target_rules(ctx, result, with_status=True)
    if ui.empty(ctx, series[series["value"] > 0]) or target.kind != "growth":
        continue
    title = ui.chart_title(ctx, t("per_year_and_growth", lang))
    points = ui.chart(trend.figure(result, title, lang, height=460, y_title=t("col_enterprises", lang)),
                      f"supported_growth_{target.id}", selectable=True)
    selected_year = selected_year or ui.selected_keys(points)[0]
    ui.data_table(ctx, ui.growth_columns(ctx, result, {
        "year": "col_year", "value": "col_enterprises", "growth": "col_growth"}),
        f"supported_growth_{target.id}", f"{target.id}-per-year")

st.divider()
dimension = ui.choose_dimension(ctx, registry.get("supported").breakdowns, "supported")
year, key = ui.breakdown(ctx, "supported_by_dimension", dimension, "enterprises",
                               t("col_enterprises", lang), t("col_enterprises", lang), "supported",
                               plan_id=ctx.plan.id, **window, **filters)
year = year or selected_year

st.subheader(ui.drill_caption(ctx, dimension, year, key))
st.caption(t("drill_hint", lang))
records = ui.run_query(ctx, "supported_records", dimension=dimension, key=key, year=year, limit=1000,
                        **window, **filters)
ui.drill_table(ctx, records, {
    "supported_on": "col_date", "tax_code": "col_tax_code", "name": "col_enterprise",
    "sector_code": "col_sector", "area_code": "col_place", "size": "col_size",
    "solution_type": "col_solution_type", "detail": "col_detail", "funding_vnd": "col_funding",
    "funding_source": "col_source"}, "supported")

st.divider()
ui.phase_by_sector(ctx, "supported_by_dimension", "enterprises", t("col_enterprises", lang),
                         t("col_enterprises", lang), "supported", plan_id=ctx.plan.id,
                         date_from=ctx.plan.phases[0].start, date_to=ctx.as_of, **filters)

st.divider()
ui.funding_by_source(ctx, plan_id=ctx.plan.id, **window, **filters)
