"""The Streamlit layer under the pages: cached loaders, the sidebar filters, shared widgets, and
the parts of pages too long to stay in them (uploads, maps, editors). Texts and formats are in
``text/``, computations in ``analysis/``, use-cases in ``services/``.

One rule for the view objects: the loader that builds a page's view object (from the cached
frames of ``ui.data`` and ``ui.metrics``) lives in ``ui.views``, one function per view, cached
there when it is cached at all; the view object itself is an ``analysis`` dataclass and the
page only renders it, with the display tables of ``text``. ``ui.data`` holds one cached loader
per stored frame, ``ui.metrics`` the cached analysis results several pages share.
"""
