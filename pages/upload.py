"""Cập nhật dữ liệu: staff upload CSV/Excel files, read every problem, preview, commit, undo."""
import streamlit as st

from nscl import ui
from nscl.auth import account_names, users_path
from nscl.datasets import DATASETS
from nscl.i18n import fmt_count, fmt_datetime, t
from nscl.ingest import commit as writing
from nscl.ingest.limits import Limits
from nscl.ingest.pipeline import check_file
from nscl.ingest.reading import EXCEL_SUFFIXES, ReadError, excel_sheets
from nscl.ingest.report import (
    PREVIEW_FIRST,
    changes_table,
    history_table,
    normalised_table,
    person,
    preview_rows,
    problems_table,
    report_csv,
    report_xlsx,
)
from nscl.ingest.templates import template_csv, template_xlsx
from nscl.present.escape import markdown_text

ctx = ui.page_context(__file__)
lang = ctx.lang
st.title(t("upload_page", lang))
if ctx.settings.read_only:
    st.info(t("read_only_replica", lang))
    st.stop()
user = st.session_state.get("user")
if user is None:
    ui.login_form(ctx)
    st.stop()

con, _ = ui.database(ctx.settings)
limits = Limits.from_settings()
if message := st.session_state.pop("upload_message", None):
    st.success(message)
if notice := st.session_state.pop("upload_notice", None):
    st.info(notice)
ui.edition_panel(ctx)  # the published edition: last outcome, automatic or by hand

upload_tab, history_tab = st.tabs([t("upload_page", lang), t("history", lang)])
with upload_tab:
    name = st.selectbox(t("dataset", lang), list(DATASETS), key="upload_dataset",
                        format_func=lambda n: DATASETS[n].title(lang))
    dataset = DATASETS[name]
    left, right = st.columns(2)
    ui.download(left, t("template_csv", lang), ui.memo_bytes(("template_csv", name, lang),
                lambda: template_csv(dataset, lang)), f"mau-{name}.csv", ui.CSV_MIME)
    ui.download(right, t("template_xlsx", lang), ui.memo_bytes(("template_xlsx", name, lang),
                lambda: template_xlsx(dataset, lang)), f"mau-{name}.xlsx", ui.XLSX_MIME)
    nonce = st.session_state.setdefault("upload_nonce", 0)
    file = st.file_uploader(t("choose_file", lang), type=["csv", "txt", "xlsx", "xls"], key=f"upload_file_{nonce}")
    if file is not None:
        data = file.getvalue()
        try:
            sheet = None
            if file.name.lower().endswith(EXCEL_SUFFIXES):
                sheets = excel_sheets(data)
                if len(sheets) > 1:
                    sheet = st.selectbox(t("sheet", lang), sheets, key=f"upload_sheet_{nonce}")
            with st.status(t("checking", lang), expanded=False) as status:
                raw, checked = check_file(con.cursor(), dataset, file.name, data, sheet, limits, lang=lang)
                summary = writing.preview(con, checked, data, lang=lang)
                status.update(label=t("checked", lang, rows=fmt_count(len(raw.rows), lang)), state="complete")
        except ReadError as exc:
            st.error(markdown_text(exc.text(lang)))
            st.stop()

        st.subheader(t("preview", lang))
        if raw.guessed is not None:  # the sample is data: shown as code, never as Markdown
            st.warning(t("upload_encoding_guessed", lang, encoding=raw.encoding, row=raw.guessed.row))
            st.code(raw.guessed.value, language=None, wrap_lines=True)
        cells = st.columns(5)
        for cell, key, value in zip(cells, ("rows_read", "rows_new", "rows_changed", "rows_unchanged", "rows_rejected"),
                                    (len(raw.rows), summary.new, summary.changed, summary.unchanged, summary.rejected)):
            cell.metric(t(key, lang), fmt_count(value, lang))
        if summary.duplicate_of:
            st.warning(t("duplicate_file", lang, id=summary.duplicate_of))
        st.subheader(t("problems", lang))
        if checked.problems:
            st.caption(t("problem_counts", lang, errors=len(checked.errors), rows=len(checked.rejected),
                         warnings=len(checked.warnings)))
            ui.show_table(problems_table(checked, lang), lang)
            left, right = st.columns(2)
            checked_key = (file.file_id, sheet, name, lang)
            ui.download(left, t("report_xlsx", lang), ui.memo_bytes(("report_xlsx", *checked_key),
                        lambda: report_xlsx(checked, raw, lang)), f"loi-{name}.xlsx", ui.XLSX_MIME)
            ui.download(right, t("report_csv", lang), ui.memo_bytes(("report_csv", *checked_key),
                        lambda: report_csv(checked, lang)), f"loi-{name}.csv", ui.CSV_MIME)
        else:
            st.success(t("no_problems", lang))
        # the rows a commit writes: the first ones and every row with a problem, with its problems
        rows_shown = preview_rows(checked, raw, lang)
        st.subheader(t("preview_rows", lang))
        st.caption(t("preview_rows_caption", lang, first=PREVIEW_FIRST, shown=fmt_count(len(rows_shown), lang),
                     rows=fmt_count(len(raw.rows), lang)))
        ui.show_table(rows_shown, lang)
        if len(checked.normalised):
            st.subheader(t("normalised", lang))
            st.caption(t("normalised_caption", lang))
            ui.show_table(normalised_table(checked, lang), lang)
        if len(summary.changes):
            st.caption(t("sample_changes", lang))
            ui.show_table(changes_table(summary.changes, lang), lang)

        def write(only_valid: bool) -> None:
            try:
                done = writing.commit(con, checked, file.name, data, user.username, only_valid, limits.archive_dir)
            except writing.CommitRefused as exc:
                st.error(markdown_text(exc.text(lang)))
                return
            ui.clear_caches(ctx.settings)
            st.session_state["upload_nonce"] = nonce + 1
            st.session_state["upload_message"] = t("committed", lang, id=done.upload_id, added=done.added,
                                                   changed=done.changed, unchanged=done.unchanged)
            st.rerun()

        if checked.errors:
            st.info(t("commit_blocked", lang))
        left, right = st.columns(2)
        if left.button(t("commit", lang), type="primary", disabled=bool(checked.errors), key="commit_all"):
            write(False)
        valid = len(checked.valid)
        if checked.errors and valid and right.button(t("commit_valid_only", lang, n=fmt_count(valid, lang)),
                                                     key="commit_valid"):
            write(True)

