"""Command-line values converted without pydantic, for the plain annotations mktorg uses.

typer 0.29 converts every parameter of the command being run through a pydantic TypeAdapter
built on the spot: importing pydantic and building the adapters cost ~100 ms, more than
`import typer` itself, on every `mktorg lint`. Text, paths and lists of text need none of
that: the value is the text click read; a path goes through typer's own path checks. Any
other annotation (or a parameter with a custom parser, click type or number range) keeps
typer's conversion. `tests/cli/test_coercion.py` checks that both give the same values.
"""

from pathlib import Path
from types import NoneType, UnionType
from typing import Any, Union, get_args, get_origin

try:  # typer's private coercion contract (typer 0.29); without it typer converts as usual
    from typer._coercion import RuntimeParam, build_runtime_param, resolve_type_descriptor
    from typer._param_types import coerce_cli_path
except ImportError:  # pragma: no cover - another typer
    RuntimeParam = None  # type: ignore[assignment,misc]


def _plain(annotation: Any) -> Any:
    """`X` for `X` and `X | None`; None for anything else."""
    if get_origin(annotation) in (UnionType, Union):
        args = [a for a in get_args(annotation) if a is not NoneType]
        return args[0] if len(args) == 1 else None
    return annotation


def light_converter(param: Any) -> Any:
    """A converter for this typer parameter that needs no pydantic, or None to keep typer's."""
    descriptor = getattr(param, "type_descriptor", None)
    if RuntimeParam is None or descriptor is None or descriptor.file_annotation is not None:
        return None
    info = descriptor.parameter_info
    if getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
        return None
    kind = _plain(descriptor.annotation)
    if kind is bool:
        return _Flag(info, descriptor.annotation)
    if kind is str:
        return _Text(info, descriptor.annotation)
    if kind is Path and getattr(info, "path_type", None) is None:
        return _Path(info, descriptor.annotation)
    if kind == list[str]:
        return _Texts(info, descriptor.annotation)
    return None


if RuntimeParam is not None:

    class _Light(RuntimeParam):
        """Converts the values click reads; anything else (a value from an environment variable,
        say) goes to typer's own converter."""

        def typer_converts(self, value: Any, param: Any, ctx: Any) -> Any:
            typers = build_runtime_param(resolve_type_descriptor(self.annotation, self.parameter_info))
            return typers._coerce_value(value, param=param, ctx=ctx)

    class _Flag(_Light):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            return value if isinstance(value, bool) else self.typer_converts(value, param, ctx)

    class _Text(_Light):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            return value if isinstance(value, str) else self.typer_converts(value, param, ctx)

    class _Path(_Light):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if not isinstance(value, str | Path):
                return self.typer_converts(value, param, ctx)
            path = value if isinstance(value, Path) else Path(value)
            return coerce_cli_path(path, self.parameter_info, path_type=Path, param=param, ctx=ctx)

    class _Texts(_Light):
        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
                return list(value)
            return self.typer_converts(value, param, ctx)
