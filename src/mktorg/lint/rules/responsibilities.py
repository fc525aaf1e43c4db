"""MK3xx: duties and authorities (职责与权责)."""

import re
from array import array
from collections import defaultdict
from collections.abc import Callable
from difflib import SequenceMatcher
from typing import NamedTuple

from mktorg.diagnostics import Severity
from mktorg.lint.registry import Context, rule
from mktorg.lint.text.patterns import normalise_duties
from mktorg.model import function_ref
from mktorg.model.catch_all import is_catch_all
from mktorg.model.organization import Organization

W, I = Severity.WARNING, Severity.INFO


def _function_key(department: str, function: str) -> str:
    return "/".join(function_ref(department, function))


@rule("MK301", "function-unassigned", W, cascades=True)
def function_unassigned(org: Organization, ctx: Context) -> None:
    """A department function that no duty carries out.

    Why: a function nobody owns is not done (职能无人承担); the function breakdown
    (职能分解表) must map each function to at least one role's duty.

    Bad:
    ```yaml
    # departments/market.yaml
    functions:
      - {id: brand, name: 品牌宣传}
    # ...and no duty has function: brand
    ```

    Good:
    ```yaml
    # roles/brand-lead.yaml
    duties:
      - {text: 负责品牌宣传规划与执行, function: market/brand}
    ```
    """
    carried = org.function_carriers
    for dept_id, dept in sorted(org.departments.items()):
        if dept.external:
            continue
        for i, function in enumerate(dept.functions):
            if f"{dept_id}/{function.id}" not in carried:
                ctx.report(
                    ctx.source("department", dept_id),
                    ["functions", i, "id"],
                    f"function '{function.id}' ({org.text(function.name)}) is carried out by no duty",
                    f"add function: {dept_id}/{function.id} to the duty that does this work",
                )


@rule("MK302", "duplicate-duty", W)
def duplicate_duty(org: Organization, ctx: Context) -> None:
    """The same primary duty in two roles of one department (权责划分不清).

    Why: two owners for one piece of work means nobody is accountable. Duties are compared
    after removing numbering, spaces and punctuation; catch-all duties are exempt. Roles of
    different departments may word a duty alike relative to their own unit
    (`负责本部门员工的培训与考核`): only roles of the same department are compared. Use a
    supporting duty (`type: supporting`, `supports: <owner>`) for the helper.

    Bad:
    ```yaml
    # roles/a.yaml and roles/b.yaml both list
    duties: [负责竞争对手信息的收集与分析]
    ```

    Good:
    ```yaml
    # roles/b.yaml
    duties:
      - {text: 协助收集竞争对手信息, type: supporting, supports: a}
    ```
    """
    for duties in _primary_duties_by_department(org):
        if len(set(duties.keys)) == len(duties.keys):
            continue  # no text twice in this department
        owners: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for role_id, i, key in zip(duties.roles, duties.indices, duties.keys, strict=True):
            holders = owners[key]
            if not holders or holders[-1][0] != role_id:
                holders.append((role_id, i))
        for places in owners.values():
            for role_id, i in places[1:]:
                first = places[0][0]
                path: list[str | int] = ["duties", i]
                ctx.report(
                    ctx.source("role", role_id),
                    path,
                    f"the same primary duty is held by '{first}'",
                    "keep one owner; make the other a supporting duty (type: supporting, supports: ...)",
                )


@rule("MK303", "support-without-owner", W, cascades=True)
def support_without_owner(org: Organization, ctx: Context) -> None:
    """A supporting duty whose `supports` role holds no primary duty for the same function.

    Why: 辅助责任 mirror 主要责任: if A assists B with X, B must own X.

    Bad:
    ```yaml
    # roles/promoter.yaml
    duties:
      - {text: 协助策划员制定推广方案, type: supporting, supports: planner, function: promotion-plan}
    # roles/planner.yaml has no primary duty with function: promotion-plan
    ```

    Good:
    ```yaml
    # roles/planner.yaml
    duties:
      - {text: 制定推广活动方案, function: promotion-plan}
    ```
    """
    for role_id, role in org.iter_roles():
        for i, duty in enumerate(role.duties):  # a plain string is a primary duty
            if isinstance(duty, str) or duty.type != "supporting" or duty.supports not in org.roles:
                continue
            owner = org.roles[duty.supports or ""]
            if duty.function is None:
                if not any(isinstance(d, str) or d.type == "primary" for d in owner.duties):
                    ctx.report(
                        ctx.source("role", role_id),
                        ["duties", i, "supports"],
                        f"'{duty.supports}' holds no primary duty to support",
                    )
                continue
            wanted = _function_key(role.department, duty.function)
            owned = {
                _function_key(owner.department, d.function)
                for d in owner.duties
                if not isinstance(d, str) and d.type == "primary" and d.function
            }
            if wanted not in owned:
                ctx.report(
                    ctx.source("role", role_id),
                    ["duties", i, "supports"],
                    f"'{duty.supports}' holds no primary duty for function '{duty.function}'",
                    f"give '{duty.supports}' a primary duty with function: {wanted}, or fix supports",
                )


