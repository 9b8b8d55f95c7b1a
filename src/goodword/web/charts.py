"""Small SVG charts drawn on the server: readable without JavaScript, styled by the page's CSS.

Only presentation attributes are used (no ``style=``), so the Content-Security-Policy stays
strict. Every bar and point carries a ``<title>``, which browsers show on hover and screen
readers read.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

WIDTH, HEIGHT, PAD_L, PAD_B, PAD_T = 640, 240, 40, 38, 14
GREEN, AMBER, GREY = "#2f6f4f", "#c98a3c", "#dfe5e1"


def _svg(body: list[str], label: str, height: int = HEIGHT) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(label)}" '
        f'xmlns="http://www.w3.org/2000/svg">{"".join(body)}</svg>'
    )


def _axis(top: float, height: int = HEIGHT) -> list[str]:
    base = height - PAD_B
    out = [f'<line x1="{PAD_L}" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="{GREY}"/>']
    for fraction in (0.5, 1.0):
        y = base - fraction * (base - PAD_T)
        value = top * fraction
        shown = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
        out.append(
            f'<line x1="{PAD_L}" y1="{y:.1f}" x2="{WIDTH}" y2="{y:.1f}" stroke="{GREY}" stroke-dasharray="3 3"/>'
        )
        out.append(f'<text x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end">{shown}</text>')
    return out


def _month_labels(months: Sequence[str], slot: float) -> list[str]:
    out = []
    for i, month in enumerate(months):
        x = PAD_L + slot * (i + 0.5)
        out.append(
            f'<text x="{x:.1f}" y="{HEIGHT - PAD_B + 16}" text-anchor="middle">{escape(month[2:])}</text>'
        )
    return out


def grouped_bars(
    months: Sequence[str], series: Sequence[tuple[str, str, Sequence[int]]], label: str
) -> Markup:
    """Bars per month, one per series: ``(name, colour, values)``."""
    top = max([1, *(v for _, _, values in series for v in values)])
    slot = (WIDTH - PAD_L) / max(1, len(months))
    bar = slot * 0.8 / max(1, len(series))
    base = HEIGHT - PAD_B
    body = _axis(top)
    for s, (name, colour, values) in enumerate(series):
        for i, value in enumerate(values):
            h = (base - PAD_T) * value / top
            x = PAD_L + slot * i + slot * 0.1 + bar * s
            body.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar - 1:.1f}" height="{h:.1f}" fill="{colour}">'
                f"<title>{escape(name)} in {escape(months[i])}: {value}</title></rect>"
            )
    return _svg(body + _month_labels(months, slot), label)


def line(
    months: Sequence[str],
    values: Sequence[float | None],
    unit: str,
    label: str,
    top: float | None = None,
) -> Markup:
    """A line over months; a month without data leaves a gap rather than a false zero."""
    known = [v for v in values if v is not None]
    ceiling = top or max([1.0, *known])
    slot = (WIDTH - PAD_L) / max(1, len(months))
    base = HEIGHT - PAD_B
    body = _axis(ceiling)
    points: list[list[str]] = [[]]
    for i, value in enumerate(values):
        if value is None:
            points.append([])
            continue
        x = PAD_L + slot * (i + 0.5)
        y = base - (base - PAD_T) * value / ceiling
        points[-1].append(f"{x:.1f},{y:.1f}")
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{GREEN}">'
            f"<title>{escape(months[i])}: {value:g}{escape(unit)}</title></circle>"
        )
    for run in points:
        if len(run) > 1:
            body.insert(
                0,
                f'<polyline points="{" ".join(run)}" fill="none" stroke="{GREEN}" stroke-width="2"/>',
            )
    if not known:
        body.append(
            f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">no data yet</text>'
        )
    return _svg(body + _month_labels(months, slot), label)


def horizontal_bars(rows: Sequence[tuple[str, int]], label: str, colour: str = GREEN) -> Markup:
    """One bar per row, longest first as given (a funnel, a distribution)."""
    row_h, label_w = 34, 230
    height = PAD_T + row_h * max(1, len(rows)) + 8
    top = max([1, *(v for _, v in rows)])
    body = []
    for i, (name, value) in enumerate(rows):
        y = PAD_T + i * row_h
        w = (WIDTH - label_w - 50) * value / top
        body.append(f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end">{escape(name)}</text>')
        body.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{max(w, 1):.1f}" height="{row_h - 10}" fill="{colour}" rx="3">'
            f"<title>{escape(name)}: {value}</title></rect>"
        )
        body.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 19}">{value}</text>')
    return _svg(body, label, height)
