"""Chỉ tiêu: every indicator's definition, target, status method and the SQL that computes it."""
import streamlit as st

from nscl import registry, ui
from nscl.i18n import fmt_count, fmt_percent, t
from nscl.present.escape import markdown_text
from nscl.sql import library

ctx = ui.page_context(__file__)
lang = ctx.lang
ui.page_header(ctx, "catalogue_page")
plan = ctx.plan
st.caption(markdown_text(plan.title[lang]))

for target in plan.targets:
    indicator = registry.get(target.indicator)
    with st.container(border=True, key=f"catalogue_{target.id}"):
        st.subheader(markdown_text(target.name(lang)))
        st.write(f"**{t('definition', lang)}:** {markdown_text(registry.definition(target, lang))}")
        st.write(f"**{t('unit_label', lang)}:** {markdown_text(target.unit(lang))}")
        st.write(f"**{t('plan_sentence', lang)}:** «{markdown_text(target.source_vi)}»")
        if target.kind == "count":
            values = ", ".join(f"{period}: {target.qualifier_word(lang)} {fmt_count(v, lang)}"
                               for period, v in target.values.items())
        elif target.kind == "growth":
            band = fmt_percent(target.rate_min, lang, 0)
            if target.rate_max:
                band += "–" + fmt_percent(target.rate_max, lang, 0)
            values = t("growth_every_year", lang, band=band, phases=", ".join(p.id for p in plan.phases))
        else:
            values = t("no_number", lang)
        st.write(f"**{t('target', lang)}:** {markdown_text(values)}")
        rules = ([registry.qualifier_rule(target, lang, v) for v in target.values.values()]
                 if target.kind == "count" else [registry.growth_rule(target, lang)])
        for rule in filter(None, rules):
            st.write(f"**{t('rule_label', lang)}:** {markdown_text(rule)}")
        st.write(f"**{t('method', lang)}:** " + t(f"method_{target.kind}", lang,
                 on_track=fmt_count(plan.thresholds.on_track * 100, lang),
                 accelerate=fmt_count(plan.thresholds.accelerate * 100, lang)))
        query = library().get(indicator.query)
        with st.expander(t("sql_of_query", lang, file=query.path.relative_to(query.path.parents[2]).as_posix())):
            st.code(query.sql, language="sql")
