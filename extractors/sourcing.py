"""Who says each figure: a document's attributions, resolved across its sentences.

SOURCE_RULES, in order: a sentence's own attribution (in the figure's clause, else the
sentence's); a pronoun to the source named before it ("the agency" to the last agency named);
whoever closes a quotation that runs on past the figure; the next sentence's, when its verb's
object points back ("Budanov said this"); else its paragraph's, a fact box's "Source:" line, a
list's intro, or a transcript's speaker. The first that answers names the source (and the rule,
for `figwatch extract --why`). An acronym source is written in full. RELAY_RULES then read a relay:
a lawmaker who relays an agency's briefing gives the agency's figure ("National Intelligence
Service, via lawmaker Lee Seong-kweun"), and what a speaker cites is told through the speaker
("South Korean military intelligence report, via Yonhap").
"""
from __future__ import annotations

import re

from extractors.attribution import PRONOUN, VIA, Attribution, pick
from extractors.reading import first, rule
from extractors.sentences import LABEL_LINE, Sentence
from extractors.topic import Topic
from extractors.work import Work

NEIGHBOURS = 6  # sentences looked back for a source or a pronoun's antecedent
LIST_ITEM = re.compile(r"[ \t]*(?:[•●▪◦‣*–-]|\d{1,2}[.)])[ \t]+")  # "• ...", "- ...", "2) ..."
BLOCK_LINES = 12  # lines of a fact box a "Source:" line above them may govern
PRONOUN_HOPS = 2  # pronoun sentences a pronoun may resolve through
RELAY_AFTER = 2  # sentences after a relayed figure that may name the agency briefed ("..., Lee said. The NIS ...")
QUOTE_SENTENCES = 8  # sentences a quotation may run on past a figure before the one that closes it
FURNITURE_WORDS = 3  # a "sentence" of fewer words between a figure and "X said this" is page furniture
ROLE_BACK = 12  # sentences looked back for the person a role without a name stands for
_PERSON_END = re.compile(r"[A-Z][a-z’'-]+")  # a person's name ends in a capitalised word ("Skibitskyi")
ROLE_REACH = 60  # characters before a name that may give its role ("lawmaker Lee Seong-kweun")
_NAME_REST = re.compile(r"(?: [A-Z][a-z]+(?:-[a-z]+)?)+")  # " Hyuk-soo" after "Kwon"
_CLOSES = re.compile(r"[\s.,;:!?”\"’')\]]*")  # what may follow a source that closes its sentence


