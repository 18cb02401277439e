"""The statuses a target can have: one label per language (the table's status_<id>) and one
colour, used everywhere."""
from __future__ import annotations

from dataclasses import dataclass

from .i18n import t


@dataclass(frozen=True)
class Status:
    id: str
    colour: str
    rank: int  # for sorting from best to worst

    def label(self, lang: str) -> str:
        return t(f"status_{self.id}", lang)

    @property
    def vi(self) -> str:
        return self.label("vi")

    @property
    def en(self) -> str:
        return self.label("en")


ACHIEVED = Status("achieved", "#145c2a", 0)
ON_TRACK = Status("on_track", "#2b8a3e", 1)
ACCELERATE = Status("accelerate", "#a86f00", 2)
OFF_TRACK = Status("off_track", "#e8590c", 3)
DETERIORATING = Status("deteriorating", "#c92a2a", 4)
NOT_ACHIEVED = Status("not_achieved", "#862e2e", 5)
INSUFFICIENT = Status("insufficient", "#868e96", 6)
MONITORED = Status("monitored", "#1c7ed6", 7)
# A programme target seen in a phase that has ended, not reached yet: judged when its own period ends.
CONTINUING = Status("continuing", "#5f3dc4", 8)

ALL = (ACHIEVED, ON_TRACK, ACCELERATE, OFF_TRACK, DETERIORATING, NOT_ACHIEVED, INSUFFICIENT, MONITORED,
       CONTINUING)
BY_ID = {s.id: s for s in ALL}

# Colours are dark enough for white bold text on them (contrast of large text >= 3:1).
# Bars of a growth chart: did that year's growth meet the plan's floor?
MET_COLOUR = ACHIEVED.colour
NOT_MET_COLOUR = OFF_TRACK.colour
NEUTRAL_COLOUR = INSUFFICIENT.colour
TARGET_COLOUR = "#343a40"
