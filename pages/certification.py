"""Chứng nhận: ISO 9001 and ISO 14001 against the 10 % line, other standards, breakdowns, expiries."""
import streamlit as st

from nscl import registry, ui
from nscl.i18n import fmt_date, t
from nscl.present import trend
from nscl.present.escape import markdown_text

ctx = ui.page_context(__file__)
lang = ctx.lang
ui.page_header(ctx, "certification")
filters = ctx.filters.sql()
window = ctx.window.sql()

results = ui.page_results(ctx)
if not results:
    ui.no_target_note(ctx)


def show_target(result) -> None:
    target = result.target
    series = result.series
    primary = "valid_at_year_end" if target.measure == "valid" else "issued_in_year"
    other = "issued_in_year" if primary == "valid_at_year_end" else "valid_at_year_end"
    st.subheader(markdown_text(target.name(lang)))
    st.caption(f"{t('primary_measure', lang)}: **{t(primary, lang)}**. {t('other_measure', lang)}: "
               f"{t(other, lang).lower()}.")
    ui.target_rules(ctx, result, with_status=True)
    if ui.empty(ctx, series[series["value"] > 0]) or target.kind != "growth":
        return
    title = ui.chart_title(ctx, f"{target.standard} – {t('per_year_and_growth', lang).lower()}")
    ui.chart(trend.figure(result, title, lang, height=460, y_title=t(primary, lang)), f"cert_growth_{target.id}")
    ui.data_table(ctx, ui.growth_columns(ctx, result, {
        "year": "col_year", "value": primary, "growth": "col_growth", "other": other}),
        f"cert_growth_{target.id}", f"{target.id}-per-year")


ui.card_grid(results, show_target)

st.divider()
st.subheader(t("dim_standard", lang))
valid = ui.run_query(ctx, "certificates_valid_by_dimension", dimension="standard",
                      from_year=ctx.window.first_year - 1, as_of=ctx.window.last_day, **filters)
if not ui.empty(ctx, valid):
    frame = valid.rename(columns={"standard": "series", "valid": "value"})
    ui.chart(trend.lines(frame, ui.chart_title(ctx, t("valid_at_year_end", lang)), t("col_valid", lang), lang),
              "cert_standards")
    ui.data_table(ctx, ui.columns_in(ctx, frame, {"year": "col_year", "series": "col_standard",
                                                    "value": "col_valid"}), "cert_standards", "certificates-by-standard")

st.divider()
standards = [None, *sorted(valid["standard"].unique())] if len(valid) else [None]
standard = st.selectbox(t("col_standard", lang), standards, key="cert_standard",
                        format_func=lambda s: t("all", lang) if s is None else s)
dimension = ui.choose_dimension(ctx, registry.get("certificates").breakdowns, "cert")
what = f"{t('issued_in_year', lang)}{'' if standard is None else ' – ' + standard}"
year, key = ui.breakdown(ctx, "certificates_issued_by_dimension", dimension, "certificates",
                               t("col_issued", lang), what, "cert", plan_id=ctx.plan.id, standard=standard,
                               **window, **filters)
st.subheader(ui.drill_caption(ctx, dimension, year, key))
st.caption(t("drill_hint", lang))
listing = ui.run_query(ctx, "certificates_list", standard=standard, dimension=dimension, key=key, year=year,
                        date_from=ctx.window.start, as_of=ctx.window.last_day, expiring=False, months=0,
                        limit=1000, **filters)
names = {"certificate_no": "col_certificate_no", "standard": "col_standard", "tax_code": "col_tax_code",
         "name": "col_enterprise", "sector_code": "col_sector", "area_code": "col_place",
         "body": "col_body", "issued_on": "col_issued_on", "expires_on": "col_expires_on",
         "withdrawn_on": "col_withdrawn_on"}
ui.drill_table(ctx, listing, names, "cert")

st.divider()
ui.phase_by_sector(ctx, "certificates_issued_by_dimension", "certificates", t("col_issued", lang),
                         what, "cert", plan_id=ctx.plan.id, standard=standard,
                         date_from=ctx.plan.phases[0].start, date_to=ctx.as_of, **filters)

st.divider()
months = ctx.plan.thresholds.expiring_months
st.subheader(t("expiring_title", lang, months=months, day=fmt_date(ctx.as_of)))
expiring = ui.run_query(ctx, "certificates_list", standard=standard, dimension="standard", key=None, year=None,
                         date_from=ctx.window.start, as_of=ctx.as_of, expiring=True, months=months,
                         limit=1000, **filters)
ui.drill_table(ctx, expiring, {**names, "days_left": "col_days_left"}, "cert_expiring")
