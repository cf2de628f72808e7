"""Chart geometry for the debrief page: plain numbers that the template draws as inline SVG (no script)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mingle.marking.reports.stats import BandSummary
from mingle.marking.reports.templating import change

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
    axis: str  # what the axis and the bars' heights count, printed under the chart


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


def _gain_bins(top: int) -> list[tuple[int, int]]:
    """Gain ranges for the bars: no change on a bar of its own, losses and gains grouped alike when there are many."""
    size = max(1, math.ceil(top / (MAX_BINS // 2)))
    ups = [(low, min(low + size - 1, top)) for low in range(1, top + 1, size)]
    return [(-high, -low) for low, high in reversed(ups)] + [(0, 0)] + ups


def fit(text: str, width: float) -> str:
    """Text cut (with an ellipsis) to about `width` units of 12px type."""
    room = int((width - 6) // CHAR)
    if len(text) <= room:
        return text
    return text[:max(room - 1, 0)].rstrip() + "…" if room > 1 else ""


def _histogram(counts: Mapping[int, int], bins: list[tuple[int, int]], spans: Sequence[tuple[str, int, int]],
               axis: str, what: str, name=str, to: str = "–") -> Histogram:
    """Bars of how many had each value (grouped into `bins`, each named `name(first)`, `to` and `name(last)`),
    over shaded, named spans (label, first value, last value); `what` they count starts the text alternative."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / len(bins)
    grouped = [sum(counts.get(s, 0) for s in range(low, high + 1)) for low, high in bins]
    peak = max(grouped, default=0) or 1
    baseline = TOP + plot_h
    every = max(1, math.ceil((max(len(name(low)) for low, _ in bins) * CHAR + 6) / step))
    bars = []
    for n, ((low, high), count) in enumerate(zip(bins, grouped)):
        h = plot_h * count / peak
        label = name(low) if low == high else f"{name(low)}{to}{name(high)}"
        bars.append(Bar(round(LEFT + n * step + step * 0.1, 1), round(baseline - h, 1), round(step * 0.8, 1),
                        round(h, 1), label, count, name(low) if n % every == 0 else ""))
    regions = []
    for n, (title, first_value, last_value) in enumerate(spans):
        first = next((i for i, (low, high) in enumerate(bins) if high >= first_value), 0)
        last = next((i for i, (low, high) in reversed(list(enumerate(bins))) if low <= last_value), first)
        span = (last - first + 1) * step
        regions.append(Region(round(LEFT + first * step, 1), round(span, 1), fit(title, span), title, n % 2 == 0))
    words = "; ".join(f"{b.label}: {b.count}" for b in bars if b.count)
    return Histogram(WIDTH, HEIGHT, LEFT, TOP, LABEL_ROW, baseline, max(grouped, default=0),
                     tuple(bars), tuple(regions), f"{what}: {words or 'none'}.", axis)


def histogram(scores: Sequence[tuple[int, int]], top: int, bands: Sequence[BandSummary]) -> Histogram:
    """Bars of how many learners scored what, over shaded, labelled band regions."""
    bins = _bins(top)
    axis = "score" + (" (each bar from the score under it)" if len(bins) < top + 1 else "") + "; bar height: learners"
    return _histogram(dict(scores), bins, [(b.label, b.min, b.max) for b in bands], axis, "Learners by score")


def gains(people: Sequence[tuple[int, int]], top: int, unit: str = "marks") -> Histogram:
    """Bars of how many people's marks went down, stayed the same or went up, and by how much, over three spans."""
    bins = _gain_bins(top)
    spans = [("Went down", -top, -1), ("Same", 0, 0), ("Improved", 1, top)] if top else [("Same", 0, 0)]
    axis = (f"change in {unit}, after minus before" + (" (each bar from the change under it)"
                                                       if len(bins) < 2 * top + 1 else "") + "; bar height: people")
    return _histogram(dict(people), bins, spans, axis, f"People by change in {unit}", name=change, to=" to ")


def stacked(bands: Sequence[BandSummary], width: int = WIDTH) -> tuple[Segment, ...]:
    """A single bar split into the bands, each as wide as its share of learners."""
    total = sum(b.count for b in bands) or 1
    x, segments = 0.0, []
    for band in bands:
        w = width * band.count / total
        segments.append(Segment(round(x, 1), round(w, 1), band.label, band.count, w >= 14 * len(str(band.count)) + 8))
        x += w
    return tuple(segments)


ROW = 30  # one poll option or scale point per row
NAMES = 240  # the width its name has, left of its bar
AFTER = 90  # room right of the longest bar for its count and share


@dataclass(frozen=True)
class Row:
    """One option's or scale point's bar: how many chose it, and their share of the people who answered."""

    y: float
    width: float
    label: str  # the name as it fits; the full name is in `title` (and in the table)
    title: str
    count: int
    share: str


@dataclass(frozen=True)
class BarChart:
    """Sideways bars, one per option, ready to draw."""

    width: int
    height: int
    left: int
    rows: tuple[Row, ...]
    description: str


def bars(counts: Sequence[tuple[str, int]], people: int, what: str) -> BarChart:
    """One sideways bar per option (name, how many chose it), as long as its share of the `people` who answered."""
    room = WIDTH - NAMES - AFTER
    peak = max((n for _, n in counts), default=0) or 1
    rows = tuple(Row(round(n * ROW + 6, 1), round(room * count / peak, 1), fit(name, NAMES - 8), name, count,
                     f"{round(100 * count / people)}%" if people else "0%")
                 for n, (name, count) in enumerate(counts))
    words = "; ".join(f"{r.title}: {r.count} ({r.share})" for r in rows)
    return BarChart(WIDTH, len(rows) * ROW + 8, NAMES, rows, f"{what}: {words}.")
