"""The dependency direction, checked on the source: bench -> evals -> qa -> vectorstore, training -> evals,
server -> ui -> qa.

The answering core must never need its tooling (a wheel without ``evals``/``bench`` would
break, and a fixture change could alter an answer), and the store must not know who asks.
``qa/cli.py`` is the composition root: it alone may import ``server`` and ``ui`` (``qa serve``) and, lazily
inside the ``eval`` and ``bench`` commands, the tooling. Imports are read with :mod:`ast`, so
an import inside a function counts as much as one at the top.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
COMPOSITION_ROOT = Path("qa/cli.py")

# package -> top-level packages its modules may not import
FORBIDDEN = {
    "vectorstore": {"qa", "ui", "server", "evals", "bench", "training"},
    "qa": {"ui", "server", "evals", "bench", "training"},
    "ui": {"server", "evals", "bench", "training"},
    "server": {"evals", "bench", "training"},
    "evals": {"training"},
}


def imported_packages(source: str) -> set[str]:
    """Top-level packages a module imports, wherever the import statement is."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def violations(repo: Path) -> list[str]:
    """``path imports package`` for every import against the dependency direction."""
    out = []
    for package, forbidden in FORBIDDEN.items():
        for file in sorted((repo / package).rglob("*.py")):
            relative = file.relative_to(repo)
            if relative == COMPOSITION_ROOT:
                continue
            bad = imported_packages(file.read_text(encoding="utf-8")) & forbidden
            out += [f"{relative} imports {name}" for name in sorted(bad)]
    return out


def test_the_product_does_not_import_its_tooling_or_upstream():
    assert violations(REPO) == []


@pytest.mark.parametrize("path, line, expected", [
    ("qa/answer.py", "def f():\n    from evals.scoring import matches\n", "qa/answer.py imports evals"),
    ("qa/answer.py", "import bench.timing\n", "qa/answer.py imports bench"),
    ("qa/answer.py", "from ui.chat import format_answer\n", "qa/answer.py imports ui"),
    ("vectorstore/store.py", "from qa.types import Answer\n", "vectorstore/store.py imports qa"),
    ("ui/app.py", "from evals import charts\n", "ui/app.py imports evals"),
])
def test_a_backward_import_is_caught(tmp_path, path, line, expected):
    for package in FORBIDDEN:
        (tmp_path / package).mkdir()
    (tmp_path / "qa" / "cli.py").write_text("from evals.scoring import evaluate\nimport ui\n", encoding="utf-8")
    (tmp_path / path).write_text(line, encoding="utf-8")
    assert violations(tmp_path) == [expected]
