"""Who says so: "according to X", "X said", "as per X's figures", "cited by X", "..., said X".

Patterns and words come from the language file's [attribution] and [grammar] tables. A source that is
a pronoun ("he said") is returned as PRONOUN so that the caller can resolve it to the last source named.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from extractors.alternation import FLAGS, _alternation
from extractors.lexicon import NEVER, words
from extractors.prefilter import FOLDING, any_literal, literals

PRONOUN = "\x00pronoun"
VIA = ", via "  # "who told it, via whom it was relayed": a source relayed (its key is the teller's)


def _needs_one_of(patterns: list[str]) -> frozenset[str] | None:
    """The strings one of which a match of any pattern contains, read from their plain alternation
    (a split "(?-i:s)a(?:id|ys)" would name only "id" and "ys")."""
    return literals(f"(?:{'|'.join(patterns)})", FLAGS) if patterns else frozenset()


def _any_of(needs: list[frozenset[str] | None]) -> re.Pattern[str] | None:
    """Finds in lowered text any string one of the patterns needs (prefilter.literals); None when a
    pattern needs nothing that can be named, so no sentence can be skipped."""
    if any(n is None for n in needs):
        return None
    return any_literal(frozenset(w for n in needs if n is not None for w in n))


# clean()'s and find()'s fixed patterns, compiled once (re's own cache costs a look-up per call)
_PAREN = re.compile(r"\s*\([^()]{0,60}\)")
# a stop, or a space before a dash and a space; one class first, so that a search skips to candidates
_PIECES = re.compile(r"[,;:“”\"(\s](?:(?<!\s)|[-–—]\s)")
_DIGIT = re.compile(r"\d")
_CAPITAL = re.compile(r"(?<![\w])[A-Z]")
_ENDS_IN_NAME = re.compile(r"(?-i:[A-Z][\w’'.-]*)\s*$")
_TRAILING_NAME = re.compile(r"(?-i:(?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*)\s*$")
_SPELLED = re.compile(r"\([A-Z]{2,6}\)")  # what every acronym's spelling-out ends with: found at once
STOP = r"[,.;:!?()\[\]\"“”]"
# a stop inside a name ("Rep. Park", "Lt. Gen. Budanov", "U.S."), tried only where a stop is (so it costs
# nothing elsewhere): after a short capitalised word and before a capital, or between capitals
TITLE = (r"(?-i:\.(?:(?<=\b[A-Z]\.)|(?<=\b[A-Z][a-z]\.)|(?<=\b[A-Z][a-z]{2}\.)|(?<=\b[A-Z][a-z]{3}\.))\s+(?=[A-Z])"
         r"|\.(?=[A-Z]\.))")


def name_pattern(joiners: list[str]) -> str:
    """A capitalised name of up to six words, joined by the language's small words ("Institute for the Study")."""
    joins = "|".join(rf"{w}\s+" for w in joiners)
    return rf"[A-Z][\w’'.-]*(?:\s+(?:{joins})?[A-Z][\w’'.-]*){{0,5}}"


_NAME_BEFORE = re.compile(r"[A-Z][\w’'.-]*[ \t]+$")  # a capitalised word just before a capitalised "verb"
_LOWER_AFTER = re.compile(r"[ \t]+[a-z]")  # ... with the sentence going on in lower case: "States has seen"
_STOP_AFTER = re.compile(r"[,;:)]")  # ... or a stop right after it: "according to Ukraine and the United States,"
# "Zelensky's claim", "the officials' estimate": after an owner, a verb's form is a noun
_OWNED = re.compile(r"(?:['’]s|s['’])$")


@dataclass(frozen=True)
class Attribution:
    """A source named in a sentence; explicit for "according to" forms."""

    start: int
    end: int
    source: str
    explicit: bool
    refers: str = ""  # a PRONOUN with a head noun ("the agency"), lower case: its antecedent is a name of that kind
    closing: bool = False  # "(according to X)" in brackets after a figure: it closes what it tells


