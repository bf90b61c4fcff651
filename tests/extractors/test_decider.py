"""The learned decision layer: its weights file's schema, its pure-Python score, its effect on claims."""
from __future__ import annotations

import dataclasses
import json
import re

import pytest

from extractors import explain, extract
from extractors.decider import Decider, check, from_json, load_decider
from extractors.topic import default_topic_path, load_topic
from figwatch.errors import ConfigError

WEIGHTS = default_topic_path().parent / "nk_russia.decision.json"
GOOD = {"format": 1, "model": "logistic", "intercept": 0.5, "threshold": 0.5, "weights": {"held": -2.0}}


def test_the_shipped_weights_pass_their_schema_and_name_known_features() -> None:
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert check(data) == []
    layer = load_decider(WEIGHTS)
    # every weight is a feature features.py writes: "family=value" of a known family, or a plain name
    families = {"metric", "kind", "rule", "whose", "noun", "predicate", "source-rule", "stance", "qualifier", "number",
                "cap", "pred", "modality", "noun-cue"}
    plain = {"confidence", "held", "heading", "has-source", "as-of", "year-like", "revised-from", "log-value",
             "small-value", "round-value", "names-party", "linked", "first-sentences", "position",
             "figures-in-sentence", "long-sentence", "repeated", "other-metric-same-value", "largest-of-metric",
             "figures-in-document", "title-only"}
    assert all(k.split("=", 1)[0] in families if "=" in k else k in plain for k in layer.weights)


@pytest.mark.parametrize(("change", "line"), [
    ({"wieghts": {}}, "wieghts: unknown key (did you mean 'weights'?)"),
    ({"intercept": "high"}, "intercept: expected a number, got 'high'"),
    ({"model": "forest"}, "model: must be one of logistic; got 'forest'"),
    ({"threshold": 1.5}, "threshold: expected a number between 0 and 1, got 1.5"),
])
def test_a_bad_weights_file_is_one_line_naming_the_key(tmp_path, change, line) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps({**GOOD, **change}), encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_decider(path)
    assert str(err.value) == f"{path}: {line}"


def test_the_pure_python_score_is_sklearns_predict_proba() -> None:
    np = pytest.importorskip("numpy")
    linear_model = pytest.importorskip("sklearn.linear_model")
    names = ["held", "confidence", "rule=anaphora", "log-value"]
    rows = [[0, 0.9, 0, 0.7], [1, 0.3, 0, 0.5], [0, 0.9, 1, 0.6], [1, 0.4, 1, 0.2], [0, 0.85, 0, 0.1],
            [1, 0.3, 0, 0.66], [0, 0.9, 1, 0.5]]
    ys = [1, 0, 1, 0, 1, 1, 0]
    model = linear_model.LogisticRegression(C=1.0).fit(np.array(rows), np.array(ys))
    layer = from_json({**GOOD, "intercept": float(model.intercept_[0]),
                       "weights": {n: float(w) for n, w in zip(names, model.coef_[0], strict=True)}})
    want = model.predict_proba(np.array(rows))[:, 1]
    for row, p in zip(rows, want, strict=True):
        assert layer.score(dict(zip(names, map(float, row), strict=True))) == pytest.approx(p, abs=1e-12)


def test_the_threshold_falls_at_half_confidence() -> None:
    layer = Decider(0.0, {"x": 1.0}, threshold=0.8)
    z = 1.3862943611198906  # logit(0.8)
    assert layer.confidence({"x": z}) == 0.5
    assert layer.confidence({"x": z + 1}) > 0.5 > layer.confidence({"x": z - 1})


TEXT = ("North Korea has sent 11,000 troops to Russia, the NIS said. Pyongyang could send another 5,000 "
        "troops next year, Kyiv said.\n")


def test_off_by_default_the_cascade_decides_and_why_shows_the_layers_score() -> None:
    topic = load_topic()
    assert topic.decider is not None and not topic.learned and topic.layer is None
    (sent, why_sent), (planned, why_planned) = explain(TEXT, topic=topic)
    assert (sent.value, sent.confidence, planned.value, planned.confidence) == (11000, 0.9, 5000, 0.3)
    assert why_sent.learned is not None and not why_sent.learned_decides
    assert re.match(r"learned layer \(off, shown only\): 0\.\d{3}; top features: ", why_sent.lines()[-1])


def test_on_the_layer_sets_the_confidence_and_keeps_the_sent_figure_only() -> None:
    topic = dataclasses.replace(load_topic(), learned=True)
    claims = {c.value: c for c in extract(TEXT, topic=topic)}
    assert claims[11000].confidence >= 0.5 > claims[5000].confidence  # a projection stays held
    assert claims[11000].confidence != 0.9  # the layer's, not the cascade's
    (_, why), _ = explain(TEXT, topic=topic)
    assert why.learned_decides and any(r.startswith("cascade 0.9, replaced by the learned layer")
                                       for r in why.confidence)


def test_a_layer_that_holds_everything_holds_everything() -> None:
    topic = dataclasses.replace(load_topic(), decider=Decider(-20.0, {}), learned=True)
    assert [c.confidence < 0.5 for c in extract(TEXT, topic=topic)] == [True, True]