@rule("MK304", "no-duties", W, per_file=True)
def no_duties(org: Organization, ctx: Context) -> None:
    """A non-external role without duties.

    Why: a position without 岗位职责 cannot be described, staffed or assessed.

    Bad:
    ```yaml
    title: 市场调研专员
    department: research
    ```

    Good:
    ```yaml
    title: 市场调研专员
    department: research
    duties: [按照调研计划开展区域市场调研]
    ```
    """
    for role_id, role in org.iter_roles():
        if not role.duties and not role.external:
            ctx.report(ctx.source("role", role_id), ["title"], f"'{role_id}' has no duties", "add duties: [...]")


@rule("MK305", "catch-all-not-last", I, per_file=True)
def catch_all_not_last(org: Organization, ctx: Context) -> None:
    """A catch-all duty (其他…工作 / 交办的其他) is not the last duty.

    Why: by convention the catch-all closes the list; a duty after it was usually appended
    later and belongs higher up.

    Bad:
    ```yaml
    duties:
      - 完成上级交办的其他工作
      - 负责制定市场总体工作计划
    ```

    Good:
    ```yaml
    duties:
      - 负责制定市场总体工作计划
      - 完成上级交办的其他工作
    ```
    """
    for role_id, role in org.iter_roles():
        for i, duty in enumerate(role.duties[:-1]):
            if is_catch_all(duty if isinstance(duty, str) else org.text(duty.text)):
                ctx.report(
                    ctx.source("role", role_id),
                    ["duties", i],
                    "the catch-all duty is not the last duty",
                    "move it to the end of the list",
                )


@rule("MK306", "manager-without-authority", I)
def manager_without_authority(org: Organization, ctx: Context) -> None:
    """A role with direct reports but no authorities (权责对等).

    Why: responsibility without authority cannot be exercised: a manager needs at least
    the authority to assign and assess work.

    Bad:
    ```yaml
    # roles/market-manager.yaml, with roles reporting to it
    authorities: []
    ```

    Good:
    ```yaml
    authorities: [市场部内部工作的分配权及管理权, 对本部门员工的考核建议权]
    ```
    """
    for boss in org.managers:
        role = org.roles[boss]
        if not role.authorities and not role.external:
            ctx.report(
                ctx.source("role", boss),
                ["title"],
                f"'{boss}' manages others but has no authorities",
                "add authorities: [...] (权限)",
            )


@rule("MK511", "near-duplicate-duty", W)
def near_duplicate_duty(org: Organization, ctx: Context) -> None:
    """Two primary duties, in one role or in two roles of one department, that differ only slightly.

    Why: a duty written twice with a word added or dropped (`负责市场调研` and `负责市场调研工作`)
    is a copy-paste slip or two owners for one piece of work. Duties are compared after
    removing numbering, spaces and punctuation, with rapidfuzz: they must be similar by at least
    `lint.near_duplicate` percent (default 85), and differ only by words that add nothing
    (的, 和, 及, 工作, 相关, 各项, 进行, …). Duties that name different things (`华东区` and
    `华南区`, `空调` and `商用空调`) are not near duplicates; identical duties are MK302.

    Bad:
    ```yaml
    duties: [负责VI体系建立, 负责VI体系的建立]
    ```

    Good:
    ```yaml
    duties: [负责VI体系的建立]
    ```
    """
    cutoff = org.settings.lint.near_duplicate
    for duties in _primary_duties_by_department(org):
        reported: set[int] = set()
        for earlier, later in _near_duplicates(duties.keys, cutoff):
            if later not in reported:
                reported.add(later)
                _report_near_duplicate(org, ctx, duties.place(earlier), duties.place(later))


_FILLER_WORD = "(?:的|了|地|和|与|及|并|等|之|其|工作|相关|各项|有关|进行|全面|具体|及时|认真|积极|好)"
_FILLER = re.compile(f"{_FILLER_WORD}{_FILLER_WORD}*")
"""Words that add nothing to what a duty is: a duty repeated with only these added or left out is a
near duplicate; one with other words added (`空调` and `商用空调`) names something else. (A word, then
more: unlike `(?:…)+`, the regex engine then skips ahead to the first characters of the words.)"""