class DocumentSources:
    """Who says each figure of one document: attributions read lazily (only near figures), pronouns,
    a paragraph's or a fact box's source, a transcript's speaker, acronyms written in full."""

    def __init__(self, text: str, topic: Topic, sents: list[Sentence], work: Work | None = None) -> None:
        self.text, self.sents, self.work = text, sents, work if work is not None else Work()
        self.topic = topic
        self._relayers: dict[str, bool] = {}  # a source's name -> is it someone who relays a briefing
        self.attributor = topic.attributor
        self.clause = topic.grammar.clause
        self._attrs: dict[int, list[Attribution]] = {}
        self._own: dict[tuple[int, int], str | None] = {}  # (sentence, hops) -> its own source
        self._antecedents: dict[tuple[int, int, str], str | None] = {}  # (sentence, pronoun's place, kind) -> name
        self._names: dict[tuple[str, int, int], str | None] = {}  # (kind, span) -> the last such name in it
        self._line_starts: dict[int, int] = {}  # paragraph (line) -> where its line starts
        self._acronyms: dict[str, str] | None = None  # read on the first source
        self._speaker: str | None = None  # a transcript's briefer ("" when there is none)
        self._turns: dict[str, str | None] = {}  # a transcript's speakers by the name their turns open with
        self._labels: dict[str, str] | None = None  # a record's labelled speakers by last name
        self._tells_back: dict[int, bool] = {}  # a speaking sentence -> does its verb's object point back
        self._cited: dict[int, str | None] = {}  # sentence -> the named body it cites

    def attrs(self, i: int) -> list[Attribution]:
        if i not in self._attrs:
            s = self.sents[i]
            self.work.attribution_chars += s.end - s.start
            # "North Korean forces have reported 5,000 casualties, according to the British ministry": troops that
            # "report" losses suffer them; only an "according to" names who counts
            found = [a for a in self.attributor.find(self.text, s.start, s.end)
                     if a.explicit or not self._counted(a.source)]
            if len(found) > 1:  # "60 missiles provided by North Korea, Ukrainian intelligence said": the supplier
                found = [a for a in found if not (a.explicit and self._subject(a.source))] or found
            self._attrs[i] = found
            if found:  # read with its attributions: does its verb's object point back ("said this")
                att = self.attributor
                self._tells_back[i] = bool(att.told_back.search(self.text, s.start, s.end)
                                           or att.told_back_passive.match(self.text, s.start, s.end))
        return self._attrs[i]

    def own(self, i: int, hops: int = 0) -> str | None:
        """The sentence's own source, a pronoun resolved to the source named last before it (through
        at most PRONOUN_HOPS sentences that themselves speak through a pronoun: "The agency said ...
        It added ...")."""
        key = (i, hops)  # remembered: every figure of a paragraph asks its neighbours again
        if key not in self._own:
            self._own[key] = self._own_read(i, hops)
        return self._own[key]

    def _own_read(self, i: int, hops: int) -> str | None:
        self.work.source_steps += 1
        found = self.attrs(i)
        src = found[0].source if found else None
        if src != PRONOUN:
            return src
        named = self.antecedent(i, found[0])
        if named:
            return named
        for j in range(i - 1, max(-1, i - 1 - NEIGHBOURS), -1):
            if not self.attrs(j) or (self.attrs(j)[0].source == PRONOUN and hops >= PRONOUN_HOPS):
                continue
            prior = self.own(j, hops + 1)
            if prior:
                return prior
        return None

    def antecedent(self, i: int, att: Attribution) -> str | None:
        """What "the agency" (a pronoun with a head noun) stands for: the last agency named before it,
        in its sentence or the NEIGHBOURS before, even one named as a subject ("The NIS gave the
        assessment"). Each sentence is searched once per kind of pronoun, its own up to each pronoun once."""
        if not att.refers:
            return None
        key = (i, att.start, att.refers)
        if key not in self._antecedents:
            self.work.source_steps += 1
            before = self._named_in(att.refers, self.sents[i].start, att.start)
            whole = (self._named_in(att.refers, self.sents[j].start, self.sents[j].end)
                     for j in range(i - 1, max(-1, i - 1 - NEIGHBOURS), -1))
            self._antecedents[key] = before or next(filter(None, whole), None)
        return self._antecedents[key]

    def _named_in(self, refers: str, lo: int, hi: int) -> str | None:
        """The name "the agency" (refers) can stand for last in text[lo:hi], searched once."""
        key = (refers, lo, hi)
        if key not in self._names:
            self.work.antecedent_chars += hi - lo
            self._names[key] = self.attributor.antecedent(refers, self.text, lo, hi)
        return self._names[key]

    def paragraph_source(self, i: int) -> str | None:
        """A figure with no source in its sentence takes its paragraph's: the sentences before, else
        an "according to" in the next sentence (a source closing a run of figures)."""
        para = self.sents[i].para
        for j in range(i - 1, max(-1, i - 1 - NEIGHBOURS), -1):
            if self.sents[j].para != para:
                break
            if self.own(j):
                return self.own(j)
        nxt = i + 1
        if nxt < len(self.sents) and self.sents[nxt].para == para and any(a.explicit for a in self.attrs(nxt)):
            return self.own(nxt)
        return None

    def source_for(self, i: int, at: int) -> tuple[str | None, str]:
        """The figure's source as written (an acronym the document spells out, in full), and the rule
        that found it ("" for none; "rule+relay-rule" when a relay was resolved)."""
        found = first(SOURCE_RULES, self, i, self._governing(i, at))
        rule_name, src = found if found else ("", None)
        src = self._in_full(src)
        named = first(ROLE_RULES, self, i, src) if src else None
        if named:
            rule_name, src = f"{rule_name}+{named[0]}", named[1]
        relayed = first(RELAY_RULES, self, i, src) if src else None
        if relayed:
            return self._properly(relayed[1]), f"{rule_name}+{relayed[0]}"
        return self._properly(src), rule_name

    def _properly(self, src: str | None) -> str | None:
        """A nickname of a source the topic gives a proper name, told by it: "Seoul's spy agency" is "South Korea's
        National Intelligence Service (Seoul's spy agency)" (the teller's part of a relayed source)."""
        if not src or not self.topic.source_names:
            return src
        teller, via, relay = src.partition(VIA)
        named = self.topic.source_names.get(self.topic.canonical_source(teller) or "")
        if named is None or not named[1].search(teller):
            return src
        return f"{named[0]} ({teller}){via}{relay}"

    def relays(self, src: str) -> bool:
        """Is the source someone who relays a briefing: a role word in its name ("South Korean lawmakers"), just
        before it where the document names it ("lawmaker Lee Seong-kweun ... Lee said"), or in an apposition
        after it ("Kim Byung-kee, a lawmaker on the committee")? Read once a name."""
        if src not in self._relayers:
            topic = self.topic
            found = bool(topic.relay_role.search(src))
            at = self.text.find(src)
            while not found and at >= 0:
                self.work.source_steps += 1
                found = bool(topic.relay_before.search(self.text, max(0, at - ROLE_REACH), at)
                             or topic.relay_after.match(self.text, at + len(src), at + len(src) + ROLE_REACH))
                at = self.text.find(src, at + 1)
            self._relayers[src] = found
        return self._relayers[src]

    def full_name(self, src: str) -> str:
        """"Lee" as the document names him in full ("Lee Seong-kweun"): a relay is told with its name."""
        return (_full_name(self.text, src) or src) if " " not in src and src[:1].isupper() else src

    def briefing_agency(self, i: int) -> str | None:
        """The agency that briefs, named nearest the figure: in its sentence, the NEIGHBOURS before (nearest
        first), then the RELAY_AFTER after; written in full. Named without its name ("the country's spy
        agency") only when no name is near."""
        after = range(i + 1, min(len(self.sents), i + 1 + RELAY_AFTER))
        order = [i, *range(i - 1, max(-1, i - 1 - NEIGHBOURS), -1), *after]
        for names in (self.topic.relay_agency, self.topic.relay_unnamed):  # a name near first, else "the spy agency"
            for j in order:
                s = self.sents[j]
                self.work.source_steps += 1
                m = names.search(self.text, s.start, s.end)
                if m:
                    return self._in_full(m.group())
        return None

    def definite(self, i: int, src: str) -> bool:
        """Is the source's last mention up to sentence i's end read after a definite article ("the Ukrainian
        leader" points back; "a South Korean lawmaker" introduces someone new)?"""
        at = self.text.rfind(src, 0, self.sents[i].end)
        article = self.attributor.article
        return at > len(article) and self.text[at - len(article) - 1:at - 1].lower() == article

    def is_person(self, src: str) -> bool:
        """Does a source name a person ("Vadym Skibitskyi", "Head of State Volodymyr Zelenskyy"): it ends in a
        capitalised word that is no speaker noun, place, party or acronym, and is not itself a role."""
        tail = " ".join(src.split()[-2:])  # the name's words: "Ukrainian President Zelensky" is no place
        last = tail.split()[-1] if tail else ""
        return (bool(_PERSON_END.fullmatch(last)) and VIA not in src and not self.attributor.speakers.fullmatch(last)
                and not self.topic.subjects.search(tail) and not self.topic.link.search(tail)
                and not self.attributor.role_only.fullmatch(src))

    def _governing(self, i: int, at: int) -> Attribution | None:
        """The attribution of the figure's clause (pick); but when none comes before the figure, an "according
        to X" that closes the sentence governs it, not an agent inside the clause ("the 6,000 engineers sent
        under the deal announced by Shoigu are now in Kursk, where ..., according to HUR": HUR's)."""
        chosen = pick(self._clause_attrs(i, at), at)
        if chosen is None:
            return chosen
        if chosen.start <= at:
            return self._outlet_relays(i, at, self.attrs(i)[-1], chosen) or chosen
        last = self.attrs(i)[-1]
        end = self.sents[i].end
        if (last is not chosen and not chosen.closing and last.explicit
                and _CLOSES.fullmatch(self.text, min(last.end, end), end)
                and not self.attributor.said_before.search(self.text, max(0, chosen.start - 16), chosen.start)):
            return last  # (but "..., said Budanov, according to The War Zone": the outlet relays Budanov)
        speaker = next((a for a in reversed(self.attrs(i)) if a.end <= at and not a.explicit), None)
        return (self._outlet_relays(i, at, chosen, speaker) if speaker else None) or chosen

    def _outlet_relays(self, i: int, at: int, outlet: Attribution, speaker: Attribution) -> Attribution | None:
        """"The defense minister said ... up to 3 million shells, according to Yonhap": an outlet closing the
        sentence after the figure relays the speaker named before it ("minister, via Yonhap")."""
        end = self.sents[i].end
        if (outlet is speaker or not outlet.explicit or outlet.start <= at or speaker.explicit
                or PRONOUN in (speaker.source, outlet.source) or VIA in outlet.source or speaker.source == outlet.source
                or not _CLOSES.fullmatch(self.text, min(outlet.end, end), end)
                or not self.topic.relay_outlet.search(outlet.source)):
            return None
        return Attribution(speaker.start, outlet.end, f"{speaker.source}{VIA}{outlet.source}", True)

    def _counted(self, src: str) -> bool:
        """Does the source name the topic's own counted people ("North Korean forces"): the counted, not a
        counter?"""
        noun = self.topic.nouns.search(src)
        return bool(noun and noun[2] == self.topic.group and self._subject(src))

    def _subject(self, src: str) -> bool:
        """Does the source open with the topic's own party ("North Korea", "Pyongyang")? Named with "provided by" in
        a sentence that names another source, it is the party the figure is about, not who tells it."""
        party = self.topic.parties.search(src)
        return bool(party and party[2] == self.topic.subject_party)

    def _in_full(self, src: str | None) -> str | None:
        if not src or not self.attributor.is_acronym(src):
            return src
        if self._acronyms is None:  # read once, and only for a document that cites an acronym
            self._acronyms = {**self.attributor.known_acronyms, **self.attributor.acronyms(self.text)}
        return self.attributor.expanded(src, self._acronyms)

    def _clause_attrs(self, i: int, at: int) -> list[Attribution]:
        """The attributions of the figure's own clause, when it has any ("X said A, while B, by Y's
        count": B is Y's), else the sentence's."""
        found = self.attrs(i)
        if len(found) < 2:
            return found  # one attribution is the clause's or else the sentence's: no clause to find
        s, lo, hi = self.sents[i], self.sents[i].start, self.sents[i].end
        for b in self.clause.finditer(self.text, s.start, s.end):
            if b.end() <= at:
                lo = b.end()
            elif b.start() >= at:
                hi = b.start()
                break
        own = [a for a in found if lo <= a.start < hi]
        return own or found

    def _line_start(self, i: int) -> int:
        para = self.sents[i].para  # a line's sentences share its start: searched back once a line
        if para not in self._line_starts:
            at = self.sents[i].start
            self._line_starts[para] = self.text.rfind("\n", 0, at) + 1
            self.work.line_chars += at - self._line_starts[para]
        return self._line_starts[para]

    def quote_closer(self, i: int) -> str | None:
        """In a quotation that runs on past the figure's sentence, the source of the sentence that closes
        it ("“... as many as 1,000 killed. ... Those are staggering losses,” he added."), in its line."""
        s, line = self.sents[i], self._line_start(i)
        if not _open_quote(self.text[line:s.end]):
            return None
        for j in range(i + 1, min(len(self.sents), i + 1 + QUOTE_SENTENCES)):
            if self.sents[j].para != s.para:
                return None
            if _closes_quote(self.text[self.sents[j].start:self.sents[j].end]):
                return self.own(j)
        return None

    def cited(self, i: int) -> str | None:
        """The named body sentence i cites ("citing the NIS"), read once a sentence."""
        if i not in self._cited:
            s = self.sents[i]
            self.work.source_steps += 1  # one search of a sentence already read for its attributions
            self._cited[i] = self.attributor.cited(self.text, s.start, s.end)
        return self._cited[i]

    def told_after(self, i: int) -> str | None:
        """The source of the next sentence when its reporting verb's object points back ("Budanov said
        this in an interview"), across a paragraph break too: news pages set each sentence apart."""
        nxt = i + 1
        while nxt < len(self.sents) and _few_words(self.text[self.sents[nxt].start:self.sents[nxt].end]):
            nxt += 1  # page furniture between ("client/title.list_title") is no sentence of the story
        if nxt >= len(self.sents) or not self.attrs(nxt) or not self._tells_back.get(nxt):
            return None
        src = self.own(nxt)
        # "This is reported by UNN with reference to the British ministry": the body it cites, via the teller
        cited = self.cited(nxt) if src else None
        return f"{cited}{VIA}{src}" if cited and src and cited not in src else src

    def block_source(self, i: int) -> str | None:
        """A fact box's "Source: ..." line above the figure's "Label: value" line, with only such
        lines between."""
        block = self.attributor.block
        if not block or not LABEL_LINE.match(self.text, self._line_start(i)):
            return None
        for j in range(i - 1, max(-1, i - 1 - BLOCK_LINES), -1):
            if block.match(self.text, self._line_start(j)):
                return self.own(j)
            if not LABEL_LINE.match(self.text, self._line_start(j)):
                return None
        return None

    def list_source(self, i: int) -> str | None:
        """A list item's source ("• Pyongyang has delivered at least 250 missiles"): the line above
        the list's, or, when that line only introduces it ("Key findings:"), the sentence before."""
        if not LIST_ITEM.match(self.text, self._line_start(i)):
            return None
        for j in range(i - 1, max(-1, i - 1 - BLOCK_LINES), -1):
            if LIST_ITEM.match(self.text, self._line_start(j)):
                continue
            intro = self.text[self.sents[j].start:self.sents[j].end].rstrip().endswith(":")
            return self.own(j) or (self.own(j - 1) if intro and j else None)
        return None

    def answerer(self, i: int) -> str | None:
        """In a transcript, an answer's source: the briefer named above for "A: ...", the speaker's
        full name for "KWON: ..." or "Min: ..." (a name the document gives in full)."""
        att, line = self.attributor, self._line_start(i)
        if att.answer and att.speaker and att.answer.match(self.text, line):
            if self._speaker is None:
                m = att.speaker.search(self.text)
                self._speaker = (att.clean(m.group("src")) if m else None) or ""
            return self._speaker or None
        label = att.label.match(self.text, line) if att.label else None
        if label:  # "DAN ORTIZ, PENTAGON CORRESPONDENT: ...", "Minister Cho Hyun-woo: ..."
            return _as_name(label.group("who"))
        turn = att.named_turn.match(self.text, line) if att.named_turn else None
        if not turn:
            return None
        who = turn.group("who").strip().title()
        if who not in self._turns:  # each speaker's full name looked up once: "KWON" is "Kwon Hyuk-soo"
            self._turns[who] = self._labelled().get(who) or _full_name(self.text, who)
        return self._turns[who]

    def _labelled(self) -> dict[str, str]:
        """The record's labelled speakers by their last name ("Ortiz" for "DAN ORTIZ, ...:"), read once."""
        if self._labels is None:
            found = self.attributor.label.finditer(self.text) if self.attributor.label else ()
            self._labels = {}
            for m in found:
                name = _as_name(m.group("who"))
                self._labels.setdefault(name.split()[-1], name)
        return self._labels


