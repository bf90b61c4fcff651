"""The topic and language files have a schema: a misspelt key, a wrong type, a broken pattern or a
label that names nothing is a one-line error naming the file and the key, all of a file's at once."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors import extract, load_topic
from extractors.topic import TopicFileError, default_topic_path, language_path
from figwatch.errors import ConfigError

DEFAULT = default_topic_path().read_text(encoding="utf-8")
TEXT = ("North Korea has sent another 3,000 troops to Russia, the NIS said. Pyongyang's forces in Kursk have lost "
        "about 4,000 soldiers killed or wounded, according to Kyiv.")


def _topic(tmp_path: Path, text: str, name: str = "topic.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(TopicFileError) as err:
        load_topic(path)
    assert str(err.value) == "\n".join(err.value.problems)
    return err.value.problems


def test_a_misspelt_table_is_named_not_ignored(tmp_path: Path) -> None:
    """`[modifers]` for `[modifiers]` used to drop the modifiers silently: "another 3,000 troops" became
    troops.deployed. Now it is an error, with the key it was meant to be."""
    path = _topic(tmp_path, DEFAULT.replace("[modifiers.additional]", "[modifers.additional]"))
    assert _problems(path) == [f"{path}: modifers: unknown key (did you mean 'modifiers'?)"]


def test_every_problem_of_a_file_is_named_at_once(tmp_path: Path) -> None:
    text = (DEFAULT.replace('threshold = 0.05\nnouns = ["personnel"]\npredicates = ["deploy"]\nlink = true\n\n'
                            '[metrics."troops.additional"]', 'threshold = "5%"\nnouns = ["personnel"]\npredicates = '
                                                             '["deploy"]\n'
                            'link = true\n\n[metrics."troops.additional"]', 1)
            .replace('"eliminated", ', '"eliminated(", ', 1)
            .replace("[sources]", "[source]", 1))
    path = _topic(tmp_path, text)
    problems = _problems(path)
    assert problems[0] == f'{path}: metrics."troops.deployed".threshold: expected a number, got \'5%\''
    assert problems[1].startswith(f"{path}: predicates.killed[5]: bad pattern 'eliminated(': missing ), unterminated")
    assert problems[2] == f"{path}: source: unknown key (did you mean 'sources'?)"
    assert len(problems) == 3


@pytest.mark.parametrize("old, new, problem", [
    ('nouns = ["personnel", "dead"]', 'nouns = ["personnel", "deads"]', "metrics.\"casualties.killed\".nouns: no noun "
                                                                        "class 'deads' (did you mean 'dead'?)"),
    ('subject_party = "nk"', 'subject_party = "north"',
     "topic.subject_party: no party in [parties.cues] named 'north'"),
    ("projection = 0.3", "projecton = 0.3", "confidence: no modality class or setting 'projecton' (did you mean "
                                            "'projection'?)"),
    ('group = "personnel"', 'group = "personel"', "coreference.group: no noun class 'personel' (did you mean "
                                                  "'personnel'?)"),
    ('language = "en"', 'language = "xx"', "topic.language: no language file"),
    ('agencies = ["South Korea NIS"', 'agencies = ["South Korea NSI"',
     "relays.agencies: no source in [sources] 'South Korea NSI' (did you mean 'South Korea NIS'?)"),
], ids=["noun-class", "subject-party", "confidence-class", "group", "language", "relay-agency"])
def test_a_label_that_names_nothing_is_an_error(tmp_path: Path, old: str, new: str, problem: str) -> None:
    assert old in DEFAULT
    path = _topic(tmp_path, DEFAULT.replace(old, new, 1))
    problems = _problems(path)
    assert problems[0].startswith(f"{path}: {problem}"), problems


def test_a_language_file_must_provide_every_key(tmp_path: Path) -> None:
    lang = language_path("en", default_topic_path()).read_text(encoding="utf-8")
    broken = _topic(tmp_path, lang.replace('question_mark = "?"\n', "").replace("half = \"half\"", "half = 0.5"),
                    "xx.toml")
    path = _topic(tmp_path, DEFAULT.replace('language = "en"', 'language = "xx.toml"'))
    assert _problems(path) == [f"{broken}: numbers.half: expected a string, got 0.5",
                               f"{broken}: sentences.question_mark: missing"]


def test_errors_are_config_errors_with_the_file_name(tmp_path: Path) -> None:
    path = _topic(tmp_path, "[topic]\nname = 'x'\n", "broken.toml")
    with pytest.raises(ConfigError, match="broken.toml: topic.subject_party: missing"):
        load_topic(path)


def test_the_party_the_topic_follows_is_named_by_the_topic(tmp_path: Path) -> None:
    """No party label is special in code: the same topic with its party called "dprk" reads the same."""
    renamed = (DEFAULT.replace('subject_party = "nk"', 'subject_party = "dprk"')
               .replace("[parties.cues]\nnk = [", "[parties.cues]\ndprk = [")
               .replace("[parties.subjects]\nnk = [", "[parties.subjects]\ndprk = ["))
    assert "\nnk = [" not in renamed
    topic = load_topic(_topic(tmp_path, renamed))
    same = [(c.metric, c.value, c.source) for c in extract(TEXT, topic=topic)]
    assert same == [(c.metric, c.value, c.source) for c in extract(TEXT)]
    assert same == [("troops.additional", 3000.0, "National Intelligence Service (NIS)"),
                    ("casualties.total", 4000.0, "Kyiv")]


def test_the_shipped_files_compile_once_into_one_topic() -> None:
    topic = load_topic()
    assert topic is load_topic()  # cached by path, not per module
    assert (topic.language, topic.subject_party, topic.grammar.code) == ("en", "nk", "en")
    assert topic.scanner.scan("3,000")[0].value == 3000


def test_approx_below_is_a_qualifier_only_before_a_number(tmp_path: Path) -> None:
    # "nearly 3,000" is approx with 3,000 as its upper bound; after a number or for a vague amount the
    # value would have reached Claim.qualifier as it is, where it is no qualifier
    lang = language_path("en", default_topic_path()).read_text(encoding="utf-8")
    assert '"or more" = "at_least"' in lang
    broken = _topic(tmp_path, lang.replace('"or more" = "at_least"', '"or more" = "approx_below"', 1), "xx.toml")
    path = _topic(tmp_path, DEFAULT.replace('language = "en"', 'language = "xx.toml"'))
    assert _problems(path) == [f'{broken}: numbers.qualifiers_after."or more": must be one of exact, approx, '
                               "at_least, at_most, more_than, less_than; got 'approx_below'"]
