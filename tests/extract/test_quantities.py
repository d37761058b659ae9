"""Money amounts and counts: values, units, approximation, roles; and the seed reports against their gold."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from duikou.extract import quantities  # noqa: F401  (registers the extractor)
from duikou.extract.context import Context
from duikou.extract.context import headline_end
from duikou.extract.quantities import find_quantities
from duikou.extract.registry import registered
from duikou.ingest.document import Document

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


def _run(text: str, published: str | None = "2021-11-17") -> Context:
    ctx = Context(Document(source="t", text=text, published=published))
    registered()["quantities"](ctx)
    return ctx


def _amounts(text: str) -> list[tuple[float, bool, str, bool]]:
    return [(f.data["value"], f.data["approx"], f.data["role"], f.data["cumulative"])
            for f in _run(text).facts.get("amounts", [])]


def _counts(text: str) -> list[tuple[float, str | None, bool]]:
    return [(f.data["value"], f.data["unit"], f.data["approx"]) for f in _run(text).facts.get("counts", [])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("何县长代表本区向对方捐赠150万元乡村振兴奖补金。", [(1_500_000, False, "donation", False)]),
        ("全市上下累计投入帮扶资金2.36亿元,落地协作项目数十个。", [(236_000_000, False, "assistance", True)]),
        ("城关区累计投入各类帮扶资金7300余万元,成效明显。", [(73_000_000, True, "assistance", True)]),
        ("新区累计投入帮扶资金28317.46万元,惠及群众。", [(283_174_600, False, "assistance", True)]),
        ("加工厂计划总投资6700万元,其中去年投入协作资金1800万元,投产后每年销售收入将达4500万元。",
         [(67_000_000, False, "investment", False), (18_000_000, False, "assistance", False),
          (45_000_000, False, "revenue", False)]),
        ("合作社去年实现茶叶收入265万元。", [(2_650_000, False, "revenue", False)]),
        ("向当地中学捐款三千万元。", [(30_000_000, False, "donation", False)]),
        ("今年下达财政援助资金2.5亿元。", [(250_000_000, False, "assistance", False)]),
        ("全年拨付资金3600万元用于产业发展。", [(36_000_000, False, "assistance", False)]),
        ("共引导企业投资5.6亿元。", [(560_000_000, False, "investment", False)]),
        ("消费帮扶专馆销售额达1200万元。", [(12_000_000, False, "revenue", False)]),
        ("工业园区年产值超过10亿元。", [(1_000_000_000, True, "revenue", False)]),
        ("企业家们现场捐资共计约50万元。", [(500_000, True, "donation", True)]),
        ("对口支援资金合计1.2亿元。", [(120_000_000, False, "assistance", True)]),
        ("人均可支配收入1.5万元。", [(15_000, False, "revenue", False)]),
        ("该项目计划于年底完工,预算500万元。", [(5_000_000, False, "other", False)]),
        ("购买了价值二十余万元的农产品。", [(200_000, True, "other", False)]),
        ("每户补贴3000元。", [(3000, False, "other", False)]),
        ("项目总投资1亿2000万元。", [(120_000_000, False, "investment", False)]),
        ("发放补贴2万3000元。", [(23_000, False, "other", False)]),
        ("共建园区引进企业到位资金8000万元。", [(80_000_000, False, "investment", False)]),
        ("两地交付2022年对口帮扶资金,捐赠物资一批。", []),
        ("本次捐赠的专项帮扶资金将用于产业发展。", []),
        # a round figure in place characters only (近千万元, 上百万元, 百亿元): one of that place
        ("乡贤们为母校捐助近千万元。", [(10_000_000, True, "donation", False)]),
        ("这家合作社去年的销售额达到上百万元。", [(1_000_000, True, "revenue", False)]),
        ("园区落地一个百亿元项目。", [(10_000_000_000, False, "other", False)]),
        ("当地力争引进千万元级项目。", []),
        ("股价折合约 6.5 万亿元。", []),
        # a sum in 万/亿 with no 元 before the fund it measures (2.5亿扶贫资金)
        ("市里将1.6亿扶贫资金提前拨付给临夏县。", [(160_000_000, False, "assistance", False)]),
        ("累计投入800多万资金，改造了村道。", [(8_000_000, True, "assistance", True)]),
        ("这项计划需要30亿欧元资金。", []),
    ],
)
def test_amounts(text: str, expected: list[tuple[float, bool, str, bool]]) -> None:
    assert _amounts(text) == expected


@pytest.mark.parametrize(
    "text, role",
    [
        # funds named as the programme's own money
        ("十年来市里累计安排援藏资金3.4亿元,实施项目一百余个。", "assistance"),
        ("当年落实援疆资金6200万元。", "assistance"),
        ("省里下达援青资金1.8亿元。", "assistance"),
        ("结对以来累计投入东西部协作资金5200万元。", "assistance"),
        ("新区民营企业累计投入帮扶资金3100万元。", "assistance"),
        ("街道到位帮扶资金45万元。", "assistance"),
        # money a government side allocates
        ("先行安排协作资金900万元,今年再安排700万元用于冷库建设。", "assistance"),
        ("市财政拨付专项资金260万元。", "assistance"),
        ("区里全年下达1.1亿元支持乡村振兴。", "assistance"),
        ("对口支援方划拨800万元。", "assistance"),
        # a company's own money
        ("浙江某食品公司计划投入1.5亿元建设加工厂。", "investment"),
        ("落地企业投资3800万元建设车间。", "investment"),
        ("园区引进企业实际到位投资2.2亿元。", "investment"),
        # orders and contracts are not sales yet
        ("现场签约农产品采购订单1800万元。", "other"),
        ("双方签订采购合同,采购金额650万元。", "other"),
        ("活动签约金额达4.3亿元。", "other"),
        ("合同金额1200万元。", "other"),
        # sales of the recipient's products
        ("累计帮助销售农特产品2.7亿元。", "revenue"),
        ("全年实现消费帮扶1.9亿元。", "revenue"),
        ("展销会现场成交额460万元。", "revenue"),
        # a clause that only continues the one naming the fund or the measure
        ("工作队帮助村里争取项目5个,资金320余万元。", "assistance"),
        ("招引项目8个资金2.3亿元。", "investment"),
        ("全镇农民人均收入逐年提高,去年达到了21000多元。", "revenue"),
        ("省里追加了衔接资金,新增的3亿元用于产业。", "assistance"),
        ("农户人均纯收入达到9800元,比上年增加1200多元。", "revenue"),
        ("省级财政衔接资金逐年增加,去年首次突破80亿元。", "assistance"),
        ("当天,志愿者结对帮扶困难学生2000元。", "assistance"),
        ("合作社年底给社员分红12万元。", "revenue"),
        ("为卫生院无偿提供价值60多万元的检测设备。", "donation"),
        # money put in with no fund named: assistance when the sentence is about helping
        ("援藏干部协调多方,还投入380多万元,修通了进村路。", "assistance"),
        ("驻村工作队帮助该村建起冷库,投入6万元余建起晾晒场。", "assistance"),
        ("商会投资25万元帮助村里发展养蜂。", "assistance"),
        ("全市基础设施投入达120亿元。", "other"),
        # goods given, then valued; money and goods gathered from the public
        ("医院先后送去价值8万余元的医疗设备。", "donation"),
        ("恳谈会上获得社会各界支持资金和物资300余万元。", "donation"),
        ("购买了价值二十余万元的农产品。", "other"),
        # pay, and spending of visitors, are income
        ("进厂务工后月工资3200元以上。", "revenue"),
        ("全州旅游总消费达到96亿元。", "revenue"),
        # a half-year figure continues the income named before it
        ("全县人均纯收入达11000元、同比增长9.5%，今年上半年达5600元。", "revenue"),
    ],
)
def test_amount_roles(text: str, role: str) -> None:
    roles = [r for _, _, r, _ in _amounts(text)]
    assert roles[-1] == role


@pytest.mark.parametrize(
    "text, planned",
    [
        ("基地投运后预计每年实现销售收入2000万元。", True),
        ("力争全年实现消费帮扶销售额5000万元。", True),
        ("今年计划安排协作资金1.2亿元。", True),
        ("去年实现销售收入2000万元。", False),
        ("他们计划明年再来。去年实现销售收入2000万元。", False),
        # 计划 as a noun
        ("按计划完成投资800万元。", False),
        ("纳入“十四五”计划，当年投入资金600万元。", False),
        ("列入年度帮扶计划的项目投入资金600万元。", False),
        ("县里计划投入资金600万元。", True),
    ],
)
def test_planned_amounts_are_flagged(text: str, planned: bool) -> None:
    (fact,) = _run(text).facts["amounts"]
    assert fact.data["planned"] is planned


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bare place character with 余/多/几 is a round approximation
        ("百余名志愿者参加。", [(100, "名", True)]),
        ("万余名游客乘专列抵达。", [(10_000, "名", True)]),
        ("游览了十几个景点。", [(10, "个", True)]),
        ("十个县结成对子。", [(10, "个", False)]),
        ("帮扶组跑了一百多趟。", [(100, "趟", True)]),
        # people counted by a noun, without a measure word
        ("全县有12.6万贫困人口。", [(126_000, "人", False)]),
        ("社区4000多苗族群众搬进新居。", [(4000, "人", True)]),
        ("让百万群众喝上放心水。", [(1_000_000, "人", False)]),
        ("全省建档立卡3万贫困户。", [(30_000, "户", False)]),
        ("老百姓的日子好了。", []),
        ("小家连着大家，大家连着千万家。", []),
        # measure words of cases, times, trains, provinces
        ("完成手术230例。", [(230, "例", False)]),
        ("门诊量增长1.8倍。", [(1.8, "倍", False)]),
        ("今年开行旅游专列12列。", [(12, "列", False)]),
        ("东部6省市结对帮扶。", [(6, "省市", False)]),
        ("西部5省区、14地市参加，分4方面推进，共7批次。",
         [(5, "省区", False), (14, "地市", False), (4, "方面", False), (7, "批次", False)]),
        ("精选60余部影片和六集纪录片，收集300多万粒种子，驱车40多里。",
         [(60, "部", True), (6, "集", False), (3_000_000, "粒", True), (40, "里", True)]),
        ("三万里河东入海。", []),
        # a round 千/万 alone before 亩 or 公里
        ("山坡上建起千亩果园，万亩梯田连成片，村子搬到百公里外。",
         [(1000, "亩", False), (10_000, "亩", False), (100, "公里", False)]),
        ("种了数百亩油茶。", []),
        # people after 万 with a short modifier, no measure word
        ("全省86万农村劳动力外出务工，200多万师生参加。", [(860_000, "人", False), (2_000_000, "人", True)]),
        ("有3学生获奖。", []),
        ("开展义诊活动35场次。", [(35, "场次", False)]),
        ("先后选派三批干部。", [(3, "批", False)]),
        # a population word, a modal and a link before a bare number
        ("贫困人口将超过50万。", [(500_000, None, True)]),
        ("这条绣品长126厘米，当天降雨量达45毫米。", [(126, "厘米", False), (45, "毫米", False)]),
        ("全省有120多万老年人受益。", [(1_200_000, "人", True)]),
    ],
)
def test_count_shapes(text: str, expected: list[tuple[float, str | None, bool]]) -> None:
    assert _counts(text) == expected


def test_spoken_money_unit() -> None:
    assert _amounts("家里还欠着3万块钱。") == [(30_000, False, "other", False)]


def _run_titled(text: str, title: str | None) -> Context:
    ctx = Context(Document(source="t", text=text, title=title, published="2023-05-20"))
    registered()["quantities"](ctx)
    return ctx


@pytest.mark.parametrize(
    "title, text, counts, amounts",
    [
        # the headline repeats a body figure: one fact, the body's
        ("首批5家企业入驻协作园区", "首批5家企业入驻协作园区\n\n昨天,首批5家企业入驻协作园区。",
         [(5, "家", 0)], []),
        ("县里300名务工人员乘专列返岗", "县里300名务工人员乘专列返岗\n\n2月5日,300名务工人员乘专列出发。",
         [(300, "名", 0)], []),
        ("对口城市捐赠200万元", "对口城市捐赠200万元\n\n会上,对口城市向本县捐赠200万元。", [], [(2_000_000, 0)]),
        # a title printed over two lines is still the headline
        ("某县日报 18家企业签约", "某县日报\n18家企业签约\n\n当天18家企业与园区签约。", [(18, "家", 0)], []),
        # different value or unit in the body: both kept
        ("首批5家企业入驻", "首批5家企业入驻\n\n另有5个项目开工,8家企业在谈。",
         [(5, "家", 1), (5, "个", 0), (8, "家", 0)], []),
        # no body repeat: the headline figure stays
        ("120名教师抵达", "120名教师抵达\n\n教师们将在当地任教一年。", [(120, "名", 1)], []),
        # no title, or text not starting with it: nothing is treated as headline
        (None, "首批5家企业入驻\n\n首批5家企业入驻园区。", [(5, "家", 1), (5, "家", 0)], []),
        ("另一篇的标题", "首批5家企业入驻\n\n首批5家企业入驻园区。", [(5, "家", 1), (5, "家", 0)], []),
    ],
)
def test_headline_repeat_is_one_fact(title: str | None, text: str, counts: list[tuple[float, str, int]],
                                     amounts: list[tuple[float, int]]) -> None:
    """Each expected fact is (value, [unit,] 1 when it lies in the first line else 0)."""
    ctx = _run_titled(text, title)
    first_line = text.index("\n")
    assert [(f.data["value"], f.data["unit"], int(f.evidence.start < first_line))
            for f in ctx.facts.get("counts", [])] == counts
    assert [(f.data["value"], int(f.evidence.start < first_line))
            for f in ctx.facts.get("amounts", [])] == amounts


@pytest.mark.parametrize(
    "text, title, end",
    [
        ("标题\n\n正文", "标题", 2),
        ("报名\n标题一 标题二\n\n正文", "报名 标题一 标题二", 10),
        ("标题\n正文", "别的", 0),
        ("标题", None, 0),
        ("标题", "", 0),
        ("标", "标题", 0),
    ],
)
def test_headline_end(text: str, title: str | None, end: int) -> None:
    assert headline_end(text, title) == end


def test_role_reads_the_clause_not_the_sentence() -> None:
    text = "新区向县里捐赠物资,项目总投资3000万元。"
    assert _amounts(text) == [(30_000_000, False, "investment", False)]


def test_amount_fact_has_contract_keys() -> None:
    ctx = _run("向本县捐赠100万元。")
    (fact,) = ctx.facts["amounts"]
    assert set(fact.data) == {"value", "approx", "role", "cumulative", "planned", "payer", "payee"}
    assert fact.data["payer"] is None and fact.data["payee"] is None
    assert fact.evidence.quote == "向本县捐赠100万元。"
    assert ctx.text[fact.evidence.start:fact.evidence.end] == "100万元"
    (m,) = ctx.layer("money")
    assert (m.value, m.surface) == (1_000_000, "100万元")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("两地实现56批870人次互访。", [(56, "批", False), (870, "人次", False)]),
        ("带动受益群众2100户8650人。", [(2100, "户", False), (8650, "人", False)]),
        ("覆盖脱贫人口1071户4000余人次。", [(1071, "户", False), (4000, "人次", True)]),
        ("带动近两百余户村民增收。", [(200, "户", True)]),
        ("预计带动贫困户60户左右。", [(60, "户", True)]),
        ("贫困发生率降至1.36%。", [(1.36, "%", False)]),
        ("贫困发生率下降到百分之三。", [(3, "%", False)]),
        ("建成蔬菜大棚2000余亩。", [(2000, "亩", True)]),
        ("全年养蚕800余张。", [(800, "张", True)]),
        ("建成后年出栏肉牛1500头、羊羔600只。", [(1500, "头", False), (600, "只", False)]),
        ("选派专业技术人才95人,其中教师41名。", [(95, "人", False), (41, "名", False)]),
        ("选派3所中学12名教师支教。", [(3, "所", False), (12, "名", False)]),
        ("全县37个贫困村如期出列。", [(37, "个", False)]),
        ("组织专场招聘会6场,提供岗位1.2万个。", [(6, "场", False), (12_000, "个", False)]),
        ("帮助5万人实现就业。", [(50_000, "人", False)]),
        ("看望慰问两户脱贫户。", [(2, "户", False)]),
        ("慰问了三名援派干部。", [(3, "名", False)]),
        ("共有二十个村参与。", [(20, "个", False)]),
        ("新建校舍三千平方米。", [(3000, "平方米", False)]),
        ("销售农产品1.5万吨。", [(15_000, "吨", False)]),
        ("全县总人口约32万。", [(320_000, None, True)]),
        ("常住人口12.6万人。", [(126_000, "人", False)]),
        ("签约项目12项。", [(12, "项", False)]),
        ("引进企业8家。", [(8, "家", False)]),
        ("共有1,200户受益。", [(1200, "户", False)]),
        ("增幅提高了3个百分点。", [(3, "个百分点", False)]),
        ("现场签约3个项目。", [(3, "个", False)]),
        ("最近3个项目相继开工。", [(3, "个", False)]),
        ("接近500名群众参加。", [(500, "名", True)]),
        ("约120家企业参会。", [(120, "家", True)]),
        ("1.2万余名脱贫劳动力实现就业。", [(12_000, "名", True)]),
        ("吸引近百名大学生返乡。", [(100, "名", True)]),
        ("带动上千户农户增收。", [(1000, "户", True)]),
        ("接待游客逾万人次。", [(10_000, "人次", True)]),
        ("村里人口近百人。", [(100, "人", True)]),
    ],
)
def test_counts(text: str, expected: list[tuple[float, str | None, bool]]) -> None:
    assert _counts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2021年是开局之年。",
        "10月12日上午,会议召开。",
        "今年是两地协作的第七个年头。",
        "第一批挂职干部到岗。",
        "县乡联动“2+X”、村企共建“6+N”模式。",
        "聚焦全市“3+1”主导产业。",
        "打造“四个一”工作机制,落实“六个一”路径。",
        "各部门下好协作一盘棋。",
        "造福了一方百姓。",
        "和当地人民一道谱写新篇章。",
        "培育一批特色产业。",
        "按照要求一项一项抓好落实。",
        "乡亲们一个都不能落下。",
        "两地干部群众携手并进。",
        "在四套班子领导陪同下考察。",
        "提出四点意见。",
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
        "始终践行三个代表重要思想。",
        "“十四五”期间,两地合作深化。",
        "十三五期间,全县脱贫。",
        "联系电话:+86-0513-84211906",
        "经过3年建设,成效明显。",
        "一期工程已经完工。",
        "走进千家万户。",
        "百姓生活越来越好。",
        "千方百计帮群众增收。",
        "15:42:17 发表",
        "住在3号楼。",
        "一家人其乐融融。",
        "一站式服务。",
        "推动一产接二连三。",
        "分为两组前往调研。",
        "他排名第3名。",
        "挂职3个月。",
        "用了两个小时。",
        "每个季度开展一次。",
        "覆盖数十个村。",
        "惠及几十户人家。",
        "数千万元投资。",
        "上千万元订单。",
        "奋斗百年。",
    ],
)
def test_not_counts(text: str) -> None:
    assert _counts(text) == []


@pytest.mark.parametrize(
    "text, role",
    [
        ("实施协作项目44个。", "projects"),
        ("选派干部人才320人。", "personnel"),
        ("实现80批1500人次互访。", "visits"),
        ("带动脱贫户受益2480户。", "beneficiaries"),
        ("辐射困难群众6000余人次。", "beneficiaries"),
        ("建成大棚50个。", "other"),
        ("新增就业岗位300个。", "beneficiaries"),
        ("慰问低收入农户3户。", "beneficiaries"),
    ],
)
def test_count_roles(text: str, role: str) -> None:
    ctx = _run(text)
    assert [f.data["role"] for f in ctx.facts["counts"]][:1] == [role]


def test_money_is_not_a_count() -> None:
    money, counts = find_quantities("投入资金200万元,惠及300户。")
    assert [m.value for m in money] == [2_000_000]
    assert [(c.value, c.unit) for c in counts] == [(300, "户")]


def test_layers_and_spans() -> None:
    text = "带动受益群众2100户8650人。"
    ctx = _run(text)
    spans = [text[c.start:c.end] for c in ctx.layer("quantities")]
    assert spans == ["2100户", "8650人"]


# -- the seed reports against their gold ---------------------------------------

_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN = re.compile(rf"\([a-zA-Zü{_TONE}]*[{_TONE}][a-zA-Zü{_TONE}]*\)")


def _seed_text(path: Path) -> str:
    import opencc

    return opencc.OpenCC("t2s").convert(_PINYIN.sub("", path.read_text(encoding="utf-8")))


def _score(gold: list[dict[str, Any]], pred: list[dict[str, Any]], same) -> tuple[int, int, int, list]:
    """Greedy one-to-one matching: (true positives, spurious, missed required, misses)."""
    used: set[int] = set()
    tp = fn = 0
    misses = []
    for g in sorted(gold, key=lambda g: bool(g.get("optional"))):
        hit = next((i for i, p in enumerate(pred) if i not in used and same(g, p)), None)
        if hit is not None:
            used.add(hit)
            tp += 0 if g.get("optional") else 1
        elif not g.get("optional"):
            fn += 1
            misses.append(g)
    fp = sum(1 for i in range(len(pred)) if i not in used)
    return tp, fp, fn, misses


def _close(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= max(0.5e-6 * max(abs(a), abs(b)), 1e-9)


@pytest.mark.seeds
def test_seed_amounts_and_counts_against_gold() -> None:
    seeds = sorted((SHARED / "corpus" / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip(f"../shared is absent ({SHARED}): seed comparison skipped")
    totals = {"amounts": [0, 0, 0], "counts": [0, 0, 0]}
    role_right = role_total = 0
    report = []
    for path in seeds:
        gold = json.loads((SHARED / "eval" / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        ctx = _run(_seed_text(path), gold["doc"].get("published"))
        amounts = [f.data for f in ctx.facts.get("amounts", [])]
        counts = [f.data for f in ctx.facts.get("counts", [])]
        a = _score(gold.get("amounts", []), amounts, lambda g, p: _close(p["value"], g["value"]))
        c = _score(gold.get("counts", []), counts,
                   lambda g, p: _close(p["value"], g["value"]) and (g.get("unit") is None or p["unit"] == g["unit"]))
        for name, r in (("amounts", a), ("counts", c)):
            for i in range(3):
                totals[name][i] += r[i]
            if r[3] or r[1]:
                report.append(f"{path.name} {name}: missed {r[3]}, spurious {r[1]}")
        for g in gold.get("amounts", []):
            if g.get("role"):
                role_total += 1
                role_right += any(_close(p["value"], g["value"]) and p["role"] == g["role"] for p in amounts)
    lines = []
    for name, (tp, fp, fn) in totals.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        lines.append(f"{name}: P={p:.2f} R={r:.2f} (tp {tp}, spurious {fp}, missed {fn})")
    print("\n".join(lines + report + [f"amount roles right: {role_right}/{role_total}"]))
    # Floors reached on the seeds: every required amount and count found, nothing spurious, roles right.
    assert totals["amounts"][2] == 0 and totals["counts"][2] == 0, report
    assert totals["amounts"][1] + totals["counts"][1] <= 1, report
    assert role_right == role_total


@pytest.mark.parametrize(
    "text, roles",
    [
        # handed over at a donation ceremony, or named as donated or social money
        ("在捐赠仪式上，某区向某县移交帮扶资金200万元。", ["donation"]),
        ("捐赠仪式上，某集团交付爱心资金50万元。", ["donation"]),
        ("会上，某区向某县移交社会帮扶资金300万元。", ["donation"]),
        ("双方举行资金交接仪式，某市向某县交付捐赠资金120万元。", ["donation"]),
        ("甲市向乙州移交两千万元社会帮扶资金，乙州副州长代表接收。", ["donation"]),
        # public money stays assistance, even at a ceremony
        ("会上，某市向某县交付财政援助资金5000万元。", ["assistance"]),
        ("会上，某市向某县交付东西部协作资金3000万元，并举行捐赠仪式。", ["assistance"]),
        ("在捐赠仪式上，某区交付财政援助资金800万元。", ["assistance"]),
        ("在资金交接仪式上，甲区向乙县交付帮扶资金500万元。", ["assistance"]),
        ("今年累计筹集社会帮扶资金600万元。", ["assistance"]),
        # one handover of both kinds
        ("仪式上，甲区向乙县移交财政帮扶资金3850万元、社会帮扶资金220万元。", ["assistance", "donation"]),
    ],
)
def test_handover_donations(text: str, roles: list[str]) -> None:
    assert [r for _, _, r, _ in _amounts(text)] == roles


@pytest.mark.parametrize(
    "text, role",
    [
        # goods donated and valued in money, the value in the next clause or before the goods
        ("会上，市民政局向某县捐赠救护车及医疗物资，价值二百万元，双方签订合作协议。", "donation"),
        ("某区教育局向某县捐赠价值38万元的课桌椅。", "donation"),
        ("企业向学校赠送电脑一批，总价值约60万元。", "donation"),
        ("某集团捐赠农机具，折合人民币150万元。", "donation"),
        # a valuation with no donation before it stays other
        ("园区新建冷库一座，价值约900万元。", "other"),
        # income for a village collective or households
        ("光伏电站每年为村集体增收约80万元。", "revenue"),
        ("合作社年创收120万元。", "revenue"),
        ("带动农户增收，投入帮扶资金300万元。", "assistance"),
    ],
)
def test_valued_goods_and_income_roles(text: str, role: str) -> None:
    assert [r for _, _, r, _ in _amounts(text)] == [role]


_TABLE = ("关于2025年度某区协作项目计划的公示\n\n拟定项目计划如下。上述项目资金均为某区财政援助资金。\n"
          "序号 | 项目名称 | 地点 | 资金（万元） | 受益人数（人） | 受益户数（户）\n"
          "1 | 茶园提质项目 | 某镇 | 380 | 1200 | 300\n"
          "2 | 技能培训项目 | 全县 | 45.5 | 600 | \n"
          "合计 | | | 425.5 | 1800 | 300\n\n公示期为5个工作日。")


def test_table_columns_give_units() -> None:
    from duikou.extract.quantities import find_table_cells

    cells = [(c.value, c.money, c.unit, c.total) for c in find_table_cells(_TABLE)]
    assert cells == [(3800000, True, None, False), (1200, False, "人", False), (300, False, "户", False),
                     (455000, True, None, False), (600, False, "人", False),
                     (4255000, True, None, True), (1800, False, "人", True), (300, False, "户", True)]


@pytest.mark.parametrize("text", [
    "无障碍 | 长者模式 | 繁体 | 登录\n某县召开协作会议。",  # no unit in any header
    "序号\t名称\t资金（万元）\n",  # a header with no row
    "甲 | 乙\n1 | 2\n",  # two columns only
])
def test_no_table_cells(text: str) -> None:
    from duikou.extract.quantities import find_table_cells

    assert find_table_cells(text) == []


def test_table_facts_take_the_role_of_the_text_before() -> None:
    ctx = Context(Document(source="t.txt", text=_TABLE))
    quantities.extract_quantities(ctx)
    amounts = {f.data["value"]: (f.data["role"], f.data["cumulative"]) for f in ctx.facts["amounts"]}
    assert amounts == {3800000: ("assistance", False), 455000: ("assistance", False), 4255000: ("assistance", True)}
    counts = sorted((f.data["value"], f.data["unit"]) for f in ctx.facts["counts"])
    assert counts == [(300, "户"), (300, "户"), (600, "人"), (1200, "人"), (1800, "人")]  # 5个工作日 is a duration


def test_tab_separated_table() -> None:
    from duikou.extract.quantities import find_table_cells

    text = "项目\t资金（亿元）\t带动人数（名）\n冷链物流园\t1.2\t450\n"
    assert [(c.value, c.unit) for c in find_table_cells(text)] == [(120000000, None), (450, "名")]


@pytest.mark.parametrize(("text", "money"), [
    # spoken sums with no 元 after a money noun or a verb of earning or spending
    ("搬进新村的每户拿到政府补助三万，另有低息贷款两万，日子有了盼头。", [(30000, False), (20000, False)]),
    ("修这条机耕路一共需要经费80多万。", [(800000, True)]),
    ("他在城里打工一年能挣六万，", [(60000, False)]),
    # with the unit written, the usual reading; a head count after a population word stays a count
    ("镇里落实资金45万元，", [(450000, False)]),
    ("全乡人口3万，", []),
    # not a sum: a noun that is no money noun, or a vague numeral
    ("现场观众超过两万，", []),
    ("每户收入七八万，", []),
])
def test_bare_spoken_sums(text: str, money: list[tuple[int, bool]]) -> None:
    found, _ = find_quantities(text)
    assert [(m.value, m.approx) for m in found] == money


def test_household_subsidy_is_assistance() -> None:
    from duikou.extract.quantities import amount_role
    text = "按照政策，政府补贴每户两万，村民自筹一部分。"
    i = text.index("两万")
    assert amount_role(text, i, i + 2)[0] == "assistance"


@pytest.mark.parametrize(("text", "counts"), [
    # administrative units counted without 个, after Arabic digits
    ("调研组走访了5县3区，", [(5, "县"), (3, "区")]),
    ("华北14市启动防汛应急响应。", [(14, "市")]),
    ("与东部9县市区签订协议。", [(9, "县市区")]),
    # not a count: a Chinese numeral (a slogan or a policy term), or the unit starting a word
    ("推进一市八县协同发展。", []),
    ("拨打12345市民热线反映。", []),
    ("沿218县道行驶。", []),
])
def test_administrative_unit_counts(text: str, counts: list[tuple[int, str]]) -> None:
    _, found = find_quantities(text)
    assert [(c.value, c.unit) for c in found] == counts


@pytest.mark.parametrize(("text", "count"), [
    ("活动吸引了超过千名游客。", (1000, "名", "超过千名")),
    ("全县接近百家合作社加入。", (100, "家", "接近百家")),
    ("培训将近万人次。", (10000, "人次", "将近万人次")),
])
def test_round_figure_after_an_approximation_word(text: str, count: tuple[int, str, str]) -> None:
    _, found = find_quantities(text)
    assert [(c.value, c.unit, c.surface) for c in found] == [count]
    assert found[0].approx


@pytest.mark.parametrize("text", ["修路用了两个多月。", "手术持续了三个半小时。", "他们等了5个多星期。"])
def test_duration_with_more_or_half_is_no_count(text: str) -> None:
    _, found = find_quantities(text)
    assert found == []


@pytest.mark.parametrize(("text", "count"), [
    # a people noun ending like a household counts households
    ("帮扶全省200万农村家庭增收。", (2_000_000, "户", False)),
    # a bare number after a population word, a modal and a link word between
    ("该县总人口达到12万，", (120_000, None, False)),
    ("减贫人口将超过30万。", (300_000, None, True)),
])
def test_head_counts_read_by_the_vocabulary(text: str, count: tuple[int, str | None, bool]) -> None:
    _, found = find_quantities(text)
    assert [(c.value, c.unit, c.approx) for c in found] == [count]


@pytest.mark.parametrize(("text", "money"), [
    ("上百万元的设备运抵。", (1_000_000, True, "上百万元")),
    ("争取到位3亿帮扶资金。", (300_000_000, False, "3亿")),
    ("资金项目20亿美元资金到位。", None),  # another currency stands between
])
def test_round_and_unitless_sums(text: str, money: tuple[int, bool, str] | None) -> None:
    found, _ = find_quantities(text)
    assert [(m.value, m.approx, m.surface) for m in found] == ([money] if money else [])


def test_the_household_ending_comes_from_the_data_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from duikou.extract.quantity_vocab import quantity_vocab
    from duikou.reference import vocab

    load = vocab.load

    def without_families(name: str) -> Any:
        data = load(name)
        if name == "measure_words":
            data = {**data, "household_noun_ends": ["户"]}
        return data

    quantity_vocab.cache_clear()
    monkeypatch.setattr(vocab, "load", without_families)
    try:
        _, found = find_quantities("帮扶全省200万农村家庭增收。")
        assert [(c.value, c.unit) for c in found] == [(2_000_000, "人")]
    finally:
        quantity_vocab.cache_clear()