with history_tab:
    log = writing.history(con)
    if log.empty:
        st.info(t("no_history", lang))
    else:
        names = account_names(users_path(ctx.settings))
        ui.show_table(history_table(log, lang, names), lang)
        undoable = log[(log["kind"] == "upload") & (log["status"] == "committed")]
        if not user.is_admin:  # staff undo their own uploads; administrators anyone's
            undoable = undoable[undoable["uploaded_by"] == user.username]
            if undoable.empty:
                st.caption(t("undo_none_own", lang))
        if len(undoable):
            choice = st.selectbox(t("undo_choose" if user.is_admin else "undo_choose_own", lang),
                                  undoable["id"].tolist(), key="undo_choice",
                                  format_func=lambda i: f"#{i} · {undoable.set_index('id').at[i, 'file_name']}")
            # Two steps: the first button only says what the undo would remove; nothing changes
            # until the second confirms it (another cancels).
            if st.button(t("undo", lang), key="undo_button"):
                st.session_state["undo_pending"] = int(choice)
            if st.session_state.get("undo_pending") == int(choice):
                try:
                    plan = writing.undo_plan(con, int(choice))
                except writing.CommitRefused as exc:
                    st.session_state.pop("undo_pending", None)
                    st.error(markdown_text(exc.text(lang)))
                else:
                    st.warning(t("undo_confirm_what", lang, id=plan.upload_id,
                                 file=markdown_text(plan.file_name or "–"),
                                 dataset=DATASETS[plan.dataset].title(lang) if plan.dataset in DATASETS else
                                 markdown_text(plan.dataset), by=markdown_text(person(plan.uploaded_by, names)),
                                 at=fmt_datetime(plan.uploaded_at), removed=fmt_count(plan.remove, lang),
                                 restored=fmt_count(plan.restore, lang)))
                    yes, no = st.columns(2)
                    if yes.button(t("undo_confirm", lang), type="primary", key="undo_confirm"):
                        st.session_state.pop("undo_pending", None)
                        try:
                            writing.undo(con, int(choice), user.username, lang, admin=user.is_admin)
                        except writing.CommitRefused as exc:
                            st.error(markdown_text(exc.text(lang)))
                        else:
                            ui.clear_caches(ctx.settings)
                            st.session_state["upload_message"] = t("undone", lang, id=choice)
                            st.rerun()
                    if no.button(t("undo_cancel", lang), key="undo_cancel"):
                        st.session_state.pop("undo_pending", None)
                        st.session_state["upload_notice"] = t("undo_cancelled", lang, id=choice)
                        st.rerun()
