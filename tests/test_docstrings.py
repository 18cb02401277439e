"""Every public function and method of nscl/ of 8 lines or more says what it does and why in a
docstring (ruff's pydocstyle rules cannot count a function's lines, so this test does)."""
import ast

from nscl.settings import ROOT

MIN_LINES = 8


def undocumented(source: str, where: str = "") -> list[str]:
    """Public functions and methods (module and class level; nested helpers are private) of at
    least MIN_LINES lines, decorators excluded, that have no docstring."""
    missing = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) and not child.name.startswith("_"):
                if child.end_lineno - child.lineno + 1 >= MIN_LINES and ast.get_docstring(child) is None:
                    missing.append(f"{where}:{child.lineno} {prefix}{child.name}")
            elif isinstance(child, ast.ClassDef) and not child.name.startswith("_"):
                visit(child, f"{prefix}{child.name}.")

    visit(ast.parse(source), "")
    return missing


def test_every_long_public_function_has_a_docstring():
    missing = []
    for path in sorted((ROOT / "nscl").rglob("*.py")):
        missing += undocumented(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert missing == []


def test_short_private_and_nested_functions_need_none():
    body = "\n".join(f"    x{i} = {i}" for i in range(6))
    source = (f"def long_one():\n{body}\n    return 1\n\n"      # 8 lines: needs a docstring
              f"def short_one():\n    return 1\n\n"
              f"def _private():\n{body}\n    return 1\n\n"
              f"class Public:\n    def method(self):\n{body.replace('    ', '        ')}\n        return 1\n\n"
              f"def documented():\n    '''Says why.'''\n{body}\n    return 1\n")
    assert undocumented(source) == [":1 long_one", ":23 Public.method"]
