"""A topic as data: the TOML file compiled once into lexicons the extractor scans with.

Every lexicon is one compiled alternation with a named group per label, so a scan is a single
linear pass of the regex engine; no lexicon is hard-coded in Python.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from figwatch.errors import ConfigError
from figwatch.models import Metric

from extractors.alternation import FLAGS, _alternation  # noqa: F401 (FLAGS re-exported)
from extractors.prefilter import literals

APOS = "['’]"
MODALITY_SETTINGS = ("realis", "sentence")  # [modality] keys that are no class of cues
_ARTICLE_OR_POSSESSIVE = re.compile(rf"^(?:the|a|an)\s+|{APOS}s?$", FLAGS)


def _bounded(body: str) -> str:
    """Word-bounded without \\b, so patterns may begin or end with punctuation ("~", "%")."""
    return rf"(?<![\w-])(?:{body})(?![\w])"


@dataclass(frozen=True)
class Lexicon:
    """Labelled patterns: one unnamed alternation finds cues fast; per-label regexes name them.

    `hits` lists (start, end, label). Named groups would cost the engine a mark per attempt,
    about three times the scan, so the label is found only for the (rare) matches."""

    regex: re.Pattern[str] | None
    labelled: tuple[tuple[str, re.Pattern[str]], ...]

    @classmethod
    def build(cls, groups: dict[str, list[str]]) -> "Lexicon":
        pats = [p for pats in groups.values() for p in pats]
        if not pats:
            return cls(None, ())
        labelled = tuple((label, re.compile(_bounded(_alternation(ps)), FLAGS)) for label, ps in groups.items() if ps)
        return cls(re.compile(r"\b" + _bounded(_alternation(pats)), FLAGS), labelled)

    def may_match(self, text: str) -> bool:
        """False when no cue can be in text (a str check before any scan; the literals are read once)."""
        if self.regex is None:
            return False
        needs = literals(self.regex.pattern, self.regex.flags)
        if needs is None:
            return True
        low = text.lower()
        return any(n in low for n in needs)

    def _label(self, text: str, start: int, end: int, endpos: int) -> str:
        if len(self.labelled) == 1:
            return self.labelled[0][0]  # every way below ends in the one label: no regex needed
        for label, rx in self.labelled:
            m = rx.match(text, start, endpos)
            if m and m.end() == end:
                return label
        for label, rx in self.labelled:  # a shorter reading of the same place
            if rx.match(text, start, endpos):
                return label
        return self.labelled[0][0]

    def hits(self, text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[int, int, str]]:
        """Every cue in text[pos:endpos], in order."""
        if self.regex is None:
            return []
        end = len(text) if endpos is None else endpos
        label = self._label
        return [(s, e, label(text, s, e, end)) for s, e in (m.span() for m in self.regex.finditer(text, pos, end))]

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> tuple[int, int, str] | None:
        end = len(text) if endpos is None else endpos
        m = self.regex.search(text, pos, end) if self.regex is not None else None
        return (m.start(), m.end(), self._label(text, m.start(), m.end(), end)) if m else None

    def last(self, text: str, pos: int = 0, endpos: int | None = None) -> tuple[int, int, str] | None:
        if self.regex is None:
            return None
        end = len(text) if endpos is None else endpos
        found = None
        for found in self.regex.finditer(text, pos, end):
            pass
        return (found.start(), found.end(), self._label(text, found.start(), found.end(), end)) if found else None


@dataclass(frozen=True)
class MetricSpec:
    """How a metric is recognised: noun classes, predicate classes, required modifiers."""

    name: str
    nouns: tuple[str, ...]
    predicates: tuple[str, ...]
    requires: tuple[str, ...] = ()
    scope: str = "clause"
    vague: bool = False
    fraction: bool = False
    link: bool = False


@dataclass(frozen=True)
class Topic:
    """The compiled topic: metrics and every lexicon the extractor needs."""

    name: str
    metrics: dict[str, Metric]
    specs: dict[str, MetricSpec]
    nouns: Lexicon
    noun_party: dict[str, str]
    noun_implies: dict[str, str]
    predicates: Lexicon
    modifiers_local: Lexicon
    modifiers_clause: Lexicon
    modifiers_cancel: re.Pattern[str]
    parties: Lexicon
    link: re.Pattern[str]
    exclude: re.Pattern[str]
    coref: re.Pattern[str]
    modality: Lexicon
    confidence: dict[str, float]
    attribution: dict[str, Any]
    source_aliases: tuple[tuple[str, re.Pattern[str]], ...]
    as_of: re.Pattern[str]
    revision_change: re.Pattern[str]
    superseded: re.Pattern[str]
    numbers: dict[str, Any]
    abbreviations: frozenset[str]
    numbering: frozenset[str]  # abbreviations only before a number
    boiler_headings: re.Pattern[str]
    boiler_lines: re.Pattern[str]
    raw: dict[str, Any] = field(repr=False, default_factory=dict)
    _canonical: dict[str, str | None] = field(init=False, repr=False, compare=False, default_factory=dict)

    def member(self, noun: str | None) -> str | None:
        """The noun class of the members of a group that `noun` counts: "losses of 4,000, of whom 1,000
        were killed" count people (the topic's coreference.group), not losses; people stay people."""
        return self.group if self.group and noun in self.noun_implies else noun

    def counts_people(self, noun: str | None) -> bool:
        """Does the noun class count people (the group, or what befell some of it), not weapons?"""
        return noun is not None and (noun == self.group or noun in self.noun_implies)

    @property
    def group(self) -> str | None:
        """The noun class of a counted group of people (coreference.group)."""
        return self.raw.get("coreference", {}).get("group")

    def canonical_source(self, name: str | None) -> str | None:
        """One key per source, so "the NIS" and "Seoul's spy agency" follow one series.

        Remembered per name (a pure function of it): a page names few sources, each many times."""
        if not name or not name.strip():
            return None
        if name not in self._canonical:
            if len(self._canonical) > 4096:
                self._canonical.clear()
            self._canonical[name] = self._canonical_key(name)
        return self._canonical[name]

    def _canonical_key(self, name: str) -> str | None:
        for key, pattern in self.source_aliases:
            if pattern.search(name):
                return key
        cleaned = _ARTICLE_OR_POSSESSIVE.sub("", name.strip())
        return " ".join(cleaned.split()) or None


