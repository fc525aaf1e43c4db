"""Structural checks of a chart SVG drawn by Graphviz: boxes, orthogonal connectors, no overlaps."""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "{http://www.w3.org/2000/svg}"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@dataclass
class Box:
    id: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Edge:
    tail: str
    head: str
    points: list[tuple[float, float]]
    curves: list[list[tuple[float, float]]]
    dashed: bool


def _pairs(text: str) -> list[tuple[float, float]]:
    values = [float(v) for v in NUMBER.findall(text)]
    return list(zip(values[::2], values[1::2], strict=True))


def _shape_points(group: ET.Element) -> list[tuple[float, float]]:
    for child in group.iter():
        if child.tag == f"{SVG}path":
            return _pairs(child.get("d", ""))
        if child.tag == f"{SVG}polygon":
            return _pairs(child.get("points", ""))
    return []


def frames(svg: bytes) -> list[Box]:
    """The department frames (clusters other than the title, legend and page) of one SVG page."""
    out = []
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        title = group.find(f"{SVG}title")
        name = title.text if title is not None and title.text else ""
        if group.get("class") == "cluster" and name.startswith("cluster_") and not name.startswith("cluster__"):
            pts = _shape_points(group)
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            out.append(Box(name, min(xs), min(ys), max(xs), max(ys)))
    return out


def inside(inner: Box, outer: Box) -> bool:
    return outer.x0 <= inner.x0 and inner.x1 <= outer.x1 and outer.y0 <= inner.y0 and inner.y1 <= outer.y1


def disjoint(a: Box, b: Box) -> bool:
    return a.x1 <= b.x0 or b.x1 <= a.x0 or a.y1 <= b.y0 or b.y1 <= a.y0


def check_frames(svg: bytes, boxes: dict[str, Box]) -> None:
    """Frames nest or stay apart; a box is wholly inside a frame or wholly outside it."""
    found = frames(svg)
    for i, a in enumerate(found):
        for b in found[i + 1 :]:
            assert inside(a, b) or inside(b, a) or disjoint(a, b), f"frames {a.id} and {b.id} overlap"
        for box in boxes.values():
            assert inside(box, a) or disjoint(box, a), f"box {box.id} straddles frame {a.id}"


def parse(svg: bytes) -> tuple[dict[str, Box], list[Edge], list[str]]:
    """Boxes by id, edges, and the cluster titles of one SVG page."""
    root = ET.fromstring(svg)
    boxes: dict[str, Box] = {}
    edges: list[Edge] = []
    clusters: list[str] = []
    for group in root.iter(f"{SVG}g"):
        kind = group.get("class")
        title = group.find(f"{SVG}title")
        name = title.text if title is not None and title.text else ""
        if kind == "node":
            pts = _shape_points(group)
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            assert name not in boxes, f"two boxes titled {name}"
            boxes[name] = Box(name, min(xs), min(ys), max(xs), max(ys))
        elif kind == "edge":
            path = next(group.iter(f"{SVG}path"), None)
            assert path is not None, name
            d = path.get("d", "")
            assert d.startswith("M") and set(re.sub(r"[-\d.,\s]", "", d)) <= {"M", "C"}, d
            pts = _pairs(d)
            curves = [pts[i : i + 4] for i in range(0, len(pts) - 1, 3)]
            tail, head = name.split("->")
            edges.append(Edge(tail, head, pts, curves, bool(path.get("stroke-dasharray"))))
        elif kind == "cluster":
            clusters.append(name)
    return boxes, edges, clusters


def segments(edge: Edge) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The straight pieces of an edge; each Bézier piece must be a horizontal or vertical segment."""
    out = []
    for curve in edge.curves:
        xs = {round(p[0], 1) for p in curve}
        ys = {round(p[1], 1) for p in curve}
        assert len(xs) == 1 or len(ys) == 1, f"{edge.tail}->{edge.head} has a diagonal or curved piece {curve}"
        if curve[0] != curve[-1]:
            out.append((curve[0], curve[-1]))
    return out


def crosses(seg: tuple[tuple[float, float], tuple[float, float]], box: Box, inset: float = 1.0) -> bool:
    """Whether an axis-aligned segment passes through the inside of a box."""
    (x0, y0), (x1, y1) = seg
    lo_x, hi_x, lo_y, hi_y = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    return lo_x < box.x1 - inset and hi_x > box.x0 + inset and lo_y < box.y1 - inset and hi_y > box.y0 + inset


def check(svg: bytes) -> tuple[dict[str, Box], list[Edge], list[str]]:
    """Every structural rule of the chart issue, on one page."""
    boxes, edges, clusters = parse(svg)
    ordered = sorted(boxes.values(), key=lambda b: b.x0)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.x0 >= a.x1:
                break
            assert not (a.y0 < b.y1 and b.y0 < a.y1), f"boxes {a.id} and {b.id} overlap"
    for edge in edges:
        assert edge.tail in boxes and edge.head in boxes, edge
        for seg in segments(edge):
            for box in boxes.values():
                if box.id not in (edge.tail, edge.head):
                    assert not crosses(seg, box), f"{edge.tail}->{edge.head} crosses {box.id}"
    check_frames(svg, boxes)
    return boxes, edges, clusters


def children_in_rows(boxes: dict[str, Box], edges: list[Edge]) -> dict[str, list[str]]:
    """Children entered from the top (not stacked, not assistants) of each superior, left to right."""
    out: dict[str, list[str]] = {}
    for edge in edges:
        if edge.dashed:
            continue
        (xa, ya), (xb, yb) = edge.points[-2], edge.points[-1]
        if xa == xb and ya < yb:  # the last piece goes down into the top of the box
            out.setdefault(edge.tail, []).append(edge.head)
    return {k: sorted(v, key=lambda h: boxes[h].cx) for k, v in out.items()}
