"""Organization: the loaded entities, indexed by id, with the reporting graph and headcount roll-ups."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

from mktorg.model.base import headcount_bounds, text_of, without_controls
from mktorg.model.chains import Ancestry, chain_sums, downward, upward
from mktorg.model.department import Department
from mktorg.model.org_file import OrgFile
from mktorg.model.process import Process
from mktorg.model.role import Role, function_ref


class Span(NamedTuple):
    """The direct reports of a manager (管理跨度): at least `people` people in `roles` roles, more when
    `variable` of them have a headcount of `N` (an unknown number, counted as one each)."""

    people: int
    roles: int
    variable: int


@dataclass
class Organization:
    """Everything that loaded, plus the ids of the files that did not."""

    root_name: str
    settings: OrgFile
    departments: dict[str, Department] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    processes: dict[str, Process] = field(default_factory=dict)
    broken: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    memo: dict[str, object] = field(default_factory=dict, repr=False)
    """Values computed once per organisation by rules that share them."""

    @property
    def default_lang(self) -> str:
        """The first declared locale."""
        return self.settings.locales[0]

    def name(self, lang: str | None = None) -> str:
        """The organisation name in `lang`."""
        return without_controls(text_of(self.settings.name, lang, self.default_lang)) or self.root_name

    def text(self, value: object, lang: str | None = None) -> str:
        """Any Text value in `lang`, with fallback to the default language."""
        return text_of(value, lang, self.default_lang)  # type: ignore[arg-type]

    def known(self, kind: str, id_: str) -> bool:
        """Whether an id names a file of this kind, loaded or not (no cascades on load errors)."""
        table = self.table(kind)
        return id_ in table or id_ in self.broken[kind]

    def table(self, kind: str) -> dict[str, Any]:
        """The departments, roles or processes, by kind name."""
        if kind == "department":
            return self.departments
        return self.roles if kind == "role" else self.processes

    @property
    def complete(self) -> bool:
        """True when every file loaded, so organisation-wide rules can trust the graph."""
        return not any(self.broken.values())

    # --- derived structure -------------------------------------------------------------------

    @cached_property
    def _level_rank(self) -> dict[str, int]:
        return {name: i for i, name in enumerate(self.settings.level_names() or [])}

    def role_sort_key(self, role_id: str) -> tuple[int, int, int, int, str]:
        """Sibling order of roles (format 1.1): `order`, then level (most senior first), then id."""
        role = self.roles[role_id]
        level = self._level_rank.get(role.level or "")
        return (
            role.order is None,
            role.order or 0,
            level is None,
            level or 0,
            role_id,
        )

    def department_sort_key(self, dept_id: str) -> tuple[bool, int, str]:
        """Sibling order of departments: `order`, then id."""
        order = self.departments[dept_id].order
        return (order is None, order or 0, dept_id)

    @cached_property
    def _sibling_order(self) -> list[str]:
        """Every role in sibling order (`role_sort_key`): sorted once for `reports` and `department_roles`."""
        return sorted(self.roles, key=self.role_sort_key)

    @cached_property
    def reports(self) -> dict[str, list[str]]:
        """Direct reports (直接下级) of each role, in sibling order."""
        out: dict[str, list[str]] = defaultdict(list)
        for role_id in self._sibling_order:
            boss = self.roles[role_id].reports_to
            if boss in self.roles:
                out[boss].append(role_id)
        return out

    @cached_property
    def managers(self) -> list[str]:
        """The roles with a direct report, in id order (the keys of `reports`, without sorting
        every role into sibling order)."""
        roles = self.roles
        return sorted({role.reports_to for role in roles.values() if role.reports_to in roles})

    @cached_property
    def department_children(self) -> dict[str | None, list[str]]:
        """Sub-departments of each department (None: top level), in sibling order."""
        out: dict[str | None, list[str]] = defaultdict(list)
        for dept_id in sorted(self.departments, key=self.department_sort_key):
            parent = self.departments[dept_id].parent
            out[parent if parent in self.departments else None].append(dept_id)
        return out

    @cached_property
    def department_roles(self) -> dict[str, list[str]]:
        """Roles of each department (not of its sub-departments), its head first, then in sibling order."""
        out: dict[str, list[str]] = defaultdict(list)
        for role_id in self._sibling_order:
            out[self.roles[role_id].department].append(role_id)
        for dept_id, members in out.items():
            head = self.departments[dept_id].head if dept_id in self.departments else None
            if head in members and members[0] != head:
                members.remove(head)
                members.insert(0, head)
        return out

    def roots(self) -> list[str]:
        """Non-external roles without `reports_to`."""
        return [r for r, role in sorted(self.roles.items()) if role.reports_to is None and not role.external]

    def chain(self, role_id: str) -> list[str]:
        """The role and its superiors upward, stopping before a repeat (cycle-safe)."""
        return upward(role_id, self._role_parents)

    def department_chain(self, dept_id: str) -> list[str]:
        """The department and its parents upward, cycle-safe."""
        return upward(dept_id, self._department_parents)

    @cached_property
    def _role_parents(self) -> dict[str, str | None]:
        return {r: role.reports_to for r, role in self.roles.items()}

    @cached_property
    def _department_parents(self) -> dict[str, str | None]:
        return {d: dept.parent for d, dept in self.departments.items()}

    def above(self, upper: str, lower: str) -> bool:
        """Whether role `upper` is in the chain of role `lower`, above it (constant time)."""
        return self._ancestry.above(upper, lower)

    @cached_property
    def _ancestry(self) -> Ancestry:
        return Ancestry(self._role_parents)

    def layer_count(self, role_id: str) -> int:
        """How many non-external roles `chain(role_id)` holds (its layers), for every role in linear time."""
        return self._layer_counts.get(role_id, 0)

    @cached_property
    def _layer_counts(self) -> dict[str, int]:
        weight = {r: 0 if role.external else 1 for r, role in self.roles.items()}
        return chain_sums(self._role_parents, weight)

    @cached_property
    def staffed_departments(self) -> frozenset[str]:
        """The departments with a role (external ones too) in themselves or below."""
        out: set[str] = set()
        for dept_id in {role.department for role in self.roles.values()}:
            out.update(self.department_chain(dept_id))
        return frozenset(out)

    def subtree_departments(self, dept_id: str) -> list[str]:
        """The department and all its sub-departments, depth first in sibling order."""
        return downward([dept_id], self.department_children)

    @cached_property
    def _tree_order(self) -> tuple[str, ...]:
        order = downward(self.department_children.get(None, []), self.department_children)
        seen = set(order)
        order.extend(d for d in sorted(self.departments) if d not in seen)  # departments in a cycle
        return tuple(order)

    def department_tree_order(self) -> list[str]:
        """All departments, parents before children, in sibling order (cycle-safe)."""
        return list(self._tree_order)

    @cached_property
    def _roles_by_department(self) -> tuple[str, ...]:
        missing = sorted(d for d in self.department_roles if d not in self.departments)
        return tuple(r for dept_id in (*self._tree_order, *missing) for r in self.department_roles.get(dept_id, []))

    def roles_by_department(self) -> list[str]:
        """Every role, department by department in tree order, each department's head first, then in
        sibling order; roles of a department that does not exist last, by that department's id."""
        return list(self._roles_by_department)

    @cached_property
    def department_index(self) -> dict[str, int]:
        """Each department's place in `department_tree_order`."""
        return {dept_id: i for i, dept_id in enumerate(self._tree_order)}

    def department_people(self, dept_id: str) -> tuple[int, int, bool]:
        """(fewest, most, has a variable part) people in a department and its sub-departments.

        External roles do not count; a range counts from its minimum to its maximum, `N` as 0 and variable.
        """
        rolled = self._people_rolled_up.get(dept_id)
        if rolled is not None:
            return rolled
        low = high = 0  # a department in a parent cycle: walk what it reaches
        variable = False
        for sub in self.subtree_departments(dept_id):
            sub_low, sub_high, sub_variable = self._own_people(sub)
            low, high, variable = low + sub_low, high + sub_high, variable or sub_variable
        return low, high, variable

    def _own_people(self, dept_id: str) -> tuple[int, int, bool]:
        low = high = 0
        variable = False
        for role_id in self.department_roles.get(dept_id, []):
            role = self.roles[role_id]
            if not role.external:
                role_low, role_high, role_variable = headcount_bounds(role.headcount)
                low, high, variable = low + role_low, high + role_high, variable or role_variable
        return low, high, variable

    def span(self, boss: str) -> Span:
        """The people and roles reporting directly to a role (管理跨度).

        People sum the most of each headcount; a report of `N` (at least one) or 0 people counts as one.
        """
        people = variable = 0
        reports = self.reports.get(boss, [])
        for report in reports:
            _, high, unknown = headcount_bounds(self.roles[report].headcount)
            people += high or 1
            variable += unknown
        return Span(people, len(reports), variable)

    @cached_property
    def spans(self) -> dict[str, Span]:
        """`span` of every non-external role with direct reports, by id (summed in one pass over
        the roles: the order of the reports does not matter, so they are not sorted)."""
        roles = self.roles
        sums: dict[str, list[int]] = {}
        for role in roles.values():
            boss = role.reports_to
            if boss in roles:
                _, high, unknown = headcount_bounds(role.headcount)
                total = sums.get(boss)
                if total is None:
                    total = sums[boss] = [0, 0, 0]
                total[0] += high or 1
                total[1] += 1
                total[2] += unknown
        return {boss: Span(*sums[boss]) for boss in sorted(sums) if not roles[boss].external}

    def layers(self, role_id: str) -> list[str]:
        """The non-external roles of the chain from a role up to the top (its layers), cycle-safe."""
        return [r for r in self.chain(role_id) if not self.roles[r].external]

    @cached_property
    def function_carriers(self) -> dict[str, list[str]]:
        """Roles whose duties carry out each function, by `<department-id>/<function-id>`, in id order."""
        out: dict[str, list[str]] = defaultdict(list)
        for role_id, role in self.iter_roles():
            for duty in role.duties:
                if not isinstance(duty, str) and duty.function:
                    carriers = out["/".join(function_ref(role.department, duty.function))]
                    if not carriers or carriers[-1] != role_id:
                        carriers.append(role_id)
        return out

    @cached_property
    def _people_rolled_up(self) -> dict[str, tuple[int, int, bool]]:
        """`department_people` of every department below a top-level one, children before parents
        (one pass: each role counted once per department above it, not walked again per department)."""
        in_tree: list[str] = []  # parents before children: every department reached from a top-level one
        stack = list(self.department_children.get(None, []))
        while stack:
            dept_id = stack.pop()
            in_tree.append(dept_id)
            stack.extend(self.department_children.get(dept_id, []))
        out: dict[str, tuple[int, int, bool]] = {}
        for dept_id in reversed(in_tree):
            low, high, variable = self._own_people(dept_id)
            for child in self.department_children.get(dept_id, []):
                child_low, child_high, child_variable = out[child]
                low, high, variable = low + child_low, high + child_high, variable or child_variable
            out[dept_id] = (low, high, variable)
        return out

    @cached_property
    def _sorted_roles(self) -> list[tuple[str, Role]]:
        return sorted(self.roles.items())

    def iter_roles(self) -> Iterator[tuple[str, Role]]:
        """Roles in id order."""
        yield from self._sorted_roles
