"""The architecture rules of `src/nec`: layering and acyclic modules (import-linter contracts in
pyproject.toml), no module over 400 lines, a docstring opening every module."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "src" / "nec"
MAX_LINES = 400


def _modules() -> list[Path]:
    return sorted(p for p in SOURCE.rglob("*.py") if "migrations" not in p.parts)


def test_the_rules_see_every_app():
    apps = {p.relative_to(SOURCE).parts[0] for p in _modules()}
    assert {"core", "accounts", "editions", "programme", "registrations", "site"} <= apps


def test_no_module_over_400_lines():
    too_long = {
        str(p.relative_to(ROOT)): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}, "split these modules by responsibility"


def test_every_module_opens_with_a_docstring_saying_what_it_owns():
    missing = []
    for path in _modules():
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        if not docstring or not docstring.splitlines()[0].strip():
            missing.append(str(path.relative_to(ROOT)))
    assert missing == []


def test_layering_and_acyclic_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    if not lint_imports.exists():  # pragma: no cover - import-linter is a dev dependency
        pytest.fail("import-linter is not installed: run `uv sync`")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "BROKEN" not in result.stdout
    assert "Apps import only downwards KEPT" in result.stdout
