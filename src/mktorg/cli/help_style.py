"""Help in the conventions of git, click and ruff: `ORG`, `--format [text|json]`, no Python type names.

Typer shows every parameter's Python type (`<bool>`, `<list[str]>`, `{directory}`). These
command classes give each parameter a metavar instead: arguments their upper-case name,
flags none, options a word for their kind unless the declaration names one (choices are
declared as `metavar="[a|b|c]"`).
"""

from pathlib import Path
from typing import Any

from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from mktorg.cli.coercion import light_converter

_WORDS: dict[Any, str] = {Path: "PATH", int: "N", float: "NUMBER", str: "TEXT", list[str]: "TEXT"}


class _Argument(TyperArgument):
    """An argument shown by its metavar alone (typer adds `<path>`)."""

    def display_type_rich(self, ctx: Any) -> str | None:
        """No type column: the metavar says it."""
        return None


def _tidy(param: Any) -> None:
    """Set the metavar typer would otherwise draw from the Python type, and a converter without
    pydantic where the value is plain text or a path (`cli/coercion.py`)."""
    if type(param) is TyperArgument:
        param.__class__ = _Argument
    if getattr(param, "_runtime_param", False) is None:
        param._runtime_param = light_converter(param)
    if param.metavar is not None:
        return
    if isinstance(param, TyperArgument):
        param.metavar = (param.name or "value").upper()
    elif isinstance(param, TyperOption):
        descriptor = getattr(param, "type_descriptor", None)
        annotation = getattr(descriptor, "annotation", None)
        param.metavar = "" if param.is_flag else _WORDS.get(annotation, "VALUE")


def _usage(command: Any, ctx: Any) -> list[str]:
    """`[OPTIONS] ORG` and `[OPTIONS] DIR` rather than `{directory}`."""
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            pieces.append(param.metavar if param.required else f"[{param.metavar}]")
        else:
            pieces.extend(param.get_usage_pieces(ctx))
    return pieces


class Command(TyperCommand):
    """A command whose help names values, not Python types."""

    def get_params(self, ctx: Any) -> list[Any]:
        """The parameters, each with a metavar."""
        params = super().get_params(ctx)
        for param in params:
            _tidy(param)
        return params

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """The usage line."""
        return _usage(self, ctx)


class Group(TyperGroup):
    """The top-level command group, with the same help conventions."""

    def get_params(self, ctx: Any) -> list[Any]:
        """The global options, each with a metavar."""
        params = super().get_params(ctx)
        for param in params:
            _tidy(param)
        return params
