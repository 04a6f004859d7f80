"""One file check at a time in a browser session. Streamlit can start a new run of a session's
script while the previous run is still inside a long parse (a stopped run only ends at its next
Streamlit call), so without this guard a visitor could keep several checks of large files
running at once. Every upload's dry run goes through ``run_check``.

A run that finds a check running waits for it (typing a period while the file is being checked
is normal), saying so; the wait itself calls Streamlit, so a newer run ends a waiting one and
waits are never queued up. Only after ``WAIT_SECONDS`` is the check refused."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from ingest.limits import shown
from text.fmt import md_text
from text.strings import t

LOCK_KEY = "periksa.kunci"
WAIT_SECONDS = 120.0
POLL_SECONDS = 0.25
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
    """``check()`` once no other check of this session is running (waiting for it, with a
    note, at most ``WAIT_SECONDS``); after that a warning naming ``filename`` and None."""
    lock = session_lock()
    note = None
    deadline = time.monotonic() + WAIT_SECONDS
    while not lock.acquire(timeout=POLL_SECONDS):
        note = note or st.empty()
        if time.monotonic() > deadline:
            note.warning(t("periksa.busy", file=md_text(shown(filename))))
            return None
        note.info(t("periksa.waiting", file=md_text(shown(filename))))  # a newer run stops here
    if note is not None:
        note.empty()
    try:
        return check()
    finally:
        lock.release()
