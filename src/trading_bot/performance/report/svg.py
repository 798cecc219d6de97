"""Inline SVG charts for the HTML report: pure functions from numbers to markup, no plot library.

Why our own code: a report must be one self-contained file that opens offline, so no script or
font may be fetched, and the charts are simple enough (lines, bars, a calendar) that a few hundred
lines do them exactly as an operator needs: a true time axis (a day without trades is a gap, not
a vanished category), bars that grow from zero in the colour of their sign, and axis labels
thinned until none overlap, from a single day to ten years.

Geometry is in the units of each chart's ``viewBox`` (the page scales it with CSS).  Pixel
positions are floats rounded to 0.1; every value a person reads (labels, tooltips) is formatted
from the exact Decimal.  Every string that came from a log line goes through :func:`esc`, which
makes it safe as SVG/HTML text and as a double-quoted attribute; charts carry a ``<title>`` and a
``<desc>`` (their text alternative), and every bar, point and cell a ``<title>`` tooltip.
Colours are CSS classes (``gain``, ``loss``, ``g1``..``g4``, ``l1``..``l4``) so the page's
light and dark themes decide them.
"""

from __future__ import annotations

import html
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from itertools import pairwise

from trading_bot.performance.core.decimals import DIVISION_CONTEXT, ZERO, quantize_for_display
from trading_bot.performance.core.formatting import clip, money, one_line, signed

#: Width of every chart's viewBox; the page scales it to the column width.
WIDTH = 640
MARGIN_LEFT = 64
MARGIN_RIGHT = 16
#: Axis labels are 12 units high; this is a digit's advance in a sans-serif font, a little
#: generous so that estimated widths never underestimate.
CHAR_WIDTH = 7.0
#: Smallest free space between two neighbouring axis labels.
LABEL_GAP = 10.0
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_FULL = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Fewer pixels per day than this and daily bars become weekly, then monthly, bars.
MIN_BAR_PITCH = 4.0
#: Longest label of a breakdown bar; the full text is in the bar's tooltip.
BAR_LABEL = 22


def esc(text: str) -> str:
    """Logged text as safe SVG/HTML text or double-quoted attribute: one line, control
    characters shown as ``\\xNN`` (like every other report), ``& < > " '`` escaped."""
    return html.escape(one_line(text), quote=True)


def num(value: float) -> str:
    """A coordinate: 0.1 unit is finer than any screen shows, and short to write."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def signed_money(value: Decimal) -> str:
    return signed(money(value))


def text_width(text: str) -> float:
    return len(text) * CHAR_WIDTH


# --------------------------------------------------------------------------------------------
# Scales and ticks.
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Scale:
    """Linear map from a value domain to a pixel range (``start`` may exceed ``end``: y grows
    downwards in SVG, so a value axis maps its low end to the bottom)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float | Decimal) -> float:
        if self.high == self.low:
            return (self.start + self.end) / 2
        ratio = (float(value) - self.low) / (self.high - self.low)
        return self.start + ratio * (self.end - self.start)


def nice_step(span: Decimal, intervals: int) -> Decimal:
    """The smallest 1, 2 or 5 times a power of ten that cuts ``span`` into at most
    ``intervals`` pieces (so tick labels read 0, 50, 100 and never 0, 47.3, 94.6)."""
    if span <= 0 or intervals < 1:
        return Decimal(1)
    raw = DIVISION_CONTEXT.divide(span, Decimal(intervals))
    exponent = raw.adjusted()
    for mantissa in (1, 2, 5, 10):
        step = Decimal(mantissa).scaleb(exponent)
        if step >= raw:
            return step
    raise AssertionError("unreachable: 10 * 10**adjusted always exceeds raw")  # pragma: no cover


@dataclass(frozen=True, slots=True)
class ValueAxis:
    """A value axis: its domain (the data and zero, padded by :data:`PAD` of the span on each
    side that has data, so a line never runs along the frame) and the round ``ticks`` in it."""

    low: Decimal
    high: Decimal
    ticks: tuple[Decimal, ...]

    def scale(self, bottom: float, top: float) -> Scale:
        return Scale(float(self.low), float(self.high), bottom, top)


PAD = Decimal("0.05")


