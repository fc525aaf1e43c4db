"""The stats for machines: JSON with every number (and names in the chosen language), CSV of one table."""

import csv
import io
import json
from typing import Any

from mktorg.model.base import without_controls
from mktorg.model.organization import Organization
from mktorg.render.stats.tables import StatsTable
from mktorg.stats.numbers import Money, OrgStats, People


def _people(count: People) -> dict[str, int]:
    return {"roles": count.roles, "min": count.low, "max": count.high, "variable_roles": count.variable}


def _money(cost: Money | None) -> dict[str, Any] | None:
    if cost is None:
        return None
    return {
        "monthly": {"min": cost.low, "max": cost.high},
        "yearly": {"min": 12 * cost.low, "max": 12 * cost.high},
        "variable_roles": cost.variable,
        "ungraded_roles": cost.ungraded,
    }


def stats_json(org: Organization, stats: OrgStats, lang: str | None = None) -> dict[str, Any]:
    """Every number of `mktorg stats`, with ids and, beside them, names in `lang`."""

    def text(value: object) -> str:
        return without_controls(org.text(value, lang))

    def role(role_id: str) -> dict[str, str]:
        return {"id": role_id, "title": text(org.roles[role_id].title)}

    return {
        "version": 1,
        "organization": org.name(lang),
        "total": _people(stats.total),
        "vacant": _people(stats.vacant),
        "unplaced": _people(stats.unplaced),
        "departments": [
            {
                "id": d.id,
                "name": text(org.departments[d.id].name),
                "parent": d.parent,
                "depth": d.depth,
                "external": d.external,
                "own": _people(d.own),
                "total": _people(d.total),
                "budget": d.budget,
                "vacant": _people(d.vacant),
                "cost": _money(d.cost),
            }
            for d in stats.departments
        ],
        "levels": [{"level": name, **_people(p)} for name, p in stats.levels],
        "employment": [{"employment": kind, **_people(p)} for kind, p in stats.employment],
        "spans": {
            "limits": {"min": stats.span_limits[0], "max": stats.span_limits[1]},
            "managers": [
                {**role(m.id), "people": m.people, "roles": m.roles, "variable_roles": m.variable} for m in stats.spans
            ],
            "distribution": [{"people": span, "managers": count} for span, count in stats.span_distribution],
            "one_report": stats.one_report,
        },
        "layers": {
            "max": max(stats.depths.values(), default=0),
            "distribution": [{"layer": depth, "roles": count} for depth, count in stats.depth_distribution],
            "longest_chain": [role(r) for r in stats.longest_chain],
            "roles": stats.depths,
        },
        "functions": {
            "count": stats.functions,
            "unassigned": [{"department": d, "function": f} for d, f in stats.unassigned_functions],
            "duties": sum(d.primary + d.supporting for d in stats.duties),
            "duties_without_function": sum(d.without_function for d in stats.duties),
        },
        "duties": [
            {"id": d.id, "primary": d.primary, "supporting": d.supporting, "without_function": d.without_function}
            for d in stats.duties
        ],
        "cost": None if stats.cost is None else {"currency": stats.currency, **(_money(stats.cost) or {})},
    }


def json_text(data: dict[str, Any]) -> str:
    """JSON with a line per key of the first two levels and per item of their lists (each item compact).

    Readable, and written by the C encoder: `indent=` would switch to the pure-Python one, which takes
    longer than computing the numbers for 10,000 roles.
    """
    return _block(data, "") + "\n"


def _block(value: Any, pad: str) -> str:
    inner = pad + "  "
    if isinstance(value, dict) and value and len(pad) < 4:
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {_block(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    if isinstance(value, list) and value and len(pad) < 6:
        items = [f"{inner}{json.dumps(v, ensure_ascii=False)}" for v in value]
        return "[\n" + ",\n".join(items) + f"\n{pad}]"
    return json.dumps(value, ensure_ascii=False)


def csv_text(table: StatsTable) -> str:
    """One table as CSV with its header row, opened by a byte-order mark so that Excel reads the Chinese.

    A cell that a spreadsheet would take for a formula (it starts with = + - @ or a tab) gets a
    leading apostrophe, so that a title from the YAML never runs as one.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_inert(c) for c in table.head])
    writer.writerows([_inert(c) for c in row] for row in table.rows)
    return "\ufeff" + buffer.getvalue()


def _inert(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
