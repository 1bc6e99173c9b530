"""Small dependency-free SVG charts for the evaluation and benchmark reports.

Plain SVG text, so reports render on GitHub and in any browser, and nothing like
matplotlib has to be installed on an air-gapped machine.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

_COLOURS = ("#4a7ebb", "#d9822b", "#3a9c5b", "#b84a4a")


def bar_chart(title: str, rows: Sequence[tuple[str, float, str]], *, maximum: float | None = None,
              marker: float | None = None, marker_label: str = "", width: int = 560) -> str:
    """Horizontal bars: ``rows`` of (label, value, text shown after the bar); optional target line."""
    top = maximum or max([v for _, v, _ in rows] + [marker or 0]) or 1.0
    row, left = 26, 210
    span = width - left - 110
    height = row * len(rows) + 40
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
             f'font-size="12">', f'<text x="{left}" y="14" fill="#555">{html.escape(title)}</text>']
    for i, (label, value, text) in enumerate(rows):
        y = 22 + i * row
        w = span * max(0.0, value) / top
        parts.append(f'<text x="{left - 8}" y="{y + 14}" text-anchor="end">{html.escape(label)}</text>')
        parts.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{row - 8}" fill="{_COLOURS[0]}"/>')
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 14}">{html.escape(text)}</text>')
    if marker is not None:
        x = left + span * marker / top
        parts.append(f'<line x1="{x:.1f}" y1="18" x2="{x:.1f}" y2="{height - 14}" stroke="#b84a4a" '
                     f'stroke-dasharray="4 3"/>')
        parts.append(f'<text x="{x:.1f}" y="{height - 2}" fill="#b84a4a" text-anchor="middle">'
                     f'{html.escape(marker_label)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def line_chart(title: str, xs: Sequence[float], series: dict[str, Sequence[float]], *, x_label: str,
               y_label: str, log_x: bool = True, width: int = 560, height: int = 300) -> str:
    """Lines over a (log) x axis; each series is scaled to its own maximum and labelled with values."""
    left, right, top, bottom = 60, 150, 30, 40
    w, h = width - left - right, height - top - bottom
    fx = (lambda v: math.log10(v)) if log_x else (lambda v: v)
    lo, hi = fx(min(xs)), fx(max(xs))
    px = (lambda v: left + (w * (fx(v) - lo) / (hi - lo) if hi > lo else w / 2))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
             f'font-size="12">', f'<text x="{left}" y="16" fill="#555">{html.escape(title)}</text>',
             f'<line x1="{left}" y1="{top + h}" x2="{left + w}" y2="{top + h}" stroke="#999"/>',
             f'<text x="{left + w / 2}" y="{height - 6}" text-anchor="middle">{html.escape(x_label)}</text>',
             f'<text x="14" y="{top + h / 2}" transform="rotate(-90 14 {top + h / 2})" text-anchor="middle">'
             f'{html.escape(y_label)}</text>']
    for x in xs:
        parts.append(f'<text x="{px(x):.1f}" y="{top + h + 16}" text-anchor="middle">{x:,.0f}</text>')
    for n, (name, ys) in enumerate(series.items()):
        colour = _COLOURS[n % len(_COLOURS)]
        peak = max(ys) or 1.0
        points = [(px(x), top + h - h * y / peak * 0.9) for x, y in zip(xs, ys)]
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                     + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + '"/>')
        for (x, y), value in zip(points, ys):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
            parts.append(f'<text x="{x + 5:.1f}" y="{y - 5:.1f}" fill="{colour}">{value:.3g}</text>')
        parts.append(f'<text x="{left + w + 12}" y="{top + 14 + 16 * n}" fill="{colour}">{html.escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
