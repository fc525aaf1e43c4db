"""Duties across all roles: kept, reworded, added, removed, or moved from one role to another.

Order of matching: the same duty in the same role; the same duty in another role (moved); a
similar duty in the same role (reworded); a very similar duty in another role (moved and
reworded). The catch-all duty (完成上级交办的其他工作) is in most roles and never counts as moved.
"""

from collections import defaultdict
from dataclasses import dataclass

from mktorg.diff.context import Pair
from mktorg.diff.model import Change
from mktorg.diff.texts import REWORDED, best_pairs, key, match_lists, reordered, similarity
from mktorg.model.catch_all import is_catch_all
from mktorg.model.organization import Organization
from mktorg.model.role import Duty, PlainDuty

MOVED_REWORDED = 0.8
"""Least similarity for a duty that left one role and arrived, reworded, in another."""
MAX_FUZZY_PAIRS = 250_000
"""Above this many candidate pairs, moved-and-reworded duties are not looked for (exact moves still are)."""


@dataclass(frozen=True)
class Slot:
    """A duty in a role of one version: (role id, index)."""

    role: str
    index: int


class DutyDiff:
    """Duty changes per role: `old_changes` by old role id (removed roles), `new_changes` by new role id."""

    def __init__(self, pair: Pair, kept: dict[str, str], removed: list[str], added: list[str]) -> None:
        """`kept`: the roles in both versions worth comparing (old id -> new id); roles left out are unchanged."""
        self.pair = pair
        self.kept = kept
        self.changes: dict[str, list[Change]] = defaultdict(list)
        """By new role id, or by old role id for removed roles."""
        self._old = self._keys(pair.old, [*kept, *removed])
        self._new = self._keys(pair.new, [*kept.values(), *added])
        self._match(removed, added)

    def _keys(self, org: Organization, roles: list[str]) -> dict[str, list[str]]:
        return {r: [key(self.pair.text(org, d.text)) for d in org.roles[r].duty_list()] for r in roles}

    def _duty(self, org: Organization, slot: Slot) -> Duty | PlainDuty:
        return org.roles[slot.role].duty_list()[slot.index]

    def _text(self, org: Organization, slot: Slot) -> str:
        return self.pair.text(org, self._duty(org, slot).text)

    def _owner(self, old_role: str) -> str:
        """Where changes of an old role's duties are filed: its new id, or its old id when removed."""
        return self.pair.roles.get(old_role, old_role)

    def _match(self, removed: list[str], added: list[str]) -> None:
        pair = self.pair
        same: dict[str, list[tuple[int, int]]] = {}
        left_old: list[Slot] = [Slot(r, i) for r in removed for i in range(len(self._old[r]))]
        left_new: list[Slot] = [Slot(r, j) for r in added for j in range(len(self._new[r]))]
        for old_role, new_role in self.kept.items():
            matched = match_lists(self._old[old_role], self._new[new_role], threshold=2.0)
            same[old_role] = matched.same
            left_old += [Slot(old_role, i) for i in matched.removed]
            left_new += [Slot(new_role, j) for j in matched.added]
        left_old, left_new = self._moves(left_old, left_new, exact=True)
        reworded: dict[str, list[tuple[int, int]]] = defaultdict(list)
        left_old, left_new = self._rewordings(left_old, left_new, reworded)
        left_old, left_new = self._moves(left_old, left_new, exact=False)
        for slot in left_new:
            if slot.role in pair.roles_back:
                self.changes[slot.role].append(Change("duties", "added", new=self._text(pair.new, slot)))
        for slot in left_old:
            if slot.role in pair.roles:
                self.changes[self._owner(slot.role)].append(Change("duties", "removed", old=self._text(pair.old, slot)))
        for old_role, new_role in self.kept.items():
            for i, j in same[old_role]:
                self._attributes(Slot(old_role, i), Slot(new_role, j))
            if reordered(same[old_role] + reworded[old_role]):
                self.changes[new_role].append(Change("duties", "reordered"))

    def _rewordings(
        self, left_old: list[Slot], left_new: list[Slot], reworded: dict[str, list[tuple[int, int]]]
    ) -> tuple[list[Slot], list[Slot]]:
        pair = self.pair
        by_new_role: dict[str, list[Slot]] = defaultdict(list)
        for slot in left_new:
            by_new_role[slot.role].append(slot)
        paired: set[Slot] = set()
        for old_role in sorted({s.role for s in left_old if s.role in pair.roles}):
            olds = [s for s in left_old if s.role == old_role]
            news = by_new_role.get(pair.roles[old_role], [])
            pairs = best_pairs(
                olds, news, lambda a, b: similarity(self._old[a.role][a.index], self._new[b.role][b.index]), REWORDED
            )
            for a, b in sorted(pairs, key=lambda p: p[1].index):
                old_text, new_text = self._text(pair.old, a), self._text(pair.new, b)
                self.changes[b.role].append(Change("duties", "reworded", old_text, new_text))
                reworded[old_role].append((a.index, b.index))
                paired |= {a, b}
        return [s for s in left_old if s not in paired], [s for s in left_new if s not in paired]

    def _moves(self, left_old: list[Slot], left_new: list[Slot], *, exact: bool) -> tuple[list[Slot], list[Slot]]:
        """Pair duties that left one role with duties that arrived in another."""
        pair = self.pair
        movable_old = [s for s in left_old if not is_catch_all(self._text(pair.old, s))]
        movable_new = [s for s in left_new if not is_catch_all(self._text(pair.new, s))]
        if exact:
            index: dict[str, list[Slot]] = defaultdict(list)
            for slot in movable_new:
                index[self._new[slot.role][slot.index]].append(slot)
            pairs = []
            for a in movable_old:
                candidates = [b for b in index.get(self._old[a.role][a.index], []) if b.role != self._owner(a.role)]
                if candidates:
                    index[self._new[candidates[0].role][candidates[0].index]].remove(candidates[0])
                    pairs.append((a, candidates[0]))
        elif len(movable_old) * len(movable_new) > MAX_FUZZY_PAIRS:
            pairs = []
        else:
            pairs = best_pairs(
                movable_old,
                movable_new,
                lambda a, b: (
                    0.0
                    if b.role == self._owner(a.role)
                    else similarity(self._old[a.role][a.index], self._new[b.role][b.index])
                ),
                MOVED_REWORDED,
            )
        for a, b in pairs:
            old_text, new_text = self._text(pair.old, a), self._text(pair.new, b)
            self.changes[self._owner(a.role)].append(
                Change("duties", "moved-out", old=old_text, other=pair.role(pair.new, b.role))
            )
            self.changes[b.role].append(
                Change(
                    "duties",
                    "moved-in",
                    old=None if exact else old_text,
                    new=new_text,
                    other=pair.role(pair.old, a.role),
                )
            )
        paired = {s for p in pairs for s in p}
        return [s for s in left_old if s not in paired], [s for s in left_new if s not in paired]

    def _attributes(self, a: Slot, b: Slot) -> None:
        """Type, function, supported role and details of a duty kept in its role."""
        pair = self.pair
        old, new = self._duty(pair.old, a), self._duty(pair.new, b)
        item = self._text(pair.new, b)
        changes = self.changes[b.role]
        for locale, before, after in pair.translations(old.text, new.text):  # the same in the shown language
            changes.append(Change("duties", "reworded", before, after, item=locale))
        if old.type != new.type:
            changes.append(Change("duty.type", "changed", old.type, new.type, item=item))
        old_function = pair.function(pair.old, pair.old.roles[a.role].department, old.function)
        new_function = pair.function(pair.new, pair.new.roles[b.role].department, new.function)
        if not pair.same_function(old_function, new_function):
            changes.append(Change("duty.function", "changed", old_function, new_function, item=item))
        if not pair.same_role(old.supports, new.supports):
            old_ref, new_ref = pair.role(pair.old, old.supports), pair.role(pair.new, new.supports)
            changes.append(Change("duty.supports", "changed", old_ref, new_ref, item=item))
        old_details = [key(pair.text(pair.old, d)) for d in old.details]
        if old_details != [key(pair.text(pair.new, d)) for d in new.details]:
            changes.append(
                Change(
                    "duty.details",
                    "changed",
                    [pair.text(pair.old, d) for d in old.details],
                    [pair.text(pair.new, d) for d in new.details],
                    item=item,
                )
            )

    def for_role(self, role_id: str) -> list[Change]:
        """The duty changes filed under a role (new id, or old id of a removed role)."""
        return self.changes.get(role_id, [])
