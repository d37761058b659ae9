"""The words the report prints for the ledger's enum values and for its own columns (the ledger keeps
the values, ``schema/facts.yaml``; a reader sees these)."""
from __future__ import annotations

PROGRAMS = {"east_west": "东西部协作", "intra_province": "省内对口帮扶", "counterpart_support": "对口支援",
            "designated": "定点帮扶", "unspecified": "对口帮扶"}
EVENT_TYPES = {"visit": "考察调研", "meeting": "会议座谈", "signing": "签约", "funds": "资金交接",
               "condolence": "看望慰问", "agreement": "协议"}
SIDES = {"helper": "帮扶方", "recipient": "受援方", "unknown": "未明"}
PROVENANCES = {"extracted": "报道", "imported": "台账", "manual": "录入", "target": "目标"}
BASES = {"annual": "年度", "cumulative": "累计"}

# The indicator table's columns, in order (every format prints these headings).
COLUMNS = ("指标", "单位", "完成值", "目标值", "完成率", "帮扶方口径", "受援方口径")
NO_SOURCE = "无来源"  # a figure no source gives: never printed as 0
NO_TARGET = "–"  # no target imported (not "0")
DIFFERS = "▲"  # the two sides' figures differ

# The year's activities, as the report lists them (EvaluationReport attributes and their headings).
ACTIVITIES = (("visits", "互访考察"), ("meetings", "会议座谈"), ("agreements", "协议签订"),
              ("other_events", "其他活动"))

__all__ = ["PROGRAMS", "EVENT_TYPES", "SIDES", "PROVENANCES", "BASES", "COLUMNS", "NO_SOURCE", "NO_TARGET",
           "DIFFERS", "ACTIVITIES"]
