"""Whose figure, counting what: the noun class a figure counts and the party it belongs to.

WHOSE_RULES are tried in order; the first that answers decides (NOT_COUNTED: the figure counts
something else). A figure counts for the topic when its party is the topic's subject party.
"""
from __future__ import annotations

from extractors.reading import FOREIGN, UNREAD, WINDOW, Fig, rule

# The noun class a figure counts and whose it is; (None, None): it counts nothing of the topic. A plain
# tuple: one is made for every figure.
Whose = tuple[str | None, str | None]
NOT_COUNTED: Whose = (None, None)


def _marked(f: Fig) -> bool:
    """Does a coreference marker follow the figure ("4,000 of them", "3,000 others")?"""
    return bool(f.topic.coref.match(f.text, f.m.after_end, f.ph.end + 12))


@rule
def something_else(f: Fig) -> Whose | None:
    """"two rotations", "three trains": a noun the topic does not name, and no "of them": not counted."""
    return NOT_COUNTED if f.ph.noun == FOREIGN and not _marked(f) else None


@rule
def outside_group(f: Fig) -> Whose | None:
    """"three people", "19 civilians": a noun class that is never the topic's party's is its own party's."""
    noun = f.named
    return (noun, f.topic.noun_party[noun]) if noun and noun in f.topic.noun_party else None


@rule
def party_in_phrase(f: Fig) -> Whose | None:
    """"11,000 North Korean troops": a party named in the figure's noun phrase."""
    off = f.sp.start
    cue = f.sp.masked_cues.first(f.topic.parties, f.m.after_end - off, f.ph.end - off)
    return (f.named or f.back_noun(), cue[2]) if cue else None


@rule
def own_forces(f: Fig) -> Whose | None:
    """"50,000 of its own troops": the forces of the subject named before ("South Korea, whose own ...")."""
    if not f.gr.own.search(f.text, f.m.after_end, f.ph.end + 12):
        return None
    subject = f.sp.masked_cues.last(f.topic.subjects, 0, f.m.start - f.sp.start)
    return (f.named or f.back_noun(), subject[2]) if subject else None


@rule
def party_after_phrase(f: Fig) -> Whose | None:
    """"the 12,000-strong force that Pyongyang sent", "troops from North Korea": the subject party after the phrase."""
    if not f.topic.party_after_phrase.match(f.text, f.ph.end):
        return None
    return (f.named or f.back_noun() or f.ctx.noun or f.topic.group, f.topic.subject_party)


@rule
def outside_group_continues(f: Fig) -> Whose | None:
    """"three people were killed and 19 wounded": a bare figure after a group outside the topic is that group's."""
    noun, last = f.named, f.last[0]
    if (noun is None or noun in f.topic.noun_implies) and last in f.topic.noun_party:
        return (last, f.topic.noun_party[last])
    return None


@rule
def bare_year(f: Fig) -> Whose | None:
    """"in 2024" with no noun: a year, not a count."""
    return NOT_COUNTED if f.m.year_like and not f.named else None


@rule
def of_them(f: Fig) -> Whose | None:
    """"4,000 of them", "c. 1,000 of those": members of the group named last, in this sentence or before."""
    if not _marked(f):
        return None
    noun, last, ctx, topic = f.named, f.last, f.ctx, f.topic
    if noun or last[0]:  # "c. 4,000 casualties, c. 1,000 of those": members of that group
        return (topic.member(noun or last[0]), last[1] or ctx.party)
    # "troops ..., and 4,000 of them"
    named = f.sp.cues.last(topic.nouns, max(f.sp.start, f.m.start - WINDOW), f.m.start)
    cue = f.sp.masked_cues.last(topic.parties, 0, f.m.start - f.sp.start) if named else None
    if named and named[2] not in topic.noun_party:
        return (named[2], cue[2] if cue else ctx.party)
    return (ctx.noun, ctx.party)


def _befell_otherwise(f: Fig, noun: str | None) -> bool:
    """Is a borrowed noun that carries a fate ("casualties") contradicted by the figure's own verb after it
    ("... 4,000 casualties have occurred, and some 3,000 more have been dispatched"): then the figure
    counts the people, and its verb says what befell them."""
    implied = f.topic.noun_implies.get(noun or "")
    if implied is None:
        return False
    own = f.sp.cues.first(f.topic.predicates, f.m.end, f.hi)
    # a fate ("Of the casualties, 900 were killed") is a part of them: only another kind of verb contradicts
    return own is not None and own[2] not in f.topic.fates


def _resolved(f: Fig) -> tuple[str | None, bool]:
    """The figure's noun (its own, the one before it, or the last figure's) and whether an "of whom"
    points at a group ("..., of whom 1,000": members)."""
    if f._resolved is not UNREAD:
        return f._resolved  # type: ignore[return-value]
    noun, pointed = f.named or f.back_noun(), False
    if noun is None:  # "..., of whom 1,000": members (the clause may open after "of whom")
        pointed = bool(f.topic.coref.search(f.text, max(f.sp.start, f.lo - 10), f.m.start))
        # no figure before it in its sentence either: the group the sentence before spoke of ("North Korean
        # soldiers may arrive ... North Korea had already sent 11,000 to Russia")
        noun = f.topic.member(f.last[0]) if pointed else (f.last[0] or f.ctx.noun)
    if not f.named and _befell_otherwise(f, noun):
        noun = f.topic.group  # "4,000 casualties ..., and some 3,000 more have been dispatched": people sent
    f._resolved = (noun, pointed)
    return noun, pointed


@rule
def party_before(f: Fig) -> Whose | None:
    """"Pyongyang has sent 11,000": the party named last before the figure in its clause ("Russia, which
    lost 400,000": a relative clause's party is the name before it)."""
    t, sp, lo = f.text, f.sp, f.lo
    reach = max(sp.start, lo - 40) if f.gr.relative.search(t, max(sp.start, lo - 12), lo) else lo
    back = sp.masked_cues.last(f.topic.parties, reach - sp.start, f.m.start - sp.start)
    return (_resolved(f)[0], back[2]) if back else None


@rule
def previous_figure(f: Fig) -> Whose | None:
    """"North Korea sent 11,000 troops and 3,000 more": the party of the figure before it in the sentence."""
    return (_resolved(f)[0], f.last[1]) if f.last[1] else None


@rule
def previous_sentence(f: Fig) -> Whose | None:
    """"Of those, roughly 1,000 were killed": no noun here, the last sentence's group (members of it)."""
    noun, pointed = _resolved(f)
    if noun is not None:
        return None
    return (f.topic.member(f.ctx.noun) if pointed else f.ctx.noun, f.ctx.party)


@rule
def sentence_party(f: Fig) -> Whose | None:
    """"The troops, North Korea's, number 11,000": the sentence names the subject party, else the story's party."""
    return (_resolved(f)[0], f.topic.subject_party if f.sp.nk_in_sentence else f.ctx.party)


WHOSE_RULES = (something_else, outside_group, party_in_phrase, own_forces, party_after_phrase, outside_group_continues,
               bare_year, of_them, party_before, previous_figure, previous_sentence, sentence_party)
