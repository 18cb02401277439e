"""What a page run knows: settings, plan, language, period, as-of date, filters, page."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..filters import Filters, Window
from ..plan import Plan
from ..settings import Settings
from .pages import PageSpec


@dataclass(frozen=True)
class Context:
    settings: Settings
    plan: Plan
    lang: str
    phase_id: str               # the phase the targets are judged over
    window: Window              # the dates the page looks at; it holds the one as-of date
    filters: Filters
    page: PageSpec

    @property
    def as_of(self) -> dt.date:
        return self.window.as_of

    @property
    def phase(self):
        return self.plan.phase(self.phase_id)

    @property
    def place_name(self) -> str:
        return self.plan.place(self.lang)
