"""The shape of a topic file and of a language file: every key, its type and what it holds.

`check(data, schema)` returns every problem of a file at once, each one line that names the key:
an unknown or misspelt key ("modifers: unknown key (did you mean 'modifiers'?)"), a value of the
wrong type, a pattern that does not compile, a required key that is missing. `references` then
checks what one part of a topic names in another (a metric's noun classes, a noun's party, the
confidence of a modality class ...), so that a typo in a label is an error, not a cue that never
matches. docs/LANGUAGES.md walks through the language schema as a checklist.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from extractors.alternation import FLAGS

Problem = tuple[str, str]  # (dotted key, message)
# a claim's qualifier (figwatch.models.Qualifier but "range", which only a range gets)
QUALIFIERS = ("exact", "approx", "at_least", "at_most", "more_than", "less_than")
# the words before a number may also say "approx, with the figure as its upper bound" ("nearly 3,000")
BEFORE_QUALIFIERS = (*QUALIFIERS, "approx_below")
STANCES = ("current", "superseded", "planned", "denied")


class Kind(Protocol):
    def check(self, value: Any, key: str) -> Iterator[Problem]: ...


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def join(prefix: str, key: str) -> str:
    """A dotted key; a key that is no bare TOML key is quoted ("metrics.\"troops.deployed\"")."""
    part = key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"'
    return f"{prefix}.{part}" if prefix else part


@dataclass(frozen=True)
class Str:
    def check(self, value: Any, key: str) -> Iterator[Problem]:
        if not isinstance(value, str):
            yield key, f"expected a string, got {_show(value)}"


@dataclass(frozen=True)
class Num:
    def check(self, value: Any, key: str) -> Iterator[Problem]:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            yield key, f"expected a number, got {_show(value)}"


@dataclass(frozen=True)
class Int:
    def check(self, value: Any, key: str) -> Iterator[Problem]:
        if isinstance(value, bool) or not isinstance(value, int):
            yield key, f"expected an integer, got {_show(value)}"


@dataclass(frozen=True)
class Bool:
    def check(self, value: Any, key: str) -> Iterator[Problem]:
        if not isinstance(value, bool):
            yield key, f"expected true or false, got {_show(value)}"


@dataclass(frozen=True)
class Pattern:
    """A regular expression (compiled here once, so that a broken one is named by its key)."""

    flags: int = FLAGS

    def check(self, value: Any, key: str) -> Iterator[Problem]:
        if not isinstance(value, str):
            yield key, f"expected a pattern (a string), got {_show(value)}"
            return
        try:
            re.compile(value, self.flags)
        except re.error as exc:
            yield key, f"bad pattern {_show(value)}: {exc}"


@dataclass(frozen=True)
class OneOf:
    values: tuple[str, ...]

    def check(self, value: Any, key: str) -> Iterator[Problem]:
        if value not in self.values:
            yield key, f"must be one of {', '.join(self.values)}; got {_show(value)}"


@dataclass(frozen=True)
class ListOf:
    item: Kind

    def check(self, value: Any, key: str) -> Iterator[Problem]:
        if not isinstance(value, list):
            yield key, f"expected a list, got {_show(value)}"
            return
        for i, v in enumerate(value):
            yield from self.item.check(v, f"{key}[{i}]")


@dataclass(frozen=True)
class Pair:
    """A two-element list: [10000, "at_least"]."""

    first: Kind
    second: Kind

    def check(self, value: Any, key: str) -> Iterator[Problem]:
        if not isinstance(value, list) or len(value) != 2:
            yield key, f"expected a list of two, got {_show(value)}"
            return
        yield from self.first.check(value[0], f"{key}[0]")
        yield from self.second.check(value[1], f"{key}[1]")


@dataclass(frozen=True)
class MapOf:
    """A table whose keys are the file's own names (labels, words), each value of one kind."""

    value: Kind

    def check(self, value: Any, key: str) -> Iterator[Problem]:
        if not isinstance(value, dict):
            yield key, f"expected a table, got {_show(value)}"
            return
        for k, v in value.items():
            yield from self.value.check(v, join(key, k))


