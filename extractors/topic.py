"""A topic as data: its TOML file and its language's, checked and compiled once into one `Topic`.

`load_topic(path)` reads the topic file and the language file it names (`[topic] language`,
extractors/lang/<code>.toml), checks both against their schemas (extractors/schema.py: every
problem of a file at once, one line each naming the file and the key), joins the lists the topic
adds to the language's, and compiles everything the extractor reads: the topic's lexicons, the
language's grammar (language.Grammar), the number scanner, the attributor and the page furniture.
The one `Topic` is passed explicitly to every part; nothing is cached per topic elsewhere.

Every lexicon is one compiled alternation with a named group per label, so a scan is a single
linear pass of the regex engine; no lexicon is hard-coded in Python.
"""
from __future__ import annotations

import copy
import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractors import schema
from extractors.alternation import FLAGS, _alternation
from extractors.attribution import VIA, Attributor
from extractors.boilerplate import Furniture
from extractors.language import Grammar
from extractors.lexicon import Lexicon, any_of, words
from extractors.numbers import Scanner
from figwatch.errors import ConfigError
from figwatch.models import Metric

if TYPE_CHECKING:
    from extractors.decider import Decider

# lists a topic may add to its language's (table, key): the two are joined, the language's first
JOINED = (("numbers", "not_counts_before"), ("numbers", "not_counts_after"), ("grammar", "np_stop"),
          ("grammar", "transparent"), ("coreference", "markers"))


class TopicFileError(ConfigError):
    """Every problem of a topic's files, one line each: "nk_russia.toml: modifers: unknown key ..."."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("\n".join(problems))


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
    fewest: float = 0.0  # a smaller count is none of this metric's ("two soldiers" in a video): held for review


@dataclass(frozen=True)
class Topic:
    """The compiled topic: metrics, every lexicon and the language's grammar, built once."""

    name: str
    language: str
    subject_party: str  # the party whose figures the topic follows
    metrics: dict[str, Metric]
    specs: dict[str, MetricSpec]
    noun_metrics: dict[str, tuple[MetricSpec, ...]]  # the metrics a noun class may count
    nouns: Lexicon
    noun_party: dict[str, str]  # noun classes that are never the topic's party's: their party
    noun_implies: dict[str, str]  # noun classes that carry a predicate ("casualties": total)
    predicates: Lexicon
    predicate_re: dict[str, re.Pattern[str]]  # each predicate class alone (a sentence-scope metric's)
    weak_predicates: Lexicon
    modifiers_local: Lexicon
    modifiers_clause: Lexicon
    modifiers_cancel: re.Pattern[str]
    parties: Lexicon
    subjects: Lexicon  # whose "its own troops" are
    party_after_phrase: re.Pattern[str]  # "the 12,000-strong force that Pyongyang sent"
    gate: tuple[str, ...]  # lower-case keywords without which a sentence names no subject party
    context_gate: tuple[str, ...]  # ... and no party at all
    link: re.Pattern[str]
    exclude: re.Pattern[str]
    coref: re.Pattern[str]
    topic_phrases: Lexicon  # label: the metric a figure-less sentence names
    group: str | None  # the noun class of a counted group of people
    group_predicates: frozenset[str]
    umbrella_predicates: frozenset[str]
    fates: frozenset[str]  # the predicates a noun may carry ("casualties": total): what befalls people
    modality: Lexicon
    confidence: dict[str, float]
    source_aliases: tuple[tuple[str, re.Pattern[str]], ...]
    relay_role: re.Pattern[str]  # "lawmaker", "MP": who relays a briefing (the language's)
    relay_before: re.Pattern[str]  # a role just before a name: "South Korean lawmaker Lee", "Rep. Lee"
    relay_after: re.Pattern[str]  # a role in an apposition after it: ", a lawmaker on the committee"
    relay_agency: re.Pattern[str]  # the names of the sources that brief them (the topic's [relays])
    relay_unnamed: re.Pattern[str]  # ... named without a name ("the country's spy agency"): when no name is near
    relay_outlet: re.Pattern[str]  # an outlet that relays a speaker ("..., according to Yonhap")
    relay_keys: frozenset[str]
    # key -> (proper name, its nicknames): "Seoul's spy agency" is told by the NIS's proper name
    source_names: dict[str, tuple[str, re.Pattern[str]]]
    grammar: Grammar
    scanner: Scanner
    attributor: Attributor
    furniture: Furniture
    _canonical: dict[str, str | None] = field(init=False, repr=False, compare=False, default_factory=dict)
    decider: Decider | None = field(default=None, compare=False)  # the learned layer's weights, if named
    learned: bool = False  # whether the learned layer decides which candidates are kept

    @property
    def layer(self) -> Decider | None:
        """The learned layer when it decides by default (topic [decision] learned = true), else None."""
        return self.decider if self.learned else None

    def member(self, noun: str | None) -> str | None:
        """The noun class of the members of a group that `noun` counts: "losses of 4,000, of whom 1,000
        were killed" count people (the topic's coreference.group), not losses; people stay people."""
        return self.group if self.group and noun in self.noun_implies else noun

    def counts_people(self, noun: str | None) -> bool:
        """Does the noun class count people (the group, or what befell some of it), not weapons?"""
        return noun is not None and (noun == self.group or noun in self.noun_implies)

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
        name = name.split(VIA)[0]  # a relayed source is its teller's ("Global Defense Corp., via Ukrainian media")
        for key, pattern in self.source_aliases:
            if pattern.search(name):
                return key
        cleaned = self.grammar.articles.sub("", name.strip())
        return " ".join(cleaned.split()) or None


