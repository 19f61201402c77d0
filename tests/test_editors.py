"""The editors' loop: one source of truth for problems, the guide that explains every message, the
pre-commit hook."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import ROOT, build, make_project
from test_build import BAD_INPUT, GOOD

GUIDE = ROOT / "docs" / "editors.md"
CORE = ROOT / "src" / "dateline"
_LINE = re.compile(r"(content/\S+?\.\w+):(\d+): (error|warning): .*")


# -- every message the core can emit is in the guide ---------------------------------------------


def _fragments(node: ast.AST, assigns: dict[str, list[ast.expr]]) -> list[str] | None:
    """The texts a message expression can be, with "…" for what is filled in; None if unknown."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else "…" for v in node.values)]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _fragments(node.left, assigns), _fragments(node.right, assigns)
        return None if left is None or right is None else [a + b for a in left for b in right]
    if isinstance(node, ast.IfExp):
        body, orelse = _fragments(node.body, assigns), _fragments(node.orelse, assigns)
        return None if body is None or orelse is None else body + orelse
    if isinstance(node, ast.Name) and node.id in assigns:
        found: list[str] = []
        for value in assigns[node.id]:
            texts = _fragments(value, assigns)
            if texts is None:
                return None
            found += texts
        return found
    return None


def core_messages() -> dict[str, list[str]]:
    """Every problem message in the core's source: "content.py:235" -> its possible texts."""
    messages: dict[str, list[str]] = {}
    for file in sorted(CORE.glob("*.py")):
        for func in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef) or func.name == "problem":
                continue  # `problem` hands on a message made elsewhere
            assigns: dict[str, list[ast.expr]] = {}
            for node in ast.walk(func):
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                    assigns.setdefault(node.targets[0].id, []).append(node.value)
            for call in ast.walk(func):
                if not isinstance(call, ast.Call):
                    continue
                name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", None)
                message: ast.expr | None = None
                if name in ("problem", "Problem") and len(call.args) >= 3:
                    message = call.args[2]
                elif name == "_WrongType" and call.args:
                    message = call.args[0]
                message = next((k.value for k in call.keywords if k.arg == "message"), message)
                if message is not None:
                    texts = _fragments(message, assigns)
                    messages[f"{file.name}:{call.lineno}"] = texts if texts is not None else ["<not a literal>"]
    return messages


def test_the_guide_explains_every_message_the_core_can_emit() -> None:
    guide = " ".join(GUIDE.read_text(encoding="utf-8").split())
    messages = core_messages()
    assert len(messages) > 40  # it found them: every kind DESIGN.md §2 lists, and more
    missing = []
    for where, texts in messages.items():
        for text in texts:
            # Each fixed part of the message long enough to say something stands in the guide.
            parts = [p.strip(" :;,.'\"") for p in text.split("…")]
            if any(len(p) >= 10 and p not in guide for p in parts) or text == "<not a literal>":
                missing.append(f"{where}: {text}")
    assert not missing, "messages docs/editors.md does not explain:\n" + "\n".join(missing)


def test_the_guide_check_can_fail() -> None:
    assert "a message no guide explains" not in GUIDE.read_text(encoding="utf-8")
    node = ast.parse('problem(path, 1, f"a message no guide explains: {x}")').body[0]
    assert isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
    assert _fragments(node.value.args[2], {}) == ["a message no guide explains: …"]


# -- make check and the strict build agree -------------------------------------------------------


def test_check_and_the_strict_build_name_the_same_files_and_lines(tmp_path: Path) -> None:
    days: dict[str, str | bytes] = {"2025/11/2025-11-01.md": GOOD, "2025/11/2025-11-20.md": GOOD}
    days.update({path: text for path, text, _ in BAD_INPUT})
    days["2025/11/2025-11-21.md"] = "## Fighting\n\nSee [[2025-11-31]] and [that day](2025-02-30.md).\n"
    days["2025/11/2025-11-22.md"] = "## Fighting:\n\nx\n\n## Live updates\n\ny\n"  # a warning
    root = make_project(tmp_path, days)
    check = subprocess.run(
        [sys.executable, "-m", "dateline", "check"], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert check.returncode == 1, check.stdout + check.stderr
    checked = {m.group(0) for m in _LINE.finditer(check.stdout)}
    strict = build(root, "--strict")
    assert strict.returncode == 1
    warnings = [line for line in strict.log.splitlines() if line.startswith("WARNING")]
    built = {m.group(0) for line in warnings for m in _LINE.finditer(line)}
    assert checked == built, f"only check: {sorted(checked - built)}\nonly the build: {sorted(built - checked)}"
    assert len(checked) >= len(BAD_INPUT) + 3
    impossible = [m for m in checked if m.startswith("content/2025/11/2025-11-21.md:3: error: link to a date")]
    assert len(impossible) == 2  # both impossible dates, at their line
    # Nothing else: every warning of the strict build is one of the editor's files at its line,
    # never our generated page ("2025/11/28.md") or the home page.
    others = [line for line in warnings if not _LINE.search(line) and "strict mode" not in line]
    assert not others, "\n".join(others)


# -- the pre-commit hook -------------------------------------------------------------------------


def test_the_pre_commit_hook_checks_the_day_files_it_is_given(tmp_path: Path) -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [hook] = config["repos"][0]["hooks"]
    files = re.compile(hook["files"])
    assert files.search("content/2025/11/2025-11-26.md") and files.search("content/2025/11/2025-11-28.MD")
    assert not files.search("docs/about.md")
    root = make_project(tmp_path, {"2025/11/2025-11-20.md": GOOD, "2025/11/2025-11-21.md": "Only a lede.\n"})
    command = [sys.executable if part.endswith("python") else part for part in hook["entry"].split()]
    good = subprocess.run([*command, "content/2025/11/2025-11-20.md"], cwd=root, capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = subprocess.run([*command, "content/2025/11/2025-11-21.md"], cwd=root, capture_output=True, text=True)
    assert bad.returncode == 1 and "content/2025/11/2025-11-21.md:1: error: no section" in bad.stdout
