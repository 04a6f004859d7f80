"""Jakarta time (WIB) for everything shown and for "today", whatever the server's timezone.

Stored timestamps stay UTC; only what is displayed, and the date a status is judged at, is
Asia/Jakarta. Every module asks this one: ``today_wib()``, ``now_wib()``, ``to_wib(ts)``.
No streamlit here (usable by report/, charts/ and store/).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

JAKARTA = ZoneInfo("Asia/Jakarta")


def _utc_now() -> datetime:
    """The current instant (aware, UTC); tests replace this one function to freeze time."""
    return datetime.now(UTC)


def now_wib() -> datetime:
    """The current time in Jakarta (aware)."""
    return _utc_now().astimezone(JAKARTA)


def today_wib() -> date:
    """Today's date in Jakarta: at 23.40 UTC on 1 December it is already 2 December."""
    return now_wib().date()


def to_wib(ts: datetime) -> datetime:
    """A stored timestamp in Jakarta time; a naive one is read as UTC (how the store keeps it)."""
    return (ts if ts.tzinfo is not None else ts.replace(tzinfo=UTC)).astimezone(JAKARTA)
