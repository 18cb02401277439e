"""The app's pages: one spec per file in pages/, and which page shows a target's details."""
from __future__ import annotations

from dataclasses import dataclass

from .. import registry
from ..filters import ENTERPRISE_FILTERS


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    icon: str
    url_path: str  # equal to the file's stem, so a direct link finds the page in every mode
    filters: tuple[str, ...]  # enterprise filters that apply on this page


PAGES = (
    PageSpec("pages/overview.py", "overview", ":material/dashboard:", "overview", ()),
    PageSpec("pages/province.py", "province_page", ":material/compare:", "province", ()),
    PageSpec("pages/training.py", "training", ":material/school:", "training", ENTERPRISE_FILTERS),
    PageSpec("pages/certification.py", "certification", ":material/verified:", "certification", ENTERPRISE_FILTERS),
    PageSpec("pages/supported.py", "supported_page", ":material/handshake:", "supported", ENTERPRISE_FILTERS),
    PageSpec("pages/pilots.py", "pilots_page", ":material/star:", "pilots", ENTERPRISE_FILTERS),
    PageSpec("pages/conformity.py", "cab_page", ":material/fact_check:", "conformity", ()),
    PageSpec("pages/catalogue.py", "catalogue_page", ":material/menu_book:", "catalogue", ()),
    PageSpec("pages/present.py", "present_page", ":material/slideshow:", "present", ENTERPRISE_FILTERS),
    PageSpec("pages/report.py", "report_page", ":material/description:", "report", ENTERPRISE_FILTERS),
    PageSpec("pages/quality.py", "quality_page", ":material/rule:", "quality", ()),
    PageSpec("pages/upload.py", "upload_page", ":material/upload_file:", "upload", ()),
)


def target_page(target) -> str:
    """The page file showing a target's details (the registry names it by url_path)."""
    url_path = registry.page_of(target)
    return next(spec.path for spec in PAGES if spec.url_path == url_path)
