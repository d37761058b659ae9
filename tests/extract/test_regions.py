"""The regions extractor on sentences written for these tests, and on the seed reports."""
from __future__ import annotations

import json
import re
from pathlib import Path

import opencc
import pytest

import duikou.extract.regions  # noqa: F401  (registers the extractor)
from duikou.extract.context import Context
from duikou.extract.mentions import RegionMention
from duikou.extract.registry import registered
from duikou.ingest.document import Document
from tests.conftest import GOLD


def _run(text: str) -> Context:
    ctx = Context(Document(source="test.txt", text=text))
    registered()["regions"](ctx)
    return ctx


def _codes(text: str) -> list[str]:
    """Distinct codes of the ``regions`` facts, in order of first mention."""
    return [f.data["code"] for f in _run(text).facts.get("regions", [])]


def _mentions(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.code) for m in _run(text).layer("regions")]


# -- every level, official names and aliases ------------------------------------
@pytest.mark.parametrize("text,codes", [
    ("四川省代表团抵达成都。", ["510000", "510100"]),
    ("广西壮族自治区与广东省签订协议。", ["450000", "440000"]),
    ("广西、内蒙古、新疆、西藏、宁夏五个自治区。", ["450000", "150000", "650000", "540000", "640000"]),
    ("黔东南苗族侗族自治州州委书记李明远讲话。", ["522600"]),
    ("赴黔东南州考察。", ["522600"]),
    ("代表团抵达黔东南后召开座谈会。", ["522600"]),
    ("和田地区、兴安盟、东莞市都派员参加。", ["653200", "152200", "441900"]),
    ("务川仡佬族苗族自治县县长赵文华致辞。", ["520326"]),
    ("贵州省遵义市务川县。", ["520000", "520300", "520326"]),
    ("济源市、仙桃市、石河子市、神农架林区。", ["419001", "429004", "659001", "429021"]),
    ("上海市浦东新区代表团。", ["310000", "310115"]),
    ("重庆市万州区与北京市东城区。", ["500000", "500101", "110000", "110101"]),
])
def test_levels_and_aliases(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


@pytest.mark.parametrize("text,code,level", [
    ("四川省", "510000", "province"),
    ("黔东南州", "522600", "prefecture"),
    ("鄞州区", "330212", "county"),
    ("北京市委", "110000", "province"),
])
def test_fact_fields(text: str, code: str, level: str) -> None:
    facts = _run(text).facts["regions"]
    assert [f.data for f in facts] == [{"code": code, "name": facts[0].data["name"], "level": level}]
    assert facts[0].evidence.start == 0 and facts[0].extractor == "regions"


# -- municipalities -------------------------------------------------------------
@pytest.mark.parametrize("text,codes", [
    ("认真落实北京市委部署。", ["110000"]),
    ("天津援甘工作队出发。", ["120000"]),
    ("上海市与云南省协作。", ["310000", "530000"]),
])
def test_municipalities_are_province_level(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


# -- mentions for attribution ---------------------------------------------------
@pytest.mark.parametrize("text,mentions", [
    ("鄞州区委书记王小平出席。", [("鄞州区", "330212")]),
    ("江苏省徐州市沛县县委书记孙立新出席。", [("江苏省", "320000"), ("徐州市", "320300"), ("沛县", "320322")]),
    ("汉滨区与鄞州区结对,汉滨、鄞州两地干部互访,汉滨区委书记讲话。",
     [("汉滨区", "610902"), ("鄞州区", "330212"), ("汉滨", "610902"), ("鄞州", "330212"), ("汉滨区", "610902")]),
    ("陕西安康汉滨区", [("陕西", "610000"), ("安康", "610900"), ("汉滨区", "610902")]),
])
def test_every_occurrence_in_text_order(text: str, mentions: list[tuple[str, str]]) -> None:
    assert _mentions(text) == mentions


def test_mention_fields() -> None:
    text = "考察黔东南州"
    [m] = _run(text).layer("regions")
    assert isinstance(m, RegionMention)
    assert (m.start, m.end, m.surface, m.code, m.name, m.level, m.parent) == (
        2, 6, "黔东南州", "522600", "黔东南苗族侗族自治州", "prefecture", "520000")
    assert text[m.start:m.end] == m.surface


def test_one_fact_per_code_at_first_mention() -> None:
    text = "鄞州区干部赴汉滨区。汉滨区感谢鄞州区。"
    facts = _run(text).facts["regions"]
    assert [(f.data["code"], f.evidence.start) for f in facts] == [("330212", 0), ("610902", 6)]


# -- ambiguity -----------------------------------------------------------------
@pytest.mark.parametrize("text,codes", [
    ("杭州市西湖区代表团。", ["330100", "330106"]),
    ("南昌市西湖区代表团。", ["360100", "360103"]),
    ("西湖区代表团今日抵达。按照杭州市委要求推进协作。", ["330106", "330100"]),
    ("西湖区代表团赴江西省考察。", ["360103", "360000"]),
    ("西湖区代表团今日抵达。", []),                                # left out, not guessed
    ("鼓楼区与福州市仓山区交流。", ["350102", "350100", "350104"]),
    ("南京市鼓楼区与福州市鼓楼区结对。", ["320100", "320106", "350100", "350102"]),
    ("鼓楼区代表团赴江苏省考察。", ["320000"]),                       # Nanjing and Xuzhou: still ambiguous
    ("鼓楼区干部到南京参观。", ["320106", "320100"]),
])
def test_ambiguous_names_resolved_from_context(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


# -- bare stems -------------------------------------------------------------------
@pytest.mark.parametrize("text,codes", [
    ("汉滨区召开大会。汉滨干部群众踊跃参加。", ["610902"]),
    ("汉滨干部群众踊跃参加。", []),                                  # county stem alone
    ("陕西汉滨代表团。", ["610000", "610902"]),                        # ancestor right before
    ("紫阳县与宜兴市结对,宜兴紫阳携手。", ["610924", "320282"]),
    ("西湖区与沛县签约,西湖代表团回访。", []),                        # 西湖区 itself ambiguous
    ("杭州市西湖区代表团来访。西湖代表团回访。", ["330100", "330106"]),
    ("朝阳的光芒照在北京市。", ["110000"]),                            # 朝阳 as a word
    ("南京、杭州两地签约。", ["320100", "330100"]),                      # prefecture stems
])
def test_stems(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


# -- ordinary words that contain a region name --------------------------------------------
@pytest.mark.parametrize("text,codes", [
    ("双方将深化合作,拓展合作空间。甘南州代表团出席。", ["623000"]),
    ("甘南州合作市干部表示要深化合作。", ["623000", "623001"]),
    ("开拓合作市场。", []),
    ("推动乡村振兴平衡发展。陕西省咸阳市代表团出席。", ["610000", "610400"]),
    ("考察墨竹工卡县莱阳沟村示范点。山东省烟台市参会。", ["540127", "370000", "370600"]),
    ("推进“平房”改造。黑龙江省哈尔滨市参会。", ["230000", "230100"]),
    ("哈尔滨市平房区代表团。", ["230100", "230108"]),
    ("市委和县委主要负责同志出席会议。安徽省有关部门参加。", ["340000"]),
    ("安徽省马鞍山市和县县委书记周红出席。", ["340000", "340500", "340523"]),
    ("全面完成县级验收。甘肃省代表团参会。", ["620000"]),
    ("甘肃省陇南市成县代表团。", ["620000", "621200", "621221"]),
    ("加快重点区域建设,城区居民受益。", []),
    ("浙江西部地区", ["330000"]),
    ("苏陕协作、浙川协作、津甘协作、京冀协同、沪滇合作。", []),
    ("在京召开会议。", []),
    ("湖南省怀化市中方县代表团。中方代表发言。", ["430000", "431200", "431221"]),
    ("西藏那曲市比如县。比如说,要加强合作。", ["540000", "540600", "540622"]),
    ("湖北省荆州市公安县公安局。", ["420000", "421000", "421022"]),
])
def test_ordinary_words_are_not_regions(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


@pytest.mark.parametrize("text,codes", [
    ("武陵区和澧县选派教师。常德市教育局组织。", ["430702", "430723", "430700"]),
    ("澧县选派教师。", []),                                              # no ancestor, no cue
    ("沛县县委书记孙立新讲话。", ["320322"]),
    ("沛县人民政府发布通知。", ["320322"]),
])
def test_two_character_names(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


def test_deterministic() -> None:
    text = "西湖区代表团赴江西省。鼓楼区、南京、黔东南州、汉滨区、汉滨。"
    assert _mentions(text) == _mentions(text)


# -- the seed reports -------------------------------------------------------------------------
_PINYIN = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)", re.IGNORECASE)
_T2S = opencc.OpenCC("t2s")


def _seed_text(path: Path) -> str:
    """Simplified text of a seed, pinyin annotations such as (fā) removed first."""
    return _T2S.convert(_PINYIN.sub("", path.read_text(encoding="utf-8")))


def test_seed_regions(seed_paths: list[Path]) -> None:
    problems = []
    for path in seed_paths:
        gold = json.loads((GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))["regions"]
        found = set(_codes(_seed_text(path)))
        required, optional = set(gold["required"]), set(gold.get("optional", []))
        if required - found or found - required - optional:
            problems.append(f"{path.name}: missing {sorted(required - found)}, extra {sorted(found - required - optional)}")
    assert not problems, "\n".join(problems)


# -- stems inside titles, counted lists, province + prefecture stem -----------------------
@pytest.mark.parametrize("text,codes", [
    ("县长沙马木呷陪同考察。", []),                                    # 县长 + a name, not 长沙
    ("市长沙立新讲话。", []),
    ("湖南长沙代表团来访。", ["430000", "430100"]),                     # the stem itself still counts
    ("林草局定点帮扶罗城、龙胜两县。", ["451225", "450328"]),
    ("林草局帮扶罗城、龙胜等县，累计投入资金。", ["451225", "450328"]),
    ("帮扶西充、营山和仪陇三县发展产业。", ["511325", "511322", "511324"]),
    ("汉滨干部群众踊跃参加。", []),                                    # no count: still needs context
    ("上海市对口支援新疆喀什指挥部副总指挥出席。", ["310000", "650000", "653100"]),
    ("北京市西城区赴新疆和田地区洛浦县考察。新疆和田指挥部参会。", ["110000", "110102", "650000", "653200", "653224"]),
    ("浙江大学党委副书记率队调研。", []),                              # a university named after a province
    ("浙江工业大学师生到访。", []),
    ("甘肃大学生返乡创业。", ["620000"]),
])
def test_titles_lists_and_province_prefixes(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


@pytest.mark.parametrize("text,code", [
    ("乌兰察布市察右后旗代表团到访。", "150928"),
    ("察右前旗副旗长王某某介绍情况。", "150926"),
    ("兴安盟科右前旗与科右中旗签订协议。", "152221"),
    ("通辽市科左中旗、科左后旗的农户。", "150521"),
    ("包头市土右旗和达茂旗的企业。", "150221"),
    ("鄂尔多斯市鄂前旗的牧民。", "150623"),
])
def test_banner_abbreviations_resolve(text: str, code: str) -> None:
    assert code in _codes(text)


# -- a region named with its parent; former units read at the report's date ------
def _facts_at(text: str, published: str | None) -> list[dict]:
    ctx = Context(Document(source="test.txt", text=text, published=published))
    registered()["regions"](ctx)
    return [f.data for f in ctx.facts.get("regions", [])]


@pytest.mark.parametrize("text,codes", [
    ("重庆市江北区与巫溪县签订协议。", ["500000", "500105", "500238"]),
    ("重庆江北区的干部来到这里。", ["500000", "500105"]),
    ("浙江省宁波市江北区召开座谈会。", ["330000", "330200", "330205"]),
    ("宁波江北区代表团抵达。", ["330200", "330205"]),
    ("宁波市江北区与重庆市江北区结为友好城区。", ["330200", "330205", "500000", "500105"]),
    ("重庆市渝北区派出工作组。", ["500000", "500112"]),
    ("江北区召开会议。", []),                                       # ambiguous, no context
    ("宁波市鄞州区和江北区的企业参加。", ["330200", "330212", "330205"]),  # context decides
    ("北京市朝阳区和辽宁省朝阳市。", ["110000", "110105", "210000", "211300"]),
])
def test_named_with_parent_or_context(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


@pytest.mark.parametrize("text,published,expected", [
    # A former unit while it was in force, and when the report's date is unknown.
    ("重庆市渝北区派出工作组。", "2023-05-02", [("500000", None), ("500112", "500157")]),
    ("重庆市渝北区派出工作组。", None, [("500000", None), ("500112", "500157")]),
    # After the change: today's unit.
    ("重庆市渝北区派出工作组。", "2026-05-02", [("500000", None), ("500157", None)]),
    ("广西南宁市横县县委书记讲话。", "2019-04-01", [("450000", None), ("450100", None), ("450127", "450181")]),
    ("广西南宁市横县县委书记讲话。", "2023-04-01", [("450000", None), ("450100", None), ("450181", None)]),
    ("云南迪庆州香格里拉县干部。", "2012-03-01", [("530000", None), ("533400", None), ("533421", "533401")]),
    # Renamed under the same code: today's code whatever the date.
    ("湖北省襄樊市派员参加。", "2008-06-01", [("420000", None), ("420600", None)]),
])
def test_former_units_at_the_report_date(text: str, published: str | None,
                                         expected: list[tuple[str, str | None]]) -> None:
    assert [(d["code"], d.get("current")) for d in _facts_at(text, published)] == expected


# -- short forms and bare stems on real-shaped sentences ---------------------------
@pytest.mark.parametrize("text,codes", [
    # Autonomous units written with 自治县 / 自治州 but without the nations.
    ("代表团来到务川自治县调研。", ["520326"]),
    ("恩施自治州与杭州市签订协议。", ["422800", "330100"]),
    # The colloquial short form of Inner Mongolia.
    ("企业在内蒙、甘肃两地设立工厂。", ["150000", "620000"]),
    # A two-character county name followed by a township of it.
    ("安徽省马鞍山市的志愿者在和县善厚镇开展活动。", ["340000", "340500", "340523"]),
    ("调研组走访了沛县龙固镇。", ["320322"]),
])
def test_short_forms(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes


@pytest.mark.parametrize("text,code", [
    # A county's bare stem, its province or prefecture named in the article, used as a place.
    ("新疆的援疆干部说，他们第三次来到伽师，带来了新的项目。", "653129"),
    ("四川凉山的孩子们第一次到冕宁参加夏令营。", "513433"),
    ("医疗队分别进驻麻栗坡、马关两地。云南文山州卫健委表示欢迎。", "532624"),
    ("湖北的志愿者来到秭归后，走访了果农。", "420527"),
    ("这批物资运往伽师等地。新疆各地积极响应。", "653129"),
    ("行程包括阿克苏、温宿和乌什。新疆风光让人流连。", "652922"),
    ("福建的武夷山吸引了大批游客。", "350782"),
])
def test_county_stems_used_as_place_names(text: str, code: str) -> None:
    assert code in _codes(text)


@pytest.mark.parametrize("text,absent", [
    # Inside an organisation's or a site's name, or an ordinary word: no region.
    ("青海的医生到同仁医院进修。", "632301"),
    ("乌鲁木齐的天山雪峰映入眼帘。", "650102"),
    ("山东的赵东明、李某某出席。", "371728"),
    ("山东西部平原上麦浪翻滚。", "371426"),
    ("黑龙江的田间明水要尽快排净。", "231225"),
    ("湖南的村民来到荷塘边。", "430202"),
    ("江西的游客来到鄱阳湖畔。", "361128"),
    ("农户在自家核桃园里忙着采收。", "710600"),
])
def test_stems_inside_names_and_ordinary_words(text: str, absent: str) -> None:
    assert absent not in _codes(text)


@pytest.mark.parametrize("text,code", [
    ("黑龙江省的讷河、龙江等地农户抢收大豆。", "230221"),          # 讷河 ends like a river but is a region
    ("北京市防汛：平谷、房山和延庆启动响应。", "110111"),
    ("四川暴雨，其中屏山、兴文等县降雨较多。", "511529"),
])
def test_stems_in_lists_of_regions(text: str, code: str) -> None:
    assert code in _codes(text)


@pytest.mark.parametrize("text,absent", [
    ("河北境内的滹沱河、沙河、滏阳河水位上涨。", "130582"),        # a list of rivers
    ("湖北的钱某听完大彻大悟，决定回乡创业。", "420922"),            # inside a longer word
    ("山东省委常委赵东明、甘肃省委常委孙某某出席。", "371728"),  # a given name in a list
    ("四川的一些欠发达县正在加快发展。", "511721"),                       # a former two-character name
    ("安徽救援队连夜向山区转移物资。", "340505"),                        # a long-gone three-character name
])
def test_no_region_in_rivers_words_and_names(text: str, absent: str) -> None:
    assert absent not in _codes(text)


@pytest.mark.parametrize("text,published,expected", [
    # Undated: read at the era of the inputs; a unit given up before then is today's unit.
    ("西藏那曲地区的牧民代表来到拉萨。", None, "540600"),
    ("西藏那曲地区的牧民代表来到拉萨。", "2016-03-01", "542400"),
    ("重庆市江北区召开会议。", None, "500105"),
])
def test_undated_reports(text: str, published: str | None, expected: str) -> None:
    assert expected in [d["code"] for d in _facts_at(text, published)]


@pytest.mark.parametrize("text,code", [
    ("新疆的游客下一站去伊宁，再到那拉提。", "654002"),   # 伊宁市 over 伊宁县: the bare stem names the city
])
def test_a_bare_stem_of_a_city_and_a_county_names_the_city(text: str, code: str) -> None:
    codes = _codes(text)
    assert code in codes and "654021" not in codes


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # A mountain's flank or its two sides: no province or prefecture.
        ("葡萄园分布在玉龙雪山西麓的缓坡上。", [], ["140000"]),
        ("两位画家走遍了天山南北的牧场。", [], ["540500"]),
        ("茶农们在峨眉山东坡采茶。", [], ["370000"]),
        # A verb ending in the name's first character: the overlapping name after it is read.
        ("部长肯定西藏教育的进步。", ["540000"], ["621100"]),
        ("各单位要确保定点帮扶资金及时到位。", [], ["130600"]),
        ("今年麦子的收成都比去年好。", [], ["510100"]),
        # A sea's part: no province or prefecture.
        ("台风将进入南海东北部海面。", [], ["630200"]),
        ("东海南部海域有大浪。", [], ["460000"]),
        # Right after another region's name the same characters are a name.
        ("代表团从江西南昌出发，途经浙江山东两省。", ["360100", "330000", "370000"], []),
        ("记者在甘肃定西采访。", ["621100"], []),
        ("她在四川成都读书。", ["510100"], []),
    ],
)
def test_word_before_two_character_name(text: str, present: list[str], absent: list[str]) -> None:
    codes = _codes(text)
    for c in present:
        assert c in codes, (text, codes)
    for c in absent:
        assert c not in codes, (text, codes)


@pytest.mark.parametrize(("text", "absent", "present"), [
    ("考察队沿着牡丹江下游察看堤防。", "231000", None),
    ("这座吊桥横跨怒江峡谷。", "533300", None),
    ("记者在牡丹江采访了返乡青年。", None, "231000"),
    ("两地在浙江两岸青年交流周上签约。", None, "330000"),
])
def test_river_words_after_a_river_like_name(text: str, absent: str | None, present: str | None) -> None:
    codes = _codes(text)
    if absent:
        assert absent not in codes, (text, codes)
    if present:
        assert present in codes, (text, codes)


# -- a county stem closing a list of two names ("A与<stem>…") ---------------------------------
@pytest.mark.parametrize("text,codes", [
    # the last item of "A与B" stands as a place name, as the first one does
    ("福建省与宁夏回族自治区开展协作。晋江与隆德签订结对协议。", ["350000", "640000", "350582", "640423"]),
    ("浙江省和四川省开展协作。余姚和盐边建立结对帮扶关系。", ["330000", "510000", "330281", "510422"]),
    # a site named after the place is not the place ("<stem>岛", "<stem>港")
    ("海南省海口市发布通知。美兰机场、秀英港停航。", ["460000", "460100"]),
])
def test_stem_closing_a_list(text: str, codes: list[str]) -> None:
    assert _codes(text) == codes
