"""Blocks of data quality and commentary: the notes under a card, the staff's comment form."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from .. import commentary, quality
from ..auth import account_names, users_path
from ..i18n import fmt_date, fmt_datetime, fmt_number, t
from ..ingest.report import person
from ..present.cards import Card
from ..present.labels import Labeller
from ..present.quality import CardNotes
from .context import Context
from .data import catalogue, clear_caches, cursor, database, labeller, run_query
from .viewer import may_see, privacy_note, restrict
from .widgets import CSV_MIME, XLSX_MIME, chart, chart_title, columns_in, download, show_table


def data_notes(notes: CardNotes) -> None:
    """When the data behind a card last changed; its flags stand out (our own texts, no data)."""
    if notes.freshness:
        st.caption(notes.freshness)
    for flag in (notes.stale, notes.gap):
        if flag:
            st.caption(f":orange[⚠ {flag}]")  # a symbol, not a Material icon: its screen-reader name is English


def card_comment(ctx: Context, card: Card) -> None:
    """The staff's comment under a card, as plain text (st.text never renders Markdown or HTML),
    and for a signed-in staff member on the writer, the form that adds a version."""
    notes, lang = card.notes, ctx.lang
    if notes.comment:
        st.markdown(f"**{t('comment_heading', lang)}**")
        for _, label, text in notes.comment:
            st.caption(label)
            st.text(text)
        st.text(notes.comment_meta if may_see(ctx.settings, "target_comments", "author") else notes.comment_meta_public)
        if notes.comment_predates:
            st.caption(f":orange[↺ {notes.comment_predates}]")
    user = st.session_state.get("user")
    if user is None or ctx.settings.read_only:
        return
    flash = st.session_state.pop(f"comment_saved_{card.target_id}", None)
    if flash:
        st.success(flash)
    with st.expander(t("comment_write", lang), expanded=False):
        _comment_form(ctx, card, user)


def _comment_form(ctx: Context, card: Card, user) -> None:
    lang, target_id = ctx.lang, card.target_id
    period = ctx.plan.period_for(ctx.plan.target(target_id), ctx.phase)
    refused = st.session_state.pop(f"comment_refused_{target_id}", None)
    if refused:
        st.error(refused)
    st.caption(t("comment_limit", lang, limit=fmt_number(commentary.MAX_CHARS, lang)))
    with st.form(f"comment_form_{target_id}"):
        for part in commentary.PARTS:
            st.text_area(t(f"comment_part_{part}", lang), value=card.notes.comment_text(part),
                         key=f"comment_{target_id}_{part}")
        # Saved in the callback, before the page runs again, so the card below shows the new text.
        st.form_submit_button(t("comment_save", lang), key=f"comment_save_{target_id}", on_click=_save,
                              args=(ctx, target_id, period.id, user.name or user.username))
    frame = commentary.versions(cursor(ctx.settings), ctx.plan.id, target_id, period.id)
    if frame.empty:
        return
    st.caption(t("comment_versions", lang))
    table = versions_table(restrict(ctx.settings, lang, "target_comments", frame), lang)
    show_table(table, lang)
    downloads(ctx, table, f"comments-{target_id}-{period.id}")


def _save(ctx: Context, target_id: str, period_id: str, author: str) -> None:
    texts = {part: st.session_state.get(f"comment_{target_id}_{part}", "") for part in commentary.PARTS}
    con, _ = database(ctx.settings)
    try:
        saved = commentary.save(con, ctx.plan.id, target_id, period_id, ctx.as_of, texts, author)
    except commentary.CommentRefused as exc:
        st.session_state[f"comment_refused_{target_id}"] = exc.text(ctx.lang)
        return
    clear_caches(ctx.settings)
    st.session_state[f"comment_saved_{target_id}"] = t(
        "comment_saved", ctx.lang, parts=", ".join(t(f"comment_part_{p}", ctx.lang) for p in saved))


def versions_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    table = frame.assign(part=[t(f"comment_part_{p}", lang) for p in frame["part"]],
                         created_at=[fmt_datetime(at) for at in frame["created_at"]])
    return table.rename(columns={"part": t("col_part", lang), "version": t("col_version", lang),
                                 "as_of": t("col_comment_as_of", lang), "author": t("col_author", lang),
                                 "created_at": t("col_written_at", lang), "body": t("col_comment_text", lang)})


def downloads(ctx: Context, table: pd.DataFrame, stem: str) -> None:
    """CSV and XLSX of a table shown inside an expander (where data_table's own expander cannot
    go); formulas neutralised like every other download."""
    from ..spreadsheets import to_csv_bytes, to_xlsx_bytes

    left, right = st.columns(2)
    download(left, t("download_csv", ctx.lang), to_csv_bytes(table, ctx.lang), f"{stem}.csv", CSV_MIME, key=f"{stem}_csv")
    download(right, t("download_xlsx", ctx.lang), to_xlsx_bytes(table, lang=ctx.lang), f"{stem}.xlsx", XLSX_MIME,
             key=f"{stem}_xlsx")


PROBLEM_ROWS = 1000  # listed and downloaded per problem; the title gives the full count

# The likely problems, each one query of queries/quality: (query, its columns -> text keys, as_of needed).
PROBLEMS = (
    ("duplicate_enterprise_names", {"tax_code": "col_tax_code", "name": "col_enterprise", "sector_code": "col_sector",
                                    "place_code": "col_place", "tax_codes": "col_tax_codes"}, False),
    ("expired_without_renewal", {"certificate_no": "col_certificate_no", "body": "col_body",
                                 "tax_code": "col_tax_code", "name": "col_enterprise", "standard": "col_standard",
                                 "issued_on": "col_issued_on", "expires_on": "col_expires_on"}, True),
    ("courses_without_participants", {"id": "col_course_id", "kind": "col_kind", "title": "col_course",
                                      "organiser": "col_organiser", "start_date": "col_start",
                                      "end_date": "col_end", "place_code": "col_place"}, True),
    ("support_without_sector_or_place", {"id": "col_record_id", "tax_code": "col_tax_code", "name": "col_enterprise",
                                         "supported_on": "col_date", "solution_type": "col_solution_type",
                                         "sector_code": "col_sector", "place_code": "col_place",
                                         "problem": "col_problem"}, False),
    ("roles_without_enterprise", {"course_id": "col_course_id", "title": "col_course", "end_date": "col_end",
                                  "person_id": "col_person_id", "person_name": "col_person_name", "role": "col_role",
                                  "tax_code": "col_tax_code", "problem": "col_problem"}, False),
)


def _place_names(ctx: Context) -> dict[str, str]:
    _, places = catalogue(ctx.settings)
    return dict(zip(places["code"], places[f"name_{ctx.lang}"]))


def last_uploads(ctx: Context) -> None:
    """Per dataset: records, when it last changed and who changed it, and whether it is older than
    the plan allows."""
    from ..datasets import DATASETS

    lang = ctx.lang
    st.subheader(t("quality_uploads", lang))
    states = quality.states(cursor(ctx.settings))
    names = account_names(users_path(ctx.settings))
    rows = []
    for name in DATASETS:
        state = states.get(name)
        age = ctx.plan.quality.max_age(name)
        changed = state.last_changed if state else None
        rows.append({
            "dataset": t(f"dataset_{name}", lang),
            "records": t(f"held_{name}", lang, n=fmt_number(state.records if state else 0, lang)),
            # an upload's moment in Vietnam time; data loaded without uploads (the demo) has a day only
            "last_changed": fmt_datetime(changed) if state and state.last_kind else fmt_date(changed and changed.date()),
            "uploaded_by": person(state.last_by, names) if state and state.last_by else "–",
            "file_name": (state.last_file if state else None) or "–",
            "max_age": t("n_months", lang, n=age) if age else t("quality_no_age", lang),
            "flag": t("quality_stale", lang) if quality.is_stale(state, age, ctx.as_of) else "",
        })
    table = restrict(ctx.settings, lang, "last_uploads", pd.DataFrame(rows))
    if table.attrs.get("privacy_restricted"):
        st.caption(f"🔒 {t('privacy_note_uploads', lang)}")
    show_table(table.rename(columns={
        "dataset": t("col_dataset", lang), "records": t("col_held", lang),
        "last_changed": t("col_last_changed", lang), "uploaded_by": t("col_uploaded_by", lang),
        "file_name": t("col_file", lang), "max_age": t("col_max_age", lang), "flag": t("col_flag", lang)}), lang)


def completeness(ctx: Context) -> None:
    """One dataset's records by month and place as a heat map, and the gaps of usual reporters."""
    from ..datasets import DATASETS
    from ..present.completeness import completeness_heatmap, months_between

    lang = ctx.lang
    st.subheader(t("quality_completeness", lang))
    q = ctx.plan.quality
    st.caption(t("quality_usual_rule", lang, usual=q.usual_months, lookback=q.lookback_months,
                 checked=q.checked_months))
    names = list(DATASETS)
    dataset = st.selectbox(t("col_dataset", lang), names, index=names.index("support"), key="quality_dataset",
                           format_func=lambda n: t(f"dataset_{n}", lang))
    last = min(ctx.window.end, ctx.as_of)
    frame = run_query(ctx, "dataset_months_by_place", dataset=dataset, date_from=ctx.window.start, date_to=last,
                      plan=ctx.plan.id)
    reform = run_query(ctx, "communes_start")["day"].iloc[0]
    reform = dt.date.max if pd.isna(reform) else pd.Timestamp(reform).date()
    if frame.dropna(subset=["area_code"]).empty:
        st.info(t("no_data", lang), icon=":material/info:")
    else:
        district, current = _labellers(ctx)
        frame = frame.assign(label=[(current if g == "current" else district)(c)
                                    for g, c in zip(frame["geography"], frame["area_code"])])
        months = months_between(ctx.window.start, last)
        measure = t(f"measure_{dataset}", lang)  # each dataset's own measure, not a generic "records"
        title = chart_title(ctx, t("quality_heatmap_title", lang, dataset=t(f"dataset_{dataset}", lang),
                                   measure=measure.lower()))
        chart(completeness_heatmap(frame, months, reform, title, measure, lang), "quality_heatmap")
    gaps = quality.gaps(cursor(ctx.settings), ctx.plan, ctx.as_of)
    gaps = gaps[gaps["dataset"] == dataset]
    if gaps.empty:
        st.caption(t("quality_no_gaps", lang))
        return
    district, current = _labellers(ctx)
    table = pd.DataFrame({
        t("col_place", lang): [(current if g == "current" else district)(c)
                               for g, c in zip(gaps["geography"], gaps["area_code"])],
        t("col_month", lang): [f"{pd.Timestamp(m):%m/%Y}" for m in gaps["month"]]})
    st.caption(t("quality_gaps", lang, n=len(table)))
    show_table(table, lang)
    downloads(ctx, table, f"thieu-so-lieu-{dataset}")