def _explicit(before: str, ends: str) -> str:
    """ "according to X": the pattern, for an alternation of the words before a source and of the words
    its name ends before."""
    return (rf"\b(?<![\w])(?:{before})\s+(?P<src>(?:[^,.;:!?()\[\]\"“”]|{TITLE}){{2,90}}?)(?!{TITLE})"
            rf"(?=\s*(?:{STOP}|$|\s(?:{ends})\b))")


class Attributor:
    """The language's attribution patterns (and the topic's acronyms), compiled."""

    def __init__(self, data: dict[str, Any], grammar: dict[str, Any], acronyms: dict[str, str]) -> None:
        """data: the language's [attribution]; grammar: its [grammar] (articles, auxiliaries, joiners)."""
        verbs = _alternation(data["verbs"])
        before = [p.replace(" ", r"\s+") for p in data["before"]]
        ends = words(data["source_ends_before"])
        self.name = name_pattern(data["name_joiners"])
        self.article = grammar["definite_article"]
        self.explicit = re.compile(_explicit(_alternation(before), ends), FLAGS)
        # "(?:has\s+|...)?(?:verbs)" with the optional head distributed (same order of attempts), so
        # that every alternative opens with a plain literal (topic._case_split)
        has = _alternation([rf"(?:{words(grammar['perfect_auxiliaries'])})\s+(?:{verbs})"])
        self.verb = re.compile(rf"\b(?<![\w])(?:{has}|{verbs})(?![\w])", FLAGS)
        # "Budanov said this in an interview": the verb's object points back to the sentence before
        back, back_ends = _alternation(data["told_back"]), _alternation(data["told_back_ends"])
        self.told_back = re.compile(rf"(?<![\w])(?:{has}|{verbs})\s+(?:{back})"
                                    rf"(?:\s*(?:[.,;:!?]|$)|\s+(?:{back_ends})(?![\w]))", FLAGS)
        self.told_back_passive = re.compile(data["told_back_passive"], FLAGS)  # "This is reported by UNN"
        self.said_before = re.compile(rf"[,”\"]\s*(?:{words(data['inverted'])})\s+$", FLAGS)  # ", said X": X speaks
        self.inverted = re.compile(rf"[,”\"]\s*(?:{words(data['inverted'])})\s+"
                                   rf"(?P<src>[^,.;:!?\"“”]{{2,70}}?)\s*(?:[,.;]|$)", FLAGS)
        own, figure_nouns = grammar["own"], words(data["figure_nouns"])
        self.figures = re.compile(rf"(?P<src>{self.name})(?:['’]s)?\s+(?:{own}\s+)?(?:{figure_nouns})\b")
        self.paren = re.compile(r"\((?P<src>[A-Z][A-Za-z .'’-]{1,40})\)\s*[.;]?\s*$")
        # "Britain's Defence Intelligence went further in February, assessing that ...": the subject
        # of a participle's sentence is its source
        participles, bare = data["participles"], data["participles_bare"]
        self.participles = tuple(dict.fromkeys(p.lower() for p in [*participles, *bare]))
        dateline = data["dateline"] or NEVER
        reporting = ([rf"(?:{_alternation(participles)})\s+{grammar['complementizer']}"] if participles
                     else []) + list(bare)
        self.subject = (re.compile(rf"\s*(?:{dateline})?(?P<src>{self.name})(?:[^,;.]|[,.](?=\d{{3}})){{0,120}}?"
                                   rf",\s*(?:{'|'.join(reporting)})\b")
                        if reporting else None)
        # "..., with the British defence ministry claiming around 6,000": the absolute phrase's agent tells what follows
        absolute = data["absolute"]
        self.absolute = (re.compile(rf"\b(?<![\w])(?:{words(absolute)})\s+(?P<src>[^,.;:!?()\"“”]{{2,70}}?)\s+"
                                    rf"(?:{_alternation(list(self.participles))})\b", FLAGS)
                         if absolute and participles else re.compile(NEVER))
        # the named patterns, each with the words one of which its every match contains
        # the explicit pattern's words read from its plain alternation: the split one's "(?-i:P)er" needs only "er"
        needs = [literals(_explicit("|".join(before), ends), FLAGS),
                 *(literals(p.pattern, p.flags) for p in (self.inverted, self.figures, self.paren, self.absolute))]
        self.needs = [(p, tuple(sorted(n, key=len)) if n is not None else None)  # the shortest, likeliest, first
                      for p, n in zip((self.explicit, self.inverted, self.figures, self.paren, self.absolute), needs,
                                      strict=True)]
        # a sentence with none of the strings some pattern needs has no attribution: skipped at once
        self.cue = _any_of([*needs, _needs_one_of(data["verbs"]), _needs_one_of([*participles, *bare])])
        self.speakers = re.compile(r"(?<![\w])(?:" + _alternation(data["speakers"]) + r")(?![\w])", FLAGS)
        self.reject = {r.lower() for r in data["reject"]}
        self.antecedents = [(re.compile(k, FLAGS), re.compile(v)) for k, v in data["antecedents"].items()]
        forms = "|".join(f"(?:{k})" for k in data["antecedents"])
        self.referring = re.compile(rf"(?<![\w])({forms})\s*$", FLAGS) if forms else None
        self.pronouns = {p.lower() for p in data["pronouns"]}
        breaks = data["breaks"]
        self.breaks = re.compile(rf"\s(?:{_alternation(breaks)})\s" if breaks else NEVER, FLAGS)
        asides = data["appositive"]
        self.appositive = re.compile(r"^(?:" + _alternation(asides) + r")(?![\w])",
                                     FLAGS) if asides else re.compile(NEVER)
        self.aside = re.compile(data["aside"] or NEVER)
        # a speaker noun and what it is of: "the British ministry of defence", "the department of defense"
        self.speaker_of = re.compile(r"(?<![\w])(?:" + _alternation(data["speakers"]) + r")\s+(?:"
                                     + words([j for j in data["name_joiners"]  # "of", "for": not "the", "and"
                                              if j != grammar["definite_article"] and j not in grammar["coordination"]])
                                     + r")\s+[\w’'-]+(?:\s+[\w’'-]+){0,2}$", FLAGS)
        self.cites = re.compile(rf"(?:{words(data['cites'])})\s+", FLAGS) if data["cites"] else re.compile(NEVER)
        # "Yonhap reported ..., citing a military intelligence report", "Citing the NIS, Yonhap said": what is cited
        self.citing = (re.compile(_explicit(words(data["cites"]), ends), FLAGS) if data["cites"]
                       else re.compile(NEVER))
        self.cited_head = re.compile(data["cited_head"] or NEVER, FLAGS)
        self.relayed_by = re.compile(data["relayed_by"] or NEVER, FLAGS)
        self.apposed = re.compile(data["apposed_name"] or NEVER)  # case-sensitive: a name's capitals
        transcript = data["transcript"]
        self.speaker = re.compile(transcript["speaker"], re.MULTILINE) if transcript["speaker"] else None
        self.answer = re.compile(transcript["answer"], re.MULTILINE) if transcript["answer"] else None
        self.known_acronyms: dict[str, str] = dict(acronyms)  # when a story does not spell one out
        self.named_turn = re.compile(transcript["named"], re.MULTILINE) if transcript["named"] else None
        self.label = re.compile(data["transcript_label"], re.MULTILINE) if data["transcript_label"] else None
        self.block = re.compile(data["block"], re.MULTILINE | re.IGNORECASE) if data["block"] else None
        self.lead = re.compile(r"^(?:(?:" + _alternation(data["lead"]) + r")\b[\s,]*)+", FLAGS)
        # the order of the alternatives cannot change a match that must reach the end
        self.tail = re.compile(rf"(?:\s+(?:{_alternation(data['tail'])}))+\s*$", FLAGS)
        self.suffix = re.compile(rf"['’]s\s+(?:{own}\s+)?(?:{figure_nouns})$|['’]s?$", FLAGS)
        # words no source's name has (case-sensitive: "It" may open a name, "it" not), and the clause
        # a relative pronoun opens after a name
        self.function = re.compile(rf"(?<![\w])(?:{words(data['not_in_source'])})(?![\w])")
        self.relative = re.compile(rf",\s*(?:(?P<place>{words(grammar['relative_places'])})|"
                                   rf"{words(grammar['relative_pronouns'])})\b"
                                   r"(?P<rest>[^,]{0,100}?)(?P<comma>,?)\s*$")
        self.relative_end = re.compile(rf",?\s+(?:{words(grammar['relative_pronouns'])})\s*$", FLAGS)
        self.unnamed = re.compile(data["unnamed"] or NEVER, FLAGS)
        self.role_only = re.compile(data["role_only"] or NEVER)  # case-sensitive: a capital opens a name's word
        self.coordinated = re.compile(data["coordinated"] or NEVER)
        self.ordinal = re.compile(data["ordinal"] or NEVER)  # a number a name may hold ("8th Regiment")
        self.not_source = (re.compile(_alternation(data["not_sources"]), FLAGS) if data["not_sources"]
                           else re.compile(NEVER))
        self.indefinite = re.compile(rf"^(?:{words(grammar['indefinite_articles'])})\s+", FLAGS)
        self.determiner = re.compile("(?:" + "|".join(rf"\b{w}" for w in data["determiners_before_verb"]) + r")\s*$",
                                     FLAGS)
        # "South Korea's National Intelligence Service (NIS)": a name on one line ("said Monday.\n\nThe NIS" is no name)
        on_a_line = self.name.replace(r"\s+", r"[^\S\n]+")
        self.acronym = re.compile(rf"(?P<full>{on_a_line})[^\S\n]*\((?P<acr>[A-Z]{{2,6}})\)")
        self.leading_article = re.compile(rf"^{self.article.capitalize()}\s+")
        # "NIS", "the NIS", "Seoul's NIS"
        self.acronym_source = re.compile(rf"(?:{self.article}\s+|\w+['’]s\s+)?(?P<acr>[A-Z]{{2,6}})")

    def cited(self, text: str, start: int, end: int) -> str | None:
        """The named body a sentence cites ("citing the National Intelligence Service"), or None (an unnamed
        "citing a source" names none)."""
        m = self.citing.search(text, start, end)
        raw = self.cited_head.sub("", m.group("src"), count=1) if m else ""
        named = self.clean(raw) if raw else None
        return named if named and named != PRONOUN and _CAPITAL.search(named) else None

    def clean(self, raw: str) -> str | None:
        """A source as written, or None when the words are no source; PRONOUN for "he"."""
        # each sub is tried at every place: skipped when the character its every match opens with is absent
        src = _PAREN.sub("", raw) if "(" in raw else raw
        src = self.relative_end.sub("", src)  # "an estimate from the NIS which said": the name the relative follows
        src = self._relative(src) if "," in src else src
        pieces = self._pieces_from_last(src)  # only the last pieces matter: read from the end
        piece, before = next(pieces, None), next(pieces, None)
        cited = None
        while (piece is not None and before is not None and self.aside.match(piece.strip())
               and self._speaks(before)):
            # "Zelensky, speaking the same week, put the toll at": the aside after a name is not the source
            cite = self.cites.match(piece.strip())  # "Ukrainian media, citing Global Defense Corp., reported"
            named = self.clean(piece.strip()[cite.end():]) if cite else None
            cited = cited or (named if named and _CAPITAL.search(named) else None)  # "a military source": unnamed
            piece, before = before, next(pieces, None)
        src = self.breaks.split(piece)[-1] if piece is not None else ""  # "support for Russia as [the NIS]"
        whole = src.strip().lower()  # "the London-based daily": "daily" is no adverb the tail strips here
        src = self.tail.sub("", src).strip()
        led = src.lower()
        if led in self.pronouns or (self.referring is not None and self.referring.fullmatch(whole)):
            return PRONOUN  # "the agency", "the UK-based newspaper": before the lead words strip its "the"
        src = self.lead.sub("", src).strip()
        # every suffix opens with one
        src = (self.suffix.sub("", src) if "'" in src or "’" in src else src).strip(" ’'")
        src = self.indefinite.sub("", src)
        low = src.lower()
        the_low = f"{self.article} {low}"
        unowned = self.suffix.sub("", led).strip(" ’'") if "'" in led or "’" in led else led  # "the agency’s estimates"
        if low in self.pronouns or (the_low in self.pronouns and unowned.endswith(the_low)):
            return PRONOUN  # "Last month the agency": the lead words took its "the"
        if self.function.search(src) or self._verb_inside(src):  # "the Pentagon confirmed recent intelligence"
            pair = self.coordinated.search(src)  # "since the US and Ukraine announced": the pair at its end
            return pair.group() if pair else None
        words = src.split()
        if (not words or len(words) > 10 or low in self.reject or self._has_number(src)
                or self.not_source.fullmatch(src)):
            return None
        last = words[-1]
        if self.unnamed.fullmatch(src):  # "sources familiar with the situation": unnamed, and said so
            return src
        if not ("A" <= last[0] <= "Z"):  # the usual name's last word opens with a capital, passing both checks
            if not (_CAPITAL.search(src) or self.speakers.search(src)):
                return None
            if not (last[:1].isupper() or self.speakers.fullmatch(last) or self.speaker_of.search(src)):
                return None  # "Peskov on Thursday dismissed": a clause, not a name ("the ministry of defence" is one)
        return f"{cited}{VIA}{src}" if cited and cited != PRONOUN else src

    def _apposed_name(self, text: str, m: re.Match[str], end: int) -> str | None:
        """The person an "according to" role names right after it, between commas ("by Deputy Ambassador to
        the U.N., Robert Wood, during"): the role's words hold a speaker noun, the name's clause goes on."""
        if not self.speakers.search(m.group("src")):
            return None
        named = self.apposed.match(text, m.end("src"), end)
        return named.group("name") if named else None

    def _verb_inside(self, src: str) -> bool:
        """A reporting verb in lower case with words after it: a clause ("the Pentagon confirmed recent
        intelligence reports"), not a name (one that ends the words is a noun: "Western estimates")."""
        return any(m.group()[:1].islower() and src[m.end():].strip() for m in self.verb.finditer(src))

    def _has_number(self, src: str) -> bool:
        """A number no name holds: a figure or a date, not an ordinal ("8th Special Operations Regiment")."""
        return bool(_DIGIT.search(src)) and bool(_DIGIT.search(self.ordinal.sub("", src)))

    def _speaks(self, words: str) -> bool:
        """Whether an aside's words follow a speaker: a name ("Zelensky, speaking ..."), a pronoun ("The
        report, cited by an outlet, ...": the report's, not the outlet's) or a noun that speaks ("the South
        Korean military intelligence, as quoted by an agency, estimates")."""
        last = words.split()[-1] if words.split() else ""
        return (bool(_ENDS_IN_NAME.search(words)) or " ".join(words.split()).lower() in self.pronouns
                or bool(self.speakers.fullmatch(last)))

    def _relative(self, src: str) -> str:
        """The phrase without a relative clause after its name ("Russia, which lost 1,000 men, said"), but
        the relative's own subject when the verb is its ("North Korea, which Western officials estimate"),
        and the place when a place's nameless speakers tell it ("South Korea, where authorities said")."""
        m = self.relative.search(src)
        if not m:
            return src
        rest = m.group("rest").strip()
        subject = self.clean(rest) if rest and not m.group("comma") else None
        if m.group("place") and subject and self.speakers.fullmatch(subject):
            place = _TRAILING_NAME.search(src, 0, m.start())  # "South Korea, where authorities said": the place's
            return place.group() if place else src[:m.start()]
        return rest if subject and subject != PRONOUN else src[:m.start()]

    def _clean_once(self, raw: str, cleaned: dict[str, str | None]) -> str | None:
        """clean(raw), remembered in cleaned (one sentence's)."""
        if raw not in cleaned:
            cleaned[raw] = self.clean(raw)
        return cleaned[raw]

    def _pieces_from_last(self, src: str) -> Iterator[str]:
        """The phrase's pieces between commas, dashes and quotes, last first, without lead words and asides."""
        for p in reversed(_PIECES.split(src)):
            q = p.strip()
            if q and not self.lead.fullmatch(q) and not self.appositive.match(q):
                yield p

    def _refers(self, raw: str) -> str:
        """The pronoun's head noun phrase ("the agency") when the topic names its kind of antecedent."""
        if not self.referring:
            return ""
        # the piece the pronoun is in: asides after it ("The report, cited by an outlet,") are no part of it
        raw = next((p for p in self._pieces_from_last(raw) if not self.aside.match(p.strip())), raw)
        hit = self.referring.search(self.tail.sub("", raw))
        return " ".join(hit.group(1).lower().split()) if hit else ""

    def antecedent(self, refers: str, text: str, start: int, end: int) -> str | None:
        """The last name in text[start:end] that "the agency" (refers) can stand for, cleaned."""
        pattern = next((p for form, p in self.antecedents if form.fullmatch(refers)), None)
        last = None
        for m in pattern.finditer(text, start, end) if pattern else ():
            last = m
        src = self.clean(last.group()) if last else None
        return src if src != PRONOUN else None

    def find(self, text: str, start: int, end: int) -> list[Attribution]:
        """Attributions in text[start:end], in order."""
        out: list[Attribution] = []
        raw = text[start:end]
        low = raw.lower()
        folds = not raw.isascii() and any(c in raw for c in FOLDING)  # "ſaid": no str check is exact then
        if self.cue is not None and not folds and not self.cue.search(low):
            return out  # nothing any pattern needs: skip the patterns
        cleaned: dict[str, str | None] = {}  # ", according to X" is read by two patterns: cleaned once
        for pattern, needs in self.needs:
            if needs is not None and not folds and not any(map(low.__contains__, needs)):
                continue  # a word every match needs is absent (a str check, not a scan)
            for m in pattern.finditer(text, start, end):
                src = self._clean_once(m.group("src"), cleaned)
                named = self._apposed_name(text, m, end) if pattern is self.explicit else None
                if named:  # "as stated by Deputy U.S. Ambassador to the U.N., Robert Wood, during a meeting"
                    out.append(_placed(text, named, m.start("src"), m.end("src") + len(named) + 5, True))
                    continue
                if src:  # "according to the agency": the last agency named
                    refers = self._refers(m.group("src")) if src == PRONOUN else ""
                    placed = _placed(text, src, m.start("src"), m.end("src") + 2, True, refers)
                    opened = text.rfind("(", max(start, m.start() - 2), m.start() + 1) >= 0  # "(according to X)"
                    out.append(replace(placed, closing=True) if opened and pattern is self.explicit else placed)
        subject = (self.subject.match(text, start, end)
                   if self.subject and any(map(low.__contains__, self.participles)) else None)
        src = self.clean(subject.group("src")) if subject else None
        if subject and src:
            out.append(_placed(text, src, subject.start("src"), subject.end("src"), False))
        asides: list[tuple[int, int]] = []  # between a speaker and its verb: "NIS, as quoted by PAP, estimates"
        for m in self.verb.finditer(text, start, end):
            if m.group()[:1].isupper() and _NAME_BEFORE.search(text, max(start, m.start() - 40), m.start()) \
                    and (_LOWER_AFTER.match(text, m.end(), end) or _STOP_AFTER.match(text, m.end(), end)):
                continue  # "The United States has seen", "the United States,": a capital after a name is a name's
            lo = max(start, m.start() - 160)
            before = text[lo:m.start()]
            words_end = len(before.rstrip())
            # "an"/"the" ends where the spaces before the verb begin: searched only there
            if not words_end or self.determiner.search(before, max(0, words_end - 3)) \
                    or _OWNED.search(before, max(0, words_end - 2), words_end):
                continue
            src = self._clean_once(before, cleaned)
            if src:
                placed = _placed(text, src, lo, m.start(), False, self._refers(before) if src == PRONOUN else "")
                out.append(placed)
                if src != PRONOUN:
                    asides.append((placed.end, m.start()))
        if asides and any(a.explicit for a in out):
            # an "as quoted by X" inside the speaker's aside relays the speaker's words: not a source of its own
            out = [a for a in out if not (a.explicit and any(lo < a.start < hi for lo, hi in asides))]
        return self._relays(text, sorted(out, key=lambda a: a.start))

    def _relays(self, text: str, found: list[Attribution]) -> list[Attribution]:
        """"according to the NIS, as reported by Yonhap": one attribution, the body told via its relayer
        ("National Intelligence Service, via Yonhap"), where the relayer alone was read before."""
        out: list[Attribution] = []
        for a in found:
            prev = out[-1] if out else None
            if (prev is not None and a.explicit and prev.explicit and PRONOUN not in (prev.source, a.source)
                    and VIA not in prev.source and 0 <= a.start - prev.end <= 40
                    and self.relayed_by.search(text[prev.end:a.start])):
                out[-1] = Attribution(prev.start, a.end, f"{prev.source}{VIA}{a.source}", True)
            elif not (prev is not None and (a.start, a.end, a.source) == (prev.start, prev.end, prev.source)):
                out.append(a)  # (one "according to X" read by two patterns is one attribution)
        return out

    def acronyms(self, text: str) -> dict[str, str]:
        """Each acronym a document spells out, with its first full name as written."""
        out: dict[str, str] = {}
        for m in self.acronym.finditer(text) if _SPELLED.search(text) else ():
            out.setdefault(m.group("acr"), self.lead.sub("", m.group("full")))  # "When the NIS (...)": no "When"
        return out

    def is_acronym(self, src: str) -> bool:
        return self.acronym_source.fullmatch(src) is not None

    def expanded(self, src: str, names: dict[str, str]) -> str:
        """An acronym the document spells out, in full and as written: "NIS" becomes "South Korea's
        National Intelligence Service (NIS)"."""
        m = self.acronym_source.fullmatch(src)
        full = names.get(m.group("acr")) if m else None
        return f"{full} ({m.group('acr')})" if m and full else src


def _placed(text: str, src: str, lo: int, hi: int, explicit: bool, refers: str = "") -> Attribution:
    """The attribution with the span of its source's words (PRONOUN: the region's end)."""
    at = text.rfind(src, lo, hi) if src != PRONOUN else -1
    if at < 0:
        return Attribution(hi, hi, src, explicit, refers)
    return Attribution(at, at + len(src), src, explicit)


def pick(attributions: list[Attribution], at: int) -> Attribution | None:
    """The attribution that governs a figure at `at`: a bracketed "(according to X)" after it with no other
    attribution between ("from at least 1,000 deaths (according to Western officials) to about 4,700
    casualties (according to Seoul lawmakers)": each closes its own figures), else the nearest before it,
    else the first after it."""
    after = [a for a in attributions if a.start > at]
    if after and after[0].closing:
        return after[0]
    before = [a for a in attributions if a.start <= at]
    if before:
        return before[-1]
    return attributions[0] if attributions else None
