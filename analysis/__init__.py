"""Pure analysis of stunting-convergence data: pandas/numpy only, no streamlit, no I/O."""
