"""Load an organisation folder: discover, read, parse and validate its files into an Organization."""

from dataclasses import dataclass, field
from pathlib import Path

from mktorg.diagnostics import Finding
from mktorg.errors import OrgNotFoundError
from mktorg.load.discover import discover
from mktorg.load.read import Parsed, read_and_parse
from mktorg.load.source import SourceFile
from mktorg.load.validate import validate
from mktorg.model import OrgFile
from mktorg.model.kinds import FOLDER_KINDS, ORG_FILE_NAMES, FileKind
from mktorg.model.organization import Organization
from mktorg.perf import HELPER_SHARE_OF_FILES, PARSE_ON_HELPER_FROM, beside, bulk_loading, split


@dataclass
class LoadResult:
    """The organisation (whatever loaded), the load findings and every file read."""

    org: Organization
    findings: list[Finding] = field(default_factory=list)
    files: dict[str, SourceFile] = field(default_factory=dict)
    """Every file that could be read, by path."""
    sources: dict[tuple[str, str], SourceFile] = field(default_factory=dict)
    """The file of each loaded department, role and process, by (kind, id)."""
    org_source: SourceFile | None = None
    org_valid: bool = True
    """Whether org.yaml validated (its settings are then the organisation's, not the defaults)."""

    def source(self, kind: str, id_: str) -> SourceFile:
        """The file a department, role or process came from."""
        return self.sources[(kind, id_)]

    def valid_sources(self) -> list[SourceFile]:
        """The files whose content validated: org.yaml, then departments, processes and roles by id."""
        head = [self.org_source] if self.org_source is not None and self.org_valid else []
        return head + [self.sources[key] for key in sorted(self.sources)]


def load_org(root: Path) -> LoadResult:
    """Load an organisation folder; bad files become findings, never exceptions."""
    if not root.is_dir():
        raise OrgNotFoundError(f"no organisation folder at {root}")
    markers = (*ORG_FILE_NAMES, *FOLDER_KINDS)
    if not any((root / marker).exists() for marker in markers):
        raise OrgNotFoundError(f"{root} holds no organisation: expected org.yaml, departments/ or roles/")
    with bulk_loading():
        return _Loader(root).run()


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.findings: list[Finding] = []
        self.files: dict[str, SourceFile] = {}
        self.sources: dict[tuple[str, str], SourceFile] = {}

    def run(self) -> LoadResult:
        settings, org_source, org_valid = self._org_file()
        org = Organization(self.root.resolve().name, settings)
        todo, problems = discover(self.root)
        self.findings.extend(problems)
        cut = split(len(todo), PARSE_ON_HELPER_FROM, HELPER_SHARE_OF_FILES)
        here, there = todo[:cut], todo[cut:]

        def take_here() -> None:
            for item in here:
                self._take(org, item, read_and_parse(self.root, item[0]))

        if there:  # the helper parses the last part while this process parses and validates the first
            _, parsed = beside(take_here, lambda: [read_and_parse(self.root, rel) for rel, _, _ in there])
            for item, result in zip(there, parsed, strict=True):
                self._take(org, item, result)
        else:
            take_here()
        return LoadResult(org, self.findings, self.files, self.sources, org_source, org_valid)

    def _take(self, org: Organization, item: tuple[str, str, str], parsed: Parsed) -> None:
        """Keep a parsed file and index what validates."""
        rel, folder, stem = item
        readable, text, data, strings, findings = parsed
        kind = FOLDER_KINDS[folder]
        self.findings.extend(findings)
        if readable and text is not None:
            self.files[rel] = SourceFile(rel, kind.name, stem, data, text, strings)
        if data is None:
            org.broken[kind.name].add(stem)
            return
        self._index(org, self.files[rel], kind)

    def _org_file(self) -> tuple[OrgFile, SourceFile | None, bool]:
        default = OrgFile(name=self.root.resolve().name)
        for name in ORG_FILE_NAMES:
            if (self.root / name).is_file():
                readable, text, data, strings, findings = read_and_parse(self.root, name)
                self.findings.extend(findings)
                if not readable:
                    return default, None, False
                assert text is not None
                source = SourceFile(name, "org", "org", data, text, strings)
                self.files[name] = source
                if data is None:
                    return default, source, False
                settings, problems = validate(source, OrgFile)
                self.findings.extend(problems)
                return settings or default, source, settings is not None
        return default, None, True

    def _index(self, org: Organization, source: SourceFile, kind: FileKind) -> None:
        entity, findings = validate(source, kind.model)
        self.findings.extend(findings)
        if entity is None:
            org.broken[source.kind].add(source.id)
            return
        self.sources[(source.kind, source.id)] = source
        org.table(source.kind)[source.id] = entity
