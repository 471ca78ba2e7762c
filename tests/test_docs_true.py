"""The docs are kept true by tests (issue 8, item 7): the audit log's labels, the glossary and the
architecture map's dependencies are checked against the code, so a change that forgets them fails."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.apps import apps

from hdnd.core.audit import ACTION_LABELS

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "hdnd"
GLOSSARY = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def _sources(under: Path = PACKAGE) -> list[Path]:
    return [p for p in under.rglob("*.py") if "migrations" not in p.parts and "tests" not in p.parts]


def _recorded_actions() -> dict[str, Path]:
    """Every literal ``action="app.verb"`` passed to ``record(...)`` in the product code."""
    found: dict[str, Path] = {}
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in ("record", "change_status", "record_event"):
                continue
            for keyword in node.keywords:
                code = keyword.value.value if isinstance(keyword.value, ast.Constant) else None
                if keyword.arg == "action" and isinstance(code, str):
                    found[code] = path
    return found


def test_every_audited_action_has_a_vietnamese_label() -> None:
    missing = {code: str(path.relative_to(ROOT)) for code, path in _recorded_actions().items()}
    missing = {code: where for code, where in missing.items() if code not in ACTION_LABELS}
    assert not missing, f"audit codes without a label in ACTION_LABELS: {missing}"


def test_every_model_of_the_platform_is_in_the_glossary() -> None:
    models = [m for m in apps.get_models() if m.__module__.startswith("hdnd.")]
    missing = sorted(m.__name__ for m in models if f"`{m.__name__}`" not in GLOSSARY)
    assert not missing, f"models missing from docs/glossary.md (write them as `Name`): {missing}"


def _allowed() -> dict[str, set[str]]:
    """The ``allowed-imports`` block of docs/architecture.md: ``app: other, other`` per line."""
    block = re.search(r"```allowed-imports\n(.*?)```", ARCHITECTURE, re.S)
    assert block, "docs/architecture.md has no ```allowed-imports block"
    allowed: dict[str, set[str]] = {}
    for line in block[1].strip().splitlines():
        app, _, others = line.partition(":")
        allowed[app.strip()] = {o.strip() for o in others.split(",") if o.strip()}
    return allowed


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node but those under ``if TYPE_CHECKING:`` (type hints are not a dependency)."""
    nodes: list[ast.AST] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            pending.extend(node.orelse)
            continue
        nodes.append(node)
        pending.extend(ast.iter_child_nodes(node))
    return nodes


def _imported_apps(path: Path) -> set[str]:
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        found |= {n.split(".")[1] for n in names if n.startswith("hdnd.") and n.count(".") >= 1}
    return found


def test_apps_import_only_what_the_architecture_map_allows() -> None:
    allowed = _allowed()
    wrong: list[str] = []
    for app_dir in sorted(p for p in PACKAGE.iterdir() if (p / "apps.py").exists()):
        app = app_dir.name
        assert app in allowed, f"docs/architecture.md does not list the app {app} in allowed-imports"
        for path in _sources(app_dir):
            for other in sorted(_imported_apps(path) - {app} - allowed[app]):
                wrong.append(f"{path.relative_to(ROOT)} imports hdnd.{other}")
    assert not wrong, "imports the architecture map does not allow:\n" + "\n".join(wrong)