@dataclass(frozen=True)
class Table:
    """A table with a fixed set of keys: any other is an error (with the nearest known key)."""

    fields: Mapping[str, Kind]
    required: frozenset[str] = field(default_factory=frozenset)

    def check(self, value: Any, key: str) -> Iterator[Problem]:
        if not isinstance(value, dict):
            yield key, f"expected a table, got {_show(value)}"
            return
        for k, v in value.items():
            if k not in self.fields:
                near = difflib.get_close_matches(k, list(self.fields), n=1)
                hint = f"did you mean '{near[0]}'?" if near else f"known: {', '.join(self.fields)}"
                yield join(key, k), f"unknown key ({hint})"
            else:
                yield from self.fields[k].check(v, join(key, k))
        for k in sorted(self.required - set(value)):
            yield join(key, k), "missing"


def every(fields: Mapping[str, Kind]) -> Table:
    """A table that must have every one of its keys (a language file provides them all)."""
    return Table(fields, frozenset(fields))


def each(kind: Kind, *keys: str) -> Table:
    """A table of these keys, each of one kind, all required."""
    return every(dict.fromkeys(keys, kind))


PATTERNS, WORDS, WORD = ListOf(Pattern()), ListOf(Str()), Str()
CASED = ListOf(Pattern(0))  # matched case-sensitively

# ---------------------------------------------------------------------------------------------
# The language file (extractors/lang/<code>.toml): every key is required (docs/LANGUAGES.md).
LANGUAGE = every({
    "language": every({"name": Str(), "code": Str(),
                       "identify": every({"function_words": WORDS, "min_share": Num(), "min_words": Int()})}),
    "numbers": every({
        "not_counts_after": PATTERNS, "not_counts_before": PATTERNS,
        "not_counts_between": ListOf(Table({"before": Pattern(0), "line_start": Bool(), "after": Pattern(0),
                                            "max": Num()},
                                           frozenset({"after", "max"}))),
        "verbs_with_particles": PATTERNS, "pronoun_before_of": WORDS,
        "article": WORD, "conjunction": WORD, "half": WORD, "between": WORD, "range_to": WORD, "range_or": WORD,
        "share_back_after": Pattern(),
        "revised_from": WORD,
        "of": WORD, "percent": PATTERNS, "share_determiners": WORDS, "partitive_determiners": WORDS,
        "partitive_totals": PATTERNS,
        "multipliers": MapOf(Int()), "vague": MapOf(Pair(Num(), OneOf(QUALIFIERS))), "fractions": MapOf(Num()),
        "qualifiers_before": MapOf(OneOf(BEFORE_QUALIFIERS)), "qualifiers_after": MapOf(OneOf(QUALIFIERS)),
        "units": MapOf(Int()), "scales": MapOf(Int()), "suffix_scales": MapOf(Int()),
    }),
    "dates": every({"as_of": PATTERNS, "default_part": WORD, "months": MapOf(Int()), "parts_of_month": MapOf(Int())}),
    "sentences": every({"abbreviations": WORDS, "numbering": WORDS, "end_marks": WORD, "opening": Pattern(0),
                               "question_mark": WORD, "stamp": Pattern()}),
    "boilerplate": each(PATTERNS, "headings", "lines"),
    "grammar": every({
        "clause": PATTERNS, "np_stop": PATTERNS, "coordination": PATTERNS, "aside_open": WORDS, "copulas": WORDS,
        "subordinators": WORDS,
        "transparent": WORDS,
        "party_after_phrase": Pattern(), "np_joiners": WORDS, "determiners": WORDS, "definite_article": WORD,
        "indefinite_articles": WORDS, "possessives": WORDS, "own": WORD, "passive": PATTERNS,
        "partitive_pronouns": WORDS,
        "relative_pronouns": WORDS, "relative_places": WORDS, "perfect_auxiliaries": WORDS, "complementizer": WORD,
    }),
    "coreference": each(PATTERNS, "anaphora", "elliptical", "markers"),
    "modality": every({"cues": MapOf(PATTERNS), "realis": PATTERNS, "caused": Pattern(), "sentence": WORDS,
                       "cancelled_by_realis": WORDS, "clause_ends": PATTERNS, "aside_openers": PATTERNS,
                       "adverb": Pattern(), "stance": MapOf(OneOf(STANCES))}),
    "revision": each(PATTERNS, "change", "superseded", "increment", "overtaken"),
    "attribution": every({
        "verbs": PATTERNS, "before": PATTERNS, "inverted": PATTERNS, "figure_nouns": PATTERNS,
        "source_ends_before": PATTERNS,
        "name_joiners": CASED, "tail": PATTERNS, "not_in_source": CASED, "determiners_before_verb": WORDS,
        "speakers": PATTERNS,
        "reject": WORDS, "not_sources": PATTERNS, "ordinal": Pattern(0), "coordinated": Pattern(0), "breaks": PATTERNS,
        "dateline": Pattern(0), "participles": WORDS, "participles_bare": WORDS,
        "block": Pattern(re.MULTILINE | re.IGNORECASE), "transcript_label": Pattern(re.MULTILINE),
        "transcript": each(Pattern(re.MULTILINE), "named", "speaker", "answer"),
        "absolute": WORDS, "cites": WORDS,
        "aside": Pattern(0), "appositive": PATTERNS, "pronouns": WORDS, "lead": PATTERNS,
        "antecedents": MapOf(Pattern(0)), "role_only": Pattern(0), "unnamed": Pattern(),
        "relay_roles": PATTERNS, "told_back": PATTERNS, "told_back_ends": PATTERNS,
        "told_back_passive": Pattern(), "cited_head": Pattern(), "relayed_by": Pattern(), "apposed_name": Pattern(),
    }),
})

