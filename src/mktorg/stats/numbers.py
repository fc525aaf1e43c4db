"""The numbers behind a design: headcount roll-ups, spans, layers, function coverage and cost.

External roles never count. A headcount range counts from its minimum to its maximum; `N`
(a variable number) is counted apart, as the number of roles that have it, never as people.
"""

from collections import Counter
from dataclasses import dataclass, field

from mktorg.model import Role, headcount_bounds
from mktorg.model.chains import chain_sums, downward, subtree_sums
from mktorg.model.organization import Organization

EMPLOYMENT_TYPES = ("full_time", "part_time", "intern", "outsourced")


@dataclass
class People:
    """A sum of headcounts: `low`–`high` people in `roles` roles, plus `variable` roles of `N`."""

    roles: int = 0
    low: int = 0
    high: int = 0
    variable: int = 0

    def add(self, role: Role) -> None:
        """Count one role."""
        low, high, variable = headcount_bounds(role.headcount)
        self.roles += 1
        self.low += low
        self.high += high
        self.variable += variable

    def plus(self, other: "People") -> None:
        """Add another sum to this one."""
        self.roles += other.roles
        self.low += other.low
        self.high += other.high
        self.variable += other.variable


@dataclass
class Money:
    """A monthly cost range, and what it leaves out: roles of `N` and roles without a known grade."""

    low: float = 0.0
    high: float = 0.0
    variable: int = 0
    """Roles with a grade but a headcount of N: their cost is not in low–high."""
    ungraded: int = 0
    """Roles without a grade (or with an unknown one): not in low–high."""

    def add(self, role: Role, org: Organization) -> None:
        """Cost one role from its grade."""
        grade = org.settings.grades.get(role.grade or "")
        if grade is None:
            self.ungraded += 1
            return
        low, high, variable = headcount_bounds(role.headcount)
        if variable:
            self.variable += 1
            return
        self.low += grade.min * low
        self.high += grade.max * high

    def plus(self, other: "Money") -> None:
        """Add another cost to this one."""
        self.low += other.low
        self.high += other.high
        self.variable += other.variable
        self.ungraded += other.ungraded


@dataclass
class DepartmentStats:
    """One department: its own roles, and with its sub-departments (`total`)."""

    id: str
    depth: int
    parent: str | None
    external: bool
    own: People
    total: People
    vacant: People
    """Vacant roles of the department and its sub-departments."""
    budget: int | None
    cost: Money | None


@dataclass
class ManagerSpan:
    """A manager's direct reports, in people (as MK208/MK209 count them) and in roles; `variable` of
    them have a headcount of N, so `people` is a lower bound when it is not 0."""

    id: str
    people: int
    roles: int
    variable: int = 0


@dataclass
class RoleDuties:
    """How many duties a role has, and how many carry out no function."""

    id: str
    primary: int
    supporting: int
    without_function: int


@dataclass
class OrgStats:
    """Every number of `mktorg stats`, ids only: renderers look names up in the organisation."""

    departments: list[DepartmentStats]
    total: People
    vacant: People
    unplaced: People
    """Roles whose department does not exist (counted in the total only)."""
    levels: list[tuple[str | None, People]]
    employment: list[tuple[str, People]]
    spans: list[ManagerSpan]
    depths: dict[str, int]
    """Layers of every non-external role: 1 for the top, its reports 2, and so on."""
    longest_chain: list[str]
    unassigned_functions: list[tuple[str, str]]
    """(department id, function id) of functions that no duty carries out (MK301)."""
    functions: int
    duties: list[RoleDuties]
    cost: Money | None
    currency: str
    span_limits: tuple[int, int] = field(default=(2, 10))

    @property
    def span_distribution(self) -> list[tuple[int, int]]:
        """(people reporting directly, number of managers with that span), by span."""
        return sorted(Counter(s.people for s in self.spans).items())

    @property
    def depth_distribution(self) -> list[tuple[int, int]]:
        """(layer, number of roles at it), top first."""
        return sorted(Counter(self.depths.values()).items())

    @property
    def one_report(self) -> list[str]:
        """Managers with a single person reporting to them (not one report of N: that may be many)."""
        return [s.id for s in self.spans if s.people == 1 and not s.variable]


