"""Relevance: the verdict on a document and the gate on the programme's facts (texts written for the tests)."""
from __future__ import annotations

import pytest

from duikou.reference import vocab
from duikou.extract.context import split_sentences
from duikou.extract.relevance import Topic, judge, keywords, rules
from duikou.ingest.document import Document
from duikou.schema import fact_types
from tests.extract.helpers import run


def verdict(text: str, title: str | None = None) -> Topic:
    head = len(title) if title and text.startswith(title) else 0
    return judge(text, split_sentences(text), title, head)


# -- the verdict ---------------------------------------------------------------------------------------------

ON_TOPIC = [
    "苏州市吴中区与铜仁市石阡县召开东西部协作联席会议，双方就产业合作进行了深入交流。",
    "湖州市援疆指挥部向柯坪县交付一批教学设备。",
    "嘉兴援青干部深入德令哈市调研牧区学校建设情况。",
    "援藏医疗队在日喀则开展义诊。",
    "国家电网公司定点帮扶秭归县已满十年，今年投入资金1200万元。",
    "昆山市对口支援阿图什市的第十批干部抵达。",
    "两地开展对口帮扶以来，共建了三个产业园。",
    "鲁甘协作工作推进会在兰州召开。",
    "常熟市选派第三批挂职干部赴黔西南州开展帮扶工作。",
    "余杭区组织企业开展消费帮扶，采购红河州农产品。",
    "两县签订劳务协作协议，组织务工人员到东部就业。",
    "城东小学与山区的岭下小学开展结对帮扶，每学期互派教师。",
    "闵行区援滇干部来到大关县人民医院。",
    "全市各部门全力做好携手奔小康行动。",
    "东西部扶贫协作考核中，该县排名靠前。",
]


@pytest.mark.parametrize("text", ON_TOPIC)
def test_programme_sentences_are_on_topic(text: str) -> None:
    t = verdict(text)
    assert t.on_topic and t.whole, t
    assert t.score >= 0.5
    cue, _, sentence = t.reason.partition(" | ")
    assert cue and cue in text and sentence


OFF_TOPIC = [
    # commercial signings and orders
    "星河科技公司与城南银行签订战略合作协议，授信额度20亿元。",
    "签约仪式上，两家企业签署了采购合同，合同金额3.2亿元。",
    # charity and relief without a programme
    "华夏慈善基金会向受灾群众捐赠善款300万元和一批生活物资。",
    "校友会捐资助学，为20名新生发放助学金共计10万元。",
    # the field of rural revitalisation, no programme: weak cues never decide
    "城南农商银行每年安排帮扶资金200万元用于乡村振兴，驻村工作队协助做好脱贫户增收。",
    "社区党员与困难老人结对，定期上门帮扶。",
    # a programme office named as a co-organiser of something else
    "本届养老博览会由市民政局、市协作办公室等单位指导，展出面积两万平方米。",
    # words that only look like cues
    "法律援助中心为受援人追回欠薪5万元。",
    "川渝合作示范区今年签约项目32个。",
    "游客在新疆喀什老城体验手工艺品制作。",
    "",
]


@pytest.mark.parametrize("text", OFF_TOPIC)
def test_other_sentences_are_off_topic(text: str) -> None:
    t = verdict(text)
    assert not t.on_topic, t
    assert t.score < 0.5
    assert not t.passages


def test_keywords_are_decisive_cues() -> None:
    """Every programme name of the benchmark's keyword list decides on its own."""
    for word in vocab.words("relevance", "keywords"):
        assert verdict(f"今年两地深化{word}工作。").on_topic, word
        assert keywords().search(f"关于{word}的报道")


def test_headline_cue_makes_the_whole_report_on_topic() -> None:
    title = "宁海县赴丽江市对接东西部协作工作"
    body = "\n".join(["7月5日，县委书记王立群率队赴丽江市考察。"] + ["代表团参观了当地的茶叶合作社。"] * 12)
    t = verdict(f"{title}\n{body}", title)
    assert t.on_topic and t.whole
    assert t.reason.startswith("东西部协作 | ")


