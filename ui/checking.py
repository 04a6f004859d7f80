"""One file check at a time in a browser session. Streamlit can start a new run of a session's
script while the previous run is still inside a long parse (a stopped run only ends at its next
Streamlit call), so without this guard a visitor could keep several checks of large files
running at once. Every upload's dry run goes through ``run_check``."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from ingest.limits import shown
from ui.fmt import md_text
from ui.strings import t

LOCK_KEY = "periksa.kunci"
_CREATING = threading.Lock()  # two runs of one session must not each create their own lock
T = TypeVar("T")


def session_lock() -> threading.Lock:
    """The lock of this browser session, created on first use."""
    with _CREATING:
        lock = st.session_state.get(LOCK_KEY)
        if lock is None:
            lock = threading.Lock()
            st.session_state[LOCK_KEY] = lock
    return lock


def run_check(filename: str, check: Callable[[], T]) -> T | None:
    """``check()`` when no other check of this session is running; otherwise a warning naming
    ``filename`` and None (the check is refused, not queued)."""
    lock = session_lock()
    if not lock.acquire(blocking=False):
        st.warning(t("periksa.busy", file=md_text(shown(filename))))
        return None
    try:
        return check()
    finally:
        lock.release()