def compute(org: Organization) -> OrgStats:
    """All the numbers of an organisation."""
    graded = bool(org.settings.grades)
    departments = _departments(org, graded)
    total, vacant, unplaced = People(), People(), People()
    cost = Money() if graded else None
    levels: dict[str | None, People] = {}
    employment = {kind: People() for kind in EMPLOYMENT_TYPES}
    for _, role in org.iter_roles():
        if role.external:
            continue
        total.add(role)
        if role.vacant:
            vacant.add(role)
        if role.department not in org.departments:
            unplaced.add(role)
        if cost is not None:
            cost.add(role, org)
        levels.setdefault(role.level, People()).add(role)
        employment[role.employment].add(role)
    depths, longest = _layers(org)
    carriers = org.function_carriers
    unassigned = [
        (dept_id, function.id)
        for dept_id in org.department_tree_order()
        if not org.departments[dept_id].external
        for function in org.departments[dept_id].functions
        if f"{dept_id}/{function.id}" not in carriers
    ]
    return OrgStats(
        departments=departments,
        total=total,
        vacant=vacant,
        unplaced=unplaced,
        levels=_level_order(org, levels),
        employment=[(kind, people) for kind, people in employment.items() if people.roles],
        spans=[ManagerSpan(boss, *span) for boss, span in org.spans.items()],
        depths=depths,
        longest_chain=longest,
        unassigned_functions=unassigned,
        functions=sum(len(d.functions) for d in org.departments.values() if not d.external),
        duties=[_duties(r, org.roles[r]) for r in org.roles_by_department() if not org.roles[r].external],
        cost=cost,
        currency=org.settings.currency,
        span_limits=(org.settings.lint.span_of_control.min, org.settings.lint.span_of_control.max),
    )


def _departments(org: Organization, graded: bool) -> list[DepartmentStats]:
    """Every department in tree order; totals roll up from the leaves (cycle-safe)."""
    order = org.department_tree_order()
    own: dict[str, People] = {}
    vacant: dict[str, People] = {}
    cost: dict[str, Money] = {}
    for dept_id in order:
        own[dept_id], vacant[dept_id], cost[dept_id] = People(), People(), Money()
        for role_id in org.department_roles.get(dept_id, []):
            role = org.roles[role_id]
            if role.external:
                continue
            own[dept_id].add(role)
            if role.vacant:
                vacant[dept_id].add(role)
            if graded:
                cost[dept_id].add(role, org)
    parents = {dept_id: org.departments[dept_id].parent for dept_id in order}
    nothing = (People(), People(), Money())
    totals = subtree_sums(parents, {d: _added((own[d], vacant[d], cost[d]), nothing) for d in order}, _added)
    depths = chain_sums(parents, dict.fromkeys(order, 1))
    out = []
    for dept_id in order:
        total, total_vacant, total_cost = totals[dept_id]
        dept = org.departments[dept_id]
        out.append(
            DepartmentStats(
                id=dept_id,
                depth=depths[dept_id] - 1,
                parent=dept.parent if dept.parent in org.departments else None,
                external=dept.external,
                own=own[dept_id],
                total=total,
                vacant=total_vacant,
                budget=dept.headcount_budget,
                cost=total_cost if graded else None,
            )
        )
    return out


Sums = tuple[People, People, Money]


def _added(a: Sums, b: Sums) -> Sums:
    """Two departments' people, vacancies and cost added up, as new sums."""
    out = (People(), People(), Money())
    for part in (a, b):
        out[0].plus(part[0])
        out[1].plus(part[1])
        out[2].plus(part[2])
    return out


def _layers(org: Organization) -> tuple[dict[str, int], list[str]]:
    """The layer of every non-external role, and the longest chain from the top (first in tree order)."""
    depths: dict[str, int] = {}
    deepest: str | None = None
    tree, rest = _roles_in_tree_order(org)
    reached = set(tree)
    for role_id in [*tree, *rest]:
        role = org.roles[role_id]
        if role.external:
            continue
        boss = role.reports_to
        if boss in depths and role_id in reached:  # below a known superior (no cycle here): one more
            depths[role_id] = depths[boss] + 1
        else:  # a top role, one below an external role, or a role in or under a cycle
            depths[role_id] = org.layer_count(role_id)
        if deepest is None or depths[role_id] > depths[deepest]:
            deepest = role_id
    longest = list(reversed(org.layers(deepest))) if deepest else []
    return depths, longest


def _roles_in_tree_order(org: Organization) -> tuple[list[str], list[str]]:
    """Roles from the top down, each manager's reports in sibling order; and the roles not reached
    from a top role (in or under a reporting cycle), in id order."""
    tops = sorted((r for r, role in org.iter_roles() if role.reports_to not in org.roles), key=org.role_sort_key)
    out = downward(tops, org.reports)
    seen = set(out)
    return out, sorted(r for r in org.roles if r not in seen)


def _level_order(org: Organization, levels: dict[str | None, People]) -> list[tuple[str | None, People]]:
    """Levels from the ladder (most senior first), then levels not on it, then roles without a level."""
    ladder = org.settings.level_names() or []
    rest = sorted(name for name in levels if name is not None and name not in ladder)
    ordered: list[str | None] = [*ladder, *rest, None]
    return [(name, levels[name]) for name in ordered if name in levels]


def _duties(role_id: str, role: Role) -> RoleDuties:
    primary = supporting = without_function = 0
    for duty in role.duties:
        if isinstance(duty, str):
            primary += 1
            without_function += 1
            continue
        if duty.type == "supporting":
            supporting += 1
        else:
            primary += 1
        without_function += not duty.function
    return RoleDuties(role_id, primary, supporting, without_function)
