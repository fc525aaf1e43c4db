"""A diff report as plain text for the terminal: + added, - removed, ~ changed; colour on a terminal only."""

from mktorg.render.diff.lines import Report

_COLORS = {"+": "\x1b[32m", "-": "\x1b[31m", "~": "\x1b[33m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def text(report: Report, *, color: bool = False) -> str:
    """The report: heading, counts, sections with their entries, findings."""

    def paint(marker: str, line: str) -> str:
        return f"{_COLORS[marker]}{line}{_RESET}" if color and marker in _COLORS else line

    def bold(line: str) -> str:
        return f"{_BOLD}{line}{_RESET}" if color else line

    lines = [bold(_one_line(report.heading()))]
    if not report.changed:
        lines.append(report.w["nothing"])
        return "\n".join(lines) + "\n"
    lines += [_one_line(report.count_line(kind, parts)) for kind, parts in report.counts]
    for section in report.sections:
        lines.append("")
        title = f"{section.marker} {section.title}" if section.marker else section.title
        lines.append(paint(section.marker, bold(_one_line(title))))
        lines += [f"    {_one_line(line)}" for line in section.lines]
        for entry in section.entries:
            lines.append(paint(entry.marker, f"  {entry.marker} {_one_line(entry.name)}"))
            lines += [f"      {_one_line(line)}" for line in entry.lines]
    if report.findings:
        lines += ["", bold(report.w["findings"])]
        for marker in ("+", "-"):
            shown, more = report.shown_findings(marker)
            for finding in shown:
                line = f"  {marker} {finding.code} {finding.severity} {finding.where}  {_one_line(finding.message)}"
                lines.append(paint(marker, line))
            if more:
                lines.append(f"  {marker} {more}")
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    """No line breaks or control characters from the data inside a line of the report."""
    return "".join(" " if c in "\t\r\n" else c for c in text if c >= " " or c in "\t\r\n").replace("\x1b", "")
