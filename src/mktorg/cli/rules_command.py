"""`mktorg rules`: list the rules or explain one."""

from typing import Annotated

import typer

from mktorg.cli.boundary import cli_command
from mktorg.errors import MktorgError


@cli_command
def rules(
    code: Annotated[str | None, typer.Argument(metavar="CODE", help="A rule code, prefix or name.")] = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="Print docs/rules.md.")] = False,
) -> None:
    """List the lint rules, or explain the ones matching CODE."""
    from mktorg.lint.rules import RULES, find_rules
    from mktorg.lint.rules_doc import rules_markdown

    if markdown:
        print(rules_markdown(), end="")
        return
    if code is None:
        for rule_ in RULES.values():
            print(f"{rule_.code}  {rule_.name:<28} {rule_.severity.value:<8} {rule_.summary}")
        return
    found = find_rules(code)
    if not found:
        raise MktorgError(f"unknown rule '{code}'")
    for rule_ in found:
        print(f"{rule_.code} {rule_.name} [{rule_.severity.value}]\n\n{rule_.doc}\n")
