"""A unified diff made from the spans that were replaced, in one pass (difflib compares every
line with every other, which takes minutes on a long file with many changes).

Lines end at line feeds only, as `patch` reads them; a last line without one is marked
`\\ No newline at end of file`.
"""

import bisect

Span = tuple[int, int, str]
"""Characters [start, end) of the old text and what replaces them (sorted, apart)."""
_NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(old: str, spans: list[Span], path: str, context: int = 3) -> str:
    """The diff of `old` with `spans` replaced, as `git diff` would show it (a/ and b/ prefixes)."""
    if not spans:
        return ""
    if not old:
        lines = _split("".join(new for _, _, new in spans))
        header = f"--- a/{path}\n+++ b/{path}\n@@ -0,0 +{_range(0, len(lines))} @@\n"
        return header + "".join(marked for line in lines for marked in _marked("+", line)) if lines else ""
    starts = _line_starts(old)
    regions = _regions(old, spans, starts)
    out = [f"--- a/{path}\n", f"+++ b/{path}\n"]
    shift = 0  # new line number minus old line number before the current region
    index = 0
    while index < len(regions):
        last = index
        while last + 1 < len(regions) and regions[last + 1][0] - regions[last][1] - 1 <= 2 * context:
            last += 1
        first_line = max(0, regions[index][0] - context)
        end_line = min(len(starts), regions[last][1] + 1 + context)
        body: list[str] = []
        old_count = new_count = 0
        line = first_line
        for number in range(index, last + 1):
            first, final, new_lines = regions[number]
            for context_line in range(line, first):
                body += _marked(" ", _line(old, starts, context_line))
            old_count += first - line
            new_count += first - line
            for removed in range(first, final + 1):
                body += _marked("-", _line(old, starts, removed))
            for added in new_lines:
                body += _marked("+", added)
            old_count += final - first + 1
            new_count += len(new_lines)
            line = final + 1
        for context_line in range(line, end_line):
            body += _marked(" ", _line(old, starts, context_line))
        old_count += end_line - line
        new_count += end_line - line
        new_first = first_line + shift
        shift += new_count - old_count
        out.append(f"@@ -{_range(first_line, old_count)} +{_range(new_first, new_count)} @@\n")
        out += body
        index = last + 1
    return "".join(out)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    at = text.find("\n")
    while at >= 0 and at + 1 < len(text):
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    return starts


def _line(text: str, starts: list[int], number: int) -> str:
    end = starts[number + 1] if number + 1 < len(starts) else len(text)
    return text[starts[number] : end]


def _regions(old: str, spans: list[Span], starts: list[int]) -> list[tuple[int, int, list[str]]]:
    """(first old line, last old line, new lines) of each run of changed lines; a run whose new text
    does not end a line takes in the next line (and any run that starts there)."""
    pending = list(reversed(spans))
    out: list[tuple[int, int, list[str]]] = []
    while pending:
        start, end, _ = pending[-1]
        first = bisect.bisect_right(starts, start) - 1
        final = bisect.bisect_right(starts, max(start, end - 1)) - 1
        group: list[Span] = []
        while True:
            while pending and bisect.bisect_right(starts, pending[-1][0]) - 1 <= final:
                span = pending.pop()
                group.append(span)
                final = max(final, bisect.bisect_right(starts, max(span[0], span[1] - 1)) - 1)
            stop = starts[final + 1] if final + 1 < len(starts) else len(old)
            parts, done = [], starts[first]
            for span_start, span_end, replacement in group:
                parts += [old[done:span_start], replacement]
                done = span_end
            parts.append(old[done:stop])
            text = "".join(parts)
            if text.endswith("\n") or final + 1 >= len(starts):
                break
            final += 1
        out.append((first, final, _split(text)))
    return out


def _split(text: str) -> list[str]:
    """Lines ending at line feeds (each kept), the last without one if the text has none."""
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def _marked(mark: str, line: str) -> list[str]:
    return [mark + line] if line.endswith("\n") else [mark + line + "\n", _NO_NEWLINE]


def _range(start: int, length: int) -> str:
    """A hunk range as difflib writes it: 0-based start, a length of 0 naming the line before."""
    if length == 1:
        return f"{start + 1}"
    return f"{start if length == 0 else start + 1},{length}"
