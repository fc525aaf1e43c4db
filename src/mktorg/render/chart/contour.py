"""Contours of sub-trees: step functions of depth giving the leftmost (or rightmost) breadth taken.

A contour is a list of non-overlapping (v0, v1, u) steps sorted by depth; gaps mean nothing is
there. It is kept deepest step first, with breadths relative to an offset, so that the operations
of a tidy-tree layout cost what they touch, not the size of the contour (Reingold–Tilford): moving
a contour changes its offset, putting a parent's box on top of its children's contour appends a
step, and merging two contours rewrites only the steps of the shallower one and the steps of the
deeper one beside them. A chain of n levels is laid out in O(n), not O(n²).

`combine` and `shift` take their arguments over (they may change them): a contour passed to them
is not used again.
"""

from collections.abc import Callable
from itertools import pairwise

Step = tuple[float, float, float]
Pick = Callable[[float, float], float]


class Contour:
    """One side of a sub-tree: `pick` is min for a left side, max for a right side."""

    __slots__ = ("extreme", "off", "pick", "steps")

    def __init__(self, pick: Pick, steps: list[Step] | None = None, off: float = 0.0) -> None:
        self.pick = pick
        self.steps: list[Step] = steps if steps is not None else []
        """Deepest first; breadths relative to `off`."""
        self.off = off
        self.extreme = 0.0
        """The picked breadth over all steps, relative to `off` (meaningless when empty)."""
        for i, (_, _, u) in enumerate(self.steps):
            self.extreme = u if i == 0 else pick(self.extreme, u)

    def __bool__(self) -> bool:
        return bool(self.steps)

    def top_down(self) -> list[Step]:
        """The steps from the top, with absolute breadths."""
        off = self.off
        return [(a, b, u + off) for a, b, u in reversed(self.steps)]

    @property
    def top(self) -> float:
        return self.steps[-1][0]

    @property
    def bottom(self) -> float:
        return self.steps[0][1]


def rect(v0: float, v1: float, u: float, pick: Pick) -> Contour:
    """The contour of one rectangle side."""
    return Contour(pick, [(v0, v1, u)])


def shift(contour: Contour, du: float) -> Contour:
    """The contour moved along the breadth (in place)."""
    contour.off += du
    return contour


def _covers(a: Contour, b: Contour) -> bool:
    """Whether `a` is one step over the whole depth of `b` and beyond every breadth of `b`."""
    if len(a.steps) != 1:
        return False
    v0, v1, u = a.steps[0]
    u += a.off
    far = b.extreme + b.off
    return v0 <= b.top and b.bottom <= v1 and a.pick(u, far) == u


def combine(a: Contour, b: Contour) -> Contour:
    """Two contours of one side in one: the picked breadth where both have a step, the one there
    elsewhere. Costs the steps of the shallower contour and those of the deeper one beside them."""
    if not a:
        return b
    if not b:
        return a
    if _covers(a, b):
        return a
    if _covers(b, a):
        return b
    deep, shallow = (a, b) if a.bottom >= b.bottom else (b, a)
    cut = shallow.bottom
    pick = deep.pick
    popped: list[Step] = []
    steps, off = deep.steps, deep.off
    while steps and steps[-1][0] < cut:
        v0, v1, u = steps.pop()
        if v1 > cut:
            steps.append((cut, v1, u))
            v1 = cut
        popped.append((v0, v1, u + off))
    merged = _merge(popped, shallow.top_down(), pick)
    steps.extend((v0, v1, u - off) for v0, v1, u in reversed(merged))
    deep.extreme = pick(deep.extreme, shallow.extreme + shallow.off - off)
    return deep


def _merge(a: list[Step], b: list[Step], pick: Pick) -> list[Step]:
    """Two step lists from the top, with absolute breadths, in one."""
    if not a:
        return b
    if not b:
        return a
    cuts = sorted({v for s in a for v in s[:2]} | {v for s in b for v in s[:2]})
    out: list[Step] = []
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
    """How far `left` must move so that it lies right of `right` wherever both have steps.

    Walks both from the top and stops where the shallower one ends."""
    need: float | None = None
    rs, ls = right.steps, left.steps
    i, j = len(rs) - 1, len(ls) - 1
    shift_by = right.off - left.off
    while i >= 0 and j >= 0:
        r0, r1, ru = rs[i]
        l0, l1, lu = ls[j]
        if min(r1, l1) > max(r0, l0):
            gap = ru - lu + shift_by
            need = gap if need is None else max(need, gap)
        if r1 <= l1:
            i -= 1
        else:
            j -= 1
    return need


def extent(contour: Contour) -> float:
    """The extreme breadth of a contour (the least of a left side, the greatest of a right side)."""
    return contour.extreme + contour.off


def bottom(contour: Contour) -> float:
    """The deepest point of a contour."""
    return contour.bottom
