"""The meeting slides straight from a database, the command line's way (nscl/cli.py `export`):
what nscl.meeting reads, then the slides nscl.present.slides builds from it."""
from __future__ import annotations

from nscl.filters import Filters
from nscl.meeting import gather
from nscl.present.slides import from_data


def collect(con, plan, phase_id, as_of, lang, filters=Filters()):
    """(results, slides), as the command line makes them."""
    data = gather(con, plan, phase_id, as_of, lang, filters)
    return data.results, from_data(plan, data, lang, as_of, phase_id, filters)
