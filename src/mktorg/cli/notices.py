"""Warnings on stderr that never fail a command: a font that is not installed, a missing language."""

import functools
import shutil
import subprocess
import sys

from mktorg.model.organization import Organization

TextValue = str | dict[str, str]


def warn(message: str) -> None:
    """One warning line on stderr."""
    print(f"mktorg: warning: {message}", file=sys.stderr)


def _family_key(name: str) -> str:
    return "".join(name.replace("\\", "").split()).casefold()


@functools.cache
def installed_fonts() -> frozenset[str] | None:
    """The font families fontconfig knows (compared without spaces or case); None when fc-list cannot tell."""
    program = shutil.which("fc-list")
    if program is None:
        return None
    try:
        listing = subprocess.run([program, ":", "family"], capture_output=True, text=True, timeout=20, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return frozenset(_family_key(name) for line in listing.stdout.splitlines() for name in line.split(","))


def check_font(font: str) -> None:
    """Warn when `font` is not installed, so the output would silently use a substitute."""
    families = installed_fonts()
    if families is not None and _family_key(font) not in families:
        warn(
            f"font '{font}' is not installed (fc-list does not list it); a substitute font is used, "
            "which may not show Chinese; see fc-list : family"
        )


def check_language(org: Organization, lang: str | None, texts: list[TextValue]) -> None:
    """Warn when texts that get shown have no version in `lang` and fall back to the default language."""
    default = org.default_lang
    if lang is None or lang == default:
        return
    missing = sum(1 for text in texts if not (isinstance(text, dict) and text.get(lang, "").strip()))
    if not missing:
        return
    locales = org.settings.locales
    why = "" if lang in locales else f"; '{lang}' is not in org.yaml locales ({', '.join(locales)})"
    warn(f"{missing} of {len(texts)} texts shown have no '{lang}' version and are shown in '{default}'{why}")


def chart_texts(org: Organization) -> list[TextValue]:
    """What a chart shows: the organisation name, department names and role titles."""
    return [
        org.settings.name,
        *(dept.name for dept in org.departments.values()),
        *(role.title for role in org.roles.values()),
    ]


def document_texts(org: Organization, role_ids: list[str]) -> list[TextValue]:
    """What job descriptions show: every text of the roles, with their departments' names."""
    from mktorg.lint.text.fields import role_texts

    texts: list[TextValue] = [org.settings.name]
    for role_id in role_ids:
        role = org.roles[role_id]
        texts += [value for _, value in role_texts(role)]
        if role.department in org.departments:
            texts.append(org.departments[role.department].name)
    return texts