def _labellers(ctx: Context):
    sectors, places = catalogue(ctx.settings)
    return (Labeller(sectors, places, ctx.lang, "district")("place"),
            Labeller(sectors, places, ctx.lang, "current")("place"))


def problems(ctx: Context) -> None:
    """Each likely problem with its records and downloads, so staff can fix them at the source."""
    lang = ctx.lang
    st.subheader(t("quality_problems", lang))
    names = _place_names(ctx)
    for name, columns, needs_as_of in PROBLEMS:
        frame = run_query(ctx, name, limit=PROBLEM_ROWS, **({"as_of": ctx.as_of} if needs_as_of else {}))
        total = int(frame["total"].iloc[0]) if len(frame) else 0
        with st.expander(t("problem_count", lang, what=t(f"problem_{name}", lang), n=fmt_number(total, lang)),
                         expanded=False):
            st.caption(t(f"problem_{name}_why", lang))
            if frame.empty:
                st.caption(t("problem_none", lang))
                continue
            privacy_note(ctx, frame)
            if total > len(frame):
                st.caption(t("rows_shown", lang, shown=fmt_number(len(frame), lang), total=fmt_number(total, lang)))
            shown = labeller(ctx).columns(frame)
            if "place_code" in shown.columns:
                shown["place_code"] = shown["place_code"].map(lambda c: names.get(c, c))
            if "problem" in shown.columns:
                shown["problem"] = shown["problem"].map(lambda p: t(f"problem_reason_{p}", lang))
            table = columns_in(ctx, shown, columns)
            show_table(table, lang)
            downloads(ctx, table, f"van-de-{name.replace('_', '-')}")
