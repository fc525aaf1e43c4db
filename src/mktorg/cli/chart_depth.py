"""How many levels a chart would draw. The chart layout takes one step of recursion per level, so a
chart deeper than `MAX_CHART_LEVELS` is refused with a one-line error (exit 2), and a book leaves its
charts out, instead of failing half-way with an internal error."""

from mktorg.errors import MktorgError
from mktorg.model.chains import chain_sums
from mktorg.model.organization import Organization

MAX_CHART_LEVELS = 300
"""Levels of roles or nested departments a chart may have (the layout fails beyond about 500)."""


def chart_levels(org: Organization, view: str = "roles", depth: int | None = None) -> int:
    """The most levels of roles (reporting chains) or departments (parents) a chart of `view` draws."""
    roles = chain_sums({r: role.reports_to for r, role in org.roles.items()}, dict.fromkeys(org.roles, 1))
    departments = chain_sums({d: dept.parent for d, dept in org.departments.items()}, dict.fromkeys(org.departments, 1))
    role_levels, department_levels = max(roles.values(), default=0), max(departments.values(), default=0)
    if depth is not None:
        if view == "roles":
            role_levels = min(role_levels, depth + 1)
        else:
            department_levels = min(department_levels, depth + 1)
    return max(department_levels, role_levels if view == "roles" else 0)


def too_deep(org: Organization, view: str = "roles", depth: int | None = None) -> str | None:
    """Why the chart cannot be drawn ('the chart would be 1,200 levels deep ...'), or None."""
    levels = chart_levels(org, view, depth)
    if levels <= MAX_CHART_LEVELS:
        return None
    return f"the chart would be {levels:,} levels deep; at most {MAX_CHART_LEVELS} can be drawn"


def check_chart_depth(org: Organization, view: str, depth: int | None) -> None:
    """Refuse a chart too deep to draw, with what to do instead."""
    why = too_deep(org, view, depth)
    if why is not None:
        raise MktorgError(f"{why}: draw part of it with --root and --depth")
