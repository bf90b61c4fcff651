"""Counts that say where the extractor's knowledge lives: lexicon in code or in data, rules or branches.

usage: python -m eval.lexicon_count [ROOT] [--json]     (ROOT: a checkout; default this one)

- Lexicon entries in Python (extractors/*.py, docstrings left out): each word (two letters or more)
  of a word alternation in a string literal ("(?:has|have|had)": 3), each word element of a literal
  list, tuple, set or dict, each word compared with == or in, and each word of a fixed regex (r"\\s+of\\b":
  1). Regex syntax (escapes, classes, group openers, flags) is stripped first; the code's own labels
  (qualifiers, kinds of mention, stances; CODE_WORDS) and the names of the files' keys (the strings of
  extractors/schema.py, which describes the file format: its own strings are not counted either) are not
  lexicon.
- Lexicon entries in data (extractors/topics/*.toml, extractors/lang/*.toml): each string of a list
  (a pattern or a word) and each key of a word table (WORD_TABLES: number words, qualifiers, acronyms ...).
- Rules: the entries of module-level tuples or lists whose name ends in RULES (named rules, each a
  function or object with its example), against the branches of the code (if, elif, a conditional
  expression, a comprehension's if, each extra operand of and/or), per file.
- Lines of extractors/*.py (all, and not blank nor comment).
"""
from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[A-Za-z]{2,}")
# regex syntax to strip before words are read: escapes, classes, group openers, flags, format fields
SYNTAX = re.compile(r"\\[A-Za-z]|\\.|\[(?:\\.|[^\]\\])*\]|\(\?P<\w+>|\(\?P=\w+\)|\(\?[aiLmsux-]*:|\(\?<?[=!]|\(\?"
                    r"|\{[^{}]*\}")
REGEXY = re.compile(r"\\[swdbSWDB]|\(\?|\[[^\]]*\]|[|*+?]")
ALTERNATION = re.compile(r"(?:^|(?<=[(:]))((?:[A-Za-z][A-Za-z' ]*\|)+[A-Za-z][A-Za-z' ]*)(?=\)|$)")
# the code's own vocabulary: qualifiers, kinds of mention, stances, record fields, file suffixes, encodings
CODE_WORDS = frozenset(["exact", "approx", "approx_below", "at_least", "at_most", "more_than", "less_than", "range",
    "plain", "vague", "fraction", "part", "base", "current", "superseded", "planned", "denied", "utf", "src", "who",
    "acr", "full", "part", "month", "day", "year", "frac", "b1", "b2", "r1", "r2", "num", "q", "utf-8", "toml", "rb"])
WORD_TABLES = frozenset({"units", "scales", "suffix_scales", "vague", "fractions", "qualifiers_before",
                         "qualifiers_after", "acronyms", "antecedents", "months", "parts_of_month"})


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _format_keys(root: Path) -> frozenset[str]:
    """The names of the data files' keys: the strings of extractors/schema.py (this checkout's)."""
    path = root / "extractors" / "schema.py"
    if not path.exists():
        return frozenset()
    return frozenset(n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                     if isinstance(n, ast.Constant) and isinstance(n.value, str) and re.fullmatch(r"[a-z_]+", n.value))


FORMAT_KEYS = _format_keys(ROOT)


def _words(s: str) -> list[str]:
    if s.lower() in CODE_WORDS or s in FORMAT_KEYS:
        return []
    return [w for w in WORD.findall(SYNTAX.sub(" ", s)) if w.lower() not in CODE_WORDS]


def _regex_entries(s: str) -> int:
    """Words of a regex literal: each alternative of a word alternation counts one, other words one each."""
    stripped = SYNTAX.sub(lambda m: "(" if m.group().startswith("(") else " ", s)
    count, rest = 0, stripped
    for m in ALTERNATION.finditer(stripped):
        alts = [a for a in m.group(1).split("|") if WORD.search(a) and a.strip().lower() not in CODE_WORDS]
        count += len(alts)
    rest = ALTERNATION.sub(" ", stripped)
    return count + len([w for w in WORD.findall(rest) if w.lower() not in CODE_WORDS])


