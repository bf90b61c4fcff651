"""A language file compiled: the grammar every topic written in it is read with.

`Grammar.build(data)` takes the language file's tables (extractors/lang/<code>.toml, with the
topic's additions joined in: see topic.merge) and compiles every word list into the regexes and
sets the extractor's rules ask. Nothing here names an English word: they all come from the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

from extractors.alternation import FLAGS, _alternation, _case_split
from extractors.identify import LanguageSign
from extractors.lexicon import NEVER, words
from figwatch.models import Stance

APOS = "['’]"


@dataclass(frozen=True)
class Grammar:
    """The compiled language: clauses, noun phrases, coreference, modality settings, sentences, dates."""

    code: str
    identify: LanguageSign  # is a text written in this language at all
    # clauses and noun phrases
    clause: re.Pattern[str]  # where a figure's clause ends
    np_stop: re.Pattern[str]  # where the noun phrase after a figure ends
    np_joiners: frozenset[str]  # a stop that joins another noun ("KN-23 and KN-24 missiles")
    coordination: re.Pattern[str]  # "sent 11,000 troops ... and 3,000 more": the second shares the verb
    aside_open: re.Pattern[str]  # ", including 500 officers,": an aside the figure before's clause passes over
    # "would triple ... after 14,000 were sent": a modal or a wave before the subordinator is another clause's
    subordinator: re.Pattern[str]
    copulas: frozenset[str]
    transparent: frozenset[str]  # words that may stand between a figure and its noun
    party_after_phrase: str  # "from", "that ... sent": a party named after the noun phrase (a pattern's head)
    definite: re.Pattern[str]  # "the two prisoners": a known group, whatever is planned for it
    own: re.Pattern[str]  # "its own troops"
    passive: re.Pattern[str]  # "have been" before a predicate
    perfect: re.Pattern[str]  # "have" right before a predicate ("who were dispatched have died")
    partitive_back: re.Pattern[str]  # "1,000 of those"
    partitive: re.Pattern[str]  # "2,000 of the soldiers"
    # "of the roughly 12,000 soldiers sent, ...": the figure is the group a part is taken from
    group_before: re.Pattern[str]
    relative: re.Pattern[str]  # ", which" before a clause
    articles: re.Pattern[str]  # an article or a possessive to strip from a source's name
    # coreference
    anaphora: re.Pattern[str]  # "the number", "the figure"
    elliptical: re.Pattern[str]  # "counts", "puts it at"
    # modality settings (the cues themselves are a lexicon of the topic: the topic may add some)
    realis: re.Pattern[str]
    caused: re.Pattern[str]  # a past cause before a projection's "to" ("prompted Moscow to deploy")
    adverbs_only: re.Pattern[str]  # adverbs alone between a noun phrase and its modal ("personnel will likely come")
    sentence_modality: frozenset[str]  # classes whose cues doubt the whole sentence
    cancelled_by_realis: frozenset[str]
    modality_cut: re.Pattern[str]  # a cue after the figure counts up to here
    overtaken: re.Pattern[str]  # "was at least 600. But ... it now estimates ... 2,000": the first is overtaken
    naming_aside: re.Pattern[str]  # ", numbering 2,600 soldiers, will go": the figure in an aside; the main verb's cues
    stance: dict[str, Stance]  # modality class -> the stance of a figure it doubts
    # sentences
    abbreviations: frozenset[str]
    numbering: frozenset[str]  # abbreviations only before a number
    mark_run: re.Pattern[str]  # a run of end marks, found once each (extractors/sentences.py)
    opening: re.Pattern[str]  # what may open the next sentence
    question_mark: str
    stamp: re.Pattern[str]  # a time stamp opening a line: blank, not the first sentence's subject
    # dates
    months: dict[str, int]  # lower case
    parts_of_month: dict[str, int]  # lower case
    default_part: str
    as_of: re.Pattern[str]

    @classmethod
    def build(cls, d: dict[str, Any]) -> Grammar:
        g, mod, sent, dates, coref = d["grammar"], d["modality"], d["sentences"], d["dates"], d["coreference"]
        stop_words = [p for p in g["np_stop"] if p[:1].isalpha()]
        stop_marks = [p for p in g["np_stop"] if not p[:1].isalpha()]
        determiners = words(g["determiners"])
        marks = sent["end_marks"]
        months = {k.lower(): int(v) for k, v in dates["months"].items()}
        parts = {k.lower(): int(v) for k, v in dates["parts_of_month"].items()}
        as_of = (rf"(?<![\w])(?:{_alternation(dates['as_of'])})\s+(?:(?P<part>{_alternation(list(parts))})[\s-]+)?"
                 rf"(?P<month>{_alternation(list(dates['months']))})\.?(?![\w])"
                 rf"(?:\s+(?P<day>\d{{1,2}})(?![\d]))?(?:,?\s+(?P<year>(?:19|20)\d\d))?")
        return cls(
            code=d["language"]["code"],
            identify=LanguageSign.build(d["language"]),
            clause=re.compile("|".join(f"(?:{v})" for p in g["clause"] for v in _case_split(p)), FLAGS),
            np_stop=re.compile("|".join([*stop_marks, rf"(?<![\w])(?:{_alternation(stop_words)})(?![\w])"]), FLAGS),
            np_joiners=frozenset(w.lower() for w in g["np_joiners"]),
            subordinator=re.compile(rf"(?<![\w])(?:{words(g['subordinators']) if g['subordinators'] else NEVER})"
                                    r"(?![\w])", FLAGS),
            aside_open=re.compile(rf",\s*(?:{words(g['aside_open'])})\s+(?:\S+\s+){{0,3}}$", FLAGS),
            coordination=re.compile(rf"(?<![\w])(?:{_alternation(g['coordination'])})(?![\w])", FLAGS),
            copulas=frozenset(w.lower() for w in g["copulas"]),
            transparent=frozenset(w.lower() for w in g["transparent"]),
            party_after_phrase=g["party_after_phrase"].lstrip("^"),
            definite=re.compile(rf"(?<![\w])(?:{determiners})\s+(?:[a-z]+\s+)?$", FLAGS),
            own=re.compile(rf"(?<![\w])(?:{words(g['possessives'])}) {g['own']}(?![\w])", FLAGS),
            passive=re.compile(rf"(?<![\w])(?:{words(g['passive'])})\s+(?:\w+\s+)?$", FLAGS),
            perfect=re.compile(rf"(?<![\w])(?:{words(g['perfect_auxiliaries'])})\s+$", FLAGS),
            partitive_back=re.compile(rf"\s+{d['numbers']['of']}\s+(?:{words(g['partitive_pronouns'])})\b", FLAGS),
            partitive=re.compile(rf"\s+{d['numbers']['of']}\s+(?:{determiners})\s+(?!\d)", FLAGS),
            group_before=re.compile(rf"(?<![\w]){d['numbers']['of']}\s+(?:{determiners})\s+(?:[a-z]+\s+)?$", FLAGS),
            relative=re.compile(rf",\s*(?:{words(g['relative_pronouns'])})\s*$", FLAGS),
            articles=re.compile(rf"^(?:{words([g['definite_article'], *g['indefinite_articles']])})\s+|{APOS}s?$",
                                FLAGS),
            anaphora=re.compile(rf"(?<![\w])(?:{_alternation(coref['anaphora'] or [NEVER])})(?![\w])", FLAGS),
            elliptical=re.compile(rf"(?<![\w])(?:{_alternation(coref['elliptical'] or [NEVER])})(?![\w])", FLAGS),
            realis=re.compile(rf"(?<![\w])(?:{_alternation(mod['realis'] or [NEVER])})(?![\w])", FLAGS),
            caused=re.compile(mod["caused"] or NEVER, FLAGS),
            adverbs_only=re.compile(rf"(?:\s+(?:{mod['adverb'] or NEVER}))*\s*", FLAGS),
            sentence_modality=frozenset(mod["sentence"]),
            cancelled_by_realis=frozenset(mod["cancelled_by_realis"]),
            # case-sensitive: ", and" ends, "AND" does not
            modality_cut=re.compile("|".join(mod["clause_ends"]) or NEVER),
            overtaken=re.compile(rf"(?<![\w])(?:{_alternation(d['revision']['overtaken'] or [NEVER])})(?![\w])", FLAGS),
            naming_aside=re.compile(rf",\s*(?:{_alternation(mod['aside_openers'] or [NEVER])})\s+(?:\S+\s+){{0,2}}$",
                                    FLAGS),
            stance={k: cast(Stance, v) for k, v in mod["stance"].items()},  # the schema checked them
            abbreviations=frozenset(a.lower() for a in sent["abbreviations"]),
            numbering=frozenset(a.lower() for a in sent["numbering"]),
            mark_run=re.compile(f"[{re.escape(marks)}]+"),
            opening=re.compile(sent["opening"]),
            question_mark=sent["question_mark"],
            stamp=re.compile(sent["stamp"], FLAGS | re.MULTILINE),
            months=months,
            parts_of_month=parts,
            default_part=dates["default_part"].lower(),
            as_of=re.compile(as_of, FLAGS),
        )

