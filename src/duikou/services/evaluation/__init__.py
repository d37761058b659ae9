"""The yearly evaluation (考核) of a pairing: indicators as data, yearly targets, and the report's figures.

::

    from duikou.services.evaluation import evaluation_report, import_targets

    import_targets("sqlite:///ledger.db", "targets.xlsx")          # 帮扶方, 受援方, 年度, 指标, 目标值
    report = evaluation_report("sqlite:///ledger.db", "甲市→乙县", 2021)
    for row in report.indicators:
        row.indicator.name, row.actual, row.target, row.completion, row.citations

The modules: :mod:`.model` (the dataclasses), :mod:`.indicators` (``reference/data/indicators.yaml``
read and checked), :mod:`.targets` and :mod:`.sheet` (the target sheets), :mod:`.pairing` (which pairing
a user means), :mod:`.rows` (what a report reads from the ledger), :mod:`.citations`, :mod:`.figures`
(which figures an indicator takes and how they add up) and :mod:`.report`.
"""
from __future__ import annotations

from duikou.services.evaluation.indicators import indicator_by, load_indicators
from duikou.services.evaluation.model import (
    REASONS,
    RULES,
    Activity,
    Citation,
    EvaluationReport,
    Figure,
    Indicator,
    IndicatorResult,
    SetAside,
)
from duikou.services.evaluation.report import evaluation_report
from duikou.services.evaluation.targets import TargetsImport, import_targets, list_targets

__all__ = ["evaluation_report", "EvaluationReport", "IndicatorResult", "Indicator", "Figure", "SetAside",
           "Citation", "Activity", "REASONS", "RULES", "load_indicators", "indicator_by", "import_targets",
           "list_targets", "TargetsImport"]
