"""Org-chart layout: a tidy tree with level-aligned rows, computed along breadth (u) and depth (v).

Sub-trees are packed left to right by their contours (Reingold–Tilford style, with boxes, stacked
teams, assistants and department frames in the contours), each parent centred over its first and
last child. Connectors are orthogonal: down from the parent, along a bus, down into the child.
`LR` is the same layout with box sizes swapped, then transposed.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field

from mktorg.render.chart import contour as ct
from mktorg.render.chart.boxes import Painter, Sized
from mktorg.render.chart.diff import FADED_INK, NEW_LINE, REMOVED, USED_NEW_LINE, USED_OLD_LINE
from mktorg.render.chart.metrics import text_width
from mktorg.render.chart.scene import Box, Connector, Frame, Line, Rect, Run, Style
from mktorg.render.chart.tree import Forest, FrameRef, Node

H_GAP = 10.0
FRAME_PAD = 6.0
STUB = 11.0
A_GAP = 8.0
A_STUB = 12.0
SPINE_GAP = 9.0
S_GAP = 7.0
ROOT_GAP = 28.0
STACK_ROWS = 5
LABEL = 9.0
COUNT = 8.0
LABEL_PITCH = 12.0
LABEL_MARGIN = 6.0


@dataclass
class Placed:
    """A laid-out chart in its own coordinates (points, y downwards, top-left at 0, 0)."""

    boxes: list[Box]
    connectors: list[Connector]
    frames: list[Frame]
    width: float
    height: float
    nodes: dict[str, Node] = field(default_factory=dict)


@dataclass
class _Shape:
    left: ct.Contour
    right: ct.Contour


class _Layout:
    def __init__(self, forest: Forest, sized: Sized, painter: Painter, lr: bool) -> None:
        self.forest, self.sized, self.painter, self.lr = forest, sized, painter, lr
        self.nodes = [n for root in forest.roots for n in root.walk()]
        self.bu = {d: (sized.height[d] if lr else sized.width[d]) for d in sized.width}
        self.bv = {d: (sized.width[d] if lr else sized.height[d]) for d in sized.width}
        self.labels: dict[FrameRef, tuple[Line, Line, float, float, float]] = {}
        self.rel: dict[Node, float] = {}
        self.vtop: dict[Node, float] = {}
        self.frame_rel: dict[FrameRef, tuple[float, float, float, float]] = {}
        self.parent: dict[Node, Node] = {}
        self.spines: dict[Node, list[float]] = {}
        self.shapes: dict[Node, _Shape] = {}
        """The shape of every sub-tree, made children first (`shape_all`) and taken by `pack`."""
        tree_parent: dict[Node, Node] = {}
        for node in self.nodes:
            for child in [*node.assistants, *node.children]:
                tree_parent[child] = node
        self.members: dict[FrameRef, list[Node]] = defaultdict(list)
        """The nodes a frame starts at: its opener and the siblings after it in the same frame."""
        for node in self.nodes:
            above = tree_parent.get(node)
            for ref in node.frames:
                if above is None or ref not in above.frames:
                    first = self.members[ref][0] if self.members[ref] else node
                    if tree_parent.get(first) is above:  # siblings only (a frame is one run of them)
                        self.members[ref].append(node)
        self.shared = {ref for ref, nodes in self.members.items() if len(nodes) > 1}

    def starts(self, node: Node) -> list[FrameRef]:
        """The frames that start at a node's row around it (shared ones included), outermost first."""
        return [ref for ref in node.frames if node in self.members[ref]]

    def band(self, ref: FrameRef) -> float:
        """Depth from the top of a frame to the top of the boxes it starts at (its label and inner labels)."""
        return max(
            sum(self.label(r)[4] + FRAME_PAD for r in m.frames[m.frames.index(ref) :]) for m in self.members[ref]
        )

    # --- depth (v) ---------------------------------------------------------------------------

    def label(self, ref: FrameRef) -> tuple[Line, Line, float, float, float]:
        """The frame label (name, and the count right-aligned), their breadths and the band's depth."""
        if ref not in self.labels:
            org, words = self.painter.org, self.painter.words
            dept = org.departments[ref.dept]
            ink = self.painter.theme.muted if dept.external else self.painter.theme.text
            marks = self.painter.options.marks
            removed = marks is not None and marks.status("department", ref.dept) == REMOVED
            name: Line = (Run(words.text(dept.name), LABEL, True, FADED_INK if removed else ink, removed),)
            count = words("diff_gone") if removed else self.painter.department_count(ref.dept)
            note: Line = (Run(count, COUNT, False, self.painter.theme.muted),) if count else ()
            name_w = text_width(name[0].text, LABEL, True)
            note_w = text_width(count, COUNT) if count else 0.0
            if self.lr:  # one label above the box: breadth is its height, depth its width
                if note:
                    name = (*name, Run("  " + count, COUNT, False, self.painter.theme.muted))
                width = name_w + (text_width("  " + count, COUNT) if count else 0.0)
                self.labels[ref] = (name, (), LABEL_PITCH, 0.0, width)
            else:
                self.labels[ref] = (name, note, name_w, note_w, LABEL_PITCH)
        return self.labels[ref]

    def rows(self) -> dict[int, float]:
        depth_of_end: dict[FrameRef, int] = defaultdict(int)
        for node in self.nodes:
            for ref in node.frames:
                depth_of_end[ref] = max(depth_of_end[ref], node.depth)
        top: dict[int, float] = defaultdict(float)
        below: dict[int, float] = defaultdict(float)
        assist: dict[int, float] = defaultdict(float)
        for node in self.nodes:
            d = node.depth
            top[d] = max(top[d], sum(self.label(r)[4] + FRAME_PAD for r in self.starts(node)))
            ending = sum(1 for r in node.frames if depth_of_end[r] == d)
            below[d] = max(below[d], ending * FRAME_PAD)
            if node.assistants:
                rows = math.ceil(len(node.assistants) / 2)
                assist[d] = max(assist[d], rows * (self.bv[d + 1] + A_GAP))
        self.below, self.assist = below, assist
        vtop: dict[int, float] = {}
        v = top[0]
        for d in range(max(self.bv, default=-1) + 1):
            vtop[d] = v
            v += self.bv[d] + below[d] + assist[d] + 2 * STUB + top[d + 1]
        return vtop

    def bus(self, depth: int) -> float:
        """Depth of the horizontal bus under the boxes of a row."""
        return self.row[depth] + self.bv[depth] + self.below[depth] + self.assist[depth] + STUB

    # --- breadth (u) -------------------------------------------------------------------------

    def shape_all(self) -> None:
        """The shape of every sub-tree, children before parents, without recursion (a reporting
        chain may be thousands of levels deep). Assistants and stacked reports are placed by their
        superior."""
        inline = {helper for node in self.nodes for helper in node.assistants}
        inline.update(child for node in self.nodes if node.stacked for child in node.children)
        for node in reversed(self.nodes):  # `nodes` is in pre-order
            if node not in inline:
                self.shapes[node] = self.place(node)

    def place(self, node: Node) -> _Shape:
        """A node's sub-tree around it: its box, assistants, reports (shaped already) and frames."""
        d = node.depth
        half = self.bu[d] / 2
        v0 = self.vtop[node] = self.row[d]
        left, right = ct.rect(v0, v0 + self.bv[d], -half, min), ct.rect(v0, v0 + self.bv[d], half, max)
        for i, helper in enumerate(node.assistants):
            self.parent[helper] = node
            side = 1 if i % 2 == 0 else -1
            a_half = self.bu[d + 1] / 2
            u = side * (A_STUB + a_half)
            av = v0 + self.bv[d] + self.below[d] + A_GAP / 2 + (i // 2) * (self.bv[d + 1] + A_GAP)
            self.rel[helper], self.vtop[helper] = u, av
            left = ct.combine(left, ct.rect(av, av + self.bv[d + 1], u - a_half, min))
            right = ct.combine(right, ct.rect(av, av + self.bv[d + 1], u + a_half, max))
        for child in node.children:
            self.parent[child] = node
        if node.stacked:
            left, right = self._stack(node, left, right)
        elif node.children:
            packed, offsets = self.pack(node.children, H_GAP, frozenset())
            mid = (offsets[0] + offsets[-1]) / 2
            for child, offset in zip(node.children, offsets, strict=True):
                self.rel[child] = offset - mid
            left = ct.combine(left, ct.shift(packed.left, -mid))
            right = ct.combine(right, ct.shift(packed.right, -mid))
        for ref in reversed(node.opens):
            if ref not in self.shared:
                left, right = self._frame(node, ref, left, right)
        return _Shape(left, right)

    def pack(self, nodes: list[Node], gap: float, handled: frozenset[FrameRef]) -> tuple[_Shape, list[float]]:
        """Siblings side by side, those sharing a frame packed inside it; offsets from the first."""
        units: list[tuple[_Shape, list[float]]] = []
        i = 0
        while i < len(nodes):
            node = nodes[i]
            ref = next((r for r in self.starts(node) if r in self.shared and r not in handled), None)
            if ref is None:
                units.append((self.shapes.pop(node), [0.0]))
                i += 1
                continue
            group = [node]
            while i + len(group) < len(nodes) and nodes[i + len(group)] in self.members[ref]:
                group.append(nodes[i + len(group)])
            inner, offsets = self.pack(group, gap, handled | {ref})
            left, right = self._frame(group[0], ref, inner.left, inner.right, offsets[-1])
            units.append((_Shape(left, right), offsets))
            i += len(group)
        out: list[float] = []
        acc_left, acc_right = units[0][0].left, units[0][0].right
        out += units[0][1]
        last = 0.0
        for shape, offsets in units[1:]:
            need = ct.separation(acc_right, shape.left)
            last = (need if need is not None else last) + gap
            out += [last + o for o in offsets]
            acc_left = ct.combine(acc_left, ct.shift(shape.left, last))
            acc_right = ct.combine(acc_right, ct.shift(shape.right, last))
        return _Shape(acc_left, acc_right), out

    def _stack(self, node: Node, left: ct.Contour, right: ct.Contour) -> tuple[ct.Contour, ct.Contour]:
        d = node.depth + 1
        kids = node.children
        pairs = math.ceil(len(kids) / (2 * STACK_ROWS))
        per_pair = math.ceil(len(kids) / pairs)
        half = self.bu[d] / 2
        pair_width = 2 * self.bu[d] + 2 * SPINE_GAP
        spines = [(j - (pairs - 1) / 2) * (pair_width + H_GAP) for j in range(pairs)]
        self.spines[node] = spines
        for i, child in enumerate(kids):
            j, k = divmod(i, per_pair)
            row, col = divmod(k, 2)
            u = spines[j] + (1 if col else -1) * (SPINE_GAP + half)
            v = self.row[d] + row * (self.bv[d] + S_GAP)
            self.rel[child], self.vtop[child] = u, v
            left = ct.combine(left, ct.rect(v, v + self.bv[d], u - half, min))
            right = ct.combine(right, ct.rect(v, v + self.bv[d], u + half, max))
        return left, right

    def _frame(
        self, node: Node, ref: FrameRef, left: ct.Contour, right: ct.Contour, last: float = 0.0
    ) -> tuple[ct.Contour, ct.Contour]:
        """A frame around `left`/`right`; `last` is the offset of its last member from its opener."""
        _, _, name_u, note_u, _ = self.label(ref)
        v0 = self.row[node.depth] - self.band(ref)
        if ref in self.forest.solo:  # around the boxes of its run of siblings, not what hangs below them
            half = self.bu[node.depth] / 2
            inner_left, inner_right = -half, last + half
            v1 = self.row[node.depth] + self.bv[node.depth] + FRAME_PAD
        else:
            inner_left, inner_right = ct.extent(left), ct.extent(right)
            v1 = ct.bottom(left) + FRAME_PAD
        u0 = min(inner_left - FRAME_PAD, -(FRAME_PAD + name_u + LABEL_MARGIN))
        u1 = max(inner_right + FRAME_PAD, last + FRAME_PAD + note_u + LABEL_MARGIN if note_u else 0.0)
        self.frame_rel[ref] = (u0, u1, v0, v1)
        return ct.combine(left, ct.rect(v0, v1, u0, min)), ct.combine(right, ct.rect(v0, v1, u1, max))

    # --- result ------------------------------------------------------------------------------

    def run(self) -> Placed:
        self.row = self.rows()
        self.shape_all()
        offsets = self.pack(self.forest.roots, ROOT_GAP, frozenset())[1] if self.forest.roots else []
        u_abs: dict[Node, float] = {}
        for root, offset in zip(self.forest.roots, offsets, strict=True):
            for node in root.walk():
                u_abs[node] = offset if node is root else u_abs[self.parent[node]] + self.rel[node]
        return self._draw(u_abs)

    def _rect(self, u0: float, v0: float, du: float, dv: float) -> Rect:
        return Rect(v0, u0, dv, du) if self.lr else Rect(u0, v0, du, dv)

    def _side(self, side: str) -> str:
        if not self.lr:
            return side
        return {"top": "left", "bottom": "right", "left": "top", "right": "bottom"}[side]

    def _draw(self, u_abs: dict[Node, float]) -> Placed:
        boxes: list[Box] = []
        by_node: dict[Node, Box] = {}
        for node in self.nodes:
            d = node.depth
            rect = self._rect(u_abs[node] - self.bu[d] / 2, self.vtop[node], self.bu[d], self.bv[d])
            box = Box(node.key, node.kind, rect, self.sized.lines[node], self.sized.styles[node])
            boxes.append(box)
            by_node[node] = box
        frames = self._frames(u_abs)
        connectors = [c for node in self.nodes for c in self._connectors(node, u_abs)]
        xs = [b.rect.x for b in boxes] + [f.rect.x for f in frames]
        ys = [b.rect.y for b in boxes] + [f.rect.y for f in frames]
        x0, y0 = (min(xs), min(ys)) if xs else (0.0, 0.0)
        for rect in [b.rect for b in boxes] + [f.rect for f in frames]:
            rect.x -= x0
            rect.y -= y0
        for frame in frames:
            for label in (frame.label_rect, frame.note_rect):
                if label is not None:
                    label.x -= x0
                    label.y -= y0
        for conn in connectors:
            conn.points = [(x - x0, y - y0) for x, y in conn.points]
        width = max([b.rect.right for b in boxes] + [f.rect.right for f in frames], default=0.0)
        height = max([b.rect.bottom for b in boxes] + [f.rect.bottom for f in frames], default=0.0)
        return Placed(boxes, connectors, frames, width, height, {n.id: n for n in self.nodes})

    def _frames(self, u_abs: dict[Node, float]) -> list[Frame]:
        frames = []
        openers = {n.id: n for n in self.nodes if n.opens}
        for node in self.nodes:
            for ref in node.opens:
                u0, u1, v0, v1 = self.frame_rel[ref]
                u = u_abs[openers[ref.opener]]
                line, note, name_u, note_u, lv = self.label(ref)
                rect = self._rect(u + u0, v0, u1 - u0, v1 - v0)
                label = self._rect(u + u0 + FRAME_PAD, v0 + FRAME_PAD / 2, name_u if not self.lr else LABEL_PITCH, lv)
                note_rect = self._rect(u + u1 - FRAME_PAD - note_u, v0 + FRAME_PAD / 2, note_u, lv) if note else None
                depth = self.painter.department_level(ref.dept)  # absolute: a page of a sub-tree shades alike
                dept = self.painter.org.departments[ref.dept]
                theme = self.painter.theme
                if dept.external:
                    style = Style("#fafafa", theme.external, "dashed", 0.8)
                else:
                    fill = self.painter.depth_fill(depth)
                    if self.painter.options.color_by == "level":
                        fill = "#fbfcfe"
                    style = Style(fill, theme.line if hasattr(theme, "line") else theme.primary, "solid", 0.8)
                    if self.painter.options.color_by == "depth":
                        self.painter.used.add(f"depth:{depth}")
                marks = self.painter.options.marks
                status = marks.status("department", ref.dept) if marks is not None else None
                if marks is not None and status is not None:
                    style = marks.frame(status, style)
                    self.painter.used.add("diff:" + status)
                frames.append(Frame(f"{ref.dept}@{ref.opener}", ref.dept, rect, line, label, style, note, note_rect))
        frames.sort(key=lambda f: f.rect.w * f.rect.h, reverse=True)
        return frames

    def _connectors(self, node: Node, u_abs: dict[Node, float]) -> list[Connector]:
        d = node.depth
        u = u_abs[node]
        bottom = self.vtop[node] + self.bv[d]
        color = self.painter.theme.line
        out = []

        marks = self.painter.options.marks

        def make(child: Node, points: list[tuple[float, float]], head_side: str) -> Connector:
            clean = [points[0]]
            for p in points[1:]:
                if p != clean[-1]:
                    clean.append(p)
            pts = [(b, a) for a, b in clean] if self.lr else clean
            conn = Connector(node.key, child.key, pts, False, self._side("bottom"), self._side(head_side), color)
            mark = marks.line(node.id, child.id, child.kind) if marks is not None else None
            if child.linked:
                conn.dash = "dashed"
                self.painter.used.add("context_link")
            else:
                self.painter.used.add("solid")
            if mark is not None:
                conn.color, conn.width, conn.dash = mark.border, mark.width, mark.dash
                self.painter.used.add(USED_NEW_LINE if mark is NEW_LINE else USED_OLD_LINE)
            return conn

        for i, helper in enumerate(node.assistants):
            side = 1 if i % 2 == 0 else -1
            hv = self.vtop[helper] + self.bv[d + 1] / 2
            edge = u_abs[helper] - side * self.bu[d + 1] / 2
            out.append(make(helper, [(u, bottom), (u, hv), (edge, hv)], "left" if side > 0 else "right"))
        if node.stacked:
            bus = self.bus(d)
            spines = self.spines[node]
            per_pair = math.ceil(len(node.children) / len(spines))
            for i, child in enumerate(node.children):
                spine = u + spines[i // per_pair]
                cv = self.vtop[child] + self.bv[d + 1] / 2
                right_col = u_abs[child] > spine
                edge = u_abs[child] + (-1 if right_col else 1) * self.bu[d + 1] / 2
                head = "left" if right_col else "right"
                if len(spines) == 1:
                    out.append(make(child, [(u, bottom), (u, cv), (edge, cv)], head))
                else:
                    out.append(make(child, [(u, bottom), (u, bus), (spine, bus), (spine, cv), (edge, cv)], head))
        else:
            bus = self.bus(d)
            for child in node.children:
                cu, top = u_abs[child], self.vtop[child]
                if abs(cu - u) < 0.01:
                    out.append(make(child, [(u, bottom), (u, top)], "top"))
                else:
                    out.append(make(child, [(u, bottom), (u, bus), (cu, bus), (cu, top)], "top"))
        return out


def lay_out(forest: Forest, sized: Sized, painter: Painter, lr: bool = False) -> Placed:
    """Positions of every box, frame and solid connector."""
    return _Layout(forest, sized, painter, lr).run()
