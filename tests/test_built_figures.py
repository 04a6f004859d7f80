"""A cached figure dict drawn through ``ui.figures.Built`` is sent exactly as the figure it was
built from (same JSON, same element id), without plotly building and checking it again."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _chart(built: bool) -> str:
    def script(built: bool) -> None:
        import plotly.graph_objects as go  # noqa: PLC0415
        import streamlit as st  # noqa: PLC0415

        from ui.figures import Built  # noqa: PLC0415

        fig = go.Figure(go.Bar(x=["a", "b"], y=[1.5, 2], text=["1,5", "2"]))
        fig.update_layout(xaxis={"title": None, "type": "category"}, height=300)
        fig.add_hline(y=1.8, line_dash="dash")
        st.plotly_chart(Built(fig.to_dict()) if built else fig, key="chart")

    at = AppTest.from_function(script, args=(built,)).run()
    assert not at.exception
    chart = at.get("plotly_chart")[0].proto
    return f"{chart.id} {chart.spec}"


def test_built_figure_is_sent_as_the_figure():
    assert _chart(built=True) == _chart(built=False)


def test_built_figure_skips_the_second_build(monkeypatch):
    import plotly.graph_objects as go  # noqa: PLC0415

    from ui.figures import Built  # noqa: PLC0415

    spec = go.Figure(go.Bar(x=["a"], y=[1])).to_dict()
    built = []
    monkeypatch.setattr(go.Figure, "__init__", lambda *a, **k: built.append(1))
    assert Built(spec).to_dict() is spec and not built
