"""No lexicon in Python: every word the extractor reads lives in a topic or language file
(eval/lexicon_count.py counts them; this keeps the count at zero)."""
from __future__ import annotations

from pathlib import Path

from eval.lexicon_count import count

ROOT = Path(__file__).resolve().parents[2]


def test_no_word_of_any_language_is_written_in_the_extractor() -> None:
    result = count(ROOT)
    assert {name: f["lexicon"] for name, f in result["python"].items() if f["lexicon"]} == {}
    assert result["data_total"] > 1000 and result["python_total"]["rules"] >= 30


def test_the_count_sees_words_in_code(tmp_path: Path) -> None:
    (tmp_path / "extractors").mkdir()
    (tmp_path / "extractors" / "x.py").write_text(
        'import re\nPASSIVE = re.compile(r"(?:has|have|had) been\\s+$")\n'
        'def f(w):\n    """Docstrings are no lexicon: "said", "says"."""\n    return w in ("and", "or", ",")\n',
        encoding="utf-8")
    assert count(tmp_path)["python"]["x.py"]["lexicon"] == 3 + 1 + 2  # has|have|had, been, and, or
