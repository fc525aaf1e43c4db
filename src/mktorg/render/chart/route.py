"""Dotted lines (虚线汇报) routed as orthogonal lines around boxes and frame labels (A* on a sparse grid).

Where no route exists (or the dotted superior is on another page), the report's box gets a marker
and the legend names the dotted superior.
"""

import heapq
import itertools
from collections.abc import Iterable

from mktorg.model.organization import Organization
from mktorg.render.chart.layout import Placed
from mktorg.render.chart.scene import Box, Connector, Frame, Rect, Style

MARGIN = 6.0
"""Clearance around boxes: more than half the gap between neighbouring boxes, so no line squeezes between them."""
BEND = 18.0
SHARED = 400.0
DETOUR = 3.0
"""A route longer than this many times the straight distance (plus some slack) is not clean."""
CROSS = 60.0
"""Cost of crossing a solid line; a route crossing more than `MAX_CROSSINGS` is not clean."""
MAX_CROSSINGS = 2
BORDER = 3.5
GAP = 5.0
"""Half the gap between neighbouring frames: where a dotted line may pass between them."""
"""A dotted line never runs along a frame border closer than this (it may cross one)."""
REGION = 80.0
STUB = 8.0
"""Clearance beyond MARGIN on a box side where a solid line enters it."""
MAX_OBSTACLES = 400
MARKS = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

Point = tuple[float, float]


def _ports(rect: Rect, tail: bool, entered: set[str]) -> list[tuple[str, Point, Point]]:
    """(side, point on the border, point outside) where a dotted line may start or end.

    On a side where a solid line enters the box, the point outside is beyond that line's stub, so
    that the dotted line leaves or reaches the box straight, not along its edge.
    """

    def out(side: str) -> float:
        return MARGIN + (STUB if side in entered else 0.0)

    cy = rect.cy
    ports = [
        ("left", (rect.x, cy), (rect.x - out("left"), cy)),
        ("right", (rect.right, cy), (rect.right + out("right"), cy)),
    ]
    x = rect.x + rect.w * 0.75
    if tail:
        ports.append(("bottom", (x, rect.bottom), (x, rect.bottom + out("bottom"))))
    else:
        ports.append(("top", (x, rect.y), (x, rect.y - out("top"))))
    return ports


def _grown(rect: Rect, entered: set[str]) -> Rect:
    """A box with the stub of each solid line entering it: no dotted line runs between a bus and a box."""
    x0 = rect.x - (STUB if "left" in entered else 0.0)
    y0 = rect.y - (STUB if "top" in entered else 0.0)
    x1 = rect.right + (STUB if "right" in entered else 0.0)
    y1 = rect.bottom + (STUB if "bottom" in entered else 0.0)
    return Rect(x0, y0, x1 - x0, y1 - y0)


class _Lines:
    """Segments already drawn, to keep a dotted line off them (sharing a segment is not a clean route)."""

    def __init__(self) -> None:
        self.h: dict[float, list[tuple[float, float]]] = {}
        self.v: dict[float, list[tuple[float, float]]] = {}

    def add(self, points: list[Point]) -> None:
        for (x0, y0), (x1, y1) in itertools.pairwise(points):
            if y0 == y1:
                self.h.setdefault(round(y0, 1), []).append((min(x0, x1), max(x0, x1)))
            else:
                self.v.setdefault(round(x0, 1), []).append((min(y0, y1), max(y0, y1)))

    def crossings(self, a: Point, b: Point) -> int:
        """How many drawn segments the segment a-b crosses at right angles (away from their ends)."""
        if a[1] == b[1]:
            y, lo, hi = a[1], min(a[0], b[0]), max(a[0], b[0])
            return sum(1 for x, runs in self.v.items() if lo < x < hi for r0, r1 in runs if r0 + 0.5 < y < r1 - 0.5)
        x, lo, hi = a[0], min(a[1], b[1]), max(a[1], b[1])
        return sum(1 for y, runs in self.h.items() if lo < y < hi for r0, r1 in runs if r0 + 0.5 < x < r1 - 0.5)

    def shared(self, a: Point, b: Point) -> bool:
        if a[1] == b[1]:
            runs, lo, hi = self.h.get(round(a[1], 1), []), min(a[0], b[0]), max(a[0], b[0])
        else:
            runs, lo, hi = self.v.get(round(a[0], 1), []), min(a[1], b[1]), max(a[1], b[1])
        return any(min(hi, r1) - max(lo, r0) > 1.0 for r0, r1 in runs)


