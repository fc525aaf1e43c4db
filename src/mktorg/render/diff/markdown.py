"""A diff report as GitHub-flavoured Markdown that fits a pull-request comment."""

from mktorg.render.diff.lines import Report

MAX_FINDINGS = 50
"""Findings listed per direction; the rest are counted (a comment has a size limit)."""


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
                lines += [f"**{kind}**{w['colon']}" + w["sep"].join(f"{label} {n}" for label, n in parts), ""]
    for section in report.sections:
        lines += [f"#### {_status(section.marker)}{_inline(section.title)}", ""]
        lines += [f"- {_inline(line)}" for line in section.lines]
        for entry in section.entries:
            name = f"~~{_inline(entry.name)}~~" if entry.marker == "-" else f"**{_inline(entry.name)}**"
            lines.append(f"- {_status(entry.marker)}{name}")
            lines += [f"  - {_inline(line)}" for line in entry.lines]
        lines.append("")
    if report.findings:
        lines += [f"#### {w['findings']}", ""]
        for marker, label in (("+", w["introduced"]), ("-", w["resolved"])):
            chosen = [f for f in report.findings if f.marker == marker]
            if not chosen:
                continue
            lines += [f"**{label}**", ""]
            for finding in chosen[:MAX_FINDINGS]:
                lines.append(
                    f"- `{finding.code}` {finding.severity} `{_code_text(finding.where)}` {_inline(finding.message)}"
                )
            if len(chosen) > MAX_FINDINGS:
                lines.append(f"- … ({len(chosen) - MAX_FINDINGS})")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


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