# ---------------------------------------------------------------------------------------------
# The topic file (extractors/topics/<name>.toml). Where it has a list the language has too, the
# two are joined (the language's first).
TOPIC = Table({
    "topic": Table({"name": Str(), "description": Str(), "language": Str(), "subject_party": Str()},
                   frozenset({"name", "subject_party"})),
    "metrics": MapOf(Table({
        "label": Str(), "unit": Str(), "cumulative": Bool(), "threshold": Num(), "plausible_ratio": Num(),
        "smallest": Num(), "largest": Num(), "fewest": Num(),
        "nouns": WORDS, "predicates": WORDS,
        "requires": WORDS, "scope": OneOf(("clause", "sentence")), "vague": Bool(), "fraction": Bool(), "link": Bool(),
    }, frozenset({"nouns"}))),
    "nouns": MapOf(Table({"patterns": PATTERNS, "party": Str(), "implies": Str()}, frozenset({"patterns"}))),
    "predicates": MapOf(PATTERNS),
    "weak_predicates": MapOf(PATTERNS),
    "modifiers": MapOf(Table({"local": PATTERNS, "clause": PATTERNS, "cancel": PATTERNS})),
    "parties": Table({"gate": WORDS, "context_gate": WORDS, "link": PATTERNS, "exclude": PATTERNS,
                      "cues": MapOf(PATTERNS),
                      "subjects": MapOf(PATTERNS)}, frozenset({"cues"})),
    "coreference": Table({"group": Str(), "group_predicates": WORDS, "umbrella_predicates": WORDS, "markers": PATTERNS,
                          "topic_phrases": MapOf(PATTERNS)}),
    "modality": Table({"cues": MapOf(PATTERNS)}),
    "confidence": MapOf(Num()),
    "grammar": Table({"np_stop": PATTERNS, "transparent": WORDS}),
    "numbers": Table({"not_counts_before": PATTERNS, "not_counts_after": PATTERNS}),
    "attribution": Table({"acronyms": MapOf(Str())}),
    "sources": MapOf(PATTERNS),
    "relays": Table({"agencies": WORDS, "unnamed": PATTERNS, "outlets": PATTERNS}),
    # a source's proper name, and the pattern of a nickname told by it
    "source_names": MapOf(Pair(Str(), Pattern())),
    # the learned decision layer (extractors/decider.py): its weights file beside the topic, and whether
    # it decides by default (off: the hand cascade's confidence stands; `--why` still shows the score)
    "decision": Table({"weights": Str(), "learned": Bool()}, frozenset({"weights"})),
}, frozenset({"topic", "metrics", "nouns", "parties"}))

