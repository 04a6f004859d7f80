"""Pure figure builders: DataFrame in, plotly Figure out (no streamlit)."""
