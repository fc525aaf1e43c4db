"""Contours of sub-trees: step functions of depth giving the leftmost (or rightmost) breadth taken.

A contour is a sorted list of non-overlapping (v0, v1, u) steps; gaps mean nothing is there.
"""

from collections.abc import Callable
from itertools import pairwise

Contour = list[tuple[float, float, float]]


def rect(v0: float, v1: float, u: float) -> Contour:
    """The contour of one rectangle side."""
    return [(v0, v1, u)]


def shift(contour: Contour, du: float) -> Contour:
    """The contour moved along the breadth."""
    return [(a, b, u + du) for a, b, u in contour]


def combine(a: Contour, b: Contour, pick: Callable[[float, float], float]) -> Contour:
    """Two contours in one: `pick` (min or max) where both have a step, the one there elsewhere."""
    if not a:
        return list(b)
    if not b:
        return list(a)
    cuts = sorted({v for s in a for v in s[:2]} | {v for s in b for v in s[:2]})
    out: Contour = []
    ia = ib = 0
    for lo, hi in pairwise(cuts):
        while ia < len(a) and a[ia][1] <= lo:
            ia += 1
        while ib < len(b) and b[ib][1] <= lo:
            ib += 1
        ua = a[ia][2] if ia < len(a) and a[ia][0] <= lo else None
        ub = b[ib][2] if ib < len(b) and b[ib][0] <= lo else None
        if ua is None and ub is None:
            continue
        u: float = ub if ua is None else ua if ub is None else pick(ua, ub)  # type: ignore[assignment]
        if out and out[-1][1] == lo and out[-1][2] == u:
            out[-1] = (out[-1][0], hi, u)
        else:
            out.append((lo, hi, u))
    return out


def separation(right: Contour, left: Contour) -> float | None:
    """How far `left` must move so that it lies right of `right` wherever both have steps."""
    need: float | None = None
    i = j = 0
    while i < len(right) and j < len(left):
        r0, r1, ru = right[i]
        l0, l1, lu = left[j]
        if min(r1, l1) > max(r0, l0):
            need = ru - lu if need is None else max(need, ru - lu)
        if r1 <= l1:
            i += 1
        else:
            j += 1
    return need


def extent(contour: Contour, pick: Callable[[list[float]], float]) -> float:
    """The extreme breadth of a contour (min or max)."""
    return pick([u for _, _, u in contour])


def bottom(contour: Contour) -> float:
    """The deepest point of a contour."""
    return max(v1 for _, v1, _ in contour)