def merge(topic: dict[str, Any], lang: dict[str, Any]) -> dict[str, Any]:
    """The language's tables with the topic's additions (JOINED, and the modality cues) joined in."""
    out = copy.deepcopy(lang)
    for table, key in JOINED:
        out[table][key] = [*lang[table][key], *topic.get(table, {}).get(key, [])]
    cues = out["modality"]["cues"]
    for label, pats in topic.get("modality", {}).get("cues", {}).items():
        cues[label] = [*cues.get(label, []), *pats]
    return out


def _metrics(data: dict[str, Any]) -> tuple[dict[str, Metric], dict[str, MetricSpec]]:
    metrics, specs = {}, {}
    for name, m in data["metrics"].items():
        metrics[name] = Metric(name=name, label=str(m.get("label", name)), unit=str(m.get("unit", "")),
                               cumulative=bool(m.get("cumulative", True)), threshold=float(m.get("threshold", 0.05)),
                               plausible_ratio=float(m.get("plausible_ratio", 3.0)),
                               smallest=float(m.get("smallest", 0.0)), largest=float(m.get("largest", 0.0)))
        specs[name] = MetricSpec(name=name, nouns=tuple(m["nouns"]), predicates=tuple(m.get("predicates", ())),
                                 requires=tuple(m.get("requires", ())), scope=str(m.get("scope", "clause")),
                                 vague=bool(m.get("vague", False)), fraction=bool(m.get("fraction", False)),
                                 link=bool(m.get("link", False)), fewest=float(m.get("fewest", 0.0)))
    return metrics, specs


def _role_before(d: dict[str, Any]) -> re.Pattern[str]:
    """A relay role just before a name, given names between: "South Korean lawmaker Lee", "Rep. Lee"."""
    role = any_of(d["attribution"]["relay_roles"]).pattern
    return re.compile(rf"{role}[ \t]+(?:(?-i:[A-Z])[\w'’.-]*[ \t]+){{0,2}}$", FLAGS)


def _role_after(d: dict[str, Any]) -> re.Pattern[str]:
    """A relay role in an apposition after a name: ", a lawmaker on the committee"."""
    g = d["grammar"]
    articles = words([g["definite_article"], *g["indefinite_articles"]])
    role = any_of(d["attribution"]["relay_roles"]).pattern
    return re.compile(rf",?\s+(?:{articles})\s+(?:[\w'’-]+\s+){{0,3}}?{role}", FLAGS)


