"""Every Text value of a department, role or process, with its path in the file."""

from typing import TYPE_CHECKING

from mktorg.load.source import PathPart
from mktorg.model import KPI, Department, OrgFile, Process, Role
from mktorg.model.role import Relation

if TYPE_CHECKING:
    from mktorg.load.loader import LoadResult
    from mktorg.load.source import SourceFile

TextAt = tuple[list[PathPart], "str | dict[str, str]"]
"""A Text value (a string or a locale mapping) and its path in the file."""


class _Texts(list[TextAt]):
    def one(self, path: list[PathPart], value: object) -> None:
        if isinstance(value, str | dict):
            self.append((path, value))

    def many(self, path: list[PathPart], values: list[object]) -> None:
        for i, value in enumerate(values):
            if isinstance(value, str | dict):
                self.append(([*path, i], value))


def _kpi_texts(out: "_Texts", kpis: list[KPI]) -> None:
    for i, kpi in enumerate(kpis):
        out.one(["kpis", i, "name"], kpi.name)
        out.one(["kpis", i, "target"], kpi.target)


def _detail_texts(out: "_Texts", path: list[PathPart], details: list[object]) -> None:
    """Work-content items: a Text, or a node with text and nested details."""
    for i, item in enumerate(details):
        text = getattr(item, "text", None)
        if text is None:
            out.one([*path, i], item)
        else:
            out.one([*path, i, "text"], text)
            _detail_texts(out, [*path, i, "details"], list(getattr(item, "details", [])))


def role_texts(role: Role) -> list[TextAt]:
    """Every text of a role: title, summary, duties and details, authorities, qualifications, KPIs, relations."""
    out = _Texts()
    out.one(["title"], role.title)
    out.many(["aliases"], list(role.aliases))
    out.one(["summary"], role.summary)
    for i, duty in enumerate(role.duties):
        if isinstance(duty, str):
            out.append((["duties", i], duty))
        else:
            out.one(["duties", i, "text"], duty.text)
            out.many(["duties", i, "details"], list(duty.details))
    out.many(["authorities"], list(role.authorities))
    q = role.qualifications
    if q is not None:
        for name in ("education", "experience", "scope"):
            out.one(["qualifications", name], getattr(q, name))
        for name in ("majors", "knowledge", "skills", "other"):
            out.many(["qualifications", name], list(getattr(q, name)))
    _kpi_texts(out, role.kpis)
    out.one(["environment"], role.environment)
    if role.relations is not None:
        for side in ("internal", "external"):
            for i, relation in enumerate(getattr(role.relations, side)):
                if isinstance(relation, Relation):
                    out.one(["relations", side, i, "about"], relation.about)
                else:
                    out.one(["relations", side, i], relation)
    return out


def department_texts(dept: Department) -> list[TextAt]:
    """Every text of a department: name, mission, functions, duties, authorities and KPIs."""
    out = _Texts()
    out.one(["name"], dept.name)
    out.many(["aliases"], list(dept.aliases))
    out.one(["mission"], dept.mission)
    for i, function in enumerate(dept.functions):
        out.one(["functions", i, "name"], function.name)
        out.one(["functions", i, "description"], function.description)
        _detail_texts(out, ["functions", i, "details"], list(function.details))
        out.many(["functions", i, "deliverables"], list(function.deliverables))
    out.many(["duties"], list(dept.duties))
    out.many(["authorities"], list(dept.authorities))
    _kpi_texts(out, dept.kpis)
    return out


def process_texts(process: Process) -> list[TextAt]:
    """Every text of a process: name and step names, phases and key points."""
    out = _Texts()
    out.one(["name"], process.name)
    for i, step in enumerate(process.steps):
        for name in ("name", "phase", "key_points"):
            out.one(["steps", i, name], getattr(step, name))
    return out


def org_file_texts(settings: OrgFile) -> list[TextAt]:
    """Every text of org.yaml: the name, the document's client, author and confidentiality, grade names.

    Level names are not among them: roles name their level by that text, like an id.
    """
    out = _Texts()
    out.one(["name"], settings.name)
    if settings.document is not None:
        for name in ("client", "author", "confidentiality"):
            out.one(["document", name], getattr(settings.document, name))
    for grade_id, grade in settings.grades.items():
        out.one(["grades", grade_id, "name"], grade.name)
    return out


def strings(texts: list[TextAt]) -> list[tuple[list[PathPart], str]]:
    """Each string of each Text, a locale mapping giving one string per locale."""
    out: list[tuple[list[PathPart], str]] = []
    for path, value in texts:
        if isinstance(value, str):
            out.append((path, value))
        else:
            out.extend(([*path, locale], text) for locale, text in value.items())
    return out


def organisation_texts(loaded: "LoadResult") -> list[tuple["SourceFile", list[TextAt]]]:
    """The Text values of every loaded department, role and process, with the file of each."""
    org = loaded.org
    groups = [
        *(("department", d, department_texts(x)) for d, x in sorted(org.departments.items())),
        *(("role", r, role_texts(x)) for r, x in org.iter_roles()),
        *(("process", p, process_texts(x)) for p, x in sorted(org.processes.items())),
    ]
    return [(loaded.source(kind, id_), items) for kind, id_, items in groups]


def organisation_strings(loaded: "LoadResult") -> list[tuple["SourceFile", list[PathPart], str]]:
    """Every string of every Text field of the loaded entities, with its file and path."""
    return [(source, path, text) for source, items in organisation_texts(loaded) for path, text in strings(items)]
