"""Claims as JSON lines, in the shape eval/score.py and `figwatch extract` read."""
from __future__ import annotations

from typing import Any

from figwatch.models import Claim


def claim_to_record(claim: Claim, document: str) -> dict[str, Any]:
    """One JSON-ready object per claim; `document` names the article (a path or id)."""
    return {
        "document": document,
        "metric": claim.metric,
        "value": claim.value,
        "low": claim.low,
        "high": claim.high,
        "qualifier": claim.qualifier,
        "source": claim.source,
        "evidence": claim.evidence,
        "start": claim.start,
        "end": claim.end,
        "confidence": claim.confidence,
        "as_of": claim.as_of.isoformat() if claim.as_of else None,
        "source_key": claim.source_key,
        "revised_from": claim.revised_from,
        "stance": claim.stance,
        "derived": claim.derived,
        "rule": claim.rule,
    }
