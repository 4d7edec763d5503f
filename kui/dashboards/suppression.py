"""Small-count suppression: steering figures must never single out a youth.

Rules, the same on pages, charts, CSV, XLSX and PDF (they all render cells
made here):
1. A count of 1–4 is shown as "<5" (0 is shown: it names nobody).
2. Where a hidden count could be worked out from others — a total minus the
   visible groups, completed minus its outcomes, a quarter minus its months —
   the smallest other figure in that sum is hidden too and shown as "≥5",
   until no sum has exactly one unknown.
3. A share or median resting on fewer than 5 youths is not shown ("–"), nor is
   a share that counts 1–4 youths (it would give the small count away).
A cell carries its publishable value; a hidden cell carries none, so a chart
or export cannot leak what the page hides.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext

LIMIT = 5
SHOWN, SMALL, HIDDEN, WITHHELD, EMPTY, UNSEEN = "shown", "small", "hidden", "withheld", "empty", "unseen"
TEXT = {SMALL: "<5", HIDDEN: "≥5", WITHHELD: "–", EMPTY: "–"}


@dataclass(frozen=True)
class Cell:
    value: float | int | None  # the publishable number; None unless shown
    text: str
    state: str = SHOWN
    unit: str = "count"  # count, share (percent), days, points (a change of a share)

    @property
    def shown(self) -> bool:
        return self.state == SHOWN


def protect(
    counts: dict[Hashable, int], sums: Iterable[tuple[Hashable, list[Hashable]]], unseen: Iterable[Hashable] = ()
) -> dict[Hashable, str]:
    """The state of each count: SMALL for 1–4, HIDDEN where a small count
    could otherwise be worked out of a sum (`total = sum(parts)`), else SHOWN.

    `unseen` counts are never displayed (e.g. the months of a period missing
    from the trend): unknown to the reader from the start, they only need
    protecting when they are small themselves."""
    unseen = set(unseen)
    state = {
        position: SMALL if 0 < (count or 0) < LIMIT else (UNSEEN if position in unseen else SHOWN)
        for position, count in counts.items()
    }
    equations = [[total, *parts] for total, parts in sums if total in state and all(p in state for p in parts)]
    changed = True
    while changed:
        changed = False
        for members in equations:
            unknown = [position for position in members if state[position] != SHOWN]
            if len(unknown) != 1 or state[unknown[0]] == UNSEEN:
                continue
            candidates = [
                position
                for position in members
                if state[position] == SHOWN and counts[position] and position not in unseen
            ]
            if candidates:
                state[min(candidates, key=lambda position: (counts[position], str(position)))] = HIDDEN
                changed = True
    return state


def number(value: float, decimals: int = 0) -> str:
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def days_text(value: float) -> str:
    return number(value, 0 if float(value).is_integer() else 1)


def count_cell(count: int | None, state: str = SHOWN) -> Cell:
    if count is None:
        return Cell(None, TEXT[EMPTY], EMPTY)
    if state == SHOWN and 0 < count < LIMIT:
        state = SMALL  # never trust a caller with a small count
    if state != SHOWN:
        return Cell(None, TEXT[state], state)
    return Cell(int(count), number(count), SHOWN)


def share_cell(value: float | None, base: int, count: int | None) -> Cell:
    if value is None:
        return Cell(None, TEXT[EMPTY], EMPTY, "share")
    if base < LIMIT or (count is not None and 0 < count < LIMIT):
        return Cell(None, TEXT[WITHHELD], WITHHELD, "share")
    return Cell(round(value), f"{number(round(value))} %", SHOWN, "share")


def median_cell(value: float | None, base: int) -> Cell:
    if value is None:
        return Cell(None, TEXT[EMPTY], EMPTY, "days")
    if base < LIMIT:
        return Cell(None, TEXT[WITHHELD], WITHHELD, "days")
    shown = round(value, 1)
    return Cell(shown, days_text(shown), SHOWN, "days")


def change_cell(now: Cell, before: Cell) -> Cell:
    """This period against the previous: only when both are shown."""
    if not (now.shown and before.shown):
        return Cell(None, TEXT[EMPTY], EMPTY, now.unit)
    difference = round(now.value - before.value, 1)
    sign = "+" if difference > 0 else ("−" if difference < 0 else "±")
    text = f"{sign}{days_text(abs(difference))}"
    if now.unit == "share":
        return Cell(difference, gettext("%(change)s percentage points") % {"change": text}, SHOWN, "points")
    return Cell(difference, text, SHOWN, now.unit)