class _PythonLexicon(ast.NodeVisitor):
    def __init__(self, docstrings: set[int]) -> None:
        self.docstrings, self.entries = docstrings, 0
        self.seen: set[int] = set()

    def _count(self, node: ast.AST, collection: bool) -> None:
        if id(node) in self.seen or id(node) in self.docstrings:
            return
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            self.seen.add(id(node))
            s = node.value
            if REGEXY.search(s):
                self.entries += _regex_entries(s)
            elif collection:
                self.entries += 1 if _words(s) else 0
        elif isinstance(node, ast.JoinedStr):
            self.seen.add(id(node))
            parts = [p.value for p in node.values if isinstance(p, ast.Constant) and isinstance(p.value, str)]
            if not REGEXY.search("".join(parts)):
                return  # a message, not a pattern
            for part in node.values:
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    self.seen.add(id(part))
                    self.entries += _regex_entries(part.value)

    def visit_List(self, node: ast.List | ast.Tuple | ast.Set) -> None:
        for elt in node.elts:
            self._count(elt, True)
        self.generic_visit(node)

    visit_Tuple = visit_Set = visit_List

    def visit_Assign(self, node: ast.Assign) -> None:
        if all(isinstance(t, ast.Name) and t.id.startswith("__") for t in node.targets):
            return  # __all__, __slots__: names of the code
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for k, v in zip(node.keys, node.values, strict=True):
            if k is not None and isinstance(v, ast.Constant):  # a word's value; a record's field names are no words
                self._count(k, True)
        for v in node.values:
            self._count(v, True)
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        keyed = isinstance(node.ops[0], (ast.In, ast.NotIn))  # "party" in table: a key of the data, not a word
        for c in [*([] if keyed else [node.left]), *node.comparators]:
            self._count(c, True)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name in ("get", "setdefault", "pop") or name.startswith(("read_", "write_", "open")):
            self.seen.update(id(a) for a in node.args)  # a key or a file mode, not a word of the language
        for kw in node.keywords:
            self.seen.add(id(kw.value))
        self.generic_visit(node)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        self.seen.add(id(node.slice))
        self.generic_visit(node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if isinstance(node.value, ast.Name) and node.value.id == "calendar" and node.attr in ("month_name",
                                                                                              "month_abbr"):
            self.entries += 12  # the English month names of the standard library
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str) and REGEXY.search(node.value):
            self._count(node, False)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        self._count(node, False)


def _branches(tree: ast.AST) -> int:
    n = 0
    for node in ast.walk(tree):
        if isinstance(node, (ast.If, ast.IfExp)):
            n += 1
        elif isinstance(node, ast.comprehension):
            n += len(node.ifs)
        elif isinstance(node, ast.BoolOp):
            n += len(node.values) - 1
    return n


def _rules(tree: ast.Module) -> int:
    n = 0
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node,
                                                                                                ast.AnnAssign) else []
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        if any(isinstance(t, ast.Name) and t.id.endswith("RULES") for t in targets) and isinstance(value,
            (ast.Tuple, ast.List)):
            n += len(value.elts)
    return n


def _data_entries(data: Any, key: str = "") -> int:
    if isinstance(data, dict):
        own = len(data) if key in WORD_TABLES else 0
        return own + sum(_data_entries(v, k) for k,
                         v in data.items() if not (key in WORD_TABLES and not isinstance(v, (dict, list))))
    if isinstance(data, list):
        return sum(1 if isinstance(v, str) else _data_entries(v, key) for v in data)
    return 0


def count(root: Path) -> dict[str, Any]:
    files: dict[str, dict[str, int]] = {}
    for path in sorted((root / "extractors").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        visitor = _PythonLexicon(_docstrings(tree))
        if path.name != "schema.py":  # the description of the files' format: key names, not words
            visitor.visit(tree)
        lines = text.splitlines()
        code = [ln for ln in lines if ln.strip() and not ln.strip().startswith("#")]
        files[path.name] = {"lexicon": visitor.entries, "rules": _rules(tree), "branches": _branches(tree),
                            "lines": len(lines), "code_lines": len(code)}
    data: dict[str, int] = {}
    for folder in ("topics", "lang"):
        for path in sorted((root / "extractors" / folder).glob("*.toml")):
            data[f"{folder}/{path.name}"] = _data_entries(tomllib.loads(path.read_text(encoding="utf-8")))
    total = {k: sum(f[k] for f in files.values()) for k in ("lexicon", "rules", "branches", "lines", "code_lines")}
    return {"python": files, "python_total": total, "data": data, "data_total": sum(data.values())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=str(ROOT), help="a checkout of figwatch (default: this one)")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    args = parser.parse_args(argv)
    result = count(Path(args.root))
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{'extractors/*.py':<20} {'lexicon':>8} {'rules':>6} {'branches':>9} {'lines':>6} {'code':>6}")
    for name, f in result["python"].items():
        print(f"{name:<20} {f['lexicon']:>8} {f['rules']:>6} {f['branches']:>9} {f['lines']:>6} {f['code_lines']:>6}")
    t = result["python_total"]
    print(f"{'total':<20} {t['lexicon']:>8} {t['rules']:>6} {t['branches']:>9} {t['lines']:>6} {t['code_lines']:>6}")
    for name, n in result["data"].items():
        print(f"data {name:<15} {n:>8}")
    print(f"lexicon entries: {t['lexicon']} in Python, {result['data_total']} in data files; "
          f"named rules: {t['rules']}; branches: {t['branches']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
