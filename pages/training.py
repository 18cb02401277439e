"""Đào tạo: experts and managers trained against the phase targets, participation by breakdown."""
import streamlit as st

from nscl import registry, ui
from nscl.i18n import t
from nscl.present import trend
from nscl.present.escape import markdown_text

ctx = ui.page_context(__file__)
lang = ctx.lang
ui.page_header(ctx, "training")
filters = ctx.filters.sql()
window = ctx.window.sql()

results = ui.page_results(ctx)
if not results:
    ui.no_target_note(ctx)


def show_target(result) -> None:
    target, a = result.target, result.assessment
    st.subheader(markdown_text(target.name(lang)))
    st.html(ui.badge(a.status.label(lang), a.status.colour))
    ui.target_rules(ctx, result)
    title = ui.chart_title(ctx, f"{target.name(lang)} – {t('per_year_cumulative', lang)}", result.period.id)
    ui.chart(trend.figure(result, title, lang, height=340), f"training_{target.id}")
    ui.data_table(ctx, ui.columns_in(ctx, result.series, {
        "year": "col_year", "value": "col_value", "cumulative": "col_cumulative"}),
        f"training_{target.id}", f"{target.id}-per-year")


ui.card_grid(results, show_target)

if ctx.filters.active and any(not registry.get(r.target.indicator).filters for r in results):
    st.caption(t("not_applying", lang, names=t("experts_no_enterprise", lang)))

st.divider()
dimension = ui.choose_dimension(ctx, registry.get("managers").breakdowns, "training")
year, key = ui.breakdown(ctx, "participants_by_dimension", dimension, "person_times",
                               t("col_person_times", lang), t("col_participants", lang), "training",
                               plan_id=ctx.plan.id, **window, **filters)
kind = key if dimension == "kind" else None
st.subheader(ui.drill_caption(ctx, dimension, year, key if dimension == "kind" else None))
st.caption(t("drill_hint", lang))
courses = ui.run_query(ctx, "courses_list", kind=kind, year=year, limit=1000, **window, **filters)
ui.drill_table(ctx, courses, {
    "id": "col_key", "kind": "col_kind", "title": "col_course", "organiser": "col_organiser",
    "start_date": "col_start", "end_date": "col_end", "participants": "col_participants",
    "managers": "col_managers"}, "training_courses")

st.divider()
ui.phase_by_sector(ctx, "participants_by_dimension", "managers", t("col_managers", lang),
                         t("col_managers", lang), "training", plan_id=ctx.plan.id,
                         date_from=ctx.plan.phases[0].start, date_to=ctx.as_of, **filters)

st.divider()
st.subheader(t("experts_list", lang))
experts = ui.run_query(ctx, "experts_list", plan=ctx.plan.id, **window)
ui.drill_table(ctx, experts, {"certificate_no": "col_certificate_no", "person_name": "col_label",
                                    "organisation": "col_organiser", "certified_on": "col_date"}, "training_experts")