class _Grid:
    def __init__(self, obstacles: list[Rect], points: list[Point], lines: "_Lines", borders: list[Rect]) -> None:
        self.lines = lines
        m = MARGIN
        self.blocks = [(r.x - m, r.y - m, r.right + m, r.bottom + m) for r in obstacles]
        self.borders = borders
        xs = {p[0] for p in points} | {v for b in self.blocks for v in (b[0], b[2])}
        ys = {p[1] for p in points} | {v for b in self.blocks for v in (b[1], b[3])}
        xs |= {v for f in borders for v in (f.x - GAP, f.right + GAP)}
        ys |= {v for f in borders for v in (f.y - GAP, f.bottom + GAP)}
        self.xs, self.ys = sorted(xs), sorted(ys)
        self.ix = {x: i for i, x in enumerate(self.xs)}
        self.iy = {y: i for i, y in enumerate(self.ys)}
        self.cache: dict[tuple[float, float], bool] = {}

    def free(self, x: float, y: float) -> bool:
        key = (x, y)
        if key not in self.cache:
            self.cache[key] = not any(b[0] < x < b[2] and b[1] < y < b[3] for b in self.blocks)
        return self.cache[key]

    def along_border(self, a: Point, b: Point) -> bool:
        """Whether the segment a-b runs along a frame border (parallel and closer than BORDER)."""
        return _along(self.borders, a, b)

    def search(self, starts: list[Point], goals: dict[Point, int]) -> list[Point] | None:
        """The cheapest orthogonal path from any start to any goal (length plus a cost per bend)."""
        gx = [p[0] for p in goals]
        gy = [p[1] for p in goals]

        def h(x: float, y: float) -> float:
            return min(abs(x - a) + abs(y - b) for a, b in zip(gx, gy, strict=True))

        counter = itertools.count()
        heap: list[tuple[float, float, int, int, int, int, tuple]] = []  # type: ignore[type-arg]
        best: dict[tuple[int, int, int], float] = {}
        for x, y in starts:
            i, j = self.ix[x], self.iy[y]
            heapq.heappush(heap, (h(x, y), 0.0, next(counter), i, j, -1, ((x, y),)))
        while heap:
            _, cost, _, i, j, heading, path = heapq.heappop(heap)
            x, y = self.xs[i], self.ys[j]
            if (x, y) in goals:
                return list(path)
            state = (i, j, heading)
            if best.get(state, float("inf")) <= cost:
                continue
            best[state] = cost
            for d, (di, dj) in enumerate(((1, 0), (-1, 0), (0, 1), (0, -1))):
                ni, nj = i + di, j + dj
                if not (0 <= ni < len(self.xs) and 0 <= nj < len(self.ys)):
                    continue
                nx, ny = self.xs[ni], self.ys[nj]
                if not self.free((x + nx) / 2, (y + ny) / 2) or (not self.free(nx, ny) and (nx, ny) not in goals):
                    continue
                if self.along_border((x, y), (nx, ny)):
                    continue
                step = abs(nx - x) + abs(ny - y) + (BEND if heading not in (-1, d) else 0.0)
                step += CROSS * self.lines.crossings((x, y), (nx, ny))
                step += CROSS * _enters(self.borders, (x, y), (nx, ny))
                if self.lines.shared((x, y), (nx, ny)):
                    step += SHARED + 4 * (abs(nx - x) + abs(ny - y))
                new = cost + step
                if best.get((ni, nj, d), float("inf")) <= new:
                    continue
                heapq.heappush(heap, (new + h(nx, ny), new, next(counter), ni, nj, d, (*path, (nx, ny))))
        return None


