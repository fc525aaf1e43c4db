"""What a deliverable says about itself, resolved from the organisation folder: org.yaml `document`,
the logo file, and a fixed date (org.yaml `document.date`, else SOURCE_DATE_EPOCH, else the date of
the last commit that touched the folder), so two exports of the same sources are identical."""

import datetime
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mktorg.model.organization import Organization
    from mktorg.render.document import Logo
    from mktorg.render.layout import DocumentMeta


def source_date(folder: Path) -> str:
    """The ISO date to print when org.yaml gives none; empty when nothing fixes one."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date().isoformat()
    git = shutil.which("git")
    if git is None:
        return ""
    try:
        done = subprocess.run(
            [git, "log", "-1", "--format=%cs", "--", "."],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    day = done.stdout.strip()
    return day if done.returncode == 0 and len(day) == 10 else ""


def _logo(org: "Organization", folder: Path) -> "Logo | None":
    from mktorg.render.document import Logo

    info = org.settings.document
    if info is None or not info.logo:
        return None
    path = folder / info.logo
    kind = path.suffix.lower().lstrip(".")
    try:
        data = path.read_bytes()
    except OSError:
        print(f"warning: logo {info.logo} could not be read; the cover has none", file=sys.stderr)
        return None
    if kind not in ("png", "svg"):
        print(f"warning: logo {info.logo} is not PNG or SVG; the cover has none", file=sys.stderr)
        return None
    return Logo(data, "png" if kind == "png" else "svg")


def document_meta(org: "Organization", folder: Path, lang: str | None) -> "DocumentMeta":
    """The cover and property values of the organisation's documents in `lang`."""
    from mktorg.render.layout import meta_for

    info = org.settings.document
    date = "" if info is not None and info.date else source_date(folder)
    return meta_for(org, lang, date, _logo(org, folder))