def compile_topic(data: dict[str, Any], lang: dict[str, Any]) -> Topic:
    """Compile a checked topic and its checked language (see load_topic for the checks)."""
    metrics, specs = _metrics(data)
    d = merge(data, lang)
    nouns, mods = data["nouns"], data.get("modifiers", {})
    parties, coref = data["parties"], data.get("coreference", {})
    predicates = data.get("predicates", {})
    subject = data["topic"]["subject_party"]
    noun_metrics: dict[str, list[MetricSpec]] = {}
    for spec in specs.values():
        for noun in spec.nouns:
            noun_metrics.setdefault(noun, []).append(spec)
    return Topic(
        name=str(data["topic"]["name"]), language=d["language"]["code"], subject_party=subject,
        metrics=metrics, specs=specs, noun_metrics={k: tuple(v) for k, v in noun_metrics.items()},
        nouns=Lexicon.build({k: v["patterns"] for k, v in nouns.items()}),
        noun_party={k: v["party"] for k, v in nouns.items() if "party" in v},
        noun_implies={k: v["implies"] for k, v in nouns.items() if "implies" in v},
        predicates=Lexicon.build(predicates),
        predicate_re={label: re.compile(rf"(?<![\w-])(?:{_alternation(pats)})(?![\w])", FLAGS)
                      for label, pats in predicates.items()},
        weak_predicates=Lexicon.build(data.get("weak_predicates", {})),
        modifiers_local=Lexicon.build({k: v.get("local", []) for k, v in mods.items()}),
        modifiers_clause=Lexicon.build({k: v.get("clause", []) for k, v in mods.items()}),
        modifiers_cancel=any_of([p for v in mods.values() for p in v.get("cancel", [])]),
        parties=Lexicon.build(parties["cues"]),
        subjects=Lexicon.build(parties.get("subjects", {})),
        party_after_phrase=re.compile(d["grammar"]["party_after_phrase"].lstrip("^")
                                      + f"(?:{_alternation(parties['cues'][subject])})", FLAGS),
        gate=tuple(k.lower() for k in parties.get("gate", [])),
        context_gate=tuple(parties.get("context_gate", [])),
        link=any_of(parties.get("link", [])), exclude=any_of(parties.get("exclude", [])),
        coref=re.compile(r"\s*(?:" + _alternation(d["coreference"]["markers"]) + r")\b", FLAGS),
        topic_phrases=Lexicon.build(coref.get("topic_phrases", {})),
        group=coref.get("group"),
        group_predicates=frozenset(coref.get("group_predicates", [])),
        umbrella_predicates=frozenset(coref.get("umbrella_predicates", [])),
        fates=frozenset(v["implies"] for v in nouns.values() if "implies" in v),
        modality=Lexicon.build(d["modality"]["cues"]),
        confidence={k: float(v) for k, v in data.get("confidence", {}).items()},
        source_aliases=tuple((key, re.compile("|".join(f"(?:{p})" for p in pats), FLAGS))
                             for key, pats in data.get("sources", {}).items()),
        relay_role=any_of(d["attribution"]["relay_roles"]),
        relay_before=_role_before(d), relay_after=_role_after(d),
        relay_agency=any_of([p for key in data.get("relays", {}).get("agencies", [])
                             for p in data["sources"][key]]),
        relay_unnamed=any_of(data.get("relays", {}).get("unnamed", [])),
        relay_outlet=any_of(data.get("relays", {}).get("outlets", [])),
        relay_keys=frozenset(data.get("relays", {}).get("agencies", [])),
        source_names={key: (name, re.compile(named, FLAGS))
                      for key, (name, named) in data.get("source_names", {}).items()},
        grammar=Grammar.build(d),
        scanner=Scanner(d["numbers"], d["revision"], list(d["dates"]["months"])),
        attributor=Attributor(d["attribution"], d["grammar"], data.get("attribution", {}).get("acronyms", {})),
        furniture=Furniture.build(d["boilerplate"]["headings"], d["boilerplate"]["lines"]),
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(str(exc), file=str(path)) from exc


def language_path(name: str, topic_path: Path) -> Path:
    """A language by its code ("en": extractors/lang/en.toml) or by a file beside the topic."""
    if name.endswith(".toml"):
        return topic_path.parent / name
    return Path(str(resources.files("extractors") / "lang" / f"{name}.toml"))


def _lines(path: Path, problems: list[schema.Problem]) -> list[str]:
    return [f"{path}: {key or '(file)'}: {message}" for key, message in problems]


@lru_cache(maxsize=8)
def _load_cached(path: str) -> Topic:
    topic_path = Path(path)
    data = _read(topic_path)
    problems = _lines(topic_path, schema.check(data, schema.TOPIC))
    lang_name = data.get("topic", {}).get("language", "en") if isinstance(data.get("topic"), dict) else "en"
    lang_path = language_path(str(lang_name), topic_path)
    if not lang_path.is_file():
        raise TopicFileError([*problems, f"{topic_path}: topic.language: no language file {lang_path}"])
    lang = _read(lang_path)
    lang_problems = _lines(lang_path, schema.check(lang, schema.LANGUAGE))
    if not lang_problems:
        lang_problems = _lines(lang_path, schema.language_references(lang))
    if not problems and not lang_problems:
        problems = _lines(topic_path, schema.references(data, lang))
    if problems or lang_problems:
        raise TopicFileError([*problems, *lang_problems])
    topic = compile_topic(data, lang)
    decision = data.get("decision")
    weights = topic_path.parent / decision["weights"] if decision else None
    # a layer that is off may be left behind (a topic copied without its weights); one that decides may not
    if decision and weights and (weights.is_file() or decision.get("learned")):
        from extractors.decider import load_decider  # here: the layer's features read the compiled topic

        topic = dataclasses.replace(topic, decider=load_decider(weights), learned=bool(decision.get("learned")))
    return topic


def default_topic_path() -> Path:
    """The topic shipped as package data."""
    return Path(str(resources.files("extractors") / "topics" / "nk_russia.toml"))


def load_topic(path: str | Path | None = None) -> Topic:
    """Load (and cache by path) a topic file; the default is extractors/topics/nk_russia.toml."""
    return _load_cached(str(Path(path) if path else default_topic_path()))
