"""The analytics charts, drawn with matplotlib on a Figure the caller owns (the window's canvas,
Agg for PNG, SVG and PDF), so the screen and the exports show the same picture.

Colours are the Okabe-Ito palette, told apart by colour-blind readers; each bucket also has
its own hatching and the amounts are written on the chart. Amounts become floats here only,
for drawing: every figure shown as text is formatted from the Decimal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from babel.dates import format_date as babel_date
from babel.numbers import format_compact_currency

from app.domain.insight.forecast import CurrencyForecast
from app.i18n import _, babel_locale
from app.services.analytics.aging_view import (
    DUE_DATE,
    AgingChart,
    basis_title,
    bucket_title,
    overdue_of,
)
from app.services.analytics.service import TrendPoint

PALETTE = ("#009E73", "#56B4E9", "#E69F00", "#D55E00", "#CC79A7", "#0072B2", "#F0E442", "#000000")
# on a dark background: the same hues, the blue lifted and black turned to light grey
DARK_PALETTE = (
    "#009E73",
    "#56B4E9",
    "#E69F00",
    "#D55E00",
    "#CC79A7",
    "#3A9AD9",
    "#F0E442",
    "#D0D3D4",
)
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo", "--")
INK = "#2c3e50"
GRID = "#d5d8dc"
LABEL_CHARS = 26


@dataclass(frozen=True)
class ChartInk:
    """The colours a chart is drawn with: background, text and axes, grid lines, series."""

    face: str = "#ffffff"
    ink: str = INK
    grid: str = GRID
    palette: tuple[str, ...] = PALETTE

    def series(self, index: int) -> str:
        return self.palette[index % len(self.palette)]


PRINT_INK = ChartInk()  # files and exports: always on white paper


def ink_for(face: str, text: str, is_dark: bool) -> ChartInk:
    """The chart's colours on a window of background `face` and text colour `text`."""
    if is_dark:
        return ChartInk(face, text, "#4a4d52", DARK_PALETTE)
    return ChartInk(face, text, GRID, PALETTE)


@dataclass(frozen=True)
class BarTarget:
    """What a bar segment stands for: a bucket, for one client or (None) for everyone."""

    bucket: int
    client_code: str | None


def chart_value(amount: Decimal) -> float:
    """The only conversion of money to float: a bar's length on the chart."""
    return float(amount)  # drawing only: the chart's scale, never shown as money


def compact(amount: Decimal, currency: str) -> str:
    """'1,2 M€' / '€1.2M': short amounts for axes and bar labels."""
    return format_compact_currency(amount, currency, locale=babel_locale(), fraction_digits=1)


def _style(ax: Any, ink: ChartInk) -> None:
    ax.set_facecolor(ink.face)
    ax.spines[["top", "right"]].set_visible(False)
    for spine in ax.spines.values():
        spine.set_color(ink.ink)
    ax.tick_params(colors=ink.ink, labelsize=8)
    ax.title.set_color(ink.ink)


def _start(figure: Any, ink: ChartInk) -> None:
    figure.clear()
    figure.set_facecolor(ink.face)
    figure.set_layout_engine("constrained")


