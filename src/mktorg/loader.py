"""Find, read, parse and validate the files of an organisation folder."""

import gc
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from mktorg.diagnostics import Finding
from mktorg.errors import OrgNotFoundError
from mktorg.model import Department, OrgFile, Process, Role
from mktorg.organization import Organization
from mktorg.source import SourceFile
from mktorg.validation import validate
from mktorg.yamlio import YamlProblem, parse

MAX_FILE_BYTES = 10 * 1024 * 1024
KINDS: dict[str, tuple[str, type[BaseModel]]] = {
    "departments": ("department", Department),
    "roles": ("role", Role),
    "processes": ("process", Process),
}
_ID = re.compile(r"[^\W_][\w-]*\Z")
_PROBLEM_CODES = {"syntax": "MK001", "duplicate-key": "MK002", "tag": "MK010", "not-a-mapping": "MK004"}


@dataclass
class LoadResult:
    """The organisation (whatever loaded), the load findings and every file read."""

    org: Organization
    findings: list[Finding] = field(default_factory=list)
    files: dict[str, SourceFile] = field(default_factory=dict)


def load_org(root: Path) -> LoadResult:
    """Load an organisation folder; bad files become findings, never exceptions."""
    if not root.is_dir():
        raise OrgNotFoundError(f"no organisation folder at {root}")
    gc_was_enabled = gc.isenabled()
    gc.disable()  # the cyclic GC dominates bulk loading (performance notes G3)
    try:
        return _Loader(root).run()
    finally:
        if gc_was_enabled:
            gc.enable()


def discover(root: Path) -> Iterator[tuple[str, str]]:
    """Yield (relative posix path, folder kind) of every YAML file, in a stable order."""
    for folder in KINDS:
        base = root / folder
        if not base.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(base):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            rel_dir = Path(dirpath).relative_to(root).as_posix()
            for name in sorted(filenames):
                if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                    yield f"{rel_dir}/{name}", folder


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.findings: list[Finding] = []
        self.files: dict[str, SourceFile] = {}
        self.seen_ids: dict[tuple[str, str], str] = {}

    def run(self) -> LoadResult:
        settings, org_source = self._org_file()
        org = Organization(self.root.resolve().name, settings, org_source=org_source)
        for rel, folder in discover(self.root):
            kind, model = KINDS[folder]
            self._load_entity(org, rel, kind, model)
        return LoadResult(org, self.findings, self.files)

    def _org_file(self) -> tuple[OrgFile, SourceFile | None]:
        for name in ("org.yaml", "org.yml"):
            if (self.root / name).is_file():
                source = self._parse(name, "org", "org")
                if source is None:
                    return OrgFile(name=self.root.resolve().name), None
                settings, findings = validate(source, OrgFile)
                self.findings.extend(findings)
                return settings or OrgFile(name=self.root.resolve().name), source
        return OrgFile(name=self.root.resolve().name), None

    def _load_entity(self, org: Organization, rel: str, kind: str, model: type[BaseModel]) -> None:
        stem = unicodedata.normalize("NFC", rel.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        if not _ID.match(stem):
            self.findings.append(
                Finding(
                    "MK008",
                    rel,
                    1,
                    1,
                    f"file name '{stem}' is not a valid id",
                    "rename the file: letters, digits, '_' and '-', starting with a letter or digit",
                )
            )
            return
        folded = stem.casefold()
        first = self.seen_ids.get((kind, folded))
        if first is not None:
            self.findings.append(
                Finding(
                    "MK009",
                    rel,
                    1,
                    1,
                    f"{kind} id '{stem}' is also used by {first}",
                    "rename one of the files: ids must be unique, ignoring letter case",
                )
            )
            return
        self.seen_ids[(kind, folded)] = rel
        source = self._parse(rel, kind, stem)
        if source is None:
            org.broken[kind].add(stem)
            return
        entity, findings = validate(source, model)
        self.findings.extend(findings)
        declared = source.data.get("id")
        if isinstance(declared, str) and unicodedata.normalize("NFC", declared) != stem:
            line, column = source.locate(["id"])
            self.findings.append(
                Finding(
                    "MK008",
                    rel,
                    line,
                    column,
                    f"id '{declared}' differs from the file name '{stem}'",
                    f"remove the id: key or write id: {stem}",
                )
            )
        if entity is None:
            org.broken[kind].add(stem)
            return
        org.sources[(kind, stem)] = source
        org.table(kind)[stem] = entity

    def _parse(self, rel: str, kind: str, id_: str) -> SourceFile | None:
        text = self._read(rel)
        if text is None:
            return None
        source = SourceFile(rel, kind, id_, text)
        self.files[rel] = source
        try:
            source.loaded = parse(text)
        except YamlProblem as problem:
            self.findings.append(
                Finding(
                    _PROBLEM_CODES[problem.kind],
                    rel,
                    problem.line,
                    problem.column,
                    problem.message,
                    problem.hint or _PROBLEM_HINTS[problem.kind],
                )
            )
            return None
        return source

    def _read(self, rel: str) -> str | None:
        path = self.root / rel
        try:
            if path.is_symlink() and not path.resolve().is_relative_to(self.real_root):
                return self._unreadable(rel, "is a link to a file outside the organisation folder")
            if not path.is_file():
                return self._unreadable(rel, "is not a regular file")
            if path.stat().st_size > MAX_FILE_BYTES:
                return self._unreadable(rel, f"is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
            raw = path.read_bytes()
        except (OSError, RuntimeError) as err:
            return self._unreadable(rel, f"cannot be read ({getattr(err, 'strerror', None) or err})")
        if raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as err:
            self.findings.append(_not_utf8(rel, raw, err))
            return None

    def _unreadable(self, rel: str, why: str) -> str | None:
        self.findings.append(Finding("MK011", rel, 1, 1, f"the file {why}", "fix or remove the file"))
        return None


_PROBLEM_HINTS = {
    "syntax": "check the indentation and quoting around this line",
    "duplicate-key": "remove one of the two keys or merge their values",
    "tag": "remove the tag: mktorg files use plain YAML values",
    "not-a-mapping": "write the file as 'key: value' lines",
}


def _not_utf8(rel: str, raw: bytes, err: UnicodeDecodeError) -> Finding:
    line = raw.count(b"\n", 0, err.start) + 1
    column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
    try:
        raw.decode("gb18030")
        guess = "it looks like GBK/GB18030 (saved on Windows?); convert it: "
        hint = guess + f"iconv -f GB18030 -t UTF-8 '{rel}' -o '{rel}.utf8' && mv '{rel}.utf8' '{rel}'"
    except UnicodeDecodeError:
        hint = "save the file as UTF-8 in your editor"
    return Finding("MK003", rel, line, column, f"the file is not UTF-8 (bad byte 0x{raw[err.start]:02x})", hint)
