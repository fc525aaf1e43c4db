"""The tree a chart draws: which roles or departments, under whom, in which department frames.

Siblings keep format-1.1 order (`Organization.reports` and `department_children`), except that with
department frames a superior's reports are gathered by department (stable). Assistants
(`assistant: true`) sit beside their superior; leaf-only teams larger than `wide_team` are stacked.
Department frames are nested by the department tree; an external role is never inside the
client's frames, and a frame that would have to contain a part of the other side shrinks to its
first box and the siblings beside it in the same department (its run).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from mktorg.errors import MktorgError
from mktorg.model.organization import Organization
from mktorg.render.chart.options import ChartOptions


@dataclass(frozen=True)
class FrameRef:
    """One drawn frame of a department: a department may be framed in two places of the tree."""

    dept: str
    opener: str
    """Id of the node whose subtree the frame holds."""


@dataclass(eq=False)
class Node:
    """A box of the chart with its place in the tree."""

    id: str
    kind: str
    """role or department."""
    depth: int = 0
    children: list["Node"] = field(default_factory=list)
    assistants: list["Node"] = field(default_factory=list)
    frames: tuple[FrameRef, ...] = ()
    """Frames around this node, outermost first."""
    opens: tuple[FrameRef, ...] = ()
    """The frames that start at this node (a suffix of `frames`)."""
    stacked: bool = False
    """Its children are leaves stacked under a spine."""
    external: bool = False
    more: int | None = None
    """Page on which its hidden reports are drawn."""
    back: int | None = None
    """Page on which its superior is drawn (for the root of a continued page)."""
    hidden: int = 0
    """Number of reports not drawn here."""
    box_id: str = ""
    """The id its box is drawn under when `id` is taken (a department named like a role)."""
    linked: bool = False
    """Drawn under an external unit because its head reports there, not because it is a sub-unit
    (departments view): the line to it is dashed."""

    @property
    def key(self) -> str:
        """The id of its box and connectors (the SVG title)."""
        return self.box_id or self.id

    def walk(self) -> "list[Node]":
        """This node and every node below it, depth first in order."""
        out: list[Node] = []
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed([*node.assistants, *node.children]))
        return out


@dataclass
class Forest:
    """The roots of the chart and what the title should say about the selection."""

    roots: list[Node]
    scope: str | None = None
    """The sub-tree's name when --root was given."""
    solo: set[FrameRef] = field(default_factory=set)
    """Frames drawn around the boxes of their run of siblings only, not what hangs below them."""


def find_root(org: Organization, root: str, view: str) -> tuple[str, str]:
    """(kind, id) of --root: a role or department id, or a role title or department name in any language."""
    if view == "roles" and root in org.roles:
        return "role", root
    if root in org.departments:
        return "department", root
    matches: list[tuple[str, str]] = []
    if view == "roles":
        matches += [("role", r) for r, role in org.iter_roles() if root in _texts(role.title)]
    matches += [("department", d) for d, dept in sorted(org.departments.items()) if root in _texts(dept.name)]
    if len(matches) == 1:
        return matches[0]
    what = "role or department" if view == "roles" else "department"
    if not matches:
        raise MktorgError(f"--root '{root}' names no {what} (give an id, a title or a department name)")
    ids = ", ".join(m[1] for m in matches)
    raise MktorgError(f"--root '{root}' is ambiguous ({ids}); give one of these ids")


def _texts(value: object) -> set[str]:
    if isinstance(value, dict):
        return {str(v) for v in value.values()}
    return {str(value)}


def build_forest(org: Organization, options: ChartOptions) -> Forest:
    """The chart tree for the roles or departments view."""
    if options.view == "departments":
        return _department_forest(org, options)
    return _role_forest(org, options)


def _department_forest(org: Organization, options: ChartOptions) -> Forest:
    scope = None
    if options.root is not None:
        _, dept_id = find_root(org, options.root, "departments")
        tops = [dept_id]
        scope = dept_id
    else:
        tops = list(org.department_children.get(None, []))
        placed = {d for top in tops for d in org.subtree_departments(top)}
        tops += [d for d in org.department_tree_order() if d not in placed]  # departments in a cycle
    links = _context_links(org, tops) if scope is None else {}
    seen: set[str] = set()

    def make(dept_id: str, depth: int, linked: bool) -> Node:
        seen.add(dept_id)
        return Node(dept_id, "department", depth, external=org.departments[dept_id].external, linked=linked)

    def below(node: Node) -> Iterator[tuple[str, bool]]:
        if options.depth is None or node.depth < options.depth:
            yield from ((child, False) for child in org.department_children.get(node.id, []))
            yield from ((child, True) for child in links.get(node.id, []))

    linked = {d for kids in links.values() for d in kids}
    roots = [_grow(d, make, below, seen) for d in tops if d not in seen and d not in linked]
    if scope is None:  # an external unit that no client unit belongs to or reports to is left out
        roots = [r for r in roots if not r.external or any(not n.external for n in r.walk())]
    forest = Forest(roots, scope)
    _stack(forest, options)
    return forest


