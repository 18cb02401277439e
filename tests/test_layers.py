"""The layers hold (pyproject.toml [tool.importlinter], docs/architecture.md "Layers"): a plain
pytest run catches an import against them, not only `make lint`."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from nscl.settings import ROOT


def test_every_import_runs_down_the_layers():
    lint = Path(sys.executable).parent / "lint-imports"
    run = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def _project_modules(path: Path) -> str | None:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_no_module_imports_another_ones_private_name():
    """A name with a leading underscore is its module's own; whoever needs it gets a public one."""
    found = []
    files = [*(ROOT / "nscl").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]
    for path in files:
        module = _project_modules(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            source = node.module or ""
            if node.level:
                base = module.split(".")[: len(module.split(".")) - node.level + (path.name == "__init__.py")]
                source = ".".join([*base, *([node.module] if node.module else [])])
            if not source.startswith("nscl") or source == module:
                continue
            found += [f"{path.relative_to(ROOT)}:{node.lineno} {source}.{a.name}" for a in node.names
                      if a.name.startswith("_") and not a.name.startswith("__")]
    assert found == []
