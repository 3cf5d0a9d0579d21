"""Docs that cannot go stale: every command, option and setting is documented,
and docs/cli.md is exactly what tools/gen_cli_docs.py builds from --help."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import click
import pytest

from skyledger.cli import SETTING_FLAGS, main
from skyledger.settings import SETTINGS

REPO = Path(__file__).resolve().parents[1]


def _docs() -> str:
    return "\n".join(
        (REPO / name).read_text(encoding="utf-8") for name in ("README.md", "docs/cli.md")
    )


def _generator() -> ModuleType:
    path = REPO / "tools" / "gen_cli_docs.py"
    spec = importlib.util.spec_from_file_location("gen_cli_docs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _commands(group: click.Group, prefix: str) -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = [(prefix, group)]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix} {name}")
        else:
            found.append((f"{prefix} {name}", command))
    return found


COMMANDS = _commands(main, "skyledger")


@pytest.mark.parametrize("path, command", COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_and_option_is_documented(path: str, command: click.Command) -> None:
    docs = _docs()
    assert path in docs, f"command '{path}' is not in README.md or docs/cli.md"
    for param in command.params:
        for opt in param.opts if isinstance(param, click.Option) else []:
            assert opt in docs, f"option {opt} of '{path}' is not documented"


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_every_setting_is_documented(name: str) -> None:
    assert name in _docs(), f"setting {name} is not in README.md or docs/cli.md"


def test_every_setting_flag_exists() -> None:
    extract = main.commands["extract"]
    opts = {opt for param in extract.params for opt in param.opts}
    assert set(SETTING_FLAGS) <= set(SETTINGS)
    assert set(SETTING_FLAGS.values()) <= opts


def test_cli_reference_is_generated_from_help() -> None:
    current = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert current == _generator().render(), "docs/cli.md is stale: run make docs"


def test_readme_opens_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.find("\n## ", readme.find("make test"))]
    assert "make demo" in head and "make test" in head
    assert head.find("make demo") < head.find("make test")
