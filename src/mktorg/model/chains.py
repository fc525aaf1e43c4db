"""Walks over parent maps (reports_to, parent) in linear time, safe on cycles and dangling parents.

A parent map gives each node its parent (None, or an id that is not a key: the top). The chain of
a node is the node and its parents upward, stopping before a repeat; its subtree, the node and
every node whose chain passes through it.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar

T = TypeVar("T")

Parents = Mapping[str, "str | None"]


def upward(start: str, parents: Parents) -> list[str]:
    """The chain of `start`: the node and its parents upward, stopping before a repeat."""
    chain: list[str] = []
    seen: set[str] = set()
    current: str | None = start
    while current in parents and current not in seen:
        assert current is not None
        chain.append(current)
        seen.add(current)
        current = parents[current]
    return chain


def downward(starts: Iterable[str], children: "Mapping[str, list[str]] | Mapping[str | None, list[str]]") -> list[str]:
    """Every node reached from `starts`, each once, depth first: a node, then what hangs below it in
    the order of `children`, then the next start."""
    out: list[str] = []
    seen: set[str] = set()
    stack = list(reversed(list(starts)))
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        out.append(current)
        stack.extend(reversed(children.get(current, [])))
    return out


def cycle_members(parents: Parents) -> set[str]:
    """The nodes that lie on a cycle of the parent map."""
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    members: set[str] = set()
    for start in parents:
        walk: list[str] = []
        node = start
        while state.get(node, 0) == 0:
            state[node] = 1
            walk.append(node)
            parent = parents[node]
            if parent is None or parent not in parents:
                break
            node = parent
        if state.get(node) == 1 and parents[node] is not None and parents[node] in parents:
            members.update(walk[walk.index(node) :])
        for done in walk:
            state[done] = 2
    return members


def chain_sums(parents: Parents, weight: Mapping[str, int]) -> dict[str, int]:
    """For every node, the sum of `weight` over its chain (one walk up from each node, stopping at
    a node already summed: each node is walked once)."""
    sums: dict[str, int] = {}
    walk_of: dict[str, int] = {}  # the walk that met each node not summed yet
    for walk, start in enumerate(parents):
        if start in sums:
            continue
        path: list[str] = []
        node: str | None = start
        while True:
            if node in sums:
                total = sums[node]
                break
            if node is None or node not in parents:  # the top, or a parent that is not a node
                total = 0
                break
            if walk_of.get(node) == walk:  # back on this walk: the nodes from there on are a cycle
                cycle = path[path.index(node) :]
                total = sum(weight[member] for member in cycle)
                sums.update(dict.fromkeys(cycle, total))
                del path[-len(cycle) :]
                break
            walk_of[node] = walk
            path.append(node)
            node = parents[node]
        for member in reversed(path):
            total += weight[member]
            sums[member] = total
    return sums


def subtree_sums(parents: Parents, own: Mapping[str, T], add: Callable[[T, T], T]) -> dict[str, T]:
    """For every node, `own` added up over its subtree: the node and every node whose chain passes
    through it (for a node on a cycle: the cycle and everything below it). `add` makes a new value."""
    on_cycle = cycle_members(parents)
    children = _children(parents)
    sums: dict[str, T] = {}
    for node in reversed(_parents_first(parents, on_cycle)):
        total = own[node]
        for child in children.get(node, []):
            total = add(total, sums[child])
        sums[node] = total
    for cycle in _cycles(parents, on_cycle):
        total = own[cycle[0]]
        for index, node in enumerate(cycle):
            if index:
                total = add(total, own[node])
            for child in children.get(node, []):
                if child not in on_cycle:
                    total = add(total, sums[child])
        sums.update(dict.fromkeys(cycle, total))
    return sums


def _children(parents: Parents) -> dict[str, list[str]]:
    children: dict[str, list[str]] = defaultdict(list)
    for node, parent in parents.items():
        if parent is not None and parent in parents:
            children[parent].append(node)
    return children


def _parents_first(parents: Parents, on_cycle: set[str]) -> list[str]:
    """Every node off the cycles, each after its parent."""
    children = _children(parents)
    starts = [
        node
        for node, parent in parents.items()
        if node not in on_cycle and (parent is None or parent not in parents or parent in on_cycle)
    ]
    order: list[str] = []
    stack = list(reversed(starts))
    while stack:
        node = stack.pop()
        order.append(node)
        stack.extend(child for child in children.get(node, []) if child not in on_cycle)
    return order


def _cycles(parents: Parents, on_cycle: set[str]) -> list[list[str]]:
    """Each cycle once, as its nodes."""
    cycles: list[list[str]] = []
    seen: set[str] = set()
    for start in on_cycle:
        if start not in seen:
            cycle = upward(start, parents)
            seen.update(cycle)
            cycles.append(cycle)
    return cycles


class Ancestry:
    """Whether one node is above another (in its chain, not itself), answered in constant time."""

    def __init__(self, parents: Parents) -> None:
        self._parents = parents
        on_cycle = cycle_members(parents)
        self._cycle_of: dict[str, int] = {}
        for index, cycle in enumerate(_cycles(parents, on_cycle)):
            self._cycle_of.update(dict.fromkeys(cycle, index))
        self._hangs_from: dict[str, int | None] = {}
        self._enter: dict[str, int] = {}
        self._leave: dict[str, int] = {}
        children = _children(parents)
        clock = 0
        for start in _parents_first(parents, on_cycle):
            if start in self._enter:
                continue
            parent = parents[start]
            hangs = self._cycle_of.get(parent) if parent is not None else None
            stack: list[tuple[str, bool]] = [(start, False)]
            while stack:
                node, leaving = stack.pop()
                clock += 1
                if leaving:
                    self._leave[node] = clock
                    continue
                self._enter[node] = clock
                self._hangs_from[node] = hangs
                stack.append((node, True))
                stack.extend((child, False) for child in children.get(node, []) if child not in on_cycle)

    def above(self, upper: str, lower: str) -> bool:
        """Whether `upper` is in the chain of `lower`, above it."""
        if upper not in self._parents or lower not in self._parents or upper == lower:
            return False
        if lower in self._cycle_of:
            return self._cycle_of.get(upper) == self._cycle_of[lower]
        if upper in self._cycle_of:
            return self._hangs_from[lower] == self._cycle_of[upper]
        return self._enter[upper] < self._enter[lower] and self._leave[lower] < self._leave[upper]
