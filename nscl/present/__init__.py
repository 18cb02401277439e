"""Everything that turns results into something to look at: card texts, charts (trend,
breakdown, map, heat map), slides, the PowerPoint deck, the Word report, table downloads and
the one labeller of codes. No Streamlit here: every builder is a pure function."""
