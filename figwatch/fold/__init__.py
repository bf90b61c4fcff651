"""The fold: claims in, figures and events out (pure). One module a job:

reports.py  what one report is (identity across copies) and where it sits in time
agree.py    how two statements relate: the same figure, compatible, more precise, plausible
known.py    the figures already reported (news once), asked in O(log n)
series.py   one metric's rules: baseline, news, holding and corroboration
folder.py   batches of claims over every metric; figures as a function of the set of reports
"""
from figwatch.fold.agree import compatible, same_figure
from figwatch.fold.folder import Folder, FoldResult, figures_from_claims, fold_claims, pending_held
from figwatch.fold.reports import baseline_of, report_key, source_of

__all__ = [
    "FoldResult", "Folder", "fold_claims", "report_key", "baseline_of", "figures_from_claims", "same_figure",
    "source_of", "compatible", "pending_held",
]