def _open_quote(text: str) -> bool:
    """Is a quotation open at the end of text (curly marks counted apart, straight ones by parity)?"""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _closes_quote(text: str) -> bool:
    return "”" in text or '"' in text


def _few_words(text: str) -> bool:
    """A line of page furniture, not a sentence: fewer than FURNITURE_WORDS words."""
    return len(text.split()) < FURNITURE_WORDS


def _as_name(label: str) -> str:
    """A speaker label as a name: "DR. HANNAH CHO" is "Dr. Hannah Cho"; a written-out one stays."""
    label = " ".join(label.split())
    return " ".join(w.capitalize() for w in label.split()) if label.isupper() else label


def _full_name(text: str, who: str) -> str | None:
    """The first full name that opens with the word who ("Kwon Hyuk-soo" for "Kwon"), or None.

    str.find skips from one "Kwon" to the next; a regex made for each speaker would be compiled
    again for nearly every document (the re module's cache is filled by then)."""
    at = text.find(who)
    while at >= 0:
        rest = _NAME_REST.match(text, at + len(who))
        if rest and not (at and (text[at - 1].isalnum() or text[at - 1] in "_-")):  # who opens a word
            return text[at:rest.end()]
        at = text.find(who, at + 1)
    return None


@rule
def named_in_clause(ds: DocumentSources, i: int, chosen: Attribution | None) -> str | None:
    """"..., the NIS said", "according to Kyiv": the attribution of the figure's clause (else its sentence's)."""
    return chosen.source if chosen and chosen.source != PRONOUN else None


