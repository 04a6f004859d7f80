"""Reading and checking what users bring: indicator files (read, recognise the layout, match,
validate, plan — ``ingest.pipeline``), child measurement records (``ingest.measurements``), the
aksi and activity spreadsheets, boundary files, evidence files, and the reference folder's files
(``ingest.reference``).

Pure functions on bytes and frames: bytes in, plans and problems out (no streamlit, no database,
no file reading — ``store`` reads disk, and neither package imports the other). Committing a plan
is a use-case of ``services`` (``services.uploads.commit``, ``services.measure_uploads.commit``).
"""