def _near_duplicates(keys: list[str], cutoff: int) -> list[tuple[int, int]]:
    """(earlier, later) index pairs of texts that are the same but for filler words added to one.

    Texts with the filler words taken out are grouped (one pass, linear in the number of duties);
    only texts of one group are compared, with rapidfuzz's ratio and an alignment that allows
    nothing but added filler.
    """
    from rapidfuzz.distance import LCSseq
    from rapidfuzz.fuzz import ratio

    bare = _FILLER.sub("", "\x00".join(keys)).split("\x00")  # one pass: no filler word holds NUL
    if len(set(bare)) == len(set(keys)):
        return []  # no two different texts without filler alike: no group of two
    groups: dict[str, list[int]] = {}
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if key not in seen:  # identical texts are MK302's
            seen.add(key)
            groups.setdefault(bare[i], []).append(i)
    pairs = []
    for members in groups.values():
        for at, later in enumerate(members[1:], 1):
            for earlier in members[:at]:
                a, b = keys[earlier], keys[later]
                if ratio(a, b) >= cutoff and _only_filler_between(a, b, LCSseq.similarity):
                    pairs.append((earlier, later))
                    break
    return sorted(pairs, key=lambda pair: (pair[1], pair[0]))


def _only_filler_between(a: str, b: str, common: Callable[[str, str], float]) -> bool:
    """Whether the longer text is the shorter with only filler words added."""
    short, long = sorted((a, b), key=len)
    if common(short, long) != len(short):
        return False
    added = SequenceMatcher(None, short, long, autojunk=False).get_opcodes()
    return all(tag == "equal" or (tag == "insert" and _FILLER.fullmatch(long[j1:j2])) for tag, _, _, j1, j2 in added)


def _report_near_duplicate(org: Organization, ctx: Context, first: tuple[str, int], then: tuple[str, int]) -> None:
    role_id, i = then
    where = "" if first[0] == role_id else f" of '{first[0]}'"
    text = org.text(org.roles[first[0]].duty_list()[first[1]].text)
    ctx.report(
        ctx.source("role", role_id),
        ["duties", i],
        f"nearly the same as duty {first[1] + 1}{where}: '{text}'",
        "keep one of the two, or say what differs",
    )


class _DepartmentDuties(NamedTuple):
    """The primary duties of one department's roles: for the k-th, its role, its index among the
    role's duties and its normalised text (flat: a tuple per duty was 30 MB at 100,000 roles)."""

    roles: list[str]
    indices: "array[int]"
    keys: list[str]

    def place(self, k: int) -> tuple[str, int]:
        """(role id, duty index) of the k-th duty."""
        return self.roles[k], self.indices[k]


def _primary_duties_by_department(org: Organization) -> list[_DepartmentDuties]:
    """Per department: the primary duties that are not the catch-all, with their normalised text
    (computed once per organisation, for MK302 and MK511)."""
    cached = org.memo.get("primary_duties_by_department")
    if isinstance(cached, list):
        return cached
    texts: list[str] = []
    kept: list[tuple[str, str, list[int]]] = []  # per role: its id, its department, the duties kept
    for role_id, role in org.iter_roles():
        if role.external:
            continue
        indices: list[int] = []
        for i, duty in enumerate(role.duties):  # not duty_list(): a plain string is a primary duty
            if isinstance(duty, str):
                text = duty
            elif duty.type == "primary":
                text = org.text(duty.text)
            else:
                continue
            if not is_catch_all(text):
                indices.append(i)
                texts.append(text)
        if indices:
            kept.append((role_id, role.department, indices))
    keys = normalise_duties(texts)
    by_department: dict[str, _DepartmentDuties] = {}
    done = 0
    for role_id, department, indices in kept:
        own = keys[done : done + len(indices)]
        done += len(indices)
        if "" in own:  # nothing but numbering and punctuation: not compared
            indices = [i for i, key in zip(indices, own, strict=True) if key]
            own = [key for key in own if key]
            if not own:
                continue
        group = by_department.get(department)
        if group is None:
            group = by_department[department] = _DepartmentDuties([], array("l"), [])
        group.roles.extend([role_id] * len(own))
        group.indices.extend(indices)
        group.keys.extend(own)
    result = [by_department[d] for d in sorted(by_department)]
    org.memo["primary_duties_by_department"] = result
    return result
