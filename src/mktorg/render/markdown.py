"""Job descriptions and handbooks as CommonMark with pipe tables."""

from mktorg.render.content import DutyView, Handbook, JobDescription, ProcessView

_CHINESE_NUMBERS = "一二三四五六七八九十"


def cell(text: str) -> str:
    """A pipe-table cell: one line, pipes and backslashes escaped."""
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def inline(text: str) -> str:
    """Text in a paragraph or list item: one line, Markdown punctuation that starts a line escaped."""
    line = " ".join(text.split())
    for char in "\\`*_<>[]":
        line = line.replace(char, "\\" + char)
    if line[:1] in "#+-=|":
        line = "\\" + line
    return line


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(cell(h) for h in head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return out


def _duties(duties: list[DutyView], supports_label: str) -> list[str]:
    lines: list[str] = []
    for number, duty in enumerate(duties, 1):
        text = inline(duty.text)
        if duty.supports:
            text += f"（{supports_label}：{inline(duty.supports)}）"
        lines.append(f"{number}. {text}" + ("\\" if duty.details else ""))
        for sub, detail in enumerate(duty.details, 1):
            lines.append(f"   ({sub}) {inline(detail)}" + ("\\" if sub < len(duty.details) else ""))
    return lines


def job_description_md(jd: JobDescription, level: int = 1) -> str:
    """One job description as Markdown."""
    h = "#" * level
    lab = jd.labels
    lines = [f"{h} {inline(jd.title)}", ""]
    lines += _table([lab["item"], lab["content"]], [[k, v] for k, v in jd.header]) + [""]
    if jd.summary:
        lines += [f"{h}# {lab['summary']}", "", inline(jd.summary), ""]
    if jd.primary or jd.supporting:
        lines += [f"{h}# {lab['duties']}", ""]
        if jd.primary:
            lines += _duties(jd.primary, lab["supports"]) + [""]
        if jd.supporting:
            lines += [f"**{lab['supporting']}**", ""] + _duties(jd.supporting, lab["supports"]) + [""]
    if jd.authorities:
        lines += [f"{h}# {lab['authorities']}", ""]
        lines += [f"{i}. {inline(a)}" for i, a in enumerate(jd.authorities, 1)] + [""]
    if jd.qualifications:
        lines += [f"{h}# {lab['qualifications']}", ""]
        lines += _table([lab["item"], lab["content"]], [[k, v] for k, v in jd.qualifications]) + [""]
    if jd.kpis:
        lines += [f"{h}# {lab['kpis']}", ""]
        lines += _table([lab["kpi"], lab["weight"], lab["target"], lab["cycle"]], [list(k) for k in jd.kpis]) + [""]
    return "\n".join(lines).rstrip("\n") + "\n"


def handbook_md(hb: Handbook, level: int = 1) -> str:
    """One department handbook as Markdown."""
    h = "#" * level
    lab = hb.labels
    lines = [f"{h} {inline(hb.name)} · {lab['handbook']}", ""]
    lines += _table([lab["item"], lab["content"]], [[k, v] for k, v in hb.header]) + [""]
    if hb.functions:
        lines += [f"{h}# {lab['functions']}", ""]
        lines += _table([lab["function"], lab["description"], lab["carried_by"]], [list(f) for f in hb.functions])
        lines.append("")
    if hb.roles:
        lines += [f"{h}# {lab['roles']}", "", "、".join(inline(r) for r in hb.roles), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def process_md(view: ProcessView, owner_label: str, level: int = 3) -> str:
    """One process as a heading, its owner and a table of its steps."""
    owner = f"{owner_label}：{inline(view.owner)}\n\n" if view.owner else ""
    return f"{'#' * level} {inline(view.name)}\n\n{owner}" + "\n".join(_table(view.head, view.rows)) + "\n"
