"""One file check at a time per session (``ui.checking``): a second run waits for the running
check, and is refused only after the wait."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _waits_then_checks():
    import threading

    import streamlit as st

    from ui import checking

    lock = checking.session_lock()
    lock.acquire()
    threading.Timer(0.6, lock.release).start()  # the running check ends after 0.6 s
    st.write(f"hasil {checking.run_check('a.csv', lambda: 42)}")


def _refused_after_the_wait():
    import streamlit as st

    from ui import checking

    checking.session_lock().acquire()  # a check that does not end
    st.write(f"hasil {checking.run_check('b.csv', lambda: 42)}")


def test_a_check_waits_for_the_running_one_then_runs():
    """A run finding another check running waits for it, then checks its file."""
    at = AppTest.from_function(_waits_then_checks, default_timeout=30).run()
    assert not at.exception
    assert [m.value for m in at.markdown] == ["hasil 42"]
    assert not at.warning


def test_a_check_still_running_after_the_wait_is_refused(monkeypatch):
    """After the wait the check is refused with a note naming the file; nothing is checked."""
    from ui import checking

    monkeypatch.setattr(checking, "WAIT_SECONDS", 0.5)
    at = AppTest.from_function(_refused_after_the_wait, default_timeout=30).run()
    assert [m.value for m in at.markdown] == ["hasil None"]
    [warning] = at.warning
    assert warning.value.startswith("Berkas b\\.csv belum diperiksa")  # through md_text
