"""Imports run one way, down the layers:

model <- normalize <- extract.sources <- extract.tables <- extract.text <- extract.interpreters
      <- extract.document <- dataset <- flows <- govperf

A module may import its own layer and the layers below it, never one above. fetch (the crawler)
sits at the sources level and may import model only. Every import counts, lazy ones inside
functions included.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (package prefix, level), the longest prefix wins
LAYERS: tuple[tuple[str, int], ...] = (
    ("model", 0),
    ("normalize", 1),
    ("extract.sources", 2),
    ("fetch", 2),
    ("extract.tables", 3),
    ("extract.text", 4),
    ("extract.interpreters", 5),
    ("extract.document", 6),
    ("extract", 6),  # the package's own __init__
    ("dataset", 7),
    ("flows", 8),
    ("govperf", 9),
)
# packages whose imports of ours are limited to a list, whatever their level
ONLY: dict[str, tuple[str, ...]] = {
    "model": ("model",),
    "fetch": ("model", "fetch"),
}
PACKAGES = ("model", "normalize", "extract", "fetch", "dataset", "flows", "govperf")


def _layer(module: str) -> tuple[str, int] | None:
    best: tuple[str, int] | None = None
    for prefix, level in LAYERS:
        if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, level)
    return best


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path, module: str) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            out.append((node.lineno, name))
            # `from extract import document` imports extract.document
            subs = (f"{name}.{alias.name}" for alias in node.names)
            out.extend((node.lineno, sub) for sub in subs if _is_module(sub))
    return out


def _is_module(name: str) -> bool:
    p = ROOT.joinpath(*name.split("."))
    return p.with_suffix(".py").exists() or (p / "__init__.py").exists()


def _violations() -> list[str]:
    out: list[str] = []
    for top in PACKAGES:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "data" in path.relative_to(ROOT).parts:  # generator scripts kept with the data files
                continue
            module = _module_name(path)
            here = _layer(module)
            assert here is not None, module
            for lineno, name in _imports(path, module):
                there = _layer(name)
                if there is None:  # stdlib or third party
                    continue
                where = f"{path.relative_to(ROOT)}:{lineno}"
                allowed = ONLY.get(here[0].split(".")[0])
                if allowed is not None and there[0].split(".")[0] not in allowed:
                    out.append(f"{where}: {module} ({here[0]}) may import only {', '.join(allowed)}, not {name}")
                elif there[1] > here[1]:
                    out.append(f"{where}: {module} ({here[0]}, level {here[1]}) imports {name} "
                               f"({there[0]}, level {there[1]}), a level above it")
    return out


def test_every_module_has_a_layer() -> None:
    for top in PACKAGES:
        for path in (ROOT / top).rglob("*.py"):
            assert _layer(_module_name(path)) is not None, path


def test_imports_run_down_the_layers() -> None:
    bad = _violations()
    assert not bad, "imports that run up a layer:\n" + "\n".join(bad)
