"""The whole province: the plans of one database side by side, where their targets match.

Two targets match when they measure the same indicator with the same options (standard, measure,
event), are judged the same way (kind and scope) and the plans share the phase shown; each plan's
result is its own, counted on its own territory. A target no other plan shares is not compared.
Pure: the cards come from the caller (the app's cached cards of each plan)."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..i18n import t
from ..plan import Plan, Target
from .cards import Card


def target_key(target: Target) -> tuple:
    """What must be equal for two plans' targets to be compared."""
    return target.indicator, target.options, target.kind, target.scope


@dataclass(frozen=True)
class Match:
    key: tuple
    targets: dict[str, Target]  # plan id -> its target of this key (plans without one left out)


def matches(plans: list[Plan], phase_id: str) -> list[Match]:
    """The keys that two or more of the plans having the phase share, in the first such plan's order."""
    having = [p for p in plans if phase_id in {ph.id for ph in p.phases}]
    found: dict[tuple, dict[str, Target]] = {}
    for plan in having:
        for target in plan.targets:
            found.setdefault(target_key(target), {}).setdefault(plan.id, target)
    return [Match(key, targets) for key, targets in found.items() if len(targets) >= 2]


def side_by_side(plans: list[Plan], cards: dict[str, list[Card]], phase_id: str, lang: str) -> pd.DataFrame:
    """One row per matching target: its name (the first plan's), then per plan its result, its
    target and its status; a plan without that target shows nothing. Columns are named by the plans'
    numbers and places (an example plan says it is one; the plan's id added when two share them)."""
    by_target = {plan_id: {c.target_id: c for c in plan_cards} for plan_id, plan_cards in cards.items()}
    shown = [p for p in plans if p.id in cards]
    heads = {p.id: f"{p.number} · {p.place(lang)}" for p in shown}
    repeated = {h for h in heads.values() if list(heads.values()).count(h) > 1}
    heads = {i: f"{h} ({i})" if h in repeated else h for i, h in heads.items()}  # two plans never share a column
    rows = []
    for match in matches(shown, phase_id):
        first = next(iter(match.targets.values()))
        row = {t("province_target", lang): first.name(lang)}
        for plan in shown:
            card = by_target.get(plan.id, {}).get(match.targets[plan.id].id) if plan.id in match.targets else None
            head = heads[plan.id]
            row[f"{head} · {t('province_result', lang)}"] = card.actual_full if card else ""
            row[f"{head} · {t('target', lang)}"] = card.target_text if card else ""
            row[f"{head} · {t('province_status', lang)}"] = card.status_label if card else ""
        rows.append(row)
    return pd.DataFrame(rows)