def _furniture_regex(patterns: list[str]) -> re.Pattern[str]:
    """Furniture patterns: those anchored with ^ tried at the line start only, word-led ones at word
    starts (\\b lets the engine skip most positions), the rest anywhere."""
    anchored = [p[1:] for p in patterns if p.startswith("^")]
    worded = [p for p in patterns if not p.startswith("^") and re.match(r"[\w]", p)]
    other = [p for p in patterns if not p.startswith("^") and not re.match(r"[\w]", p)]
    parts = []
    if anchored:
        parts.append(r"\A(?:" + _alternation(anchored) + ")")
    if worded:
        parts.append(r"\b(?:" + _alternation(worded) + ")")
    if other:
        parts.append(_alternation(other))  # flat: each alternative opens with its literal (fast to skip)
    return re.compile("|".join(parts) or r"(?!x)x", FLAGS)


def _compile_any(patterns: list[str]) -> re.Pattern[str]:
    body = _alternation(patterns) if patterns else r"(?!x)x"
    return re.compile(_bounded(body), FLAGS)


def _metrics(data: dict[str, Any]) -> tuple[dict[str, Metric], dict[str, MetricSpec]]:
    metrics, specs = {}, {}
    for name, m in data.get("metrics", {}).items():
        try:
            metrics[name] = Metric(name=name, label=str(m.get("label", name)), unit=str(m.get("unit", "")),
                                   cumulative=bool(m.get("cumulative", True)), threshold=float(m.get("threshold", 0.05)),
                                   plausible_ratio=float(m.get("plausible_ratio", 3.0)))
            specs[name] = MetricSpec(name=name, nouns=tuple(m["nouns"]), predicates=tuple(m.get("predicates", ())),
                                     requires=tuple(m.get("requires", ())), scope=str(m.get("scope", "clause")),
                                     vague=bool(m.get("vague", False)), fraction=bool(m.get("fraction", False)),
                                     link=bool(m.get("link", False)))
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"bad metric: {exc}", key=f"metrics.{name}") from exc
    return metrics, specs


