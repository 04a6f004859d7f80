"""The Streamlit layer under the pages: cached loaders (``ui.data``), the sidebar filters, shared
widgets, and the parts of pages too long to stay in them (uploads, maps, editors). Texts and
formats are in ``text/``, computations in ``analysis/``, use-cases in ``services/``."""