def test_headline_given_apart_from_the_text() -> None:
    t = verdict("代表团参观了当地的茶叶合作社。" * 3, "双流区对口支援甘孜州工作座谈会召开")
    assert t.on_topic and t.whole


def test_programme_named_once_in_a_report_about_its_field_is_whole() -> None:
    text = "".join([
        "今年以来，全县驻村工作队扎实开展帮扶工作。",
        "各帮扶单位深入脱贫村走访。",
        "全县投入衔接资金8000万元巩固脱贫成果。",
        "乡村振兴示范村建设稳步推进。",
        "帮扶车间吸纳就业300人。",
        "天气晴好，游客增多。",
        "当地还深化东西部协作，引进企业两家。",
    ])
    t = verdict(text)
    assert t.on_topic and t.whole


BULLETIN = "\n".join([
    "今日要闻",
    "市足球联赛昨晚开幕，共有16支队伍参赛。",
    "星河科技公司与城南银行签订战略合作协议，授信额度20亿元。",
    "市气象台预计未来三天有雷阵雨，最高气温35度。",
    "夏季消费季启动，全市发放消费券5000万元。",
    "城北新区一批道路完成改造，通车里程12公里。",
    "江北区援藏工作队近日向昌都市卡若区捐赠帮扶资金300万元，用于建设一所幼儿园。",
    "市图书馆推出暑期阅读活动，开放时间延长至晚上九点。",
    "夜市经济持续升温，周末客流量超过10万人次。",
    "全市中小学将于9月1日开学。",
    "市博物馆新展开幕，展出文物200余件。",
    "城西污水处理厂二期工程投入运行。",
])


def test_bulletin_item_is_on_topic_only_in_its_passage() -> None:
    t = verdict(BULLETIN)
    assert t.on_topic and not t.whole
    assert t.reason.startswith("援藏 | ")
    inside = BULLETIN.index("江北区援藏")
    assert t.covers(inside, inside + 5)
    far = BULLETIN.index("市足球联赛")
    assert not t.covers(far, far + 5)
    assert 0.5 <= t.score < 0.75


# -- the gate, through the whole pipeline --------------------------------------------------------------------


def _programme(rec: dict) -> list:
    return [f for r in rules() for f in rec[r.kind] if r.applies(f)]


def test_every_record_has_a_topic() -> None:
    for text in ("", "游客在古城体验手工艺品制作。", ON_TOPIC[0]):
        topic = run(text or "。")["doc"]["topic"]
        assert set(topic) >= {"on_topic", "score", "reason"}
        assert isinstance(topic["on_topic"], bool) and 0.0 <= topic["score"] <= 1.0


@pytest.mark.parametrize("text", [
    "6月3日，星河科技公司与城南银行签订战略合作框架协议，授信额度20亿元。",
    "6月3日，华夏慈善基金会向受灾群众捐赠善款300万元。",
    "6月3日，城南农商银行安排帮扶资金200万元，用于乡村振兴，驻村工作队参加仪式。",
    "6月3日，市人民医院与县人民医院签署医疗合作协议，选派10名医生到县医院坐诊。",
    # a weak word in an agreement's sentence ties it to nothing in a report off topic
    "6月3日，城南农商银行与星河公司签订帮扶协议，双方将共同开拓县域市场。",
])
def test_off_topic_reports_carry_no_programme_facts(text: str) -> None:
    rec = run(text)
    assert rec["doc"]["topic"]["on_topic"] is False
    assert not _programme(rec), _programme(rec)
    assert not rec["pairings"] and not rec["agreements"]
    assert all(c["role"] != "personnel" for c in rec["counts"])


def test_off_topic_reports_keep_their_other_facts() -> None:
    rec = run("6月3日，杭州市西湖区区长张明远带队赴丽水市考察，座谈会上双方签订合作协议。")
    assert rec["doc"]["topic"]["on_topic"] is False
    assert {r["code"] for r in rec["regions"]} >= {"330106"}
    assert "张明远" in {p["name"] for p in rec["people"]}
    assert {e["type"] for e in rec["events"]} & {"visit", "meeting"}
    assert "signing" not in {e["type"] for e in rec["events"]}
    assert rec["doc"]["topic"]["withheld"]


