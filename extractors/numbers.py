"""Number mentions: digits, words, magnitudes, ranges, vague amounts and fractions of a base.

One compiled alternation (built from the topic's number data) scans a sentence in a single
linear pass; quantifiers over digit runs are possessive, so no input can make it backtrack.
Filters then drop what is no count: dates, times, years, calibers, prices, durations.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, TypeGuard, TypeVar

from extractors.alternation import FLAGS, _alternation
from extractors.backwards import EndCue
from extractors.lexicon import any_of, words
from figwatch.models import QUALIFIERS, Qualifier

if TYPE_CHECKING:
    from extractors.topic import Topic

CANDIDATE = re.compile(r"\b(?:(\d)|([A-Za-z]+))")  # where a number may start: a digit or a word
# fixed patterns, compiled once (a call of re.match(str, ...) pays a cache look-up each time)
DIGITS = re.compile(r"([\d,]+(?:\.\d+)?)[\s-]*([a-z]*)$")  # "1.2 million", "10-thousand"
SPACES = re.compile(r"[\s-]+")
YEAR = re.compile(r"1[89]\d\d|20\d\d")
PERCENT = re.compile(r"([\d.,]+)")
REVISION_REACH = 120  # "raised its estimate of North Korean soldiers killed in ... from 600": verb to "from"
SUPERSEDED_REACH = 100  # "misstated the number of North Korean troops in the latest wave as 1,500"
MAX_DIGITS = 15  # a figure with more digits is no figure anyone reports
NOT_COUNT_REACH = 24  # "aged 21", "Hwasong-15", "September 30": the words before a number that make it no count
QUALIFIER_REACH = 40  # "a little over 1,000"
SHARE_BACK_REACH = 80  # "4,000 casualties in three months, two-thirds of whom": the share to the figure it divides
GROUP_SPACES = " \u00a0\u202f\u2009"  # a space, no-break, narrow no-break and thin: "11 000"
_NO_GROUP_SPACES = str.maketrans("", "", GROUP_SPACES)
SHARED_QUALIFIER_WORDS = 7  # "about 300 North Korean troops have been killed and 2,700 ...": words between
# what the words before a number say: a claim's qualifier, or "approx_below" ("nearly 3,000": approx, at most 3,000)
BeforeKind = Qualifier | Literal["approx_below"]
K = TypeVar("K", bound=str)


def is_qualifier(v: object) -> TypeGuard[Qualifier]:
    return v in QUALIFIERS


def is_before_kind(v: object) -> TypeGuard[BeforeKind]:
    return v == "approx_below" or is_qualifier(v)


def _typed(table: Mapping[str, Any], kind: Callable[[object], TypeGuard[K]], key: str) -> dict[str, K]:
    """A [numbers] table of qualifiers, lower-cased and typed (the schema checked the values already)."""
    out: dict[str, K] = {}
    for k, v in table.items():
        if not kind(v):
            raise ValueError(f"numbers.{key}.{k}: {v!r} is not a qualifier here")
        out[k.lower()] = v
    return out


@dataclass(frozen=True)
class Mention:
    """A number as written: its span, value, and the interval its wording allows."""

    start: int
    end: int
    value: float
    qualifier: Qualifier = "exact"
    low: float | None = None
    high: float | None = None
    kind: str = "plain"  # plain | range | vague | fraction | part (of a base) | base
    year_like: bool = False
    superseded: bool = False  # history: an earlier figure ("up from 600") or a change ("rose by 1,000")
    increment: bool = False  # a change, not a figure of its own ("rose by 1,000")
    revised_from: float | None = None
    after_end: int = 0  # end of a trailing qualifier ("or more"), where the noun phrase starts


@dataclass(frozen=True)
class Between:
    """A place where a number is no count: "Kim, 41, has", "5. Russia launches" (topic data)."""

    before: re.Pattern[str] | None
    line_start: bool
    after: re.Pattern[str]
    max: float

    def holds(self, text: str, s: int, e: int, value: float) -> bool:
        if value > self.max or not self.after.match(text, e):
            return False
        if self.line_start and text[text.rfind("\n", 0, s) + 1:s].strip():
            return False
        return self.before is None or bool(self.before.search(text[max(0, s - 40):s]))


class Scanner:
    """The compiled number grammar of one language (with its topic's additions)."""

    def __init__(self, numbers: dict[str, Any], revision: dict[str, Any], months: list[str]) -> None:
        """numbers: the language's [numbers] (with the topic's not_counts joined); revision: its [revision];
        months: the month names (a number before or after one is a date)."""
        self.words: dict[str, int] = {k.lower(): int(v) for k, v in numbers["units"].items()}
        self.scales: dict[str, int] = {k.lower(): int(v) for k, v in numbers["scales"].items()}
        self.suffixes: dict[str, int] = {k.lower(): int(v) for k, v in numbers["suffix_scales"].items()}
        self.multipliers: dict[str, int] = {k.lower(): int(v) for k, v in numbers["multipliers"].items()}
        kinds = _typed({k: v[1] for k, v in numbers["vague"].items()}, is_qualifier, "vague")
        self.vague = {k.lower(): (float(v[0]), kinds[k.lower()]) for k, v in numbers["vague"].items()}
        self.fractions = {k.lower(): float(v) for k, v in numbers["fractions"].items()}
        self.q_before = _typed(numbers["qualifiers_before"], is_before_kind, "qualifiers_before")
        self.q_after = _typed(numbers["qualifiers_after"], is_qualifier, "qualifiers_after")
        self.article, self.conjunction, self.half = (numbers[k].lower() for k in ("article", "conjunction", "half"))
        self.range_to = numbers["range_to"].lower()
        self.range_or = numbers["range_or"].lower()
        # "about 300 killed and 2,700 wounded": words only (no comma, no number) up to the conjunction
        self.shares_qualifier = re.compile(rf"(?:\s+[^\W\d_][\w'’-]*){{0,{SHARED_QUALIFIER_WORDS}}}\s+"
                                           rf"{re.escape(self.conjunction)}\s+", FLAGS)
        self.pronouns_before_of = frozenset(w.lower() for w in numbers["pronoun_before_of"])
        self._compile(numbers, months)
        self.superseded = self._end_cue([*revision["superseded"], *revision["increment"]])
        self.increment = self._end_cue(revision["increment"])
        self.change_re = any_of(revision["change"])

    @staticmethod
    def _end_cue(patterns: list[str]) -> EndCue:
        """A cue the text before a figure ends with (but for spaces and a mark or two)."""
        return EndCue.of(re.compile(r"(?<![\w])(?:" + _alternation(patterns) + r")\s*\W{0,2}$", FLAGS))

    def _compile(self, numbers: dict[str, Any], month_names: list[str]) -> None:
        a, and_, half, of = self.article, self.conjunction, self.half, numbers["of"]
        own_multipliers = [w for w in self.multipliers if w not in self.scales]  # "dozen": no scale of its own
        word = _alternation([re.escape(w) for w in [*self.words, *self.scales, *own_multipliers, half]])
        scale = _alternation([re.escape(w) for w in self.scales])
        suffix = _alternation([re.escape(w) for w in self.suffixes])
        # thousands grouped by commas, or by spaces ("11 000", "2 700": as many outlets write them)
        dig = (r"(?<![\w.,:/$€£¥₩])(?<![A-Za-z]-)(?:\d{1,3}(?:,\d{3})++(?![\d])"
               rf"|\d{{1,3}}(?:[{GROUP_SPACES}]\d{{3}}(?![\d,]))++|\d++)(?:\.\d++)?"
               rf"(?:[\s-](?:{scale})(?![\w])|(?:{suffix})(?![\w]))?(?![\w]|[.,:/]\d)")  # "10-thousand": KBS's style
        and_a_half = rf"\s+{and_}\s+{a}\s+{half}(?=\s+(?:{scale})(?![\w]))"  # "three and a half thousand"
        # "a dozen", "half a million"
        a_scale = rf"(?:(?:{half}\s+)?{a}\s+(?=(?:{words(own_multipliers)}|{scale})(?![\w])))?"
        # "four-thousand-100": a broadcaster's spelling, digits after a written scale
        wnum = (rf"(?<![\w-]){a_scale}(?:{word})(?:[\s-]+(?:{word})|{and_a_half})*+"
                r"(?:(?<=[a-z])-\d{1,3}(?![\d,.]))?(?![\w-])")
        num = f"(?:{dig}|{wnum})"
        qb = _alternation([re.escape(q) for q in self.q_before])
        frac = _alternation([re.escape(f).replace(r"\ ", r"[\s-]") for f in self.fractions])
        vague = _alternation([re.escape(v).replace(r"\ ", r"\s+") for v in self.vague])
        pct = rf"(?:{dig})\s*(?:{words(numbers['percent'])})"
        # "%10 of them": the sign before the digits, as some outlets write it
        pct_before = rf"(?:{words(numbers['percent'])})\s*\d{{1,3}}(?:\.\d+)?"
        firsts = {w.split()[0].split("-")[0].lower() for w in [*self.words, *self.scales, *self.fractions, *self.vague]}
        between = numbers["between"].lower()
        self.firsts = frozenset(firsts | {a, between, *own_multipliers})
        first = _alternation([re.escape(w) for w in self.firsts])
        share = words(numbers["share_determiners"])
        # "4,000 casualties, two-thirds of whom were killed", "with about two-thirds killed": a share of the
        # figure before it (no number of its own after "of")
        self.share_back = re.compile(rf"(?:{numbers['share_back_after']})(?:(?P<q>{qb})\s+)?"
                                     rf"(?P<frac>(?<![\w-])(?:{frac})|{pct}|{pct_before})(?![\w-])"
                                     rf"(?!\s+{of}\s+(?:\S+\s+){{0,3}}?\d)",
                                     FLAGS)
        # \b and a one-word look-ahead first: most word starts fail there, before the alternatives
        self.master = re.compile(
            rf"\b(?=\d|(?:{first})(?![\w]))(?:(?P<frac>(?<![\w-])(?:{frac})|{pct})\s+{of}\s+(?:(?:{share})\s+|(?-i:[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)['’]s\s+)*"
            rf"(?:(?:{qb})\s+)?[\"“]?(?P<base>{num})"
            rf"|(?<![\w-]){between}\s+(?P<b1>{num})\s+{and_}\s+(?P<b2>{num})"
            rf"|(?P<r1>{num})(?:\s*[-–—]\s*|\s+{self.range_to}\s+)(?P<r2>{num})"
            rf"|(?P<o1>{num})\s+{self.range_or}\s+(?P<o2>{num})"
            rf"|(?P<vague>(?<![\w-])(?:{vague})(?![\w]))"
            rf"|(?P<num>{num}))", FLAGS)
        self.q_before_re = EndCue.of(re.compile(rf"(?<![\w])(?P<q>{qb})\s*[:\"“”‘’']?\s*$", FLAGS))
        self.q_after_re = re.compile(r"\s*-?(?P<q>" + _alternation([re.escape(q) for q in self.q_after]) + r")(?![\w])",
                                     FLAGS)
        months = _alternation(month_names)
        self.after_re = re.compile(r"(?:\s*|-)(?:" + _alternation(numbers["not_counts_after"]) + rf"|(?:{months})\b)",
                                   FLAGS)
        second_day = rf"(?:\s+\d{{1,2}},?\s+(?:{self.conjunction}|{self.range_to}))?"  # "December 14 and 15"
        # "Oct. 28, 2024", "28 October 2024": a year after a month and a day is a date's
        full_date = rf"(?:{months})\.?\s+\d{{1,2}},?|\d{{1,2}}\s+(?:{months})\.?,?"
        # a capitalised month may follow a word with no space: a byline run into its date ("CNNAugust 22")
        glued = "|".join(m[:1].upper() + m[1:] for m in month_names)
        self.before_re = EndCue.of(re.compile(r"(?:(?<![\w])(?:" + _alternation(numbers["not_counts_before"])
                                              + rf"|(?:{months})\.?{second_day}|{full_date})"
                                              rf"|(?<=[A-Za-z])(?-i:{glued})\.?{second_day})\s*$", FLAGS))
        self.between = [Between(re.compile(b["before"]) if b.get("before") else None, bool(b.get("line_start")),
                                re.compile(b["after"]), float(b.get("max", 0)))
                        for b in numbers["not_counts_between"]]
        particles = numbers["verbs_with_particles"]
        self.verb_particle = EndCue.of(
            re.compile(rf"(?<![\w])(?:{_alternation(particles) if particles else '(?!x)x'})\s+$", FLAGS))
        self.from_re = re.compile(rf"(?<![\w]){numbers['revised_from']}\s*$", FLAGS)
        self.to_re = re.compile(rf"\s+{self.range_to}\s+(?:(?:{qb})\s+)?[\"“]?$", FLAGS)
        determiners = words(numbers["partitive_determiners"])
        self.partitive_re = re.compile(  # "of the 11,000", or a total's words with no determiner ("out of 12,000")
            rf"\s+(?:{of}\s+(?:(?:{determiners})\s+)+|(?P<named>(?:[\w’'-]+\s+){{1,3}}?)?"  # "4,000 soldiers out of"
            rf"(?:{_alternation(numbers['partitive_totals'])})\s+"
            rf"(?:(?:{determiners})\s+)*)(?:(?:{qb})\s+)?[\"“]?", FLAGS)
        self.of_after = re.compile(rf"\s+{of}\b", FLAGS)  # "one of the soldiers"

    # -- values -------------------------------------------------------------------------------
    def parse(self, s: str) -> float | None:
        """The value of one number as written ("11,000", "1.2 million", "three thousand")."""
        digits = s.replace(",", "").translate(_NO_GROUP_SPACES)
        if digits.isdecimal():  # digits and commas alone (most figures): all DIGITS would read, no suffix
            return self._digits(digits, "")
        s = s.strip().lower()
        m = DIGITS.match(s)
        return self._digits(m.group(1).replace(",", "").translate(_NO_GROUP_SPACES), m.group(2)) if m \
            else self._parse_words(s)

    def _digits(self, digits: str, suffix: str) -> float | None:
        mult = self.scales.get(suffix) or self.suffixes.get(suffix) or 1
        if len(digits.split(".")[0]) > MAX_DIGITS or (digits[:1] == "0" and digits[1:2].isdigit()):
            return None  # too long, or a leading zero ("0123": a code or a phone number)
        return float(digits) * mult if suffix == "" or mult != 1 else None

    def _parse_words(self, s: str) -> float | None:
        total: float = 0
        current: float = 0  # "three and a half thousand": a half joins the count
        seen = False
        words = SPACES.split(s)
        if words[0] in self.scales and len(words) == 1:
            return None  # "billion" alone ("$20 billion": the digits were money) counts nothing
        for w in words:
            if w in (self.article, self.conjunction):  # "and" only as the grammar reads it: "three and a half thousand"
                continue
            if w == self.half:  # "half a million", "three and a half thousand": a half of the scale that follows
                current, seen = current + 0.5, True
                continue
            if w in self.words:
                current += self.words[w]
            elif w.isdecimal() and total:  # "four-thousand-100"
                current += int(w)
            elif w in self.multipliers:  # "three dozen", "two hundred": the count so far, multiplied
                current = (current or 1) * self.multipliers[w]
            elif w in self.scales:
                total += (current or 1) * self.scales[w]
                current = 0
            else:
                return None
            seen = True
        value = total + current
        return float(value) if seen and value >= 1 and value == int(value) else None

    # -- scanning -----------------------------------------------------------------------------
    def scan(self, text: str, start: int = 0, end: int | None = None) -> list[Mention]:
        """Every counting number in text[start:end], in order, with absolute offsets."""
        end = len(text) if end is None else end
        found: list[Mention] = []
        m = self.master.search(text, start, end)  # one C-level pass, not a Python loop over words
        while m:
            pos = m.start()
            c = CANDIDATE.match(text, pos, end)
            if c and (c.group(1) or c.group(2).lower() in self.firsts):
                found.extend(self._mentions(text, m))
                m = self.master.search(text, max(m.end(), pos + 1), end)
            else:  # the grammar's look-ahead is case-folded ("ſix"); a candidate is an ASCII word
                m = self.master.search(text, pos + 1, end)
        found = _share_qualifiers(self, text, _link_partitives(self, text, _link_revisions(self, text, found)))
        return self._shares_back(text, found, start, end) if found else found

    def _shares_back(self, text: str, found: list[Mention], start: int, end: int) -> list[Mention]:
        """"4,000 casualties, two-thirds of whom were killed": the share of the figure before, derived."""
        out = list(found)
        for m in self.share_back.finditer(text, start, end):
            before = [f for f in found if f.end <= m.start() and f.kind == "plain" and not f.superseded]
            if not before or m.start() - before[-1].end > SHARE_BACK_REACH:
                continue
            frac = " ".join(m.group("frac").lower().replace("-", " ").split())
            share = self.fractions.get(frac) or self.fractions.get(frac.replace(" ", "-"))
            pct = PERCENT.search(frac) if share is None else None  # "10 percent of them", "%10 of them"
            share = float(pct.group(1).replace(",", "")) / 100 if pct else share
            if share is None or share >= 1:
                continue
            value = round(before[-1].value * share)
            qual, _, _ = self._qualifier(text, m.start("frac"), value)  # "about two-thirds": approx, as a share is
            out.append(Mention(m.start("frac"), m.end("frac"), value, "approx" if qual == "exact" else qual,
                               kind="fraction", after_end=m.end("frac")))
        return sorted(out, key=lambda x: x.start) if len(out) > len(found) else found

    def _mentions(self, text: str, m: re.Match[str]) -> list[Mention]:
        if m.group("frac") is not None:
            return self._fraction(text, m)
        if m.group("b1") is not None:
            return self._range(text, m, "b1", "b2", m.start())
        if m.group("r1") is not None:
            return self._range(text, m, "r1", "r2", m.start())
        if m.group("o1") is not None:
            return self._either(text, m)
        if m.group("vague") is not None:
            value, qual = self.vague[" ".join(m.group("vague").lower().split())]
            low = value if qual in ("at_least", "more_than") else None
            return [Mention(m.start(), m.end(), value, qual, low, None, "vague", after_end=m.end())]
        single = self._single(text, m.start("num"), m.end("num"))
        return [single] if single else []

    def _single(self, text: str, s: int, e: int) -> Mention | None:
        raw = text[s:e]
        value = self.parse(raw)
        if value is None or self._not_count(text, s, e) or any(b.holds(text, s, e, value) for b in self.between):
            return None
        if value != round(value):
            return None  # a count is whole: "(10.29)" is a date, "3.5" a measure; "1.5 million" is whole
        if raw.lower() in self.pronouns_before_of and self.of_after.match(text, e, e + 4):
            return None  # "one of the soldiers"
        year_like = bool(YEAR.fullmatch(raw))
        qual, low, high = self._qualifier(text, s, value)
        after = self.q_after_re.match(text, e)
        after_end = e
        if after and qual == "exact":
            qual, after_end = self.q_after[after.group("q").lower()], after.end()
            low, high = (value, None) if qual in ("at_least", "more_than") else (None,
                                                                                 value if qual == "at_most" else None)
        superseded = self._superseded(text, s)
        increment = superseded and self.increment.found(text[max(0, s - SUPERSEDED_REACH):s])
        return Mention(s, e, value, qual, low, high, "plain", year_like, superseded, increment=increment,
                       after_end=max(after_end, e))

    def _not_count(self, text: str, s: int, e: int) -> bool:
        return bool(self.after_re.match(text, e) or self.before_re.found(text[max(0, s - NOT_COUNT_REACH):s]))

    def _superseded(self, text: str, s: int) -> bool:
        return self.superseded.found(text[max(0, s - SUPERSEDED_REACH):s])

    def is_revision(self, text: str, s: int) -> bool:
        """"from N" after a change verb ("raised its estimate from 3,000")."""
        if not self.from_re.search(text[max(0, s - 8):s]):
            return False
        return bool(self.change_re.search(text[max(0, s - REVISION_REACH):s]))

    def _qualifier(self, text: str, s: int, value: float) -> tuple[Qualifier, float | None, float | None]:
        before = text[max(0, s - QUALIFIER_REACH):s]
        q = self.q_before_re.search(before)
        if not q or self.verb_particle.found(before[:q.start()]):
            return "exact", None, None  # none, or a verb's particle: "handed over 148 missiles"
        kind = self.q_before[" ".join(q.group("q").lower().split())]
        if kind == "approx_below":
            return "approx", None, value
        if kind in ("more_than", "at_least"):
            return kind, value, None
        if kind in ("less_than", "at_most"):
            return kind, None, value
        return kind, None, None

    def _range(self, text: str, m: re.Match[str], g1: str, g2: str, start: int) -> list[Mention]:
        a, b = self.parse(m.group(g1)), self.parse(m.group(g2))
        if a is None or b is None:
            return []
        a = self._shared_scale(m.group(g1), m.group(g2), a, b)
        sep = text[m.end(g1):m.start(g2)]
        if g1 == "r1" and self.range_to in sep.lower() and self.is_revision(text, start):
            first = self._single(text, m.start(g1), m.end(g1))
            second = self._single(text, m.start(g2), m.end(g2))
            return [x for x in (first, second) if x]
        years = all(YEAR.fullmatch(x) for x in (m.group(g1), m.group(g2)))
        if self._not_count(text, m.start(g1), m.end(g2)) and not self._not_count(text, m.start(g1), m.end(g1)):
            return []  # "between 25 to 40 miles": the measure after the range is both ends'
        if a >= b or years or self._not_count(text, m.start(g1), m.end(g2)):
            return [x for x in (self._single(text, m.start(g1), m.end(g1)),
                                self._single(text, m.start(g2), m.end(g2))) if x]
        return [Mention(m.start(), m.end(), (a + b) / 2, "range", a, b, "range", after_end=m.end())]

    def _either(self, text: str, m: re.Match[str]) -> list[Mention]:
        """"2 or 3K", "two or three thousand": a range when the scale written once counts for both
        ends; else two figures ("one or two")."""
        a, b = self.parse(m.group("o1")), self.parse(m.group("o2"))
        singles = [x for x in (self._single(text, m.start("o1"), m.end("o1")),
                               self._single(text, m.start("o2"), m.end("o2"))) if x]
        if a is None or b is None or self._shared_scale(m.group("o1"), m.group("o2"), a, b) == a:
            return singles
        return self._range(text, m, "o1", "o2", m.start())

    def _shared_scale(self, first: str, second: str, a: float, b: float) -> float:
        """"two to three thousand", "2 to 3 million", "2 or 3K", "11 to 12,000": the scale written once
        counts for both ends (unless the first end is already as large: "500 to 3 thousand")."""
        low = second.strip().lower()
        digits = DIGITS.match(low)
        scale = self.scales.get(SPACES.split(low)[-1]) or (self.suffixes.get(digits.group(2)) if digits else None)
        if scale and not any(w in self.scales for w in SPACES.split(first.strip().lower())) and a * scale <= b:
            return a * scale
        if first.strip().isdecimal() and low.endswith(",000") and a * 1000 < b < 2 * a * 1000:
            return a * 1000  # "11 to 12,000": the thousands said once
        return a

    def _fraction(self, text: str, m: re.Match[str]) -> list[Mention]:
        base = self._single(text, m.start("base"), m.end("base"))
        if base is None:
            return []
        frac_text = " ".join(m.group("frac").lower().replace("-", " ").split())
        share = self.fractions.get(frac_text) or self.fractions.get(frac_text.replace(" ", "-"))
        if share is None:
            pct = PERCENT.match(frac_text)
            share = float(pct.group(1).replace(",", "")) / 100 if pct else None
        if share is None:
            return [base]
        qual, _, _ = self._qualifier(text, m.start(), base.value * share)
        derived = Mention(m.start(), m.end(), round(base.value * share), "approx" if qual == "exact" else qual,
                          kind="fraction", after_end=m.end())
        return [derived, replace(base, kind="base")]


def _link_revisions(sc: Scanner, text: str, found: list[Mention]) -> list[Mention]:
    """"from 3,000 to 4,000" after a change verb: 3,000 is history, 4,000 the claim."""
    if len(found) < 2:
        return found  # no pair (and no copy: most sentences have one figure)
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.kind != "plain" or b.kind not in ("plain", "vague"):
            continue
        if not sc.to_re.search(text[a.end:b.start]) or not sc.is_revision(text, a.start):
            continue
        out[i] = replace(a, superseded=True)
        out[i + 1] = replace(b, revised_from=a.value)
    return out


def _share_qualifiers(sc: Scanner, text: str, found: list[Mention]) -> list[Mention]:
    """"About 300 were killed and 2,700 wounded": a qualifier before the first of two figures joined by
    the conjunction, with only words between, is the second's too (when it has none of its own)."""
    if len(found) < 2:
        return found
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (a.kind != "plain" or b.kind != "plain" or a.qualifier == "exact" or b.qualifier != "exact"
                or a.superseded or b.superseded or b.year_like or a.after_end > a.end):
            continue
        if not sc.shares_qualifier.fullmatch(text, a.end, b.start):
            continue
        low = b.value if a.low is not None else None
        high = b.value if a.high is not None else None
        out[i + 1] = replace(b, qualifier=a.qualifier, low=low, high=high)
    return out


def _link_partitives(sc: Scanner, text: str, found: list[Mention]) -> list[Mention]:
    """"some 4,000 of the roughly 11,000 soldiers ... killed": the first is a part of the second, and
    what the sentence says of the group after the base (killed) is said of the part."""
    if len(found) < 2:
        return found
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if a.kind != "plain" or b.kind != "plain" or a.superseded or a.value >= b.value:
            continue
        gap = sc.partitive_re.fullmatch(text, a.after_end, b.start)
        if gap:  # the part's own noun, when it names one before the whole ("4,000 soldiers out of 12,000"), is its
            named = gap.group("named") is not None
            out[i] = replace(a, kind="part", after_end=a.after_end if named else b.after_end)
            out[i + 1] = replace(b, kind="base")
    return out


def find_mentions(text: str, topic: Topic) -> list[Mention]:
    """Counting numbers in text, for callers and tests that re-read a claim's span."""
    return topic.scanner.scan(text)
