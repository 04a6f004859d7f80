"""Use-cases that combine the layers below (no streamlit): an import's dry run and commit
(``uploads``, ``measure_uploads``), start-up and demo seeding (``bootstrap``), loading the
reference folder (``reference``), and the data a presentation or the map needs (``sources``).
Called by ``ui/`` (for the pages), ``manage.py`` and tests; they are where ``ingest/``, ``demo/`` and
``store/`` meet, so that the storage imports neither."""