def test_on_topic_report_keeps_its_programme_facts() -> None:
    rec = run("6月3日，湖州市援疆指挥部向柯坪县捐赠帮扶资金500万元，双方签订了结对帮扶协议。")
    assert rec["doc"]["topic"]["on_topic"] is True
    assert {a["role"] for a in rec["amounts"]} & {"donation", "assistance"}
    assert "withheld" not in rec["doc"]["topic"]


def test_bulletin_keeps_programme_facts_of_its_programme_item_only() -> None:
    rec = run(BULLETIN, "2023-06-20")
    topic = rec["doc"]["topic"]
    assert topic["on_topic"] is True and topic["scope"] == "passages"
    kept = _programme(rec)
    assert kept and all("援藏" in f["evidence"]["quote"] for f in kept)
    assert 3000000 in {a["value"] for a in rec["amounts"] if a["role"] in ("donation", "assistance")}
    assert not any("星河" in (f["evidence"]["quote"] or "") for f in rec["events"] if f["type"] == "signing")
    # other facts of the other items stay
    assert any(c["value"] == 16 for c in rec["counts"])


def test_bulletin_keeps_the_figures_of_its_other_items_without_a_programme_role() -> None:
    # a relief allocation in another item of the bulletin is no programme money: its figure stays,
    # as `other`; the programme item's money keeps its role, and signings stay with that item
    text = BULLETIN + "\n市民政局近日下达救助补助资金1200万元，用于困难群众基本生活保障。"
    rec = run(text, "2023-06-20")
    assert rec["doc"]["topic"]["scope"] == "passages"
    roles = {a["value"]: a["role"] for a in rec["amounts"]}
    assert roles[12000000] == "other" and roles[3000000] in ("donation", "assistance")
    assert not any("星河" in (f["evidence"]["quote"] or "") for f in rec["events"] if f["type"] == "signing")


# -- the data ------------------------------------------------------------------------------------------------


def test_gate_rules_name_kinds_properties_and_values_of_the_schema() -> None:
    types = fact_types()
    for rule in rules():
        assert rule.kind in types
        for prop, values in rule.where:
            p = types[rule.kind].prop(prop)
            assert p.enum is not None and values <= set(p.enum), (rule.kind, prop)
        for prop, value in (rule.action or {}).items():
            p = types[rule.kind].prop(prop)
            assert p.enum is None or value in p.enum


