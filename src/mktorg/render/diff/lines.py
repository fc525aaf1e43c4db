"""A diff as a report: a heading, counts, then sections (settings, each department, processes, findings)
of entries with one sentence per change. Text and Markdown draw the same report."""

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from mktorg.diagnostics import Diagnostic
from mktorg.diff.model import Change, DiffResult, EntityDiff
from mktorg.render.diff.words import FIELDS, SECTIONS, VALUES, WORDS, language

_ENUM_FIELDS = frozenset(("employment", "duty.type", "kpi.cycle", "archetype"))
MAX_FINDINGS = 50
"""Findings listed per direction in text and Markdown; the rest are counted by code."""


@dataclass
class Entry:
    """A role or process: its status marker (+ - ~), its name, and one sentence per change."""

    marker: str
    name: str
    lines: list[str] = field(default_factory=list)


@dataclass
class Section:
    """A department (or settings, processes, findings): heading, its own changes, then its entries."""

    title: str
    marker: str = ""
    lines: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Finding:
    """A lint finding shown in the report: introduced (+) or resolved (-)."""

    marker: str
    code: str
    severity: str
    where: str
    message: str


class Report:
    """Everything the text and Markdown outputs show, worded in `lang`."""

    def __init__(self, result: DiffResult, old_label: str, new_label: str, lang: str) -> None:
        self.lang = language(lang)
        self.w, self.f, self.v = WORDS[self.lang], FIELDS[self.lang], VALUES[self.lang]
        self.old_label = old_label or self.w["worktree"]
        self.new_label = new_label or self.w["worktree"]
        self.result = result
        self.changed = result.changed
        self.counts = self._counts()
        self.sections = self._sections()
        self.findings = [self._finding("+", d) for d in result.introduced] + [
            self._finding("-", d) for d in result.resolved
        ]

    def heading(self, old: str | None = None, new: str | None = None) -> str:
        """The title line, with the sides as given (Markdown wraps them in code spans)."""
        return self.w["heading"].format(old=old or self.old_label, new=new or self.new_label)

    # --- counts --------------------------------------------------------------------------------

    def _counts(self) -> list[tuple[str, list[tuple[str, int]]]]:
        w = self.w
        out = []
        summary = self.result.summary()
        for kind in ("departments", "roles", "processes"):
            counts = summary[kind]
            parts = [(w[k], counts[k]) for k in ("added", "removed", "renamed", "moved", "changed")]
            if any(n for _, n in parts):
                out.append((w[kind], parts))
        findings = summary["findings"]
        if findings["introduced"] or findings["resolved"]:
            out.append(
                (w["findings"], [(w["introduced"], findings["introduced"]), (w["resolved"], findings["resolved"])])
            )
        return out

    def count_line(self, kind: str, parts: list[tuple[str, int]]) -> str:
        """`岗位：新增 1 · 删除 2` (zero counts left out)."""
        shown = self.w["sep"].join(f"{label} {n}" for label, n in parts if n)
        return f"{kind}{self.w['colon']}{shown}"

    # --- sections ------------------------------------------------------------------------------

    def _sections(self) -> list[Section]:
        w = self.w
        sections: list[Section] = []
        if self.result.organization:
            sections.append(Section(w["organization"], lines=[self.sentence(c) for c in self.result.organization]))
        by_department: dict[str, Section] = {}
        for dept in self.result.departments:
            by_department[dept.id] = self._department(dept)
        for role in self.result.roles:
            dept_ref = role.department
            dept_id = dept_ref["id"] if dept_ref else ""
            if dept_id not in by_department:
                by_department[dept_id] = Section(dept_ref["name"] if dept_ref else w["no_department"])
            by_department[dept_id].entries.append(self._entity(role))
        rank = {d: i for i, d in enumerate(self.result.department_order)}
        sections += [by_department[d] for d in sorted(by_department, key=lambda d: rank.get(d, len(rank)))]
        if self.result.processes:
            sections.append(Section(w["processes"], entries=[self._entity(p) for p in self.result.processes]))
        unreadable = [
            w["unreadable_item"].format(kind=w[kind_id.split(":", 1)[0]], id=kind_id.split(":", 1)[1], side=w[side])
            for key, side in (("old", "old_side"), ("new", "new_side"))
            for kind_id in self.result.unreadable.get(key, [])
        ]
        if unreadable:
            sections.append(Section(w["unreadable"], lines=[*unreadable, w["unreadable_note"]]))
        return sections

    def _department(self, dept: EntityDiff) -> Section:
        marker = {"added": "+", "removed": "-"}.get(dept.status, "~")
        title = (dept.new or dept.old or {"name": ""})["name"]
        if dept.status == "added":
            return Section(title + self.w["new_entity"], marker, [self._facts(dept)])
        if dept.status == "removed":
            return Section(title + self.w["gone_entity"], marker, [self._facts(dept)])
        renamed = dept.old and dept.new and dept.old["name"] != dept.new["name"]
        if renamed and dept.old:
            title += self.w["was"].format(dept.old["name"])
        lines = [self.sentence(c) for c in dept.changes if c.field != "name" or c.item]
        return Section(title, marker, lines)

    def _entity(self, entity: EntityDiff) -> Entry:
        w = self.w
        if entity.status == "added":
            name = (entity.new or {"name": ""})["name"] + w["new_entity"]
            return Entry("+", name, [self._facts(entity), *(self.sentence(c) for c in entity.changes)])
        if entity.status == "removed":
            name = (entity.old or {"name": ""})["name"] + w["gone_entity"]
            return Entry("-", name, [self._facts(entity), *(self.sentence(c) for c in entity.changes)])
        name = (entity.new or {"name": ""})["name"]
        title_field = "title" if entity.kind == "role" else "name"
        if entity.old and entity.new and entity.old["name"] != entity.new["name"]:
            name += w["was"].format(entity.old["name"])
        shown = [c for c in entity.changes if c.field != title_field or c.item]  # a new title shows as `（原 …）`
        return Entry("~", name, [self.sentence(c) for c in shown])

    def _facts(self, entity: EntityDiff) -> str:
        w, facts = self.w, entity.facts
        parts: list[str] = []
        if entity.kind == "role":
            parts.append(w["in"].format(self.value(facts.get("department"))))
            boss = facts.get("reports_to")
            parts.append(w["under"].format(self.value(boss)) if boss else w["top"])
            parts.append(self.people(facts["headcount"]))
            for key in ("level", "grade", "employment"):
                if key in facts:
                    parts.append(self.value(facts[key], key))
            for flag in ("vacant", "optional", "external"):
                if facts.get(flag):
                    parts.append(self.f[flag])
            parts.append(w["duty_count"].format(facts.get("duties", 0)))
        elif entity.kind == "department":
            parent = facts.get("parent")
            parts.append(w["parent_in"].format(self.value(parent)) if parent else w["top_level"])
            if facts.get("head"):
                parts.append(w["led_by"].format(self.value(facts["head"])))
            parts.append(self.people(self.value(facts["people"], "people")))
            if "headcount_budget" in facts:
                parts.append(w["budget_of"].format(facts["headcount_budget"]))
        else:
            if facts.get("owner"):
                parts.append(w["owner_is"].format(self.value(facts["owner"])))
            parts.append(w["step_count"].format(facts.get("steps", 0)))
        return w["sep"].join(parts)

    # --- one change as one sentence ------------------------------------------------------------

    def sentence(self, change: Change) -> str:
        """One change in words: `直接上级：市场部经理 → 销售部经理`, `新增权限：…`, `职责移入：「…」（原属 …）`."""
        w = self.w
        label = self.label(change.field)
        item = change.item
        old, new = self.value(change.old, change.field), self.value(change.new, change.field)
        other = self.value(change.other)
        suffix = "_item" if item else ""
        if change.action == "changed":
            if change.field == "people":
                new += w["delta"].format(_delta(change.old, change.new)) if _delta(change.old, change.new) else ""
            return w["change" + suffix].format(field=label, item=item, old=old, new=new)
        if change.action == "added":
            return w["add" + suffix].format(field=label, item=item, new=new)
        if change.action == "removed":
            return w["remove" + suffix].format(field=label, item=item, old=old)
        if change.action == "reworded":
            return w["reword" + suffix].format(field=label, item=item, old=old, new=new)
        if change.action == "moved-in":
            key = "moved_in_reworded" if change.old is not None else "moved_in"
            return w[key].format(field=label, old=old, new=new, other=other)
        if change.action == "moved-out":
            return w["moved_out"].format(field=label, old=old, other=other)
        return w["reorder"].format(field=label)

    def label(self, field: str) -> str:
        """A field's name in words; org.yaml sections as `检查设置（max_layers）`."""
        if field in self.f:
            return self.f[field]
        section, _, rest = field.partition(".")
        if section in SECTIONS[self.lang]:
            return (
                f"{SECTIONS[self.lang][section]}（{rest}）"
                if self.lang == "zh"
                else f"{SECTIONS['en'][section]} ({rest})"
            )
        return field

    def value(self, value: Any, field: str = "") -> str:
        """A value in words: names for references, 是/否, ranges of people, lists joined."""
        w = self.w
        if value is None:
            return w["none"]
        if isinstance(value, bool):
            return w["yes"] if value else w["no"]
        if isinstance(value, float) and value == int(value):
            return str(int(value))
        if isinstance(value, (int, float)):
            return f"{value:g}"
        if isinstance(value, str):
            return self.v.get(value, value) if field in _ENUM_FIELDS else value
        if isinstance(value, list):
            return w["list"].join(self.value(v) for v in value) or w["none"]
        if isinstance(value, dict) and "min" in value and "variable" in value:
            low, high = value["min"], value["max"]
            text = f"{low}" if low == high else f"{low}–{high}"
            return text + ("+N" if value["variable"] else "")
        if isinstance(value, dict) and "name" in value:
            return self._named(value)
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def _named(self, value: dict[str, Any]) -> str:
        """A reference by its name; a KPI or grade with its numbers."""
        name = str(value["name"])
        extra = []
        if "weight" in value:
            extra.append(f"{self.value(value['weight'])}%")
        if "target" in value:
            extra.append(str(value["target"]))
        if "cycle" in value:
            extra.append(self.v.get(value["cycle"], value["cycle"]))
        if "min" in value and "max" in value:
            extra.append(f"{self.value(value['min'])}–{self.value(value['max'])}")
        if not extra:
            return name
        return f"{name}（{'，'.join(extra)}）" if self.lang == "zh" else f"{name} ({', '.join(extra)})"

    def people(self, count: str) -> str:
        """`3 人`, `1–3 people`, `1 person`."""
        return "1 person" if self.lang == "en" and count == "1" else self.w["people"].format(count)

    def shown_findings(self, marker: str, limit: int = MAX_FINDINGS) -> tuple[list[Finding], str | None]:
        """The findings introduced (+) or resolved (-) to list, and a line counting the rest by code."""
        chosen = [f for f in self.findings if f.marker == marker]
        if len(chosen) <= limit:
            return chosen, None
        rest = Counter(f.code for f in chosen[limit:])
        codes = self.w["list"].join(f"{code} ×{n}" for code, n in sorted(rest.items()))
        return chosen[:limit], self.w["more"].format(n=len(chosen) - limit, codes=codes)

    def _finding(self, marker: str, d: Diagnostic) -> Finding:
        return Finding(marker, d.code, d.severity.value, f"{d.file}:{d.line}", d.message)


def _delta(old: Any, new: Any) -> str:
    """`+3`, `-2`, `+1…+3` between two people ranges ('' when only the variable part changed)."""
    low, high = new["min"] - old["min"], new["max"] - old["max"]
    if low == high == 0:
        return ""
    if low == high:
        return f"{low:+d}"
    return f"{low:+d}…{high:+d}"
