"""A diff report as GitHub-flavoured Markdown that fits a pull-request comment."""

from mktorg.render.diff.lines import Report

MAX_CHARS = 60_000
"""A GitHub comment holds at most 65,536 characters: sections beyond this are left out, and counted."""


def markdown(report: Report) -> str:
    """Heading, a table of counts, a section per department, processes and findings."""
    w = report.w
    old, new = (_code(label) if label != w["worktree"] else label for label in (report.old_label, report.new_label))
    lines = [f"### {report.heading(old, new)}", ""]
    if not report.changed:
        return "\n".join([*lines, w["nothing"]]) + "\n"
    if report.counts:
        entity_rows = [(kind, parts) for kind, parts in report.counts if len(parts) == 5]
        if entity_rows:
            lines.append("| | " + " | ".join(label for label, _ in entity_rows[0][1]) + " |")
            lines.append("|---|" + "---:|" * len(entity_rows[0][1]))
            lines += ["| " + kind + " | " + " | ".join(str(n) for _, n in parts) + " |" for kind, parts in entity_rows]
            lines.append("")
        for kind, parts in report.counts:
            if len(parts) != 5:
                lines += [f"**{kind}**{w['colon']}" + w["sep"].join(f"{label} {n}" for label, n in parts if n), ""]
    findings = _findings(report)
    budget = MAX_CHARS - sum(len(line) + 1 for line in [*lines, *findings])
    for index, section in enumerate(report.sections):
        block = [f"#### {_status(section.marker)}{_inline(section.title)}", ""]
        block += [f"- {_inline(line)}" for line in section.lines]
        for entry in section.entries:
            name = f"~~{_inline(entry.name)}~~" if entry.marker == "-" else f"**{_inline(entry.name)}**"
            block.append(f"- {_status(entry.marker)}{name}")
            block += [f"  - {_inline(line)}" for line in entry.lines]
        block.append("")
        budget -= sum(len(line) + 1 for line in block)
        if budget < 0:
            lines += [w["cut"].format(n=len(report.sections) - index), ""]
            break
        lines += block
    return "\n".join([*lines, *findings]).rstrip("\n") + "\n"


def _findings(report: Report) -> list[str]:
    """The findings introduced and resolved, at most MAX_FINDINGS of each listed."""
    w = report.w
    lines: list[str] = []
    if report.findings:
        lines += [f"#### {w['findings']}", ""]
        for marker, label in (("+", w["introduced"]), ("-", w["resolved"])):
            shown, more = report.shown_findings(marker)
            if not shown:
                continue
            lines += [f"**{label}**", ""]
            for finding in shown:
                lines.append(
                    f"- `{finding.code}` {finding.severity} `{_code_text(finding.where)}` {_inline(finding.message)}"
                )
            if more:
                lines.append(f"- {_inline(more)}")
            lines.append("")
    return lines


def _status(marker: str) -> str:
    return {"+": "➕ ", "-": "➖ ", "~": ""}.get(marker, "")


def _code(label: str) -> str:
    return f"`{_code_text(label)}`"


def _code_text(text: str) -> str:
    return " ".join(text.replace("`", "'").split())


def _inline(text: str) -> str:
    """One line, Markdown punctuation escaped so that data never becomes markup."""
    line = " ".join(text.split())
    for char in "\\`*_<>[]|~#":
        line = line.replace(char, "\\" + char)
    return line