@rule
def pronoun_antecedent(ds: DocumentSources, i: int, chosen: Attribution | None) -> str | None:
    """"The agency said": the last agency named before it, even as a subject ("The NIS gave the assessment")."""
    return ds.antecedent(i, chosen) or None if chosen else None


@rule
def pronoun_earlier_source(ds: DocumentSources, i: int, chosen: Attribution | None) -> str | None:
    """"It added ...": the source the sentences before spoke through."""
    return ds.own(i) or None if chosen else None


@rule
def quote_closer(ds: DocumentSources, i: int, chosen: Attribution | None) -> str | None:
    """"“... as many as 1,000 killed. ... Those are staggering losses,” he added.": whoever closes the quote."""
    return ds.quote_closer(i) or None


@rule
def told_after(ds: DocumentSources, i: int, chosen: Attribution | None) -> str | None:
    """"Nearly 11,000 are training in Russia. Budanov said this in an interview.": the next sentence's
    source, when its verb's object points back."""
    return ds.told_after(i) or None


@rule
def paragraph(ds: DocumentSources, i: int, chosen: Attribution | None) -> str | None:
    """A sentence with no source takes its paragraph's ("Seoul's spy agency briefed lawmakers. About 1,100 ...")."""
    return ds.paragraph_source(i) or None