def _sources(data: dict[str, Any]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((key, re.compile("|".join(f"(?:{p})" for p in pats), FLAGS)) for key, pats in data.get("sources", {}).items())


def compile_topic(data: dict[str, Any]) -> Topic:
    """Compile a parsed topic file; raises ConfigError naming the bad key."""
    metrics, specs = _metrics(data)
    nouns = data.get("nouns", {})
    mods, parties = data.get("modifiers", {}), data.get("parties", {})
    mod = data.get("modality", {})
    boiler = data.get("boilerplate", {})
    try:
        return Topic(
            name=str(data.get("topic", {}).get("name", "topic")), metrics=metrics, specs=specs,
            nouns=Lexicon.build({k: v["patterns"] for k, v in nouns.items()}),
            noun_party={k: v["party"] for k, v in nouns.items() if "party" in v},
            noun_implies={k: v["implies"] for k, v in nouns.items() if "implies" in v},
            predicates=Lexicon.build(data.get("predicates", {})),
            modifiers_local=Lexicon.build({k: v.get("local", []) for k, v in mods.items()}),
            modifiers_clause=Lexicon.build({k: v.get("clause", []) for k, v in mods.items()}),
            modifiers_cancel=_compile_any([p for v in mods.values() for p in v.get("cancel", [])]),
            parties=Lexicon.build({"nk": parties.get("nk", []), "other": parties.get("other", [])}),
            link=_compile_any(parties.get("link", [])), exclude=_compile_any(parties.get("exclude", [])),
            coref=re.compile(r"\s*(?:" + _alternation(data.get("coreference", {}).get("markers", [])) + r")\b", FLAGS),
            modality=Lexicon.build({k: v for k, v in mod.items() if k not in MODALITY_SETTINGS}),
            confidence={k: float(v) for k, v in data.get("confidence", {}).items()},
            attribution=data.get("attribution", {}), source_aliases=_sources(data),
            as_of=_compile_any(data.get("as_of", {}).get("patterns", [])),
            revision_change=_compile_any(data.get("revision", {}).get("change", [])),
            superseded=re.compile(r"(?<![\w])(?:" + _alternation(data.get("revision", {}).get("superseded", [])) + r")\s*\W{0,2}$", FLAGS),
            numbers=data.get("numbers", {}),
            abbreviations=frozenset(a.lower() for a in data.get("sentences", {}).get("abbreviations", [])),
            numbering=frozenset(a.lower() for a in data.get("sentences", {}).get("numbering", [])),
            # "Related articles (관련 기사)": a translation in brackets after the heading
            boiler_headings=re.compile(r"^\W*(?:" + _alternation(boiler.get("headings", [])) + r")\W*(?:\([^()]{1,40}\)\W*)?$", FLAGS),
            boiler_lines=_furniture_regex(boiler.get("lines", [])),
            raw=data,
        )
    except (KeyError, TypeError, re.error) as exc:
        raise ConfigError(f"bad topic data: {exc}") from exc


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Topic:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(str(exc), file=path) from exc
    try:
        return compile_topic(data)
    except ConfigError as exc:
        raise ConfigError(str(exc), file=path) from exc


def default_topic_path() -> Path:
    """The topic shipped as package data."""
    return Path(str(resources.files("extractors") / "topics" / "nk_russia.toml"))


def load_topic(path: str | Path | None = None) -> Topic:
    """Load (and cache) a topic file; the default is extractors/topics/nk_russia.toml."""
    return _load_cached(str(Path(path) if path else default_topic_path()))
