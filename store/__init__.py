"""Storage layer: the only code that reads files from disk or talks to the database.

The database through ``store.database.Store`` (one mixin module per part, ``<part>_store.py``);
from disk the reference folder's bytes (``store.reference_files``), the WHO growth tables
(``store.growth``), the Leaflet browser files copied to ``static/`` (``store.assets``) and the start-up lock
(``store.locks``). It imports neither ``ingest`` nor ``demo``: a ``services`` use-case passes
data between them.
"""