@rule
def fact_box(ds: DocumentSources, i: int, chosen: Attribution | None) -> str | None:
    """"Source: NIS" above a fact box's "Killed: ~600" lines."""
    return ds.block_source(i) or None


@rule
def list_intro(ds: DocumentSources, i: int, chosen: Attribution | None) -> str | None:
    """"The report finds: • 250 missiles ...": a list item takes the line that introduces it."""
    return ds.list_source(i) or None


@rule
def transcript_speaker(ds: DocumentSources, i: int, chosen: Attribution | None) -> str | None:
    """"A: ..." is the briefer's, "KWON: ..." is Kwon Hyuk-soo's: a transcript's speaker."""
    return ds.answerer(i) or None


@rule
def relayed_agency(ds: DocumentSources, i: int, src: str) -> str | None:
    """"About 600 were killed, lawmaker Lee Seong-kweun said after the NIS briefed the committee": the figure is
    the agency's, through the lawmaker ("National Intelligence Service, via lawmaker Lee Seong-kweun")."""
    if ds.topic.canonical_source(src) in ds.topic.relay_keys or not ds.relays(src):
        return None
    agency = ds.briefing_agency(i)
    return f"{agency}{VIA}{ds.full_name(src)}" if agency else None


@rule
def relay_cites_briefer(ds: DocumentSources, i: int, src: str) -> str | None:
    """"Rep. Yu ... outlined the developments, citing a briefing from Ukrainian defense intelligence chief Kyrylo
    Budanov. ... Yu said the North sent roughly 12,000 troops": one who relays a briefing tells the briefer's
    figures, when the story names the briefer as cited by the same relayer (named in that sentence) in the figure's
    sentence, the NEIGHBOURS before (nearest first) or the RELAY_AFTER after."""
    if VIA in src or not ds.relays(src):
        return None
    who = ds.full_name(src)
    after = range(i + 1, min(len(ds.sents), i + 1 + RELAY_AFTER))
    for j in (*range(i, max(-1, i - 1 - NEIGHBOURS), -1), *after):
        cited = ds.cited(j)
        if cited and cited not in src and (j == i or ds.text.find(who, ds.sents[j].start, ds.sents[j].end) >= 0):
            return f"{cited}{VIA}{who}"
    return None