def value_axis(low: Decimal, high: Decimal, intervals: int = 5) -> ValueAxis:
    """The axis for values from ``low`` to ``high``; zero is always on it (bars grow from it,
    and an equity curve starts at it).  Ticks are multiples of :func:`nice_step` inside the
    domain, at most ``intervals + 1`` of them (a few more when that many would leave zero alone);
    all-zero data get the domain 0..1 (padded)."""
    low, high = min(low, ZERO), max(high, ZERO)
    if low == high:
        high = low + 1
    with localcontext(DIVISION_CONTEXT):
        pad = (high - low) * PAD
        low = low - pad if low < 0 else low
        high = high + pad if high > 0 else high
        step = nice_step(high - low, intervals)
        ticks = _multiples(low, high, step)
        while len(ticks) < 2:
            # Data just short of a round step (0 to 47 with steps of 50): the next finer one.
            step = _finer(step)
            ticks = _multiples(low, high, step)
    return ValueAxis(low, high, ticks)


def _finer(step: Decimal) -> Decimal:
    """The next smaller 1, 2 or 5 times a power of ten: 50 -> 20 -> 10 -> 5."""
    leading = step.normalize().as_tuple().digits[0]
    return step * (Decimal("0.4") if leading == 5 else Decimal("0.5"))


def _multiples(low: Decimal, high: Decimal, step: Decimal) -> tuple[Decimal, ...]:
    first = (low / step).to_integral_value(rounding=ROUND_CEILING)
    last = (high / step).to_integral_value(rounding=ROUND_FLOOR)
    multiples = ((first + index) * step for index in range(int(last - first) + 1))
    return tuple(Decimal(0) if tick == 0 else tick for tick in multiples)


def tick_label(value: Decimal) -> str:
    """``1,250`` or ``-2.5``: an axis value without trailing zeros, with thousands separators."""
    text = format(value.normalize(), ",f")
    return "0" if text in ("-0", "0") else text


@dataclass(frozen=True, slots=True)
class TimeTick:
    """A grid line at ``at`` and its label, centred at ``label_at``: the middle of the part of
    the day, month or year it names that lies on the axis (``partial`` when that part is not
    the whole span, as at the ends of a range that starts or ends mid-month)."""

    at: datetime
    label: str
    label_at: datetime
    partial: bool = False


@dataclass(frozen=True, slots=True)
class TimeAxis:
    """A true time axis from ``start`` to ``end`` (aware instants), labelled in ``zone``."""

    start: datetime
    end: datetime
    zone: tzinfo
    left: float = MARGIN_LEFT
    right: float = WIDTH - MARGIN_RIGHT

    @property
    def scale(self) -> Scale:
        return Scale(self.start.timestamp(), self.end.timestamp(), self.left, self.right)

    def x(self, instant: datetime) -> float:
        return self.scale(instant.timestamp())

    def ticks(self) -> list[TimeTick]:
        return time_ticks(self.start, self.end, self.zone, self.left, self.right)


#: Candidate tick units from fine to coarse: the first whose labels all fit is used.
TICK_UNITS: tuple[tuple[str, int], ...] = (
    ("hour", 1), ("hour", 2), ("hour", 3), ("hour", 6), ("hour", 12),
    ("day", 1), ("day", 2), ("week", 1), ("week", 2),
    ("month", 1), ("month", 2), ("month", 3), ("month", 6),
    ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20), ("year", 50),
    ("year", 100), ("year", 500), ("year", 1000),
)
_UNIT_SECONDS = {"hour": 3600, "day": 86400, "week": 7 * 86400, "month": 28 * 86400,
                 "year": 365 * 86400}


