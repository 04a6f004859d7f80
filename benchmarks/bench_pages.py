"""Page benchmark: how long every page takes in a real browser (headless Debian chromium driven
by Playwright) against ``streamlit run app.py`` on the demo data (a new temporary SQLite database).

**Every page in the navigation** (issue 27), each figure also printed as a ratio to its floor
measured in the same run, so the targets hold on a noisy machine:

- **first visit** (target ≤ 3× the empty-page switch): a new session opens the home page (another
  page for Ringkasan itself), then the page is chosen in the header menu (the section's menu is
  opened off the clock); the clock runs from the click on the page's link until the page is
  *settled*: the script has run and the app is idle, no element is stale or a skeleton (its
  code still loading: plotly's on a browser's first chart), every plotly chart has drawn its
  SVG and every component frame (Peta's map) has drawn its Leaflet map — and stays so for 300 ms with no new run (a second run started in that time is waited for, and the clock
  stops when it has settled).
- **return visit** (target ≤ 2×): in the same session, another page (Ringkasan, or Panduan for
  Ringkasan), then the page again; the clock times the second switch.
- **filter change** (target ≤ 2× the empty page's filter change): on the page, the sidebar's
  kecamatan select is set to a kecamatan not chosen before on that page in this server; clock
  from the click on the option until the page has settled.
- **the floors**: the same three clocks on a two-section app of empty pages (a title and the
  same three sidebar selects) in the same run: what Streamlit itself costs for a page switch and
  a filter rerun on this machine. Ratios are to the median floor.

``--pages indikator,peta`` measures only those pages (URL paths: ``beranda``, ``indikator``, …).
A smoke run measures one page.

Ringkasan as before:

Every time is wall clock in this process around Playwright calls, medians of 5 (1 with
``--quick``/``--smoke``). The browser is started once, outside every clock; each load uses a new
browser context (a new Streamlit session, no browser cache) with a 1366 × 768 window. "Idle" is
the ready condition of the browser tests: ``[data-testid='stApp']`` with
``data-test-script-state='notRunning'``; it is waited for only *after* the element the run
produces is visible, so a state left over from before the run cannot stop the clock early. The
browser tests also wait for network idle (500 ms without requests); that wait comes after the
clock stops here, since it would add half a second to every figure.

- **server boot**: from spawning ``streamlit run app.py`` to ``/_stcore/health`` answering 200.
- **cold first load** (target ≤ 3 s): a new server process each time; from ``page.goto(/)``
  (navigation start) until the Ringkasan prevalence card is visible and the app is idle: page
  HTML and scripts, websocket, the first script run of the process (its tables, chart and the
  page's other cached reads) and its rendering. Before answering ``/_stcore/health`` the
  server has imported the app, opened the store and computed the Ringkasan figures of the
  default view (``manage.py serve``): that is in "server boot".
- **warm first render** (target ≤ 1.5 s): the same clock in a new session against the server of
  the last cold load, whose caches that load filled.
- **warm first render, returning browser**: the same, in new tabs of one browser profile whose
  HTTP cache holds Streamlit's scripts from a first visit (not timed): a planner opening the
  dashboard again. Reported beside the target, which is judged on the empty-cache figure.
- **empty page, the floor**: the same clock on a server running a one-line script
  (``st.write``), also warm: what Streamlit itself costs on this machine for any page.
- **rerun after a filter change** (target ≤ 0.5 s): on a rendered Ringkasan, the sidebar's
  kecamatan select is opened (not timed); the clock starts at the click on a kecamatan and stops
  when the subtitle names that kecamatan and the app is idle. Each rerun picks a kecamatan not
  chosen before on that server, so nothing the rerun computes for the new area was cached.
- **rerun of an empty page, the floor**: the same clock on a script holding only the three
  sidebar selects and a caption naming the kecamatan: what any rerun costs here (the select
  closing, the round trip, Streamlit's redraw).

Also reported: the CPU time the server process used during each warm render and each rerun
(``/proc/PID/stat``, 10 ms ticks), which other work on a shared machine hardly changes, unlike
the wall times. Requests to anything but the local server are aborted and counted (target 0).
- **852 desa** (issue 26): the warm first render again on Kabupaten Aceh Utara (11.08, 852
  desa), a ``--demo`` region pack the benchmark writes into its temporary folder
  (``services.region_pack``) with its own demo database; target: within 1.3× North Jakarta's
  warm first render (the ratio of the medians is printed).

Run: ``.venv/bin/python benchmarks/bench_pages.py [--json] [--quick | --smoke]``.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from statistics import median

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright import sync_api as playwright_api  # noqa: E402

from analysis import schema as s  # noqa: E402
from benchmarks.common import Bench  # noqa: E402
from services.bootstrap import initialise  # noqa: E402
from services.reference import use_reference_words  # noqa: E402
from services.region_pack import write_region_pack  # noqa: E402
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS, free_port, start_server  # noqa: E402
from text.strings import t  # noqa: E402
from ui.navigation import NAV_SECTIONS, PAGES  # noqa: E402

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
CARD = ".st-key-card_prevalensi"
EMPTY_TEXT = "Halaman kosong untuk pembanding"
NOT_LOCAL = re.compile(r"^(?!(https?|wss?)://(127\.0\.0\.1|localhost)[:/]|data:|blob:|about:)")
TIMEOUT = 60_000
# The rerun floor: the sidebar's three selects (kecamatan third, as in the app) and a caption.
FILTERS_ONLY = """import streamlit as st