@rule
def cited_body(ds: DocumentSources, i: int, src: str) -> str | None:
    """"Yonhap reported ..., citing a South Korean military intelligence report", "Citing the NIS, Yonhap said":
    the cited body tells the figure, through the one citing it ("South Korean military intelligence report, via
    Yonhap")."""
    if VIA in src:
        return None  # "Global Defense Corp., via Ukrainian media": the aside's citing was read already
    cited = ds.cited(i)
    if not cited or cited == src or cited in src:
        return None
    if ds.attributor.cites.match(src):
        return cited  # "Citing South Korean assessments, the white paper says": the speaker was misread
    return f"{cited}{VIA}{src}"


@rule
def role_names_person(ds: DocumentSources, i: int, src: str) -> str | None:
    """"The intelligence officer stated that North Korea had supplied 1.5 million shells", two sentences after
    "..., said Skibitskyi": a definite role with no name is the person named as a source last before it (within
    ROLE_BACK sentences), not a new speaker."""
    if not ds.attributor.role_only.fullmatch(src) or not ds.definite(i, src):
        return None
    for j in range(i - 1, max(-1, i - 1 - ROLE_BACK), -1):
        prior = ds.own(j)
        if prior and ds.is_person(prior):
            return prior
    return None


ROLE_RULES = (role_names_person,)
RELAY_RULES = (relayed_agency, relay_cites_briefer, cited_body)

SOURCE_RULES = (named_in_clause, pronoun_antecedent, pronoun_earlier_source, quote_closer, told_after, paragraph,
                fact_box, list_intro, transcript_speaker)
