"""Splitting a chart that does not fit its page: one page per sub-tree, with continuation markers.

A page shows its top as many levels deep as fit at the minimum font size; each box whose reports do
not fit becomes a marker (`见第 3 页`) and its sub-tree gets pages of its own, numbered depth first.
When even one level does not fit, the reports are split over several pages (`（1/2）`).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from mktorg.render.chart.tree import Node

MAX_TRIES = 40


@dataclass(eq=False)
class Plan:
    """What one page shows."""

    roots: list[Node]
    cut: set[Node] = field(default_factory=set)
    part: tuple[int, int] | None = None
    back: "Plan | None" = None
    number: int = 0
    origin: list[Node] = field(default_factory=list)
    """The original nodes at the top of this page (the roots, or the node a part continues)."""

    def __post_init__(self) -> None:
        if not self.origin:
            self.origin = list(self.roots)


def prune(plan: Plan, numbers: dict[Node, int]) -> list[Node]:
    """Copies of the page's nodes: reports of cut nodes hidden, depths counted from the page top."""

    def copy(node: Node, base: int) -> Node:
        clone = Node(
            node.id, node.kind, node.depth - base, external=node.external, box_id=node.box_id, linked=node.linked
        )
        clone.frames, clone.opens = node.frames, node.opens
        if node in plan.cut:
            clone.more = numbers.get(node, 888)
            clone.hidden = len(node.children) + len(node.assistants)
        else:
            clone.children = [copy(c, base) for c in node.children]
            clone.assistants = [copy(a, base) for a in node.assistants]
        return clone

    roots = [copy(root, root.depth) for root in plan.roots]
    shown = {n.id for root in roots for n in root.walk()}
    for root in roots:
        root.back = (plan.back.number or 888) if plan.back is not None else None
        for node in root.walk():
            node.frames = tuple(f for f in node.frames if f.opener in shown)
    return roots


def _below(nodes: list[Node], depth: int) -> set[Node]:
    """Nodes `depth` levels under the roots that have reports."""
    out: set[Node] = set()
    for root in nodes:
        for node in root.walk():
            if node.depth - root.depth == depth and (node.children or node.assistants):
                out.add(node)
    return out


def _size(node: Node) -> int:
    return len(node.walk())


def plan_pages(roots: list[Node], fits: Callable[[Plan], bool]) -> list[Plan]:
    """Pages for the forest, numbered depth first."""
    plans: list[Plan] = []

    def cover(plan: Plan) -> None:
        plans.append(plan)
        whole = _groups(_sorted_cut(plan), lambda group: fits(Plan(group, back=plan)))
        for group in whole:  # neighbouring sub-trees that fit whole share a page
            if len(group) > 1 or fits(Plan(group, back=plan)):
                plans.append(Plan(group, back=plan))
            else:
                cover_subtree(group[0], plan)

    def cover_subtree(node: Node, parent: Plan) -> None:
        for plan in _plans_for([node], fits, parent):
            cover(plan)

    for plan in _plans_for(roots, fits, None):
        cover(plan)
    for i, plan in enumerate(plans, 1):
        plan.number = i
    return plans


def _sorted_cut(plan: Plan) -> list[Node]:
    order = {n: i for i, n in enumerate(n for r in plan.roots for n in r.walk())}
    return sorted(plan.cut, key=lambda n: order[n])


def _plans_for(roots: list[Node], fits: Callable[[Plan], bool], back: Plan | None) -> list[Plan]:
    full = Plan(roots, back=back)
    if not roots or fits(full):
        return [full]
    deepest = max((n.depth - r.depth for r in roots for n in r.walk()), default=0)
    for depth in range(deepest - 1, 0, -1):
        plan = Plan(roots, _below(roots, depth), back=back)
        if fits(plan):
            _expand(plan, fits)
            return [plan]
    return _split(roots, fits, back)


def _expand(plan: Plan, fits: Callable[[Plan], bool]) -> None:
    """Draw small cut sub-trees in place while the page still fits."""
    order = {n: i for i, n in enumerate(n for r in plan.roots for n in r.walk())}
    for node in sorted(plan.cut, key=lambda n: (_size(n), order[n]))[:MAX_TRIES]:
        trial = Plan(
            plan.roots, (plan.cut - {node}) | {c for c in node.children + node.assistants if c.children}, back=plan.back
        )
        if fits(trial):
            plan.cut = trial.cut


def _split(roots: list[Node], fits: Callable[[Plan], bool], back: Plan | None) -> list[Plan]:
    """One level does not fit: the reports (or the trees of a forest) over several pages."""
    if len(roots) > 1:
        groups = _groups(
            roots, lambda group: fits(Plan(group, {n for r in group for n in [r] if n.children}, back=back))
        )
        return [p for group in groups for p in _plans_for(group, fits, back)]
    root = roots[0]
    if not root.children:
        return [Plan(roots, back=back)]
    groups = _groups(root.children, lambda group: fits(_part(root, group, (1, 1), back)))
    plans = []
    for i, group in enumerate(groups, 1):
        plan = _part(root, group, (i, len(groups)), back)
        _expand(plan, fits)
        plans.append(plan)
    return plans


def _part(root: Node, group: list[Node], part: tuple[int, int], back: Plan | None) -> Plan:
    clone = Node(root.id, root.kind, root.depth, frames=root.frames, opens=root.opens, external=root.external)
    clone.box_id, clone.linked = root.box_id, root.linked
    clone.children = list(group)
    clone.assistants = list(root.assistants) if part[0] == 1 else []
    clone.stacked = root.stacked
    return Plan([clone], {c for c in group if c.children or c.assistants}, part, back, origin=[root])


def _groups(items: list[Node], fits: Callable[[list[Node]], bool]) -> list[list[Node]]:
    """Consecutive groups that fit: as few as the greedy cut needs, evened out where they still fit."""
    greedy = _greedy(items, fits)
    count = len(greedy)
    if count < 2:
        return greedy
    size, extra = divmod(len(items), count)
    even: list[list[Node]] = []
    start = 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        even.append(items[start:end])
        start = end
    return even if all(fits(group) for group in even) else greedy


def _greedy(items: list[Node], fits: Callable[[list[Node]], bool]) -> list[list[Node]]:
    groups: list[list[Node]] = []
    current: list[Node] = []
    for item in items:
        if current and not fits([*current, item]):
            groups.append(current)
            current = []
        current.append(item)
    if current:
        groups.append(current)
    return groups