st.sidebar.selectbox("Tahun", [2025, 2024])
st.sidebar.selectbox("Periode", ["Triwulan IV 2025"])
kecamatan = st.sidebar.selectbox("Kecamatan", {kecamatan!r})
st.caption(f"Kecamatan {{kecamatan}} · Triwulan IV 2025")
"""


# In the page: the messages the app's websocket receives are counted (a run sends at least its
# start and its end; a run too short for the script state to be drawn as "running" still sends
# them) and timed, and so is the last mouse press (the click that starts a clock).
COUNT_RUNS = """
window.__runs = 0;
window.__lastMessage = 0;
const PlainWebSocket = window.WebSocket;
window.WebSocket = class extends PlainWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener('message', () => {
      window.__runs += 1;
      window.__lastMessage = performance.now();
      window.__settledAt = null;
    });
  }
};
document.addEventListener('mousedown', () => { window.__clickAt = performance.now(); }, true);
"""
STAY = 300  # ms a settled page must stay so, with no new message, before its clock is read
# Polled on every frame: true once the page has settled after message number ``since`` and
# stayed so for STAY ms with no message. Settled: the script ran and the app is idle, nothing is
# stale, every plotly chart has its SVG and every frame has loaded (a map frame has drawn its
# Leaflet map). ``__settledAt`` keeps the first frame it was so after the last message.
SETTLED = """(since) => {
  const settled = (() => {
    const app = document.querySelector("[data-testid='stApp']");
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if ((window.__runs || 0) <= since) return false;
    if (document.querySelector("[data-stale='true']")) return false;
    // An element whose code is still loading (plotly's, on a browser's first chart) is a
    // skeleton until it has loaded.
    if (document.querySelector("[data-testid='stSkeleton']")) return false;
    for (const chart of document.querySelectorAll("[data-testid='stPlotlyChart']"))
      if (!chart.querySelector('.main-svg')) return false;
    for (const frame of document.querySelectorAll('iframe')) {
      const doc = frame.contentDocument;
      if (!doc || doc.readyState !== 'complete') return false;
      if (frame.title.includes('folium') && !doc.querySelector('.leaflet-container path'))
        return false;
    }
    return true;
  })();
  if (!settled) { window.__settledAt = null; return false; }
  window.__settledAt ??= performance.now();
  return performance.now() - Math.max(window.__settledAt, window.__lastMessage) >= STAY;
}""".replace("STAY", str(STAY))
STATE = """() => ({
  runs: window.__runs,
  state: document.querySelector("[data-testid='stApp']")?.getAttribute('data-test-script-state'),
  stale: document.querySelectorAll("[data-stale='true']").length,
  charts: [...document.querySelectorAll("[data-testid='stPlotlyChart']")]
    .map((chart) => !!chart.querySelector('.main-svg')),
  frames: [...document.querySelectorAll('iframe')]
    .map((frame) => [frame.title, frame.contentDocument?.readyState]),
})"""


@dataclass(frozen=True)
class Link:
    """A page in the header menu: its section's title ("" for a top-level link) and its own."""

    section: str
    title: str
    path: str