def time_ticks(start: datetime, end: datetime, zone: tzinfo, left: float = MARGIN_LEFT,
               right: float = WIDTH - MARGIN_RIGHT, *, width: float = WIDTH) -> list[TimeTick]:
    """Ticks of the finest unit whose labels fit: inside ``[0, width]`` and at least
    :data:`LABEL_GAP` apart.  A label of a partial span at either end that would collide with
    its neighbour is dropped (its grid line too) rather than coarsening the whole axis.

    Hours are labelled ``14:00`` (``Mar 10`` at midnight); days and weeks ``Mar 10`` under the
    day they name; months ``Mar`` (with the year on the first label and in January) under the
    month; years ``2025``.
    """
    if end <= start:
        return []
    scale = Scale(start.timestamp(), end.timestamp(), left, right)
    span = end.timestamp() - start.timestamp()
    most = max(1, int((right - left) // (3 * CHAR_WIDTH + LABEL_GAP)))
    for unit, step in TICK_UNITS:
        if span / (_UNIT_SECONDS[unit] * step) > most + 1:
            continue
        ticks = _fitting(list(_unit_ticks(unit, step, start, end, zone)), scale, width)
        if ticks is not None:
            return ticks
    return []


def _fitting(ticks: list[TimeTick], scale: Scale, width: float) -> list[TimeTick] | None:
    """``ticks`` without the edge labels that cannot fit, or None when inner labels overlap."""
    def box(tick: TimeTick) -> tuple[float, float]:
        middle, half = scale(tick.label_at.timestamp()), text_width(tick.label) / 2
        return middle - half, middle + half

    def apart(first: TimeTick, second: TimeTick) -> bool:
        return box(second)[0] - box(first)[1] >= LABEL_GAP

    kept = [tick for tick in ticks if box(tick)[0] >= 0 and box(tick)[1] <= width]
    if len(kept) >= 2 and kept[0].partial and not apart(kept[0], kept[1]):
        kept = kept[1:]
    if len(kept) >= 2 and kept[-1].partial and not apart(kept[-2], kept[-1]):
        kept = kept[:-1]
    if not kept or not all(apart(first, second) for first, second in pairwise(kept)):
        return None
    return kept


def _local_midnight(day: date, zone: tzinfo) -> datetime:
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def _month_start(year: int, month: int) -> date:
    return date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def _next_year(year: int) -> date | None:
    return date(year + 1, 1, 1) if year < 9999 else None


def _unit_ticks(unit: str, step: int, start: datetime, end: datetime,
                zone: tzinfo) -> Iterator[TimeTick]:
    """Every tick of one unit on ``[start, end)``, plus the partial span the axis starts in."""
    first_day = start.astimezone(zone).date()
    last_day = end.astimezone(zone).date()

    def span(begin: date, after: date | None, label: str) -> Iterator[TimeTick]:
        at = _local_midnight(begin, zone)
        stop = end if after is None else min(_local_midnight(after, zone), end)
        if stop <= start or at >= end:
            return
        low = max(at, start)
        whole = at >= start and (after is not None and _local_midnight(after, zone) <= end)
        yield TimeTick(low, label, low + (stop - low) / 2, partial=not whole)

    if unit == "hour":
        day = first_day
        while day <= last_day:
            for hour in range(0, 24, step):
                at = datetime.combine(day, time(hour), tzinfo=zone).astimezone(UTC)
                if start <= at < end:
                    label = (f"{MONTH_NAMES[day.month - 1]} {day.day}" if hour == 0
                             else f"{hour:02d}:00")
                    yield TimeTick(at, label, at)
            day += timedelta(days=1)
    elif unit == "day":
        day = first_day
        while day <= last_day:
            if day.toordinal() % step == 0:
                yield from span(day, day + timedelta(days=1),
                                f"{MONTH_NAMES[day.month - 1]} {day.day}")
            day += timedelta(days=1)
    elif unit == "week":
        monday = first_day - timedelta(days=first_day.weekday())
        while monday <= last_day:
            if (monday.toordinal() // 7) % step == 0:
                # The label names the Monday: it sits under that day, not the whole week.
                yield from span(monday, monday + timedelta(days=1),
                                f"{MONTH_NAMES[monday.month - 1]} {monday.day}")
            monday += timedelta(days=7)
    elif unit == "month":
        index = first_day.year * 12 + first_day.month - 1
        labelled = False
        while (month_day := _month_start(index // 12, index % 12 + 1)) <= last_day:
            if (month_day.month - 1) % step == 0:
                name = MONTH_NAMES[month_day.month - 1]
                label = f"{name} {month_day.year}" if not labelled or month_day.month == 1 else name
                ticks = list(span(month_day, _month_start(month_day.year, month_day.month + 1)
                                  if index < 9999 * 12 + 11 else None, label))
                labelled = labelled or bool(ticks)
                yield from ticks
            index += 1
    else:
        for year in range(first_day.year - first_day.year % step, last_day.year + 1, step):
            if year >= 1:
                yield from span(date(year, 1, 1), _next_year(year), str(year))


# --------------------------------------------------------------------------------------------
# Drawing.
# --------------------------------------------------------------------------------------------

def svg_root(chart_id: str, height: float, title: str, desc: str, body: str, *,
             width: float = WIDTH, css: str = "chart") -> str:
    """An ``<svg>`` with its title and text alternative (``<desc>``), scaled by the page."""
    return (f'<svg class="{css}" id="{chart_id}" viewBox="0 0 {num(width)} {num(height)}" '
            f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d">'
            f'<title id="{chart_id}-t">{esc(title)}</title>\n<desc id="{chart_id}-d">{esc(desc)}'
            f"</desc>\n{body}\n</svg>")


def _tip(text: str) -> str:
    return f"<title>{esc(text)}</title>"


def _value_axis(ticks: Sequence[Decimal], scale: Scale, left: float, right: float) -> str:
    """Horizontal grid lines with their labels right-aligned in the left margin; the zero line
    is drawn apart, stronger, since the side of it a bar ends on is the second cue of its sign."""
    parts = []
    for tick in ticks:
        y = num(scale(tick))
        css = "zero" if tick == 0 else "grid"
        parts.append(f'<line class="{css}" x1="{num(left)}" x2="{num(right)}" y1="{y}" y2="{y}"/>'
                     f'<text class="tick" x="{num(left - 6)}" y="{y}" text-anchor="end" '
                     f'dominant-baseline="middle">{tick_label(tick)}</text>')
    return "\n".join(parts)


def _time_axis(axis: TimeAxis, top: float, bottom: float) -> str:
    """Vertical grid lines at the ticks and their labels under the plot."""
    scale = axis.scale
    parts = [f'<line class="axis" x1="{num(axis.left)}" x2="{num(axis.right)}" '
             f'y1="{num(bottom)}" y2="{num(bottom)}"/>']
    for tick in axis.ticks():
        x = num(scale(tick.at.timestamp()))
        parts.append(f'<line class="grid" x1="{x}" x2="{x}" y1="{num(top)}" y2="{num(bottom)}"/>'
                     f'<text class="tick" x="{num(scale(tick.label_at.timestamp()))}" '
                     f'y="{num(bottom + 16)}" text-anchor="middle">{esc(tick.label)}</text>')
    return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class EquityPoint:
    """Cumulative net P&L just after ``at``; ``tooltip`` is plain text (escaped when drawn)."""

    at: datetime
    equity: Decimal
    tooltip: str


def underwater(points: Sequence[EquityPoint]) -> list[Decimal]:
    """Drawdown at each point: equity minus its running peak, the peak starting at 0 (the
    window's start), as the report's max drawdown is defined."""
    peak = ZERO
    found = []
    for point in points:
        peak = max(peak, point.equity)
        found.append(point.equity - peak)
    return found


def _steps(xs: Sequence[float], ys: Sequence[float], until: float) -> str:
    """A step line: realized P&L jumps when a trade closes and is flat in between."""
    parts = [f"M{num(xs[0])},{num(ys[0])}"] if xs else []
    for x, y in zip(xs[1:], ys[1:], strict=True):
        parts.append(f"H{num(x)}V{num(y)}")
    if xs and until > xs[-1]:
        parts.append(f"H{num(until)}")
    return "".join(parts)


EQUITY_HEIGHT = 316


def equity_chart(points: Sequence[EquityPoint], axis: TimeAxis, until: datetime, *,
                 chart_id: str, title: str, desc: str) -> str:
    """Equity (cumulative net P&L) as a step line from 0 at the window's start, and beneath it,
    on the same time axis, the underwater area (drawdown from the running peak) in loss colour.

    ``points`` start with the window's zero; the line is drawn on to ``until`` (the window's end,
    or now for a window in progress).
    """
    left, right = axis.left, axis.right
    top, bottom = 26.0, 190.0
    dd_top, dd_bottom = 222.0, 290.0
    values = [point.equity for point in points]
    values_axis = value_axis(min(values), max(values), 6)
    y = values_axis.scale(bottom, top)
    drawdowns = underwater(points)
    dd_axis = value_axis(min(drawdowns), ZERO, 3)
    dd_y = dd_axis.scale(dd_bottom, dd_top)
    xs = [axis.x(point.at) for point in points]
    end_x = min(max(axis.x(until), xs[-1]), right)
    line = _steps(xs, [y(value) for value in values], end_x)
    area = (_steps(xs, [dd_y(value) for value in drawdowns], end_x)
            + f"V{num(dd_y(0))}H{num(xs[0])}Z")
    dots = "\n".join(
        f'<circle class="dot" cx="{num(x)}" cy="{num(y(point.equity))}" r="3">'
        f"{_tip(point.tooltip)}</circle>" for x, point in zip(xs, points, strict=True))
    body = (
        f'<g class="axes">\n{_value_axis(values_axis.ticks, y, left, right)}\n'
        f"{_value_axis(dd_axis.ticks, dd_y, left, right)}\n{_time_axis(axis, top, dd_bottom)}"
        "\n</g>\n"
        f'<text class="panel" x="{num(left)}" y="{num(top - 10)}">Cumulative net P&amp;L</text>\n'
        f'<text class="panel" x="{num(left)}" y="{num(dd_top - 10)}">Drawdown from peak</text>\n'
        f'<path class="underwater" d="{area}"/>\n<path class="equity" d="{line}"/>\n'
        f'<g class="dots">\n{dots}\n</g>')
    return svg_root(chart_id, EQUITY_HEIGHT, title, desc, body)


@dataclass(frozen=True, slots=True)
class Bar:
    """Net P&L of one day, week or month: drawn over ``[start, end)`` on a time axis."""

    start: datetime
    end: datetime
    value: Decimal
    tooltip: str


BARS_HEIGHT = 236


def sign_class(value: Decimal) -> str:
    """``gain``, ``loss`` or ``flat``: the trading convention, green up and red down."""
    return "gain" if value > 0 else "loss" if value < 0 else "flat"


def bar_chart(bars: Sequence[Bar], axis: TimeAxis, *, chart_id: str, title: str,
              desc: str) -> str:
    """Bars from the zero line, up and green for a gain, down and red for a loss, at least 2
    units tall so a small loss still shows its colour; a flat (breakeven) period is a thin mark
    across the zero line, so it still has a tooltip."""
    left, right = axis.left, axis.right
    top, bottom = 10.0, 204.0
    axis_y = value_axis(min(bar.value for bar in bars), max(bar.value for bar in bars), 6)
    y = axis_y.scale(bottom, top)
    zero = y(0)
    shapes = []
    for bar in bars:
        x0, x1 = axis.x(max(bar.start, axis.start)), axis.x(min(bar.end, axis.end))
        pad = (x1 - x0) * 0.15 if x1 - x0 >= 3 else 0.0
        x0, width = x0 + pad, max(x1 - x0 - 2 * pad, 1.0)
        if bar.value == 0:
            top_y, height = zero - 1, 2.0
        else:
            end = y(bar.value)
            top_y, height = min(zero, end), max(abs(end - zero), 2.0)
        shapes.append(f'<rect class="bar {sign_class(bar.value)}" x="{num(x0)}" y="{num(top_y)}" '
                      f'width="{num(width)}" height="{num(height)}">{_tip(bar.tooltip)}</rect>')
    marks = "\n".join(shapes)
    body = (f'<g class="axes">\n{_value_axis(axis_y.ticks, y, left, right)}\n'
            f"{_time_axis(axis, top, bottom)}\n</g>\n"
            f'<line class="zero" x1="{num(left)}" x2="{num(right)}" y1="{num(zero)}" '
            f'y2="{num(zero)}"/>\n<g class="bars">\n{marks}\n</g>')
    return svg_root(chart_id, BARS_HEIGHT, title, desc, body)


@dataclass(frozen=True, slots=True)
class BreakdownBar:
    """One breakdown row as a horizontal bar; ``label`` and ``tooltip`` may be logged text."""

    label: str
    value: Decimal
    tooltip: str
    small: bool = False


BAR_ROW = 24.0


def breakdown_chart(rows: Sequence[BreakdownBar], *, chart_id: str, title: str,
                    desc: str) -> str:
    """Horizontal bars of net P&L, one row per key in the table's order, growing right (gain)
    or left (loss) from a zero line; a small-sample row is paler.  Long names are clipped with
    ``…`` in the label and given in full in the tooltip."""
    label_right = 168.0
    shown = [signed_money(row.value) for row in rows]
    room = {sign: max((text_width(text) for text, row in zip(shown, rows, strict=True)
                       if (row.value < 0) == (sign < 0)), default=0.0) + 10 for sign in (-1, 1)}
    left, right = label_right + 8 + room[-1], WIDTH - room[1]
    top = 8.0
    bottom = top + BAR_ROW * len(rows)
    low = min(ZERO, *(row.value for row in rows))
    high = max(ZERO, *(row.value for row in rows))
    x = Scale(float(low), float(high), left, right) if low != high else Scale(0, 1, left, right)
    zero = x(0)
    parts = []
    for index, (row, value_text) in enumerate(zip(rows, shown, strict=True)):
        y0 = top + index * BAR_ROW
        end = x(row.value)
        x0, width = min(zero, end), max(abs(end - zero), 1.0 if row.value else 0.0)
        value_x = end + 6 if row.value >= 0 else end - 6
        anchor = "start" if row.value >= 0 else "end"
        small = " small" if row.small else ""
        label = esc(clip(one_line(row.label), BAR_LABEL))
        parts.append(
            f'<g class="row{small}">{_tip(row.tooltip)}'
            f'<text class="label" x="{num(label_right)}" y="{num(y0 + BAR_ROW / 2)}" '
            f'text-anchor="end" dominant-baseline="middle">{label}</text>'
            f'<rect class="bar {sign_class(row.value)}" x="{num(x0)}" y="{num(y0 + 5)}" '
            f'width="{num(width)}" height="{num(BAR_ROW - 10)}"/>'
            f'<text class="value" x="{num(value_x)}" y="{num(y0 + BAR_ROW / 2)}" '
            f'text-anchor="{anchor}" dominant-baseline="middle">{value_text}</text></g>')
    rows_drawn = "\n".join(parts)
    body = (f'<line class="zero" x1="{num(zero)}" x2="{num(zero)}" y1="{num(top - 4)}" '
            f'y2="{num(bottom + 4)}"/>\n{rows_drawn}')
    return svg_root(chart_id, bottom + 12, title, desc, body)


# --------------------------------------------------------------------------------------------
# Calendar heatmaps.
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Cell:
    """Net P&L and closed trades of a day or a month."""

    value: Decimal
    trades: int


def level(value: Decimal, largest: Decimal) -> str:
    """Colour class of a heatmap cell: ``g1``..``g4`` for gains and ``l1``..``l4`` for losses by
    quarter of the largest absolute value in the heatmap, ``z`` for a breakeven."""
    if value == 0 or largest <= 0:
        return "z"
    ratio = DIVISION_CONTEXT.divide(abs(value), largest)
    step = 1 if ratio <= Decimal("0.25") else 2 if ratio <= Decimal("0.5") else \
        3 if ratio <= Decimal("0.75") else 4
    return f"{'g' if value > 0 else 'l'}{step}"


CELL = 16.0
CELL_GAP = 2.0
CALENDAR_WIDTH = 7 * (CELL + CELL_GAP) + CELL_GAP
CALENDAR_HEIGHT = 34 + 6 * (CELL + CELL_GAP) + CELL_GAP


def month_calendar(year: int, month: int, days: Mapping[date, Cell], first: date, last: date,
                   largest: Decimal, chart_id: str) -> str:
    """One month as a Monday-first calendar: days in the window coloured by their net P&L
    (blank when nothing closed), days outside it faint."""
    start = date(year, month, 1)
    after = _month_start(year, month + 1)
    title = f"{MONTH_FULL[month - 1]} {year}"
    header = "".join(
        f'<text class="dow" x="{num(CELL_GAP + column * (CELL + CELL_GAP) + CELL / 2)}" y="30" '
        f'text-anchor="middle">{name[0]}</text>' for column, name in enumerate(WEEKDAYS))
    cells = []
    net, traded, winning, losing = ZERO, 0, 0, 0
    offset = start.weekday()
    day = start
    while day < after:
        slot = offset + day.day - 1
        x = CELL_GAP + (slot % 7) * (CELL + CELL_GAP)
        y = 36 + (slot // 7) * (CELL + CELL_GAP)
        found = days.get(day)
        if day < first or day > last:
            css, tip = "out", ""
        elif found is None:
            css, tip = "none", _tip(f"{_weekday(day)}: no closed trades")
        else:
            css = level(found.value, largest)
            tip = _tip(f"{_weekday(day)}: {signed_money(found.value)} ({_trades(found.trades)})")
            net += found.value
            traded += 1
            winning += found.value > 0
            losing += found.value < 0
        cells.append(f'<rect class="cell {css}" x="{num(x)}" y="{num(y)}" width="{num(CELL)}" '
                     f'height="{num(CELL)}" rx="2">{tip}</rect>')
        day += timedelta(days=1)
    desc = (f"{traded} trading days, net {signed_money(net)}, {winning} winning, {losing} losing"
            if traded else "no closed trades")
    drawn = "\n".join(cells)
    body = (f'<text class="month" x="{num(CALENDAR_WIDTH / 2)}" y="13" text-anchor="middle">'
            f"{title}</text>\n{header}\n{drawn}")
    return svg_root(chart_id, CALENDAR_HEIGHT, title, f"{title}: {desc}", body,
                    width=CALENDAR_WIDTH, css="calendar")


def _weekday(day: date) -> str:
    return f"{day.isoformat()} {WEEKDAYS[day.weekday()]}"


def _trades(count: int) -> str:
    return f"{count} trade" if count == 1 else f"{count} trades"


def months_between(first: date, last: date) -> list[tuple[int, int]]:
    """``(year, month)`` of every month from ``first``'s to ``last``'s, in order."""
    found = []
    index = first.year * 12 + first.month - 1
    while index <= last.year * 12 + last.month - 1:
        found.append((index // 12, index % 12 + 1))
        index += 1
    return found


GRID_CELL_WIDTH = 44.0
GRID_ROW = 24.0


def compact(value: Decimal) -> str:
    """A cell-sized amount: ``850``, ``-1.2k``, ``3.4M`` (the tooltip has the exact value)."""
    size = abs(value)
    for limit, suffix in ((Decimal(10) ** 9, "B"), (Decimal(10) ** 6, "M"), (Decimal(1000), "k")):
        if size >= limit:
            return quantize_for_display(DIVISION_CONTEXT.divide(value, limit), 1) + suffix
    return quantize_for_display(value, 0)


def month_grid(months: Mapping[tuple[int, int], Cell], first: date, last: date, *,
               chart_id: str, title: str, desc: str) -> str:
    """Years as rows and months as columns, each cell a month's net P&L (for windows too long
    for a calendar per month)."""
    largest = max((abs(cell.value) for cell in months.values()), default=ZERO)
    left = 48.0
    width = left + 12 * GRID_CELL_WIDTH + 4
    years = list(range(first.year, last.year + 1))
    parts = [f'<text class="dow" x="{num(left + (column + 0.5) * GRID_CELL_WIDTH)}" y="14" '
             f'text-anchor="middle">{name}</text>' for column, name in enumerate(MONTH_NAMES)]
    for row, year in enumerate(years):
        y = 22 + row * GRID_ROW
        parts.append(f'<text class="tick" x="{num(left - 6)}" y="{num(y + GRID_ROW / 2)}" '
                     f'text-anchor="end" dominant-baseline="middle">{year}</text>')
        for month in range(1, 13):
            x = left + (month - 1) * GRID_CELL_WIDTH
            name = f"{MONTH_FULL[month - 1]} {year}"
            inside = (year, month) >= (first.year, first.month) and \
                (year, month) <= (last.year, last.month)
            cell = months.get((year, month))
            if not inside:
                css, tip, text = "out", "", ""
            elif cell is None:
                css, tip, text = "none", _tip(f"{name}: no closed trades"), ""
            else:
                css = level(cell.value, largest)
                tip = _tip(f"{name}: {signed_money(cell.value)} ({_trades(cell.trades)})")
                text = (f'<text class="in-cell" x="{num(x + GRID_CELL_WIDTH / 2)}" '
                        f'y="{num(y + GRID_ROW / 2)}" text-anchor="middle" '
                        f'dominant-baseline="middle">{compact(cell.value)}</text>')
            parts.append(f'<g><rect class="cell {css}" x="{num(x + 1)}" y="{num(y + 1)}" '
                         f'width="{num(GRID_CELL_WIDTH - 2)}" height="{num(GRID_ROW - 2)}" rx="2"/>'
                         f"{text}{tip}</g>")
    height = 22 + len(years) * GRID_ROW + 4
    return svg_root(chart_id, height, title, desc, "\n".join(parts), width=width)
