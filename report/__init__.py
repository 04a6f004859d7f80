"""The rembuk stunting presentation: slides built from the data, their narrative, and the
PowerPoint, PDF and Excel files made from them (no streamlit here: the page and
``manage.py report`` share it)."""