def _simplify(points: list[Point]) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if out and p == out[-1]:
            continue
        if len(out) >= 2 and (out[-2][0] == out[-1][0] == p[0] or out[-2][1] == out[-1][1] == p[1]):
            out[-1] = p
        else:
            out.append(p)
    return out


def _along(borders: list[Rect], a: Point, b: Point) -> bool:
    if a[1] == b[1]:
        lo, hi = min(a[0], b[0]), max(a[0], b[0])
        return any(
            min(hi, f.right) - max(lo, f.x) > 1.0 and min(abs(a[1] - f.y), abs(a[1] - f.bottom)) < BORDER
            for f in borders
        )
    lo, hi = min(a[1], b[1]), max(a[1], b[1])
    return any(
        min(hi, f.bottom) - max(lo, f.y) > 1.0 and min(abs(a[0] - f.x), abs(a[0] - f.right)) < BORDER for f in borders
    )


def _enters(borders: list[Rect], a: Point, b: Point) -> int:
    """How many frame borders the segment a-b crosses."""
    n = 0
    for f in borders:
        if a[1] == b[1]:
            if f.y < a[1] < f.bottom:
                n += sum(1 for edge in (f.x, f.right) if min(a[0], b[0]) < edge < max(a[0], b[0]))
        elif f.x < a[0] < f.right:
            n += sum(1 for edge in (f.y, f.bottom) if min(a[1], b[1]) < edge < max(a[1], b[1]))
    return n


def _band(frame: Frame) -> Rect:
    """A frame's label band: its name and its count, and the space between them (a line through
    the band would run between the name and the count)."""
    label, note = frame.label_rect, frame.note_rect
    if note is None:
        return label
    x0, y0 = min(label.x, note.x), min(label.y, note.y)
    x1, y1 = max(label.right, note.right), max(label.bottom, note.bottom)
    return Rect(x0, y0, x1 - x0, y1 - y0)


def _holds(frame: Rect, box: Rect) -> bool:
    return frame.x <= box.x and box.right <= frame.right and frame.y <= box.y and box.bottom <= frame.bottom


def _overlaps(a: Rect, x0: float, y0: float, x1: float, y1: float) -> bool:
    return a.x < x1 and a.right > x0 and a.y < y1 and a.bottom > y0


