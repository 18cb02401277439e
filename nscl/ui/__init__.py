"""Everything Streamlit: the page registry and each run's Context, the sidebar↔URL frame,
cached data access, widgets, login and the named blocks of the browse pages. Pages import
this package and call its names."""
from .blocks import breakdown, choose_dimension, drill_caption, drill_table, empty, funding_by_source, phase_by_sector
from .context import Context
from .data import (
                   catalogue,
                   clear_caches,
                   cursor,
                   database,
                   indicator_results,
                   labeller,
                   meeting_slides,
                   overview_cards,
                   page_results,
                   plans,
                   province_table,
                   query,
                   run_query,
)
from .edition import edition_panel
from .frame import bootstrap, page_context, place_options, sidebar, slide_from_link
from .incident import incidents
from .login import login_form
from .pages import PAGES, PageSpec, target_page
from .quality import card_comment, completeness, data_notes, last_uploads, problems
from .widgets import (
                   CSV_MIME,
                   XLSX_MIME,
                   badge,
                   card_grid,
                   chart,
                   chart_title,
                   columns_in,
                   data_table,
                   demo_banner,
                   download,
    growth_columns,
                   memo_bytes,
                   no_target_note,
                   page_header,
                   print_css,
                   selected_keys,
                   show_table,
                   slide_keys,
                   target_rules,
)

__all__ = [
    "CSV_MIME", "XLSX_MIME", "download", "memo_bytes",
    "PAGES", "Context", "PageSpec", "badge", "bootstrap", "breakdown", "card_comment", "card_grid", "catalogue", "chart",
    "chart_title", "completeness", "last_uploads", "problems", "edition_panel",
    "choose_dimension", "clear_caches", "columns_in", "cursor", "data_notes", "data_table", "database", "demo_banner",
    "drill_caption", "drill_table", "empty", "funding_by_source", "growth_columns", "indicator_results", "labeller", "login_form",
    "meeting_slides", "no_target_note", "overview_cards", "page_context", "page_header", "page_results",
    "phase_by_sector", "place_options",
    "plans", "province_table", "print_css", "query", "run_query", "selected_keys", "show_table", "sidebar",
    "slide_from_link", "incidents", "slide_keys", "target_page", "target_rules",
]
