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
               y_label: str, y_max: float | None = None, log_x: bool = True, width: int = 600,
               height: int = 300) -> str:
    """Lines over a (log) x axis on one y scale from 0, each point labelled with its value.

    One shared scale (to ``y_max``, or 10 % over the highest value), so two series can be
    compared by eye; at each x the highest point is labelled above and the others below, so
    close lines do not print their values over each other.
    """
    left, right, top, bottom = 60, 190, 44, 40
    w, h = width - left - right, height - top - bottom
    fx = (lambda v: math.log10(v)) if log_x else (lambda v: v)
    lo, hi = fx(min(xs)), fx(max(xs))
    px = (lambda v: left + (w * (fx(v) - lo) / (hi - lo) if hi > lo else w / 2))
    peak = y_max or max((y for ys in series.values() for y in ys), default=1.0) * 1.1 or 1.0
    columns = list(series.values())
    on_top = [max(range(len(columns)), key=lambda k: columns[k][i]) for i in range(len(xs))]  # series index
    py = (lambda v: top + h - h * v / peak)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
             f'font-size="12">', f'<text x="{left}" y="16" fill="#555">{html.escape(title)}</text>',
             f'<line x1="{left}" y1="{top + h}" x2="{left + w}" y2="{top + h}" stroke="#999"/>',
             f'<text x="{left + w / 2}" y="{height - 6}" text-anchor="middle">{html.escape(x_label)}</text>',
             f'<text x="14" y="{top + h / 2}" transform="rotate(-90 14 {top + h / 2})" text-anchor="middle">'
             f'{html.escape(y_label)}</text>']
    for tick in (0.0, peak / 2, peak):
        parts.append(f'<line x1="{left}" y1="{py(tick):.1f}" x2="{left + w}" y2="{py(tick):.1f}" stroke="#eee"/>')
        parts.append(f'<text x="{left - 6}" y="{py(tick) + 4:.1f}" text-anchor="end" fill="#777">{tick:.3g}</text>')
    for x in xs:
        parts.append(f'<text x="{px(x):.1f}" y="{top + h + 16}" text-anchor="middle">{x:,.0f}</text>')
    for n, (name, ys) in enumerate(series.items()):
        colour = _COLOURS[n % len(_COLOURS)]
        points = [(px(x), py(y)) for x, y in zip(xs, ys)]
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                     + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + '"/>')
        for i, ((x, y), value) in enumerate(zip(points, ys)):
            dy = -7 if n == on_top[i] else 16
            anchor, nudge = ("start", 4) if i == 0 else ("end", -4) if i == len(points) - 1 else ("middle", 0)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
            parts.append(f'<text x="{x + nudge:.1f}" y="{y + dy:.1f}" text-anchor="{anchor}" fill="{colour}">'
                         f'{value:.3g}</text>')
        parts.append(f'<text x="{left + w + 12}" y="{top + 14 + 16 * n}" fill="{colour}">{html.escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