def _context_links(org: Organization, tops: list[str]) -> dict[str, list[str]]:
    """External unit -> the top client units whose head reports to a role in it (departments view)."""
    out: dict[str, list[str]] = {}
    for dept_id in tops:
        dept = org.departments[dept_id]
        head = org.roles.get(dept.head or "")
        boss = org.roles.get(head.reports_to or "") if head is not None else None
        if dept.external or boss is None or boss.department not in org.departments:
            continue
        if org.departments[boss.department].external and boss.department not in org.subtree_departments(dept_id):
            out.setdefault(boss.department, []).append(dept_id)
    return out


def _role_forest(org: Organization, options: ChartOptions) -> Forest:
    scope = None
    selected: set[str]
    if options.root is None:
        selected = set(org.roles)
        depts = set(org.departments)
    else:
        kind, ident = find_root(org, options.root, "roles")
        scope = ident
        if kind == "role":
            selected = _below(org, ident)
            depts = set()
        else:
            depts = set(org.subtree_departments(ident))
            selected = {r for d in depts for r in org.department_roles.get(d, [])}
    order = sorted(selected, key=org.role_sort_key)
    tops = [r for r in order if org.roles[r].reports_to not in selected]
    seen: set[str] = set()
    nodes: dict[str, Node] = {}

    def make(role_id: str, depth: int, _: bool) -> Node:
        seen.add(role_id)
        node = nodes[role_id] = Node(role_id, "role", depth, external=org.roles[role_id].external)
        return node

    def below(node: Node) -> Iterator[tuple[str, bool]]:
        if options.depth is None or node.depth < options.depth:
            yield from ((child, False) for child in org.reports.get(node.id, []) if child in selected)

    reached: set[str] = set()
    starts = list(tops)
    for role_id in [*tops, *order]:  # roles in a reporting cycle: drawn from the first of each cycle
        if role_id in reached:
            continue
        if role_id not in starts:
            starts.append(role_id)
        stack = [role_id]
        while stack:
            current = stack.pop()
            if current not in reached:
                reached.add(current)
                stack.extend(c for c in org.reports.get(current, []) if c in selected)
    roots = [_grow(r, make, below, seen) for r in starts if r not in seen]
    _empty_departments(org, options, depts, nodes, roots)
    forest = Forest(roots, scope)
    if options.clusters:
        _frames(org, forest)
    _assistants(org, forest)
    _stack(forest, options)
    return forest


def _grow(
    top: str,
    make: Callable[[str, int, bool], Node],
    below: Callable[[Node], Iterator[tuple[str, bool]]],
    seen: set[str],
) -> Node:
    """The tree from `top`, depth first: `below` names each node's children (and whether each is
    linked), `make` makes a node and marks it seen; an id seen already is left out. A loop instead of
    recursion, so that a chain thousands of levels deep is built."""
    root = make(top, 0, False)
    stack = [(root, below(root))]
    while stack:
        node, children = stack[-1]
        step = next(children, None)
        if step is None:
            stack.pop()
            continue
        child_id, linked = step
        if child_id not in seen:
            child = make(child_id, node.depth + 1, linked)
            node.children.append(child)
            stack.append((child, below(child)))
    return root


def _below(org: Organization, role_id: str) -> set[str]:
    out = {role_id}
    stack = [role_id]
    while stack:
        for child in org.reports.get(stack.pop(), []):
            if child not in out:
                out.add(child)
                stack.append(child)
    return out


def _empty_departments(
    org: Organization, options: ChartOptions, depts: set[str], nodes: dict[str, Node], roots: list[Node]
) -> None:
    """A department without roles (in itself or below) is drawn as a box under its parent's head."""
    staffed = {d for d, members in org.department_roles.items() if members}  # the roles' own departments
    for dept_id in org.department_tree_order():
        dept = org.departments[dept_id]
        if dept_id not in depts or dept.external or any(d in staffed for d in org.subtree_departments(dept_id)):
            continue
        parent_box = None
        for ancestor in org.department_chain(dept_id)[1:]:
            head = org.departments[ancestor].head
            if head in nodes:
                parent_box = nodes[head]
                break
            if f"dept:{ancestor}" in nodes:
                parent_box = nodes[f"dept:{ancestor}"]
                break
        depth = parent_box.depth + 1 if parent_box else 0
        if options.depth is not None and depth > options.depth:
            continue
        node = Node(dept_id, "department", depth, external=dept.external)
        if dept_id in org.roles:
            node.box_id = f"department:{dept_id}"
        nodes[f"dept:{dept_id}"] = node
        (parent_box.children if parent_box else roots).append(node)