def app_links() -> list[Link]:
    """Every page of the navigation, in the menu's order, with the titles the menu shows."""
    titles = {path: t(key) for _, key, _, path in PAGES}
    return [
        Link(t(section) if section else "", titles[path], path)
        for section, paths in NAV_SECTIONS.items()
        for path in paths
    ]


def settle(page: playwright_api.Page, runs: int) -> float:
    """Seconds from the last mouse press until the page settled after message ``runs``
    (measured in the page)."""
    try:
        page.wait_for_function(SETTLED, arg=runs, polling="raf", timeout=TIMEOUT)
    except playwright_api.TimeoutError as err:
        raise RuntimeError(f"{page.url} did not settle: {page.evaluate(STATE)}") from err
    return page.evaluate("(window.__settledAt - window.__clickAt) / 1000")


def switch(page: playwright_api.Page, link: Link) -> float:
    """Seconds a switch to ``link`` takes from the click until the page has settled."""
    if not page.locator("[data-testid='stTopNav']").is_visible():
        # Presentasi's "Mode tayang" hides the header: it is turned off first, off the clock.
        runs = page.evaluate("window.__runs || 0")
        page.get_by_text(t("pres.tayang"), exact=True).click()
        settle(page, runs)
    if link.section:
        page.locator("[data-testid='stTopNavSection']", has_text=link.section).click()
        target = page.locator(
            "[data-testid='stTopNavDropdownLink']", has=page.get_by_text(link.title, exact=True)
        )
    else:
        target = page.locator(
            "[data-testid='stTopNavLink']", has=page.get_by_text(link.title, exact=True)
        )
    target.wait_for(timeout=TIMEOUT)
    runs = page.evaluate("window.__runs || 0")
    target.click()
    return settle(page, runs)


def pick_kecamatan(page: playwright_api.Page, name: str) -> int:
    """Open the sidebar's kecamatan select (off the clock) and click ``name``; the number of
    messages before the click. Headless chromium sometimes leaves the list shut, or a late
    redraw closes it before the click: then it is opened again."""
    select = page.locator("[data-testid='stSidebar'] [data-testid='stSelectbox']").nth(2)
    option = page.get_by_role("option", name=name, exact=True)
    for attempt in range(3):
        select.click()
        try:
            option.wait_for(timeout=5_000)
            runs = page.evaluate("window.__runs || 0")
            option.click(timeout=5_000)
            return runs
        except playwright_api.TimeoutError:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
    raise AssertionError("unreachable")


def change_filter(page: playwright_api.Page, kecamatan: str) -> float:
    """Seconds from the click on ``kecamatan`` in the sidebar's kecamatan select until the
    page has settled."""
    return settle(page, pick_kecamatan(page, kecamatan))


@dataclass
class Visits:
    """The three clocks of one page, one entry per repeat."""

    first: list[float]
    back: list[float]
    filter: list[float]


def visit_times(
    browser: Browser, url: str, link: Link, other: Link, kecamatan: list[str], repeats: int
) -> Visits:
    """``repeats`` new sessions, each opened on ``other``'s page: the first visit to ``link``,
    a return visit after ``other`` and a kecamatan change on it (``kecamatan[i]`` in session i)."""
    visits = Visits([], [], [])
    for i in range(repeats):
        with browser.page() as page:
            page.goto(f"{url}/{'' if other.path == 'beranda' else other.path}")
            settle(page, -1)
            visits.first.append(switch(page, link))
            switch(page, other)
            visits.back.append(switch(page, link))
            visits.filter.append(change_filter(page, kecamatan[i % len(kecamatan)]))
    return visits


# The floor of a page switch: two sections of empty pages with the app's three sidebar selects.
EMPTY_PAGES = """import streamlit as st

st.sidebar.selectbox("Tahun", [2025, 2024])
st.sidebar.selectbox("Periode", ["Triwulan IV 2025"])
kecamatan = st.sidebar.selectbox("Kecamatan", {kecamatan!r})


def page(title):
    return lambda: st.title(title)


pages = {{
    "": [st.Page(page("Beranda kosong"), title="Beranda kosong", url_path="beranda", default=True)],
    "Bagian satu": [st.Page(page(f"Kosong {{i}}"), title=f"Kosong {{i}}", url_path=f"kosong{{i}}")
                    for i in (1, 2)],
    "Bagian dua": [st.Page(page("Kosong 3"), title="Kosong 3", url_path="kosong3")],
}}
st.navigation(pages, position="top").run()
st.caption(f"Kecamatan {{kecamatan}}")
"""
EMPTY_HOME = Link("", "Beranda kosong", "beranda")
EMPTY_PAGE = Link("Bagian satu", "Kosong 1", "kosong1")