def _money_axis(axis: Any, currency: str) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: compact(Decimal(str(v)), currency)))


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def draw_aging(figure: Any, chart: AgingChart, ink: ChartInk = PRINT_INK) -> dict[Any, BarTarget]:
    """Overall amount per bucket on the left, the clients most overdue stacked on the right.

    Returns each bar patch with the cell it stands for, so a click can open those invoices.
    """
    _start(figure, ink)
    targets: dict[Any, BarTarget] = {}
    currency = chart.currency or ""
    titles = [bucket_title(b, chart.basis) for b in chart.buckets]
    if chart.totals is None:
        ax = figure.add_subplot(1, 1, 1)
        ax.axis("off")
        ax.text(
            0.5,
            0.5,
            _("Nothing is owed on this date."),
            ha="center",
            va="center",
            color=ink.ink,
            fontsize=11,
        )
        return targets
    grid = figure.add_gridspec(1, 2, width_ratios=(2, 3))
    overall = figure.add_subplot(grid[0, 0])
    clients = figure.add_subplot(grid[0, 1])
    amounts = [chart.totals.buckets[b] for b in chart.buckets]
    positions = range(len(amounts))
    bars = overall.bar(
        positions,
        [chart_value(a) for a in amounts],
        color=[ink.series(i) for i in positions],
        hatch=None,
        edgecolor=ink.face,
        linewidth=0.8,
    )
    for index, (bar, amount) in enumerate(zip(bars, amounts, strict=True)):
        bar.set_hatch(HATCHES[index % len(HATCHES)])
        bar.set_picker(True)
        targets[bar] = BarTarget(index, None)
        overall.annotate(
            compact(amount, currency),
            (bar.get_x() + bar.get_width() / 2, max(bar.get_height(), 0)),
            ha="center",
            va="bottom",
            fontsize=7,
            color=ink.ink,
            xytext=(0, 2),
            textcoords="offset points",
        )
    overall.set_xticks(list(positions), titles, rotation=30, ha="right")
    overall.set_title(
        _("All clients ({basis})").format(basis=basis_title(chart.basis)), fontsize=9, loc="left"
    )
    _money_axis(overall.yaxis, currency)
    overall.grid(axis="y", color=ink.grid, linewidth=0.6)
    overall.set_axisbelow(True)
    _style(overall, ink)
    _draw_clients(clients, chart, targets, ink)
    handles = [
        _legend_patch(ink.series(i), HATCHES[i % len(HATCHES)], title, ink.face)
        for i, title in enumerate(titles)
    ]
    figure.legend(
        handles=handles,
        loc="outside lower center",
        ncol=min(len(handles), 6),
        fontsize=8,
        frameon=False,
        labelcolor=ink.ink,
    )
    return targets


def _legend_patch(colour: str, hatch: str, label: str, edge: str) -> Any:
    from matplotlib.patches import Patch

    return Patch(facecolor=colour, hatch=hatch, edgecolor=edge, label=label)


