"""The stats as labelled tables, in the organisation's language: what text, Markdown, CSV and the book show."""

from dataclasses import dataclass, field

from mktorg.model.base import without_controls
from mktorg.model.organization import Organization
from mktorg.render.labels import LABELS
from mktorg.render.stats import TABLES
from mktorg.stats.numbers import EMPLOYMENT_TYPES, Money, OrgStats, People, compute

WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "departments": "编制与人数",
        "department": "部门",
        "roles": "岗位数",
        "own": "本部门人数",
        "total": "合计人数",
        "budget": "编制",
        "used": "占编制",
        "vacant": "空缺",
        "all": "合计",
        "unplaced": "（部门不存在）",
        "external": "（外部）",
        "levels": "按职级",
        "level": "职级",
        "no_level": "（未定职级）",
        "employment": "按用工形式",
        "type": "用工形式",
        "people": "人数",
        "spans": "管理跨度",
        "manager": "管理者",
        "span_people": "直接下级人数",
        "span_roles": "直接下级岗位数",
        "span_distribution": "管理跨度分布",
        "span": "跨度（人）",
        "managers": "管理者数",
        "layers": "管理层级",
        "layer": "层级",
        "functions": "职能覆盖",
        "function": "职能",
        "duties": "岗位职责数",
        "role": "岗位",
        "primary": "主要职责",
        "supporting": "辅助职责",
        "without_function": "未关联职能",
        "cost": "人工成本",
        "monthly": "月度（{}）",
        "yearly": "年度（{}）",
        "not_counted": "未计入",
        "note_variable": "+N：人数为 N（若干）的岗位，不计入人数。",
        "note_span": "直接下级人数按各岗位人数上限相加，人数为 0 的岗位按 1 人计，人数为 N（若干）的岗位按至少 1 人计"
        "（9+ 即至少 9 人），与 MK208/MK209 相同；管理跨度设定 {min}–{max} 人。",
        "note_span_summary": "{managers} 名管理者，平均跨度 {mean} 人；只有 1 名直接下级：{one}。",
        "note_no_managers": "没有管理者（无人有直接下级）。",
        "note_longest": "最长汇报链（{depth} 层）：{chain}",
        "note_functions": "{functions} 项职能中 {unassigned} 项无职责承担。",
        "note_duties": "{duties} 条职责中 {without} 条未关联职能。",
        "note_no_functions": "部门未定义职能（functions）。",
        "note_cost": "月度成本 = 职级薪酬下限 × 人数下限 … 上限 × 人数上限（{currency}），年度 = 月度 × 12。",
        "note_cost_variable": "{count} 个人数为 N 的岗位未计入成本。",
        "note_cost_ungraded": "{count} 个岗位没有薪酬等级（grade），未计入成本。",
        "none": "无",
        "sep": "、",
        "arrow": " → ",
    },
    "en": {
        "departments": "Headcount and budget",
        "department": "Department",
        "roles": "Roles",
        "own": "People (own)",
        "total": "People (total)",
        "budget": "Budget",
        "used": "% of budget",
        "vacant": "Vacant",
        "all": "Total",
        "unplaced": "(no such department)",
        "external": " (external)",
        "levels": "By level",
        "level": "Level",
        "no_level": "(no level)",
        "employment": "By employment type",
        "type": "Employment",
        "people": "People",
        "spans": "Span of control",
        "manager": "Manager",
        "span_people": "Direct reports (people)",
        "span_roles": "Direct reports (roles)",
        "span_distribution": "Span distribution",
        "span": "Span (people)",
        "managers": "Managers",
        "layers": "Layers",
        "layer": "Layer",
        "functions": "Function coverage",
        "function": "Function",
        "duties": "Duties per role",
        "role": "Role",
        "primary": "Primary",
        "supporting": "Supporting",
        "without_function": "No function",
        "cost": "Cost",
        "monthly": "Monthly ({})",
        "yearly": "Yearly ({})",
        "not_counted": "Not counted",
        "note_variable": "+N: roles with a headcount of N (a variable number), not counted as people.",
        "note_span": "Direct reports add up the most people of each role; a role of 0 people counts as one, a role "
        "of N (a variable number) as at least one (9+: at least 9), as MK208/MK209 count. Span of control set to "
        "{min}–{max}.",
        "note_span_summary": "{managers} managers, mean span {mean}; with a single direct report: {one}.",
        "note_no_managers": "No managers (nobody has direct reports).",
        "note_longest": "Longest chain ({depth} layers): {chain}",
        "note_functions": "{unassigned} of {functions} functions carried out by no duty.",
        "note_duties": "{without} of {duties} duties linked to no function.",
        "note_no_functions": "No department defines functions.",
        "note_cost": "Monthly cost = grade minimum × fewest people … grade maximum × most people ({currency}); "
        "yearly = monthly × 12.",
        "note_cost_variable": "{count} role(s) with a headcount of N are not in the cost.",
        "note_cost_ungraded": "{count} role(s) without a pay grade are not in the cost.",
        "none": "none",
        "sep": ", ",
        "arrow": " → ",
    },
}