@dataclass
class Server:
    url: str
    boot: float
    pid: int

    def cpu(self) -> float:
        """CPU seconds the server process has used so far (user + system, all threads)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def server(
    db_url: str, folder: Path, script: str = "app.py", env: dict[str, str] | None = None
) -> Iterator[Server]:
    """A ``streamlit run`` on a free port, with how long it took to boot."""
    port = free_port()
    start = time.perf_counter()
    proc = start_server(db_url, port, folder / f"streamlit-{port}.log", env, script=script)
    boot = time.perf_counter() - start
    try:
        yield Server(f"http://127.0.0.1:{port}", boot, proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


class Browser:
    """Headless chromium; every page in a new context, requests off this machine aborted."""

    def __init__(self, browser: playwright_api.Browser) -> None:
        self.browser = browser
        self.external: list[str] = []

    @contextmanager
    def context(self) -> Iterator[playwright_api.BrowserContext]:
        """A browser profile: its pages share the HTTP cache (a returning visitor's browser)."""
        context = self.browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
        context.route(NOT_LOCAL, self._block)
        context.add_init_script(COUNT_RUNS)
        try:
            yield context
        finally:
            context.close()

    @contextmanager
    def page(self) -> Iterator[playwright_api.Page]:
        """A page in a new profile: empty browser cache (a first visit)."""
        with self.context() as context:
            yield context.new_page()

    def _block(self, route: playwright_api.Route) -> None:
        self.external.append(route.request.url)
        route.abort()


def load(page: playwright_api.Page, url: str, ready: Callable[[], None]) -> float:
    """Seconds from navigation start until ``ready()`` has seen the content and the app is idle;
    network idle is waited for afterwards, off the clock."""
    start = time.perf_counter()
    page.goto(url)
    ready()
    page.wait_for_selector(IDLE, timeout=TIMEOUT)
    seconds = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    return seconds


def ringkasan_ready(page: playwright_api.Page) -> Callable[[], None]:
    return lambda: page.locator(CARD).first.wait_for(timeout=TIMEOUT)


def choose_kecamatan(page: playwright_api.Page, name: str) -> float:
    """Seconds from the click on ``name`` in the sidebar's kecamatan select until the page
    shows that kecamatan and is idle."""
    pick_kecamatan(page, name)
    page.get_by_text(f"Kecamatan {name} ·").first.wait_for(timeout=TIMEOUT)
    page.wait_for_selector(IDLE, timeout=TIMEOUT)
    seconds = page.evaluate("(performance.now() - window.__clickAt) / 1000")
    page.wait_for_load_state("networkidle")
    return seconds


BIG_REGION = "11.08"  # Kabupaten Aceh Utara, 852 desa: the largest kabupaten in desa
SMOKE_REGION = "53.71"  # Kota Kupang, 51 kelurahan: a smoke run checks the path, not the size


def big_region_warm(
    browser: Browser, folder: Path, repeats: int, region: str = BIG_REGION
) -> list[float]:
    """Warm first renders of Ringkasan on the 852-desa demo pack: the pack and its demo
    database are made first (not timed), one load warms the server, then ``repeats`` loads in
    new sessions are timed."""
    pack = folder / region
    write_region_pack(region, pack, demo=True)
    env = {"DASBOR_REFERENCE_DIR": str(pack)}
    db_url = f"sqlite:///{folder / 'besar.sqlite'}"
    before = os.environ.get("DASBOR_REFERENCE_DIR")
    os.environ["DASBOR_REFERENCE_DIR"] = str(pack)
    try:
        store, _, _ = initialise(db_url, with_demo=True)
        store.dispose()
    finally:
        if before is None:
            os.environ.pop("DASBOR_REFERENCE_DIR")
        else:
            os.environ["DASBOR_REFERENCE_DIR"] = before
    runs = []
    with server(db_url, folder, env=env) as srv:
        for i in range(repeats + 1):
            with browser.page() as page:
                seconds = load(page, srv.url, ringkasan_ready(page))
            if i > 0:  # the first load fills the server's caches, as the cold load above
                runs.append(seconds)
    return runs


def show(label: str, runs: list[float]) -> None:
    print(f"  {label}: {', '.join(f'{r:.2f}' for r in runs)} s", file=sys.stderr)


def page_arguments(parser) -> None:
    parser.add_argument(
        "--pages", help="only these pages, by URL path (comma-separated: beranda,indikator,…)"
    )


def chosen_links(bench: Bench) -> list[Link]:
    links = app_links()
    if bench.options.pages:
        wanted = bench.options.pages.split(",")
        unknown = set(wanted) - {link.path for link in links}
        if unknown:
            raise SystemExit(f"unknown pages: {', '.join(sorted(unknown))}")
        return [link for link in links if link.path in wanted]
    return links[1:2] if bench.smoke else links


def page_visits(
    browser: Browser,
    folder: Path,
    db_url: str,
    links: list[Link],
    kecamatan: list[str],
    repeats: int,
) -> tuple[dict[str, Visits], Visits]:
    """Every chosen page's clocks on one server, then the floors' on the empty pages."""
    home, guide = app_links()[0], next(x for x in app_links() if x.path == "panduan")
    times = {}
    with server(db_url, folder) as srv:
        with browser.page() as page:  # one visit to every page first: the server is warm
            page.goto(f"{srv.url}/{guide.path}")
            settle(page, -1)
            for link in links:
                if link != guide:
                    switch(page, link)
        for link in links:
            other = guide if link == home else home
            times[link.path] = visit_times(browser, srv.url, link, other, kecamatan, repeats)
            show(f"{link.title}: first, return, filter", [
                median(times[link.path].first), median(times[link.path].back),
                median(times[link.path].filter),
            ])  # fmt: skip
    empty = folder / "kosong_halaman.py"
    empty.write_text(EMPTY_PAGES.format(kecamatan=["Semua", *kecamatan]))
    with server(db_url, folder, str(empty)) as srv:
        floor = visit_times(browser, srv.url, EMPTY_PAGE, EMPTY_HOME, kecamatan, max(repeats, 3))
    return times, floor


def record_pages(bench: Bench, links: list[Link], times: dict[str, Visits], floor: Visits) -> None:
    """Each page's three figures in seconds and as ratios to their floors (the targets)."""
    switch_floor = median(floor.first + floor.back)
    filter_floor = median(floor.filter)
    bench.record("empty page, switch in the header menu (the floor)", switch_floor, "s")
    bench.record("empty page, filter change (the floor)", filter_floor, "s")
    for link in links:
        visits = times[link.path]
        for what, runs, base, most in (
            ("first visit", visits.first, switch_floor, 3),
            ("return visit", visits.back, switch_floor, 2),
            ("filter change", visits.filter, filter_floor, 2),
        ):
            bench.record(f"{link.title}: {what}", median(runs), "s")
            bench.record(f"{link.title}: {what} ÷ floor", median(runs) / base, "×", at_most=most)


def main() -> None:
    bench = Bench(__doc__, arguments=page_arguments)
    if CHROMIUM is None:
        raise SystemExit("chromium not found (Debian package chromium, see the README)")
    repeats = bench.repeats(5)
    with tempfile.TemporaryDirectory() as tmp, playwright_api.sync_playwright() as p:
        folder = Path(tmp)
        db_url = f"sqlite:///{folder / 'demo.sqlite'}"
        store, ref, _ = initialise(db_url, with_demo=True)
        store.dispose()
        use_reference_words(ref)
        kecamatan = sorted(ref.kelurahan[s.KECAMATAN].unique())
        links = chosen_links(bench)
        empty = folder / "kosong.py"
        empty.write_text(f"import streamlit as st\n\nst.write({EMPTY_TEXT!r})\n")
        selects = folder / "pilihan.py"
        selects.write_text(FILTERS_ONLY.format(kecamatan=["Semua", *kecamatan]))
        browser = Browser(p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS))
        times, empty_pages = page_visits(browser, folder, db_url, links, kecamatan, repeats)
        if bench.options.pages:  # only the chosen pages' clocks
            browser.browser.close()
            record_pages(bench, links, times, empty_pages)
            bench.record("requests outside localhost", len(browser.external), "", at_most=0)
            bench.finish()
            return

        boots, cold, warm, returning, reruns, floor, rerun_floor = [], [], [], [], [], [], []
        warm_cpu, rerun_cpu, floor_cpu = [], [], []
        for i in range(repeats):
            with server(db_url, folder) as srv:
                boots.append(srv.boot)
                with browser.page() as page:
                    cold.append(load(page, srv.url, ringkasan_ready(page)))
                if i < repeats - 1:
                    continue
                # The last server is warm now: new sessions, then reruns in one of them.
                for _ in range(repeats):
                    with browser.page() as page:
                        before = srv.cpu()
                        warm.append(load(page, srv.url, ringkasan_ready(page)))
                        warm_cpu.append(srv.cpu() - before)
                with browser.context() as context:  # a returning visitor: cached scripts
                    for j in range(repeats + 1):
                        page = context.new_page()
                        before = srv.cpu()
                        seconds = load(page, srv.url, ringkasan_ready(page))
                        page.close()
                        if j > 0:  # the first visit fills the browser cache
                            returning.append(seconds)
                with browser.page() as page:
                    load(page, srv.url, ringkasan_ready(page))
                    for name in kecamatan[:repeats]:
                        before = srv.cpu()
                        reruns.append(choose_kecamatan(page, name))
                        rerun_cpu.append(srv.cpu() - before)
        with server(db_url, folder, str(empty)) as srv:
            for i in range(repeats + 1):
                with browser.page() as page:
                    text = page.get_by_text(EMPTY_TEXT)
                    before = srv.cpu()
                    seconds = load(page, srv.url, lambda t=text: t.wait_for(timeout=TIMEOUT))
                    used = srv.cpu() - before
                if i > 0:  # the first load warms the server, as for Ringkasan
                    floor.append(seconds)
                    floor_cpu.append(used)
        with server(db_url, folder, str(selects)) as srv, browser.page() as page:
            load(page, srv.url, lambda: page.get_by_text("Kecamatan Semua ·").wait_for())
            rerun_floor = [choose_kecamatan(page, name) for name in kecamatan[:repeats]]
        big = big_region_warm(browser, folder, repeats, SMOKE_REGION if bench.smoke else BIG_REGION)
        browser.browser.close()

    for label, runs in (
        ("server boot", boots),
        ("cold first load", cold),
        ("warm first render", warm),
        ("warm first render, returning browser", returning),
        ("empty page", floor),
        ("rerun", reruns),
        ("rerun, empty page", rerun_floor),
        ("warm first render, 852 desa", big),
        ("server CPU, warm first render", warm_cpu),
        ("server CPU, rerun", rerun_cpu),
        ("server CPU, empty page", floor_cpu),
    ):
        show(label, runs)
    record_pages(bench, links, times, empty_pages)
    bench.record("server boot (spawn → /_stcore/health)", median(boots), "s")
    bench.record("Ringkasan, cold first load (new server)", median(cold), "s", at_most=3)
    bench.record("Ringkasan, warm first render (new session)", median(warm), "s", at_most=1.5)
    bench.record(
        "Ringkasan, warm first render, returning browser (scripts cached)", median(returning), "s"
    )
    bench.record("empty Streamlit page, new session (the floor)", median(floor), "s")
    bench.record(
        "Ringkasan warm first render ÷ empty page", median(warm) / median(floor), "×", at_most=1.3
    )
    bench.record("Ringkasan, rerun after a kecamatan change", median(reruns), "s", at_most=0.5)
    bench.record("empty page with the filters, rerun (the floor)", median(rerun_floor), "s")
    bench.record("server CPU time, warm first render", median(warm_cpu), "s")
    bench.record("server CPU time, rerun after a kecamatan change", median(rerun_cpu), "s")
    bench.record("server CPU time, empty page (the floor)", median(floor_cpu), "s")
    bench.record("Ringkasan, warm first render, 852 desa (11.08)", median(big), "s")
    bench.record(
        "852 desa ÷ North Jakarta, warm first render", median(big) / median(warm), "×", at_most=1.3
    )
    bench.record("requests outside localhost", len(browser.external), "", at_most=0)
    bench.finish()


if __name__ == "__main__":
    main()
