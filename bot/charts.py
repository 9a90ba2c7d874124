"""Figures for people: values formatted as a reader writes them, and bar charts as inline SVG.

The charts are hand-written SVG strings, so the figures page needs no JavaScript. Every piece
of text that comes from a document is escaped here; the returned markup is safe to embed.
Colours are set both as presentation attributes (for a standalone file) and as classes, so a
page's stylesheet can restyle them (dark mode).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

_MONEY_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def number(x: float, decimals: int = 2) -> str:
    """``3692`` → ``"3,692"``, ``66.70`` → ``"66.7"``: thousands separated, no trailing zeros."""
    text = f"{x:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def money(value: float) -> str:
    """``45e9`` → ``"45 bn RMB"``, ``4e8`` → ``"400 m RMB"``."""
    for divisor, suffix in _MONEY_SCALES:
        if abs(value) >= divisor:
            return f"{number(value / divisor, 3)} {suffix} RMB"
    return f"{number(value)} RMB"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def format_value(fig: Mapping[str, Any]) -> str:
    """A figure's value with its unit, e.g. ``"371.5 bn RMB"``, ``"18.9%"``, ``"16th"``.

    Falls back to the text as the document wrote it when there is no value (dates).
    """
    value, unit = fig.get("value"), fig.get("unit")
    if unit == "date":
        return str(fig.get("date") or fig.get("text") or "")
    if value is None:
        return str(fig.get("text") or "")
    value = float(value)
    if unit == "RMB":
        return money(value)
    if unit == "%":
        return f"{number(value)}%"
    if unit == "rank" and value.is_integer():
        return ordinal(int(value))
    if unit == "years":
        return f"{number(value)} year" + ("" if value == 1 else "s")
    return number(value)


@dataclass(frozen=True)
class Bar:
    """One bar: what it measures, its value, and the value as the reader should see it."""

    label: str
    value: float
    shown: str


def nice_ticks(maximum: float, count: int = 5) -> list[float]:
    """Round axis ticks from 0 to at least ``maximum``: 0, 100, 200, … or 0, 25, 50, …"""
    if maximum <= 0:
        return [0.0, 1.0]
    raw = maximum / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < maximum:
        ticks.append(ticks[-1] + step)
    return ticks


def bars_for(figures: Iterable[Mapping[str, Any]], unit: str) -> list[Bar]:
    """The figures of one unit as bars, largest first, each measured thing once.

    A figure the document states twice (same label, value and period) is drawn once.
    """
    seen: set[tuple] = set()
    bars: list[Bar] = []
    for fig in figures:
        if fig.get("unit") != unit or fig.get("value") is None:
            continue
        key = (fig.get("label"), fig.get("value"), fig.get("period"))
        if key in seen:
            continue
        seen.add(key)
        label = str(fig.get("label") or "")
        label = label[:1].upper() + label[1:]
        if fig.get("period"):
            label += f" ({fig['period']})"
        shown = format_value(fig)
        if fig.get("qualifier"):
            shown = f"{fig['qualifier']} {shown}"
        bars.append(Bar(label, float(fig["value"]), shown))
    return sorted(bars, key=lambda b: b.value, reverse=True)


def wrap(text: str, width: int, lines: int = 2) -> list[str]:
    """``text`` in at most ``lines`` lines of about ``width`` characters, cut with "…"."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        while words and len(line) + 1 + len(words[0]) <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words:
        out[-1] = out[-1][: width - 1].rstrip() + "…"
    return out


def bar_chart(bars: Sequence[Bar], *, chart_id: str, title: str, description: str,
              axis_label: Callable[[float], str], width: int = 480) -> str:
    """A horizontal bar chart on one linear scale from zero, as accessible inline SVG.

    Each bar carries its label above it (wrapped, the full text in a tooltip) and its value
    at its end, so a bar too short to see still reads. ``axis_label`` formats the ticks.
    """
    left, right, top, line_h = 12, 112, 8, 16
    plot = width - left - right
    ticks = nice_ticks(max((b.value for b in bars), default=0))
    scale = plot / ticks[-1]
    labels = [wrap(b.label, (width - left) // 7) for b in bars]
    rows = [14 + line_h * len(lines) + 14 for lines in labels]
    axis_y = top + (sum(rows) if bars else 40)
    summary = f"{title}. " + "; ".join(f"{b.label}: {b.shown}" for b in bars)
    cid = escape(chart_id)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{cid}" '
        f'viewBox="0 0 {width} {axis_y + 26}" width="100%" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" aria-label="{escape(summary)}">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(description)}</desc>',
    ]
    for tick in ticks:
        x = left + tick * scale
        out.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{axis_y}" '
                   'stroke="#e5e7eb" stroke-width="1"/>')
        out.append(f'<text class="tick" x="{x:.1f}" y="{axis_y + 18}" text-anchor="middle" '
                   f'font-size="12" fill="#6b7280">{escape(axis_label(tick))}</text>')
    if not bars:
        out.append(f'<text class="label" x="{left}" y="{top + 26}" font-size="13" '
                   'fill="#374151">No figures of this kind in the corpus.</text>')
    y = top
    for bar, lines, height in zip(bars, labels, rows, strict=True):
        w = max(bar.value * scale, 2.0)
        bar_y = y + line_h * len(lines) + 6
        out.append(f'<g class="bar-row"><title>{escape(bar.label)}: {escape(bar.shown)}</title>')
        out.extend(f'<text class="label" x="{left}" y="{y + 13 + i * line_h}" font-size="13" '
                   f'fill="#374151">{escape(line)}</text>' for i, line in enumerate(lines))
        out.append(f'<rect class="bar" x="{left}" y="{bar_y}" width="{w:.1f}" height="16" '
                   'rx="3" fill="#0f766e"/>')
        out.append(f'<text class="value" x="{left + w + 6:.1f}" y="{bar_y + 13}" font-size="13" '
                   f'font-weight="600" fill="#111827">{escape(bar.shown)}</text></g>')
        y += height
    out.append("</svg>")
    return "\n".join(out)


def money_axis(value: float) -> str:
    return "0" if value == 0 else money(value).removesuffix(" RMB")


def percent_axis(value: float) -> str:
    return f"{number(value)}%"