def _draw_clients(ax: Any, chart: AgingChart, targets: dict[Any, BarTarget], ink: ChartInk) -> None:
    """Oldest bucket against the axis, so that the overdue parts line up and compare; the
    label is the overdue amount the clients are ranked by."""
    currency = chart.currency or ""
    rows = list(reversed(chart.top))
    by_due_date = chart.basis == DUE_DATE
    ax.set_title(
        _("Clients most overdue") if by_due_date else _("Oldest balances"), fontsize=9, loc="left"
    )
    _style(ax, ink)
    if not rows:
        ax.text(
            0.5,
            0.5,
            _("No client is late.") if by_due_date else _("No old balance."),
            ha="center",
            va="center",
            transform=ax.transAxes,
            color=ink.ink,
        )
        ax.set_yticks([])
        return
    left = [0.0] * len(rows)
    for index in reversed(range(len(chart.buckets))):
        bucket = chart.buckets[index]
        widths = [chart_value(max(r.buckets[bucket], Decimal(0))) for r in rows]
        bars = ax.barh(
            range(len(rows)),
            widths,
            left=left,
            color=ink.series(index),
            hatch=HATCHES[index % len(HATCHES)],
            edgecolor=ink.face,
            linewidth=0.6,
            height=0.7,
        )
        for bar, row in zip(bars, rows, strict=True):
            if row.buckets[bucket]:
                bar.set_picker(True)
                targets[bar] = BarTarget(index, row.client_code)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for y, row in enumerate(rows):
        amount = compact(overdue_of(row), currency)
        label = _("{amount} overdue").format(amount=amount) if by_due_date else amount
        ax.annotate(
            label,
            (left[y], y),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
            fontsize=7,
            color=ink.ink,
        )
    ax.set_yticks(range(len(rows)), [_short(r.client_name) for r in rows], fontsize=7)
    _money_axis(ax.xaxis, currency)
    ax.grid(axis="x", color=ink.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    ax.margins(x=0.15)


def _month(day: date) -> str:
    return babel_date(day, "MMM yy", locale=babel_locale())


def draw_trend(
    figure: Any, points: Sequence[TrendPoint], currency: str, ink: ChartInk = PRINT_INK
) -> None:
    """Overdue amount at each month end (bars) against the total receivable (line)."""
    _start(figure, ink)
    ax = figure.add_subplot(1, 1, 1)
    _style(ax, ink)
    if not points:
        ax.axis("off")
        return
    x = range(len(points))
    labels = [_month(p.day) for p in points[:-1]] + [_("today")]
    ax.bar(
        x,
        [chart_value(p.overdue) for p in points],
        color=ink.series(3),
        hatch="//",
        edgecolor=ink.face,
        linewidth=0.6,
        label=_("Overdue"),
    )
    ax.plot(
        x,
        [chart_value(p.receivable) for p in points],
        color=ink.series(5),
        marker="o",
        markersize=3,
        linewidth=1.5,
        label=_("Total receivable"),
    )
    ax.set_xticks(list(x), labels, rotation=45, ha="right", fontsize=7)
    _money_axis(ax.yaxis, currency)
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", color=ink.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    figure.legend(fontsize=7, frameon=False, loc="outside upper center", ncol=2, labelcolor=ink.ink)


def draw_forecast(
    figure: Any, forecast: CurrencyForecast | None, currency: str, ink: ChartInk = PRINT_INK
) -> None:
    """Expected cash per week (bars) and the running total with its optimistic/pessimistic
    band on the right-hand scale."""
    _start(figure, ink)
    ax = figure.add_subplot(1, 1, 1)
    _style(ax, ink)
    if forecast is None or not forecast.weeks:
        ax.axis("off")
        ax.text(0.5, 0.5, _("No cash expected."), ha="center", va="center", color=ink.ink)
        return
    x = list(range(len(forecast.weeks)))
    ax.bar(
        x,
        [chart_value(w.expected) for w in forecast.weeks],
        color=ink.series(1),
        edgecolor=ink.face,
        label=_("Expected in the week"),
    )
    running = forecast.cumulative()
    total = ax.twinx()
    _style(total, ink)
    total.spines[["right"]].set_visible(True)
    total.fill_between(
        x,
        [chart_value(b.pessimistic) for b in running],
        [chart_value(b.optimistic) for b in running],
        color=ink.series(2),
        alpha=0.25,
        hatch="..",
        edgecolor=ink.series(2),
        linewidth=0,
        label=_("Pessimistic – optimistic"),
    )
    total.plot(
        x,
        [chart_value(b.expected) for b in running],
        color=ink.series(3),
        marker="o",
        markersize=3,
        linewidth=1.5,
        label=_("Running total"),
    )
    total.set_ylim(bottom=0)
    ax.set_ylim(bottom=0)
    ax.set_xticks(
        x,
        [babel_date(w.week_start, "d MMM", locale=babel_locale()) for w in forecast.weeks],
        rotation=45,
        ha="right",
        fontsize=7,
    )
    _money_axis(ax.yaxis, currency)
    _money_axis(total.yaxis, currency)
    ax.grid(axis="y", color=ink.grid, linewidth=0.6)
    ax.set_axisbelow(True)
    lines, labels = [], []
    for axis in (ax, total):
        h, lab = axis.get_legend_handles_labels()
        lines += h
        labels += lab
    figure.legend(
        lines,
        labels,
        fontsize=7,
        frameon=False,
        loc="outside upper center",
        ncol=3,
        labelcolor=ink.ink,
    )


def new_figure(width: float, height: float, dpi: int = 100) -> Any:
    """A figure not tied to any window (pyplot is never used: no global state)."""
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=dpi, facecolor="white")


def save_figure(figure: Any, path: Any, fmt: str, dpi: int = 150) -> None:
    """PNG or SVG through the Agg canvas, whatever canvas the figure is shown on."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    figure.savefig(path, format=fmt, dpi=dpi, facecolor="white", bbox_inches="tight")
