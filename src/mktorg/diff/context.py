"""The pair of organisations being compared: id maps, references by name, and shared field comparisons."""

import json
from typing import Any

from mktorg.diff.match import Matcher
from mktorg.diff.model import Change, ref
from mktorg.diff.texts import key, match_lists, reordered
from mktorg.model import KPI, function_ref
from mktorg.model.base import without_controls
from mktorg.model.organization import Organization


class Pair:
    """Old and new organisation, matched; texts are shown in `lang`."""

    def __init__(self, old: Organization, new: Organization, lang: str | None) -> None:
        self.old, self.new, self.lang = old, new, lang
        matcher = Matcher(old, new)
        self.roles, self.departments, self.processes = matcher.roles, matcher.departments, matcher.processes
        self.roles_back = {n: o for o, n in self.roles.items()}
        self.departments_back = {n: o for o, n in self.departments.items()}

    # --- texts and references ------------------------------------------------------------------

    def text(self, org: Organization, value: object) -> str:
        """A Text value as shown."""
        return without_controls(org.text(value, self.lang))

    def role(self, org: Organization, role_id: str | None) -> dict[str, str] | None:
        """A reference to a role of `org` (its id when it does not exist there)."""
        if role_id is None:
            return None
        role = org.roles.get(role_id)
        return ref(role_id, self.text(org, role.title) if role else role_id)

    def department(self, org: Organization, dept_id: str | None) -> dict[str, str] | None:
        """A reference to a department of `org`."""
        if dept_id is None:
            return None
        dept = org.departments.get(dept_id)
        return ref(dept_id, self.text(org, dept.name) if dept else dept_id)

    def level(self, org: Organization, name: str | None) -> str | None:
        """A role's level in the shown language (levels are named by their default-language text)."""
        if name is None:
            return None
        for level in org.settings.levels or []:
            if org.text(level) == name:
                return self.text(org, level)
        return name

    def function(self, org: Organization, department: str, function: str | None) -> dict[str, str] | None:
        """A duty's function (written relative to the role's department, or as dept/function), by name."""
        if function is None:
            return None
        dept_id, function_id = function_ref(department, function)
        dept = org.departments.get(dept_id)
        found = next((f for f in dept.functions if f.id == function_id), None) if dept else None
        return ref(f"{dept_id}/{function_id}", self.text(org, found.name) if found else f"{dept_id}/{function_id}")

    def same_function(self, old: dict[str, str] | None, new: dict[str, str] | None) -> bool:
        """Whether two resolved function references name the same function: the same id in the same
        department (renames followed), or the same id and name (a function re-homed with its duties)."""
        if old is None or new is None:
            return old is new
        old_dept, _, old_function = old["id"].rpartition("/")
        if f"{self.departments.get(old_dept, old_dept)}/{old_function}" == new["id"]:
            return True
        return old_function == new["id"].rpartition("/")[2] and key(old["name"]) == key(new["name"])

    def same_role(self, old_id: str | None, new_id: str | None) -> bool:
        """Whether an old role reference and a new one name the same role (renames followed)."""
        return self.roles.get(old_id or "", old_id) == new_id

    def same_department(self, old_id: str | None, new_id: str | None) -> bool:
        """Whether an old department reference and a new one name the same department."""
        return self.departments.get(old_id or "", old_id) == new_id

    # --- field comparisons ---------------------------------------------------------------------

    def scalar(self, changes: list[Change], field: str, old: Any, new: Any) -> None:
        """A plain value (number, boolean, id, string) that changed."""
        if old != new:
            changes.append(Change(field, "changed", old, new))

    def texts_field(self, changes: list[Change], field: str, old: Any, new: Any) -> None:
        """One Text value (summary, mission, title) that changed in wording; when it reads the same in the
        shown language, the change is given per language that changed (`item` is the locale)."""
        if _text_key(old) == _text_key(new):
            return
        old_text, new_text = self.text(self.old, old) or None, self.text(self.new, new) or None
        if old_text != new_text:
            changes.append(Change(field, "changed", old_text, new_text))
            return
        for locale, before, after in self.translations(old, new):
            changes.append(Change(field, "changed", before, after, item=locale))

    def translations(self, old: Any, new: Any) -> list[tuple[str, str | None, str | None]]:
        """(locale, old text, new text) of every language in which two Text values differ."""
        old_map = self._locales(self.old, old)
        new_map = self._locales(self.new, new)
        return [
            (locale, old_map.get(locale), new_map.get(locale))
            for locale in sorted(old_map.keys() | new_map.keys())
            if key(old_map.get(locale) or "") != key(new_map.get(locale) or "")
        ]

    @staticmethod
    def _locales(org: Organization, value: Any) -> dict[str, str]:
        if value is None:
            return {}
        if isinstance(value, str):
            return {org.default_lang: value}
        return {k: v for k, v in value.items() if isinstance(v, str)}

    def text_list(self, changes: list[Change], field: str, old: list[Any], new: list[Any]) -> None:
        """A list of Text (authorities, aliases, department duties): added, removed, reworded, reordered."""
        old_texts = [self.text(self.old, t) for t in old]
        new_texts = [self.text(self.new, t) for t in new]
        matched = match_lists([key(t) for t in old_texts], [key(t) for t in new_texts])
        for j in matched.added:
            changes.append(Change(field, "added", new=new_texts[j]))
        for i in matched.removed:
            changes.append(Change(field, "removed", old=old_texts[i]))
        for i, j in matched.reworded:
            changes.append(Change(field, "reworded", old_texts[i], new_texts[j]))
        for i, j in matched.same:  # the same in the shown language, perhaps reworded in another
            for locale, before, after in self.translations(old[i], new[j]):
                changes.append(Change(field, "reworded", before, after, item=locale))
        if reordered(matched.same + matched.reworded):
            changes.append(Change(field, "reordered"))

    def kpis(self, changes: list[Change], old: list[KPI], new: list[KPI]) -> None:
        """KPIs by name: added, removed, renamed, and their weight, target and cycle."""
        old_names = [self.text(self.old, k.name) for k in old]
        new_names = [self.text(self.new, k.name) for k in new]
        matched = match_lists([key(n) for n in old_names], [key(n) for n in new_names])
        for j in matched.added:
            changes.append(Change("kpis", "added", new=_kpi(new_names[j], new[j], self.text, self.new)))
        for i in matched.removed:
            changes.append(Change("kpis", "removed", old=_kpi(old_names[i], old[i], self.text, self.old)))
        for i, j in sorted(matched.same + matched.reworded, key=lambda p: p[1]):
            a, b = old[i], new[j]
            if key(old_names[i]) != key(new_names[j]) or _text_key(a.name) != _text_key(b.name):
                changes.append(Change("kpis", "reworded", old_names[i], new_names[j]))
            item = new_names[j]
            if a.weight != b.weight:
                changes.append(Change("kpi.weight", "changed", a.weight, b.weight, item=item))
            if _text_key(a.target) != _text_key(b.target):
                old_target, new_target = self.text(self.old, a.target) or None, self.text(self.new, b.target) or None
                changes.append(Change("kpi.target", "changed", old_target, new_target, item=item))
            if a.cycle != b.cycle:
                changes.append(Change("kpi.cycle", "changed", a.cycle, b.cycle, item=item))

    def role_refs(self, changes: list[Change], field: str, old: list[str], new: list[str]) -> None:
        """A list of role references (dotted lines, concurrent roles): added and removed, renames followed."""
        mapped = {self.roles.get(r, r) for r in old}
        for r in new:
            if r not in mapped:
                changes.append(Change(field, "added", new=self.role(self.new, r)))
        kept = set(new)
        for r in old:
            if self.roles.get(r, r) not in kept:
                changes.append(Change(field, "removed", old=self.role(self.old, r)))


def _kpi(name: str, kpi: KPI, text: Any, org: Organization) -> dict[str, Any]:
    out: dict[str, Any] = {"name": name}
    if kpi.weight is not None:
        out["weight"] = kpi.weight
    if kpi.target is not None:
        out["target"] = text(org, kpi.target)
    if kpi.cycle is not None:
        out["cycle"] = kpi.cycle
    return out


def _text_key(value: Any) -> str:
    """The comparable form of a Text (every language) or of any nested value."""
    if value is None:
        return ""
    if isinstance(value, str):
        return key(value)
    if isinstance(value, dict):
        return json.dumps(
            {k: key(v) if isinstance(v, str) else v for k, v in sorted(value.items())}, ensure_ascii=False
        )
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
