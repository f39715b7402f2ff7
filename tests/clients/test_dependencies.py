"""Clients sits below the features that plug into it: they contribute parts and receive signals,
clients never imports them (so no import cycle can come back)."""

import ast
from pathlib import Path

import kimweb.clients

PLUGGED_IN = {"notes", "referrals", "reception"}


def _imported_features(path: Path, package_depth: int) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            names = [node.module or ""] + [alias.name for alias in node.names]
            if node.level == 0:
                parts = [n.split(".") for n in names if n.startswith("kimweb.")]
                found |= {p[1] for p in parts if len(p) > 1}
            elif node.level == package_depth + 1:
                # ..x from kimweb/clients/, ...x from kimweb/clients/matching/: a sibling of clients
                found |= {(node.module or "").split(".")[0]} if node.module else {a.name for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("kimweb.")}
    return found


def test_clients_imports_none_of_the_features_that_plug_into_it():
    root = Path(kimweb.clients.__file__).parent
    offenders = {}
    for path in root.rglob("*.py"):
        depth = len(path.relative_to(root).parts)  # 1 directly in clients/, 2 in clients/matching/
        wrong = _imported_features(path, depth) & PLUGGED_IN
        if wrong:
            offenders[str(path.relative_to(root))] = sorted(wrong)
    assert offenders == {}
