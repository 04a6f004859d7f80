"""Import of indicator files: read, recognise the layout, match, validate, plan, commit.

Pure functions on bytes and frames (no streamlit, no database); ``store`` commits a plan.
"""
