"""A git repository in a temporary folder, with commits whose ids do not depend on the clock."""

import io
import os
import shutil
import subprocess
import tarfile
from collections.abc import Callable
from pathlib import Path

Edit = str | None | Callable[[str], str]
"""New text of a file, None to delete it, or a function of its current text."""

ENV = {
    "GIT_AUTHOR_NAME": "Consultant",
    "GIT_AUTHOR_EMAIL": "consultant@example.invalid",
    "GIT_COMMITTER_NAME": "Consultant",
    "GIT_COMMITTER_EMAIL": "consultant@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


class Repo:
    """A repository whose organisation lives in `org` (a sub-folder)."""

    def __init__(self, path: Path, org: Path, *, sub: str = "design") -> None:
        self.path = path
        self.org = path / sub
        path.mkdir(parents=True, exist_ok=True)
        shutil.copytree(org, self.org)
        self.git("init", "-q", "-b", "main")
        self.count = 0
        self.commit("base")

    def git(self, *args: str) -> str:
        env = {**os.environ, **ENV}
        stamp = f"2026-01-{1 + self.count if hasattr(self, 'count') else 1:02d}T09:00:00+08:00"
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = stamp
        done = subprocess.run(["git", *args], cwd=self.path, env=env, capture_output=True, check=True)
        return done.stdout.decode("utf-8")

    def edit(self, edits: dict[str, Edit]) -> None:
        """Change files of the organisation (paths relative to it)."""
        for rel, edit in edits.items():
            path = self.org / rel
            if edit is None:
                path.unlink()
                continue
            text = edit(path.read_text(encoding="utf-8")) if callable(edit) else edit
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        self.git("tag", message)
        self.count += 1
        return self.git("rev-parse", "HEAD").strip()

    def export(self, rev: str, dest: Path) -> Path:
        """The organisation as it is in a revision, written out to `dest/<org folder name>`."""
        data = subprocess.run(
            ["git", "archive", "--format=tar", rev, self.org.name],
            cwd=self.path,
            capture_output=True,
            check=True,
        ).stdout
        dest.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            archive.extractall(dest, filter="data")
        return dest / self.org.name


def replace(*pairs: str) -> Callable[[str], str]:
    """An edit replacing each `old` with `new` (pairs given flat), failing when `old` is not there."""

    def apply(text: str) -> str:
        for old, new in zip(pairs[::2], pairs[1::2], strict=True):
            assert old in text, old
            text = text.replace(old, new)
        return text

    return apply