def words_for(lang: str) -> dict[str, str]:
    """The labels for a language; English for anything but Chinese. Employment types read as the
    documents say them (render/labels.py)."""
    key = "zh" if lang.startswith("zh") else "en"
    return {**WORDS[key], **{kind: LABELS[key][kind] for kind in EMPLOYMENT_TYPES}}


@dataclass
class StatsTable:
    """One table: a title, column heads, rows of cells, which columns are numbers, and notes under it."""

    key: str
    title: str
    head: list[str]
    rows: list[list[str]]
    numeric: list[bool]
    notes: list[str] = field(default_factory=list)
    indent: list[int] = field(default_factory=list)
    """Depth of each row's first cell (sub-departments), for renderers that indent."""


def people(count: People) -> str:
    """`3`, `2–4`, `3+N`, `0–3+N`."""
    text = f"{count.low}" if count.low == count.high else f"{count.low}–{count.high}"
    return text + "+N" if count.variable else text


def money(low: float, high: float) -> str:
    """`8,000–12,000`, rounded to whole units (JSON keeps the exact amounts)."""
    return f"{low:,.0f}" if round(low) == round(high) else f"{low:,.0f}–{high:,.0f}"


def percent(count: People, budget: int | None) -> str:
    """Share of the budget: `80%` or `70%–90%`; `—` without a (non-zero) budget."""
    if not budget:
        return "—"
    low, high = round(100 * count.low / budget), round(100 * count.high / budget)
    return f"{low}%" if low == high else f"{low}%–{high}%"


