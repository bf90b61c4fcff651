"""Folding claims into figures: baselines, history, held reports and change events (docs/DESIGN.md
section 4). The rules live in figwatch/fold/ (one module a job) and what may become news in
figwatch/news.py; this module is the fold's public face, as the store, flows and report import it.
"""
from figwatch.fold import (
    Folder,
    FoldResult,
    baseline_of,
    compatible,
    figures_from_claims,
    fold_claims,
    pending_held,
    report_key,
    same_figure,
    source_of,
)
from figwatch.news import eligible, leads

__all__ = [
    "FoldResult", "Folder", "fold_claims", "report_key", "baseline_of", "figures_from_claims", "same_figure",
    "source_of", "compatible", "pending_held", "eligible", "leads",
]
