"""Walk every Text value of a department, role or process, with its path in the file."""

from collections.abc import Iterator

from mktorg.model import Department, Process, Role
from mktorg.source import PathPart

TextAt = tuple[list[PathPart], "str | dict[str, str]"]
"""A Text value (a string or a locale mapping) and its path in the file."""


def _text(path: list[PathPart], value: object) -> Iterator[TextAt]:
    if isinstance(value, str | dict):
        yield path, value


def _texts(path: list[PathPart], values: list[object]) -> Iterator[TextAt]:
    for i, value in enumerate(values):
        yield from _text([*path, i], value)


def role_texts(role: Role) -> Iterator[TextAt]:
    """Every text of a role: title, summary, duties and details, authorities, qualifications, KPIs."""
    yield from _text(["title"], role.title)
    yield from _texts(["aliases"], list(role.aliases))
    yield from _text(["summary"], role.summary)
    for i, duty in enumerate(role.duties):
        if isinstance(duty, str):
            yield from _text(["duties", i], duty)
        else:
            yield from _text(["duties", i, "text"], duty.text)
            yield from _texts(["duties", i, "details"], list(duty.details))
    yield from _texts(["authorities"], list(role.authorities))
    q = role.qualifications
    if q is not None:
        for name in ("education", "experience", "scope"):
            yield from _text(["qualifications", name], getattr(q, name))
        for name in ("majors", "knowledge", "skills", "other"):
            yield from _texts(["qualifications", name], list(getattr(q, name)))
    for i, kpi in enumerate(role.kpis):
        yield from _text(["kpis", i, "name"], kpi.name)
        yield from _text(["kpis", i, "target"], kpi.target)


def department_texts(dept: Department) -> Iterator[TextAt]:
    """Every text of a department: name, mission and functions."""
    yield from _text(["name"], dept.name)
    yield from _text(["mission"], dept.mission)
    for i, function in enumerate(dept.functions):
        base: list[PathPart] = ["functions", i]
        yield from _text([*base, "name"], function.name)
        yield from _text([*base, "description"], function.description)
        yield from _texts([*base, "details"], list(function.details))
        yield from _texts([*base, "deliverables"], list(function.deliverables))


def process_texts(process: Process) -> Iterator[TextAt]:
    """Every text of a process: name and step names, phases and key points."""
    yield from _text(["name"], process.name)
    for i, step in enumerate(process.steps):
        for name in ("name", "phase", "key_points"):
            yield from _text(["steps", i, name], getattr(step, name))


def strings(texts: Iterator[TextAt]) -> Iterator[tuple[list[PathPart], str]]:
    """Each string of each Text, a locale mapping giving one string per locale."""
    for path, value in texts:
        if isinstance(value, str):
            yield path, value
        else:
            for locale, text in value.items():
                yield [*path, locale], text