def _chain(org: Organization, node: Node, staffed: frozenset[str]) -> list[str]:
    """The departments that should frame a node, outermost first (the same side of the client boundary).

    A department drawn as a box of its own (one without roles) frames nothing: its sub-departments
    hang under its box instead.
    """
    if node.kind == "department":
        dept_id = org.departments[node.id].parent
        if dept_id is None:
            return []
    else:
        dept_id = org.roles[node.id].department
    chain = list(reversed(org.department_chain(dept_id)))
    return [d for d in chain if org.departments[d].external == node.external and d in staffed]


def _gather(org: Organization, siblings: list[Node], staffed: frozenset[str]) -> None:
    """Siblings reordered so that those of one department (and of one parent department, at every
    level) are neighbours: each department where its first sibling stood, the others moved up to it.
    Stable otherwise, so the sibling order of format 1.1 (`order`) holds within a department."""
    if len(siblings) < 3:
        return
    rank: dict[str, int] = {}
    keys: dict[int, tuple[int, ...]] = {}
    for position, node in enumerate(siblings):
        chain = _chain(org, node, staffed)
        for dept in chain:
            rank.setdefault(dept, position)
        keys[id(node)] = (*(rank[d] for d in chain), position)
    siblings.sort(key=lambda n: keys[id(n)])


def _frames(org: Organization, forest: Forest) -> None:
    """Frames of every node; siblings side by side in the same department share one frame.

    A frame is opened by the first of a run of neighbouring siblings in its department (roots
    included); the siblings after it carry the same `FrameRef` without opening it. The roots and
    the reports of each superior are first gathered by department (`_gather`), so that one frame
    holds all of a department's roles under one superior.
    """
    staffed = org.staffed_departments  # once per organisation, not per chart (a book draws a hundred)
    _gather(org, forest.roots, staffed)
    for root in forest.roots:
        for node in root.walk():
            _gather(org, node.children, staffed)

    def visit(node: Node, inherited: tuple[FrameRef, ...], parent_external: bool | None, before: Node | None) -> None:
        """A node's frames, from its superior's (`inherited`) and its previous sibling's (`before`)."""
        chain = _chain(org, node, staffed)
        base = inherited if parent_external is None or parent_external == node.external else ()
        if parent_external is not None and parent_external != node.external:
            forest.solo.update(inherited)
        have = {f.dept for f in base}
        wanted = [d for d in chain if d not in have]
        shared: list[FrameRef] = []
        if before is not None and before.external == node.external and before.frames[: len(base)] == base:
            for ref, dept in zip(before.frames[len(base) :], wanted, strict=False):
                if ref.dept != dept:
                    break
                shared.append(ref)
        opens = tuple(FrameRef(d, node.id) for d in wanted[len(shared) :])
        sharing.update((ref, id(node)) for ref in shared)
        node.frames, node.opens = base + tuple(shared) + opens, opens

    sharing: set[tuple[FrameRef, int]] = set()
    """(frame, node) where a node shares a frame opened by a previous sibling."""
    # pre-order without recursion: a node after its superior and after its previous sibling's sub-tree
    todo: list[tuple[Node, tuple[FrameRef, ...], bool | None, Node | None]] = [
        (root, (), None, forest.roots[i - 1] if i else None) for i, root in reversed(list(enumerate(forest.roots)))
    ]
    while todo:
        node, inherited, parent_external, before = todo.pop()
        visit(node, inherited, parent_external, before)
        kids = node.children
        for i in reversed(range(len(kids))):
            todo.append((kids[i], node.frames, node.external, kids[i - 1] if i else None))
    if forest.solo:
        for root in forest.roots:
            for node in root.walk():
                if any(f in forest.solo for f in node.frames):
                    node.frames = tuple(
                        f
                        for f in node.frames
                        if f not in forest.solo or f.opener == node.id or (f, id(node)) in sharing
                    )


def _assistants(org: Organization, forest: Forest) -> None:
    for root in forest.roots:
        for node in root.walk():
            keep = []
            for child in node.children:
                role = org.roles.get(child.id) if child.kind == "role" else None
                if role and role.assistant and not child.children and not child.opens:
                    node.assistants.append(child)
                else:
                    keep.append(child)
            node.children = keep


def _stack(forest: Forest, options: ChartOptions) -> None:
    restack(forest.roots, options.wide_team if options.direction == "TB" else 10**9)


def restack(roots: list[Node], wide_team: int) -> None:
    """Mark the leaf-only teams larger than `wide_team` as stacked."""
    for root in roots:
        for node in root.walk():
            kids = node.children
            node.stacked = len(kids) > wide_team and all(
                not k.children and not k.assistants and not k.opens for k in kids
            )
