"""The shared filters of the browse pages, as bound SQL parameters and as URL parameters."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from . import codes

GEOGRAPHIES = ("district", "current")
SIZES = codes.values("size")
OWNERSHIPS = codes.values("ownership")

# Filter names as used in the URL and in each page's list of filters that apply.
SECTOR, PLACE, SIZE, OWNERSHIP = "sectors", "places", "sizes", "ownerships"
ENTERPRISE_FILTERS = (SECTOR, PLACE, SIZE, OWNERSHIP)


@dataclass(frozen=True)
class Filters:
    sectors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    ownerships: tuple[str, ...] = ()
    geography: str = "district"
    plan: str = ""  # the plan whose territory the records must lie in (plan_places); empty: every record

    def only(self, applying: tuple[str, ...]) -> Filters:
        """The same filters with those that do not apply to a page cleared."""
        cleared = {name: () for name in ENTERPRISE_FILTERS if name not in applying}
        return replace(self, **cleared)

    @property
    def active(self) -> tuple[str, ...]:
        return tuple(name for name in ENTERPRISE_FILTERS if getattr(self, name))

    def sql(self) -> dict:
        """Bound parameters for queries that take the shared filters."""
        return {
            "sectors": list(self.sectors),
            "places": list(self.places),
            "sizes": list(self.sizes),
            "ownerships": list(self.ownerships),
            "geography": self.geography,
            "plan": self.plan,
        }

    def to_query(self) -> dict[str, str]:
        out = {name: ",".join(getattr(self, name)) for name in ENTERPRISE_FILTERS if getattr(self, name)}
        if self.geography != "district":
            out["geo"] = self.geography
        return out

    @classmethod
    def from_query(cls, params, known: dict[str, set[str]]) -> Filters:
        """Read filters from URL parameters, keeping only known values."""
        def values(name: str) -> tuple[str, ...]:
            raw = params.get(name) or ""
            return tuple(v for v in raw.split(",") if v in known.get(name, set()))
        geo = params.get("geo")
        return cls(sectors=values(SECTOR), places=values(PLACE), sizes=values(SIZE),
                   ownerships=values(OWNERSHIP), geography=geo if geo in GEOGRAPHIES else "district")


@dataclass(frozen=True)
class Window:
    """The dates a page looks at: a phase or a custom range of years, cut at the as-of date."""
    start: dt.date
    end: dt.date
    label: str
    as_of: dt.date
    phase_id: str | None = None
    years: tuple[int, int] | None = field(default=None)

    @property
    def last_day(self) -> dt.date:
        return min(self.end, self.as_of)

    @property
    def first_year(self) -> int:
        return self.start.year

    @property
    def last_year(self) -> int:
        return self.last_day.year if self.last_day >= self.start else self.start.year

    def sql(self, with_base_year: bool = False) -> dict:
        start = dt.date(self.start.year - 1, 1, 1) if with_base_year else self.start
        return {"date_from": start, "date_to": self.last_day}
