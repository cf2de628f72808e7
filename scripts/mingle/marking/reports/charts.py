"""Chart geometry for the debrief page: plain numbers that the template draws as inline SVG (no script)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from mingle.marking.reports.stats import BandSummary

WIDTH, HEIGHT = 640, 230
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 52, 40
LABEL_ROW = 18  # band names sit in their own row above the bars' counts
CHAR = 6.6  # average width of a 12px character, to fit a band's name to its stretch of the axis
MAX_BINS = 25


@dataclass(frozen=True)
class Bar:
    """One bar of a histogram: its box, the scores it covers and how many learners."""

    x: float
    y: float
    width: float
    height: float
    label: str  # the scores it covers, "12" or "12–14"
    count: int
    tick: str  # what the axis prints under it: its first score, on as many bars as there is room for


@dataclass(frozen=True)
class Region:
    """A band's stretch of the score axis, shaded and named above the bars."""

    x: float
    width: float
    label: str  # the name as it fits; the full name is in `title` (and in the band table)
    title: str
    shaded: bool


@dataclass(frozen=True)
class Histogram:
    """A score distribution ready to draw."""

    width: int
    height: int
    left: int
    top: int
    label_y: int
    baseline: float
    peak: int
    bars: tuple[Bar, ...]
    regions: tuple[Region, ...]
    description: str


@dataclass(frozen=True)
class Segment:
    """One band's share of a stacked bar."""

    x: float
    width: float
    label: str
    count: int
    roomy: bool  # wide enough to print its count inside


def _bins(top: int) -> list[tuple[int, int]]:
    """Score ranges for the bars: one per score, or grouped when the exercise has many possible scores."""
    size = max(1, math.ceil((top + 1) / MAX_BINS))
    return [(low, min(low + size - 1, top)) for low in range(0, top + 1, size)]


def fit(text: str, width: float) -> str:
    """Text cut (with an ellipsis) to about `width` units of 12px type."""
    room = int((width - 6) // CHAR)
    if len(text) <= room:
        return text
    return text[:max(room - 1, 0)].rstrip() + "…" if room > 1 else ""


def histogram(scores: Sequence[tuple[int, int]], top: int, bands: Sequence[BandSummary]) -> Histogram:
    """Bars of how many learners scored what, over shaded, labelled band regions."""
    counts = dict(scores)
    bins = _bins(top)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(bins)
    grouped = [sum(counts.get(s, 0) for s in range(low, high + 1)) for low, high in bins]
    peak = max(grouped, default=0) or 1
    baseline = TOP + plot_h
    every = max(1, math.ceil((len(str(top)) * CHAR + 6) / step))
    bars = []
    for n, ((low, high), count) in enumerate(zip(bins, grouped)):
        h = plot_h * count / peak
        label = str(low) if low == high else f"{low}–{high}"
        bars.append(Bar(round(LEFT + n * step + step * 0.1, 1), round(baseline - h, 1), round(step * 0.8, 1),
                        round(h, 1), label, count, str(low) if n % every == 0 else ""))
    regions = []
    for n, band in enumerate(bands):
        first = next((i for i, (low, high) in enumerate(bins) if high >= band.min), 0)
        last = next((i for i, (low, high) in reversed(list(enumerate(bins))) if low <= band.max), first)
        span = (last - first + 1) * step
        regions.append(Region(round(LEFT + first * step, 1), round(span, 1), fit(band.label, span), band.label,
                              n % 2 == 0))
    words = "; ".join(f"{b.label}: {b.count}" for b in bars if b.count)
    return Histogram(WIDTH, HEIGHT, LEFT, TOP, LABEL_ROW, baseline, max(grouped, default=0),
                     tuple(bars), tuple(regions),
                     f"Learners by score: {words or 'none'}.")


def stacked(bands: Sequence[BandSummary], width: int = WIDTH) -> tuple[Segment, ...]:
    """A single bar split into the bands, each as wide as its share of learners."""
    total = sum(b.count for b in bands) or 1
    x, segments = 0.0, []
    for band in bands:
        w = width * band.count / total
        segments.append(Segment(round(x, 1), round(w, 1), band.label, band.count, w >= 14 * len(str(band.count)) + 8))
        x += w
    return tuple(segments)
