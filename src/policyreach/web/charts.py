"""Plotly figures as HTML the content-security policy allows: the figure's JSON in a data attribute, drawn by the
static /static/charts.js (Plotly's own ``to_html`` writes an inline script, which the policy forbids)."""

from __future__ import annotations

import plotly.graph_objects as go
from markupsafe import Markup


def figure_html(figure: go.Figure) -> str:
    """A ``div`` that /static/charts.js turns into the chart (responsive, as ``to_html`` drew it)."""
    return str(Markup('<div class="plotly-figure" data-figure="{}"></div>').format(figure.to_json()))
