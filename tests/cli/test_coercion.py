"""Values converted without pydantic are the values typer's own conversion gives."""

import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer._click import Context
from typer._coercion import build_runtime_param

from mktorg.cli.app import app
from mktorg.cli.coercion import light_converter

SAMPLES: list[Any] = [None, "text", "市场部", "roles/a.yaml", "", "-", ("a", "b"), ["MK3", "MK501"], True, False]


def _params() -> list[tuple[str, Any, Any]]:
    group = typer.main.get_command(app)
    commands = [("mktorg", group), *sorted(group.commands.items())]  # type: ignore[attr-defined]
    return [(f"{name} {p.name}", command, p) for name, command in commands for p in command.params]


PARAMS = _params()


def test_every_text_path_flag_and_list_parameter_is_converted_without_pydantic() -> None:
    light = [label for label, _, param in PARAMS if light_converter(param) is not None]
    heavy = [label for label, _, param in PARAMS if light_converter(param) is None]
    assert "lint org" in light and "lint output_format" in light and "lint select" in light
    assert heavy == [label for label in heavy if label.split()[-1] in {"depth", "wide_team", "min_font"}], heavy


@pytest.mark.parametrize(("label", "command", "param"), PARAMS, ids=[label for label, _, _ in PARAMS])
def test_the_same_values_as_typer(label: str, command: Any, param: Any) -> None:
    light = light_converter(param)
    if light is None:
        pytest.skip("typer converts it")
    theirs = build_runtime_param(param.type_descriptor)
    ctx = Context(command)
    for value in SAMPLES:
        expected = _outcome(theirs, value, param, ctx)
        assert _outcome(light, value, param, ctx) == expected, (label, value)


def _outcome(converter: Any, value: Any, param: Any, ctx: Context) -> Any:
    try:
        return ("value", converter.coerce(value, param=param, ctx=ctx))
    except Exception as err:  # typer's BadParameter: the same kind of refusal
        return ("refused", type(err).__name__)


def test_lint_reads_its_options_without_pydantic(tmp_path: Path) -> None:
    import subprocess

    code = (
        "import sys\n"
        "from mktorg.cli.app import app\n"
        "try:\n"
        "    app(['lint', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "import typer.main\n"
        "cmd = typer.main.get_command(app)\n"
        "ctx = cmd.make_context('mktorg', ['lint', '-f', 'json', '--select', 'MK3', 'x'])\n"
        "sub = cmd.commands['lint']\n"
        "sub.make_context('lint', ['-f', 'json', '--select', 'MK3', '--strict', 'x'], parent=ctx)\n"
        "print('pydantic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "False"
