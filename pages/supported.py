"""Hỗ trợ doanh nghiệp: enterprises supported per year against the 10-15 % band, by breakdown."""
import streamlit as st

from nscl import browse_charts as bc
from nscl import registry, sections, web
from nscl.i18n import t

ctx = web.page_context(__file__)
lang = ctx.lang
web.page_header(ctx, "supported_page")
filters = ctx.filters.sql()
window = ctx.window.sql()
selected_year = None
results = web.page_results(ctx)
if not results:
    web.no_target_note(ctx)
for result in results:
    target = result.target
    series = result.series[(result.series["year"] >= ctx.window.first_year - 1)
                           & (result.series["year"] <= ctx.window.last_year)]
    st.subheader(target.name(lang))
    web.target_rules(ctx, result)
    if sections.empty(ctx, series[series["value"] > 0]) or target.kind != "growth":
        continue
    title = web.chart_title(ctx, t("col_enterprises", lang))
    points = web.chart(bc.growth_band(series, target.rate_min, target.rate_max, title, target.unit(lang),
                                      t("col_enterprises", lang), lang), f"supported_growth_{target.id}",
                       selectable=True)
    selected_year = selected_year or web.selected_keys(points)[0]
    web.data_table(ctx, web.columns_in(ctx, series, {
        "year": "col_year", "value": "col_enterprises", "growth": "col_growth"}),
        f"supported_growth_{target.id}", f"{target.id}-per-year")

st.divider()
dimension = sections.choose_dimension(ctx, registry.get("supported").breakdowns, "supported")
year, key = sections.breakdown(ctx, "supported_by_dimension", dimension, "enterprises",
                               t("col_enterprises", lang), t("col_enterprises", lang), "supported",
                               plan_id=ctx.plan.id, **window, **filters)
year = year or selected_year

st.subheader(sections.drill_caption(ctx, dimension, year, key))
st.caption(t("drill_hint", lang))
records = web.run_query(ctx, "supported_records", dimension=dimension, key=key, year=year, limit=1000,
                        **window, **filters)
sections.drill_table(ctx, records, {
    "supported_on": "col_date", "tax_code": "col_tax_code", "name": "col_enterprise",
    "sector_code": "col_sector", "area_code": "col_place", "size": "col_size",
    "solution_type": "col_solution_type", "detail": "col_detail", "funding_vnd": "col_funding",
    "funding_source": "col_source"}, "supported")

st.divider()
sections.phase_by_sector(ctx, "supported_by_dimension", "enterprises", t("col_enterprises", lang),
                         t("col_enterprises", lang), "supported", plan_id=ctx.plan.id,
                         date_from=ctx.plan.phases[0].start, date_to=ctx.as_of, **filters)

st.divider()
st.subheader(t("col_funding", lang))
funding = web.run_query(ctx, "supported_by_dimension", dimension="funding_source", plan_id=ctx.plan.id,
                        **window, **filters)
funding = funding[funding["level"] == "year"].rename(columns={"funding_vnd": "value"})
if not sections.empty(ctx, funding):
    funding = web.with_labels(ctx, funding, "funding_source")
    web.chart(bc.stacked_years(funding, web.chart_title(ctx, t("col_funding", lang)), t("col_funding", lang),
                               lang), "supported_funding")
    web.data_table(ctx, web.columns_in(ctx, funding, {"year": "col_year", "label": "col_source",
                                                      "value": "col_funding", "records": "col_records"}),
                   "supported_funding", "supported-funding")