def route(
    placed: Placed, boss: Box, report: Box, lines: _Lines, strict: bool = True
) -> tuple[list[Point], str, str] | None:
    """An orthogonal route from `boss` to `report` that crosses no box and no frame label.

    `strict` (dotted lines, which otherwise get a marker): it crosses at most MAX_CROSSINGS solid
    lines and no frame that holds neither box."""
    x0 = min(boss.rect.x, report.rect.x) - REGION
    y0 = min(boss.rect.y, report.rect.y) - REGION
    x1 = max(boss.rect.right, report.rect.right) + REGION
    y1 = max(boss.rect.bottom, report.rect.bottom) + REGION
    entered: dict[str, set[str]] = {}
    for conn in placed.connectors:
        if not conn.dotted:
            entered.setdefault(conn.head, set()).add(conn.head_side)
            entered.setdefault(conn.tail, set()).add(conn.tail_side)
    obstacles = [_grown(b.rect, entered.get(b.id, set())) for b in placed.boxes if _overlaps(b.rect, x0, y0, x1, y1)]
    obstacles += [r for r in (_band(f) for f in placed.frames) if _overlaps(r, x0, y0, x1, y1)]
    if len(obstacles) > MAX_OBSTACLES:
        return None
    tails = _ports(boss.rect, True, entered.get(boss.id, set()))
    heads = _ports(report.rect, False, entered.get(report.id, set()))
    borders = [f.rect for f in placed.frames if _overlaps(f.rect, x0, y0, x1, y1)]
    grid = _Grid(obstacles, [p for _, _, p in tails + heads], lines, borders)
    goals = {exit_: i for i, (_, _, exit_) in enumerate(heads)}
    path = grid.search([exit_ for _, _, exit_ in tails], goals)
    if path is None:
        return None
    tail = next(t for t in tails if t[2] == path[0])
    head = heads[goals[path[-1]]]
    points = _simplify([tail[1], *path, head[1]])
    length = sum(abs(a[0] - b[0]) + abs(a[1] - b[1]) for a, b in itertools.pairwise(points))
    straight = abs(tail[1][0] - head[1][0]) + abs(tail[1][1] - head[1][1])
    segments = list(itertools.pairwise(points))
    if any(lines.shared(a, b) for a, b in segments) or length > DETOUR * straight + 120:
        return None
    if any(_along(borders, a, b) for a, b in segments):
        return None
    if not strict:
        return points, tail[0], head[0]
    if sum(lines.crossings(a, b) for a, b in segments) > MAX_CROSSINGS:
        return None
    between = sum(1 for f in borders if _holds(f, boss.rect) != _holds(f, report.rect))
    if sum(_enters(borders, a, b) for a, b in segments) > between:  # through a frame it has no business in
        return None
    return points, tail[0], head[0]


def mark(index: int) -> str:
    """The marker of the index-th dotted line drawn as a marker: ①, ②, …"""
    return MARKS[index] if index < len(MARKS) else f"*{index + 1}"


def route_dotted(
    org: Organization, placed: Placed, skip: set[tuple[str, str]] | None = None
) -> tuple[list[Connector], list[tuple[str, str]]]:
    """Dashed connectors for the dotted lines on this page, and (boss, report) of those not drawn.

    Pairs in `skip` are already markers: they are neither drawn nor returned.
    """
    boxes = {b.id: b for b in placed.boxes if b.kind == "role"}
    if not any(org.roles[r].dotted() for r in boxes):
        return [], []
    lines = _Lines()
    for conn in placed.connectors:
        lines.add(conn.points)
    connectors: list[Connector] = []
    missed: list[tuple[str, str]] = []
    for report_id in sorted(boxes, key=org.role_sort_key):
        for boss_id in org.roles[report_id].dotted():
            if boss_id not in org.roles or boss_id == report_id or boss_id == org.roles[report_id].reports_to:
                continue
            if (boss_id, report_id) in (skip or set()):
                continue
            found = route(placed, boxes[boss_id], boxes[report_id], lines) if boss_id in boxes else None
            if found is None:
                missed.append((boss_id, report_id))
                continue
            points, tail_side, head_side = found
            lines.add(points)
            connectors.append(Connector(boss_id, report_id, points, True, tail_side, head_side, "#c55a11", 1.1))
    return connectors, missed


def route_lines(placed: Placed, pairs: Iterable[tuple[str, str]], kind: str, style: Style) -> list[Connector]:
    """Lines between boxes of one kind on this page, routed like dotted lines and drawn in `style`
    (`chart --diff`: the reporting lines that were replaced). A pair without a clean route is left out."""
    boxes = {b.id: b for b in placed.boxes if b.kind == kind}
    lines = _Lines()
    for conn in placed.connectors:
        lines.add(conn.points)
    out: list[Connector] = []
    for boss, report in sorted(pairs):
        if boss not in boxes or report not in boxes or boss == report:
            continue
        found = route(placed, boxes[boss], boxes[report], lines, strict=False)
        if found is None:
            continue
        points, tail_side, head_side = found
        lines.add(points)
        out.append(Connector(boss, report, points, True, tail_side, head_side, style.border, style.width, style.dash))
    return out
