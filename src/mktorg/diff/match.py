"""Which department, role and process of the old version is which of the new one.

By id first. A file renamed or moved to another id is the same entity when its title and duties
(a role), name and members (a department) or name and steps (a process) are the same or nearly so:
then it is a rename, not a removal and an addition. Pairs are taken greedily, most alike first.
"""

from collections import Counter
from collections.abc import Callable, Mapping

from mktorg.diff.texts import best_pairs, key, similarity
from mktorg.model.organization import Organization

MAX_PAIRS = 250_000
"""Above this many (removed × added) candidates, only those sharing a title or a duty are scored."""
COMMON = 20
"""A title or duty held by more roles than this (the catch-all duty, say) does not make two roles candidates."""


def dice(a: Counter[str], b: Counter[str]) -> float:
    """Overlap of two multisets: 2|a∩b| / (|a|+|b|); 1 for two empty ones."""
    total = sum(a.values()) + sum(b.values())
    return 1.0 if total == 0 else 2 * sum((a & b).values()) / total


class Matcher:
    """Id maps old → new for departments, roles and processes."""

    def __init__(self, old: Organization, new: Organization) -> None:
        self.old, self.new = old, new
        self.roles = self._match("role", self._role_score, self._role_keys)
        self.departments = self._match("department", self._department_score, self._dept_keys)
        self.processes = self._match("process", self._process_score, self._process_keys)

    def _match(
        self, kind: str, score: Callable[[str, str], float], keys: Callable[[Organization, str], set[str]]
    ) -> dict[str, str]:
        """Same ids, then renames among the rest (a file that failed to load on one side is neither)."""
        old: Mapping[str, object] = self.old.table(kind)
        new: Mapping[str, object] = self.new.table(kind)
        out = {i: i for i in old if i in new}
        removed = sorted(i for i in old if i not in new and i not in self.new.broken[kind])
        added = sorted(i for i in new if i not in old and i not in self.old.broken[kind])
        if not removed or not added:
            return out
        if len(removed) * len(added) > MAX_PAIRS:
            candidates = self._candidates(removed, added, keys)
            pairs = best_pairs(removed, added, lambda a, b: score(a, b) if (a, b) in candidates else 0.0, threshold=0.5)
        else:
            pairs = best_pairs(removed, added, score, threshold=0.5)
        out.update(pairs)
        return out

    def _candidates(
        self, removed: list[str], added: list[str], keys: Callable[[Organization, str], set[str]]
    ) -> set[tuple[str, str]]:
        index: dict[str, list[str]] = {}
        for b in added:
            for k in keys(self.new, b):
                index.setdefault(k, []).append(b)
        return {
            (a, b)
            for a in removed
            for k in keys(self.old, a)
            if len(index.get(k, ())) <= COMMON
            for b in index.get(k, [])
        }

    # --- roles ---------------------------------------------------------------------------------

    def _role_keys(self, org: Organization, role_id: str) -> set[str]:
        role = org.roles[role_id]
        return {key(org.text(role.title)), *(key(org.text(d.text)) for d in role.duty_list())}

    def _role_score(self, a: str, b: str) -> float:
        """How surely old role `a` is new role `b`, or 0 when it is not."""
        old, new = self.old.roles[a], self.new.roles[b]
        title = similarity(key(self.old.text(old.title)), key(self.new.text(new.title)))
        duties_old = Counter(key(self.old.text(d.text)) for d in old.duty_list())
        duties_new = Counter(key(self.new.text(d.text)) for d in new.duty_list())
        duties = dice(duties_old, duties_new)
        same_department = self._department_name(self.old, old.department) == self._department_name(
            self.new, new.department
        )
        alike = title >= 0.7 and duties >= 0.5
        same_work = duties >= 0.8 and min(len(old.duties), len(new.duties)) >= 2
        if not (alike or same_work):
            return 0.0
        return (title + duties) / 2 + (0.05 if same_department else 0.0)

    @staticmethod
    def _department_name(org: Organization, dept_id: str) -> str:
        dept = org.departments.get(dept_id)
        return key(org.text(dept.name)) if dept else dept_id

    # --- departments ---------------------------------------------------------------------------

    def _dept_keys(self, org: Organization, dept_id: str) -> set[str]:
        return {key(org.text(org.departments[dept_id].name))}

    def _members(self, org: Organization, dept_id: str, mapping: dict[str, str] | None) -> Counter[str]:
        roles = org.department_roles.get(dept_id, [])
        dept = org.departments[dept_id]
        items = [f"role:{mapping.get(r, r) if mapping else r}" for r in roles]
        items += [f"function:{key(org.text(f.name))}" for f in dept.functions]
        return Counter(items)

    def _department_score(self, a: str, b: str) -> float:
        old, new = self.old.departments[a], self.new.departments[b]
        name = similarity(key(self.old.text(old.name)), key(self.new.text(new.name)))
        old_members = self._members(self.old, a, self.roles)
        new_members = self._members(self.new, b, None)
        members = dice(old_members, new_members)
        alike = name >= 0.7 and members >= 0.5
        same_work = members >= 0.8 and min(sum(old_members.values()), sum(new_members.values())) >= 2
        return (name + members) / 2 if alike or same_work else 0.0

    # --- processes -----------------------------------------------------------------------------

    def _process_keys(self, org: Organization, process_id: str) -> set[str]:
        return {key(org.text(org.processes[process_id].name))}

    def _process_score(self, a: str, b: str) -> float:
        old, new = self.old.processes[a], self.new.processes[b]
        name = similarity(key(self.old.text(old.name)), key(self.new.text(new.name)))
        steps = dice(
            Counter(key(self.old.text(s.name)) for s in old.steps),
            Counter(key(self.new.text(s.name)) for s in new.steps),
        )
        alike = name >= 0.7 and steps >= 0.5
        same_work = steps >= 0.8 and min(len(old.steps), len(new.steps)) >= 2
        return (name + steps) / 2 if alike or same_work else 0.0