class _Builder:
    def __init__(self, org: Organization, stats: OrgStats, lang: str | None) -> None:
        self.org, self.stats, self.lang = org, stats, lang
        self.w = words_for(lang or org.default_lang)

    def text(self, value: object) -> str:
        return without_controls(self.org.text(value, self.lang))

    def role(self, role_id: str) -> str:
        return self.text(self.org.roles[role_id].title) if role_id in self.org.roles else role_id

    def level(self, name: str) -> str:
        """A level in the shown language (roles name levels by their default-language text)."""
        for level in self.org.settings.levels or []:
            if self.org.text(level) == name:
                return self.text(level)
        return name

    def dept(self, dept_id: str) -> str:
        return self.text(self.org.departments[dept_id].name) if dept_id in self.org.departments else dept_id

    def departments(self, only: set[str] | None = None, totals: bool = True) -> StatsTable:
        """The headcount table; `only`: just these departments; `totals`: with the organisation's totals."""
        w, s = self.w, self.stats
        shown = [d for d in s.departments if only is None or d.id in only]
        shallowest = min((d.depth for d in shown), default=0)
        rows, indent = [], []
        for d in shown:
            name = self.dept(d.id) + (w["external"] if d.external else "")
            vacant = people(d.vacant) if d.vacant.roles else ""
            budget = str(d.budget) if d.budget is not None else ""
            rows.append(
                [name, str(d.own.roles), people(d.own), people(d.total), budget, percent(d.total, d.budget), vacant]
            )
            indent.append(d.depth - shallowest)
        variable = any(d.total.variable for d in shown)
        if totals:
            if s.unplaced.roles:
                rows.append([w["unplaced"], str(s.unplaced.roles), people(s.unplaced), people(s.unplaced), "", "—", ""])
                indent.append(0)
            vacant = people(s.vacant) if s.vacant.roles else ""
            rows.append([w["all"], str(s.total.roles), "", people(s.total), "", "", vacant])
            indent.append(0)
            variable = bool(s.total.variable)
        head = [w[k] for k in ("department", "roles", "own", "total", "budget", "used", "vacant")]
        notes = [w["note_variable"]] if variable else []
        return StatsTable("departments", w["departments"], head, rows, [False, *[True] * 6], notes, indent)

    def levels(self) -> StatsTable:
        w = self.w
        rows = [[self.level(name) if name else w["no_level"], str(p.roles), people(p)] for name, p in self.stats.levels]
        return StatsTable("levels", w["levels"], [w["level"], w["roles"], w["people"]], rows, [False, True, True])

    def employment(self) -> StatsTable:
        w = self.w
        rows = [[w[kind], str(p.roles), people(p)] for kind, p in self.stats.employment]
        return StatsTable(
            "employment", w["employment"], [w["type"], w["roles"], w["people"]], rows, [False, True, True]
        )

    def spans(self) -> StatsTable:
        w, s = self.w, self.stats
        rows = [
            [
                self.role(m.id),
                self.dept(self.org.roles[m.id].department),
                f"{m.people}+" if m.variable else str(m.people),
                str(m.roles),
            ]
            for m in sorted(s.spans, key=lambda m: (-m.people, m.id))
        ]
        head = [w["manager"], w["department"], w["span_people"], w["span_roles"]]
        notes = [w["note_span"].format(min=s.span_limits[0], max=s.span_limits[1])]
        if s.spans:
            mean = sum(m.people for m in s.spans) / len(s.spans)
            one = w["sep"].join(self.role(r) for r in s.one_report) or w["none"]
            notes.append(w["note_span_summary"].format(managers=len(s.spans), mean=f"{mean:.1f}", one=one))
        else:
            notes.append(w["note_no_managers"])
        return StatsTable("spans", w["spans"], head, rows, [False, False, True, True], notes)

    def span_distribution(self) -> StatsTable:
        w = self.w
        rows = [[str(span), str(count)] for span, count in self.stats.span_distribution]
        return StatsTable("span_distribution", w["span_distribution"], [w["span"], w["managers"]], rows, [True, True])

    def layers(self) -> StatsTable:
        w, s = self.w, self.stats
        people_at: dict[int, People] = {}
        for role_id, depth in s.depths.items():
            people_at.setdefault(depth, People()).add(self.org.roles[role_id])
        rows = [[str(depth), str(count), people(people_at[depth])] for depth, count in s.depth_distribution]
        notes = []
        if s.longest_chain:
            chain = w["arrow"].join(self.role(r) for r in s.longest_chain)
            notes.append(w["note_longest"].format(depth=len(s.longest_chain), chain=chain))
        return StatsTable("layers", w["layers"], [w["layer"], w["roles"], w["people"]], rows, [True, True, True], notes)

    def functions(self) -> StatsTable:
        w, s = self.w, self.stats
        rows = []
        for dept_id, function_id in s.unassigned_functions:
            function = next(f for f in self.org.departments[dept_id].functions if f.id == function_id)
            rows.append([self.dept(dept_id), self.text(function.name), function_id])
        duties = sum(d.primary + d.supporting for d in s.duties)
        without = sum(d.without_function for d in s.duties)
        notes = [
            w["note_functions"].format(functions=s.functions, unassigned=len(s.unassigned_functions))
            if s.functions
            else w["note_no_functions"]
        ]
        if duties:
            notes.append(w["note_duties"].format(duties=duties, without=without))
        head = [w["department"], w["function"], "id"]
        return StatsTable("functions", w["functions"], head, rows, [False, False, False], notes)

    def duties(self) -> StatsTable:
        w = self.w
        rows = [
            [
                self.role(d.id),
                self.dept(self.org.roles[d.id].department),
                str(d.primary),
                str(d.supporting),
                str(d.without_function),
            ]
            for d in self.stats.duties
        ]
        head = [w["role"], w["department"], w["primary"], w["supporting"], w["without_function"]]
        return StatsTable("duties", w["duties"], head, rows, [False, False, True, True, True])

    def cost(self) -> StatsTable | None:
        w, s = self.w, self.stats
        if s.cost is None:
            return None
        rows, indent = [], []

        def row(name: str, cost: Money, depth: int) -> None:
            left_out = cost.variable + cost.ungraded
            rows.append([name, money(cost.low, cost.high), money(12 * cost.low, 12 * cost.high), str(left_out or "")])
            indent.append(depth)

        for d in s.departments:
            if d.cost is not None and not d.external:
                row(self.dept(d.id), d.cost, d.depth)
        row(w["all"], s.cost, 0)
        currency = s.currency
        head = [w["department"], w["monthly"].format(currency), w["yearly"].format(currency), w["not_counted"]]
        notes = [w["note_cost"].format(currency=currency)]
        if s.cost.variable:
            notes.append(w["note_cost_variable"].format(count=s.cost.variable))
        if s.cost.ungraded:
            notes.append(w["note_cost_ungraded"].format(count=s.cost.ungraded))
        return StatsTable("cost", w["cost"], head, rows, [False, True, True, True], notes, indent)


def headcount_table(org: Organization, lang: str | None, departments: list[str], totals: bool) -> StatsTable:
    """People per department against budget (编制), with vacancies, as `mktorg stats --table departments`
    counts them: the rows of `departments` (those a book shows), and the organisation's totals."""
    return _Builder(org, compute(org), lang).departments(set(departments), totals)


def stats_tables(
    org: Organization, stats: OrgStats, lang: str | None = None, only: str | None = None
) -> list[StatsTable]:
    """The tables of `mktorg stats` (or just the one named `only`), in the order of TABLES."""
    build = _Builder(org, stats, lang)
    makers = {
        "departments": lambda: [build.departments()],
        "levels": lambda: [build.levels()],
        "employment": lambda: [build.employment()],
        "spans": lambda: [build.spans(), build.span_distribution()],
        "layers": lambda: [build.layers()],
        "functions": lambda: [build.functions()],
        "duties": lambda: [build.duties()],
        "cost": lambda: [t for t in [build.cost()] if t is not None],
    }
    return [table for key in TABLES if only in (None, key) for table in makers[key]()]