def test_extract_command_marks_reports_and_counts_them(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from click.testing import CliRunner

    from duikou.cli import main

    (tmp_path / "a.txt").write_text(ON_TOPIC[0], encoding="utf-8")
    (tmp_path / "b.txt").write_text(OFF_TOPIC[0], encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", "--format", "jsonl", str(tmp_path)])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    assert [r["doc"]["topic"]["on_topic"] for r in recs] == [True, False]
    assert "extracted 2 documents (1 on topic, 1 off topic)" in res.stderr
    table = CliRunner().invoke(main, ["extract", "--format", "table", "-q", str(tmp_path)])
    assert "on topic 1.00" in table.stdout and "off topic 0.00" in table.stdout


# -- facts outside the passages tied to them by their own sentence ------------------------------------------

_FILLER = ["全市中小学将于9月1日开学。", "市博物馆新展开幕，展出文物200余件。", "城西污水处理厂二期工程投入运行。",
           "市气象台发布高温预警。", "老城区完成燃气管道改造。", "市图书馆延长开放时间。"]
LINKED = ("".join(_FILLER[:3]) + "6月5日，江阴市与丹凤县召开东西部协作联席会议，商定年度工作计划。" + "".join(_FILLER[3:])
          + "6月8日，江阴市选派80名干部赴丹凤县挂职锻炼。" + "".join(_FILLER[:3])
          + "6月9日，城关街道党工委与结对单位县供电公司党委签订《党建共建协议书》。"
          + "6月10日，星河科技公司与城南银行签订战略合作协议。" + "".join(_FILLER[3:]))


def test_facts_named_with_the_passage_sides_or_signed_by_paired_parties_stay() -> None:
    rec = run(LINKED)
    topic = rec["doc"]["topic"]
    assert topic["scope"] == "passages"
    # the two places of the passage met again far below it: the cadres they send are personnel
    assert 80 in {c["value"] for c in rec["counts"] if c["role"] == "personnel"}
    # an agreement between parties the sentence calls paired (结对单位)
    assert {a["title"] for a in rec["agreements"]} == {"党建共建协议书"}
    # an agreement between two companies in another item goes
    assert not any("星河" in e["evidence"]["quote"] for e in rec["events"] if e["type"] == "signing")
    assert topic["withheld"]["agreements"] == 1


def test_passages_covering_most_of_a_short_report_make_it_whole() -> None:
    # the cue after the lead, its window five of the seven sentences
    text = "".join(_FILLER[:4]) + "6月5日，江阴市援疆干部抵达阿图什市。" + "".join(_FILLER[4:])
    t = verdict(text)
    assert t.on_topic and t.whole
    assert not verdict(text + "".join(_FILLER[:3])).whole  # a longer one: only the passage


# -- relief and one-off donation relations: printed apart, from on-topic parts only ---------------------------

_GIFT = "8月1日，宜兴市遭遇洪灾，溧阳市向宜兴市捐赠救灾物资。"


def test_relations_are_printed_apart_from_the_scored_pairings() -> None:
    rec = run("6月3日，江阴市与丹凤县召开东西部协作联席会议。" + _GIFT)
    assert [(p["helper"], p["recipient"], p["relation"]) for p in rec["pairings"]] == [
        ("320281", "611022", "standing")]
    assert [(r["helper"], r["recipient"], r["relation"]) for r in rec["relations"]] == [
        ("320481", "320282", "donation")]
    assert set(fact_types()["pairings"].names) <= set(rec["relations"][0])
    assert rec["relations"][0]["evidence"]["quote"] == _GIFT


def test_an_off_topic_report_prints_no_relations() -> None:
    rec = run("市气象台发布高温预警。" + _GIFT)
    assert rec["doc"]["topic"]["on_topic"] is False
    # no programme cue at all: the pairings extractor does not even run, so nothing is withheld either
    assert rec["relations"] == [] and "relations" not in rec["doc"]["topic"].get("withheld", {})


def test_townships_of_the_passage_met_again_tie_a_fact_to_it() -> None:
    # two townships (not in the region table) paired in a passage far below the lead's gift
    text = ("7月20日，柳溪街道向青岗镇捐赠防汛资金20万元。" + "".join(_FILLER)
            + "柳溪街道与青岗镇开展东西部协作结对，今年已互访三次。" + "".join(_FILLER))
    rec = run(text)
    assert rec["doc"]["topic"]["scope"] == "passages"
    assert "funds" in {e["type"] for e in rec["events"]}
    assert 200000 in {a["value"] for a in rec["amounts"] if a["role"] in ("donation", "assistance")}
    # the gift's sentence joined the on-topic parts: the ledger stores its facts
    assert rec["doc"]["topic"]["passages"][0][0] == 0
    # a township named only once is no tie
    other = text.replace("7月20日，柳溪街道向青岗镇", "7月20日，星河公司向城南小学")
    assert "funds" not in {e["type"] for e in run(other)["events"]}


def test_linked_facts_reach_the_ledger() -> None:
    from duikou.extract.pipeline import extract_document, on_topic_facts
    from duikou.extract.records import records

    _, found = records(on_topic_facts(extract_document(Document(source="test.txt", text=LINKED, published="2023-06-20"))))
    assert 80 in {f.data["value"] for f in found if f.kind == "counts" and f.data["role"] == "personnel"}
    assert {f.data["title"] for f in found if f.kind == "agreements"} == {"党建共建协议书"}
