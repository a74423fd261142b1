"""A digest of the code that turns a file into passages and tokens, for the index cache's key.

The cache used to be keyed by version numbers that whoever changed loading, cleaning, metadata,
chunking or the analyzer had to remember to bump; a forgotten bump left every cache made before
the change in use, silently, in the bot and in the benchmarks alike. The digest covers the source of
every module of the bot that building an index imports (found by reading their `import` lines,
from `bot.search.index` on) and of the whole `bot.knowledge` package (its readers are imported by
name at run time), so a cache made by other code is never read.
"""

from __future__ import annotations

import ast
import functools
import hashlib
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent.parent  # bot/
ENTRY = "bot.search.index"
WHOLE_PACKAGES = ("bot.knowledge",)


def module_file(name: str) -> Path | None:
    """bot.knowledge.headings → bot/knowledge/headings.py (or the package's __init__.py)."""
    parts = name.split(".")
    if parts[0] != PACKAGE_ROOT.name:
        return None
    base = PACKAGE_ROOT.parent.joinpath(*parts)
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def imported_modules(path: Path) -> set[str]:
    """The bot's modules a source file imports (`from bot.x import y` may import module bot.x.y)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if module_file(name)}


def indexing_sources() -> list[Path]:
    """Every source file the digest covers, in a fixed order."""
    files: set[Path] = set()
    todo = [ENTRY]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        path = module_file(name)
        if name in seen or path is None:
            continue
        seen.add(name)
        files.add(path)
        # a package's __init__ runs before its module does
        todo.extend([name.rsplit(".", 1)[0]] if "." in name else [])
        todo.extend(imported_modules(path))
    for package in WHOLE_PACKAGES:
        files.update(module_file(package).parent.rglob("*.py"))  # type: ignore[union-attr]
    return sorted(files)


@functools.cache
def code_digest() -> str:
    """16 hex digits of the sources' digest (read once per process)."""
    digest = hashlib.sha256()
    for path in indexing_sources():
        digest.update(path.relative_to(PACKAGE_ROOT).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:16]
