"""Blocks of data quality and commentary: the notes under a card."""
from __future__ import annotations

import streamlit as st

from ..present.quality import CardNotes


def data_notes(notes: CardNotes) -> None:
    """When the data behind a card last changed; its flags stand out (our own texts, no data)."""
    if notes.freshness:
        st.caption(notes.freshness)
    for flag in (notes.stale, notes.gap):
        if flag:
            st.caption(f":orange[:material/warning: {flag}]")