# The learned decision layer's weights file (extractors/decider.py, written by `python -m eval.learn`).
DECIDER_MODELS = ("logistic",)
DECIDER = Table({
    "format": Int(), "model": OneOf(DECIDER_MODELS), "intercept": Num(), "threshold": Num(),
    "weights": MapOf(Num()),  # feature name (extractors/features.py) -> weight
    "trained_on": ListOf(Str()), "note": Str(),
}, frozenset({"format", "model", "intercept", "threshold", "weights"}))

# confidence keys that are no modality class
CONFIDENCE_SETTINGS = ("base", "derived", "title", "teaser", "question", "vague", "superseded", "confirmed",
                       "too_few")


def check(data: Any, schema: Kind) -> list[Problem]:
    return list(schema.check(data, ""))


def _need(out: list[Problem], key: str, names: list[str] | str | None, known: set[str], what: str) -> None:
    for name in [names] if isinstance(names, str) else names or []:
        if name not in known:
            near = difflib.get_close_matches(name, sorted(known), n=1)
            out.append((key, f"no {what} {name!r}" + (f" (did you mean {near[0]!r}?)" if near else "")))


def language_references(lang: dict[str, Any]) -> list[Problem]:
    """The modality classes the language's settings name must be classes it defines."""
    out: list[Problem] = []
    modality = lang["modality"]
    classes = set(modality["cues"])
    for key in ("sentence", "cancelled_by_realis"):
        _need(out, f"modality.{key}", modality[key], classes, "modality class")
    _need(out, "modality.stance", list(modality["stance"]), classes, "modality class")
    return out


def references(topic: dict[str, Any], lang: dict[str, Any]) -> list[Problem]:
    """What the topic names that it (or its language) must define: each a problem when it does not."""
    nouns, predicates = set(topic.get("nouns", {})), set(topic.get("predicates", {}))
    modifiers, metrics = set(topic.get("modifiers", {})), set(topic.get("metrics", {}))
    parties = set(topic.get("parties", {}).get("cues", {}))
    classes = set(lang["modality"]["cues"]) | set(topic.get("modality", {}).get("cues", {}))
    out: list[Problem] = []

    def need(key: str, names: list[str] | str | None, known: set[str], what: str) -> None:
        _need(out, key, names, known, what)

    need("topic.subject_party", topic.get("topic", {}).get("subject_party"), parties, "party in [parties.cues] named")
    for name, m in topic.get("metrics", {}).items():
        key = join("metrics", name)
        need(f"{key}.nouns", m.get("nouns"), nouns, "noun class")
        need(f"{key}.predicates", m.get("predicates"), predicates, "predicate class")
        need(f"{key}.requires", m.get("requires"), modifiers, "modifier class")
    for name, n in topic.get("nouns", {}).items():
        need(f"{join('nouns', name)}.party", n.get("party"), parties, "party")
        need(f"{join('nouns', name)}.implies", n.get("implies"), predicates, "predicate class")
    need("weak_predicates", list(topic.get("weak_predicates", {})), predicates, "predicate class")
    need("parties.subjects", list(topic.get("parties", {}).get("subjects", {})), parties, "party")
    coref = topic.get("coreference", {})
    need("coreference.group", coref.get("group"), nouns, "noun class")
    need("coreference.group_predicates", coref.get("group_predicates"), predicates, "predicate class")
    need("coreference.umbrella_predicates", coref.get("umbrella_predicates"), predicates, "predicate class")
    need("coreference.topic_phrases", list(coref.get("topic_phrases", {})), metrics, "metric")
    need("confidence", list(topic.get("confidence", {})), classes | set(CONFIDENCE_SETTINGS), "modality class or "
                                                                                              "setting")
    need("relays.agencies", topic.get("relays", {}).get("agencies"), set(topic.get("sources", {})),
         "source in [sources]")
    need("source_names", list(topic.get("source_names", {})), set(topic.get("sources", {})), "source in [sources]")
    confident = set(topic.get("confidence", {}))
    for name in sorted(classes - confident):
        out.append((join("confidence", name),
                    f"missing: the confidence of a figure the modality class {name!r} doubts"))
    return out
