"""The fold's cost per claim does not grow with the stream: counted, never timed."""
from __future__ import annotations

from datetime import timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from figwatch.figures import Folder
from figwatch.fold import agree
from figwatch.fold.known import KnownFigures
from figwatch.models import Claim
from tests.figures.helpers_fold import METRICS, claim, day

SOURCES = ["NIS", "JCS", "HUR", "Pentagon", None]


def _stream(n: int) -> list[Claim]:
    """n reports over n hours from five sources, a hundred distinct figures, some far off."""
    return [claim("troops.deployed", 10000 + 100 * ((i * 37) % 100) + (90000 if i % 53 == 0 else 0),
                  day(1, 1) + timedelta(hours=i), SOURCES[i % len(SOURCES)]) for i in range(n)]


def _growing(n: int) -> list[Claim]:
    """n reports of a figure that keeps growing: every one is new, none repeats an old one."""
    return [claim("troops.deployed", 1000 * 1.07 ** i, day(1, 1) + timedelta(hours=i), SOURCES[i % 4])
            for i in range(n)]


def _comparisons_per_claim(n: int, monkeypatch, *, compact: bool, make=_stream) -> float:
    calls = {"n": 0}
    for name in ("same_figure", "compatible", "corroborates", "narrower", "implausible"):
        real = getattr(agree, name)

        def counted(*args, _real=real, **kwargs):
            calls["n"] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(agree, name, counted)
    folder = Folder({}, METRICS, compact=compact)
    stream = make(n)
    for i in range(0, n, 500):
        folder.fold(stream[i:i + 500])
    monkeypatch.undo()
    return calls["n"] / n


def test_comparisons_per_claim_do_not_grow_with_the_stream(monkeypatch):
    for compact in (False, True):
        for make, sizes in ((_stream, (1000, 16000)), (_growing, (500, 8000))):
            small = _comparisons_per_claim(sizes[0], monkeypatch, compact=compact, make=make)
            large = _comparisons_per_claim(sizes[1], monkeypatch, compact=compact, make=make)
            assert large <= small * 1.1 + 1, (compact, make.__name__, small, large)  # sources bound it, not history


def test_known_figures_keep_one_interval_per_distinct_reach():
    known = KnownFigures(0.05)
    for c in _stream(16000):
        known.add(c)
    assert len(known) <= 200 and len(known._starts) <= len(known)


@settings(max_examples=200, deadline=None)
@given(
    reported=st.lists(st.tuples(st.integers(1, 40), st.sampled_from(["approx", "range", "more_than"])), max_size=30),
    asked=st.tuples(st.integers(1, 40), st.sampled_from(["approx", "range", "more_than"])),
)
def test_known_figures_answer_as_comparing_with_every_report_would(reported, asked):
    def make(value, shape):
        v = value * 500
        return claim("troops.deployed", v, day(1, 1), "NIS", qualifier=shape,
                     low=v * 0.9 if shape == "range" else (v if shape == "more_than" else None),
                     high=v * 1.1 if shape == "range" else None)

    known = KnownFigures(0.05)
    reports = [make(*r) for r in reported]
    for r in reports:
        known.add(r)
    question = make(*asked)
    assert known.has(question) == any(agree.same_figure(r, question, 0.05) for r in reports)
