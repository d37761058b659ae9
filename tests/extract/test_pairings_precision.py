"""Pairings that a reader of a real ledger would reject: relief, venues, homes, departure points,
lists of places and quoted names (sentences written for the tests, not taken from any corpus)."""
from __future__ import annotations

import pytest

from tests.extract.helpers import ungated_pairs as pairs


TIANJIN, YUTIAN = "120000", "653226"
JIANGXI, AKTO = "360000", "653022"
ZHEJIANG = "330000"
BEIJING, HOTAN = "110000", "653200"
CHAOYANG, FANGSHAN = "110105", "110111"




@pytest.mark.parametrize("text,absent", [
    # the help itself is disaster relief, even under a standing verb
    ("为帮助房山区早日恢复生产，朝阳区已结对帮扶房山区开展灾后重建。", (CHAOYANG, FANGSHAN)),
    # a report about an epidemic: a one-line pairing in it is relief
    ("各地医疗队驰援抗击疫情的防控一线。广西对口支援湖北宜昌。救治危重症患者的专家陆续到岗。",
     ("450000", "420500")),
    # a patient's home town is no recipient
    ("家住新疆和田于田的姑娘古丽娜突发急病，一批从天津来的援疆医生救了她。", (TIANJIN, YUTIAN)),
    # a list of places qualifying firms is no side
    ("于田县举办东西部劳务协作招聘会，对接天津、上海、江苏等地的30多家企业。", (TIANJIN, YUTIAN)),
    # three places named as one
    ("公司正在推动天津、于田、某镇三地协作布局产业。", (TIANJIN, YUTIAN)),
    # a performance venue is no recipient
    ("天津援疆话剧《春风》在于田上演。", (TIANJIN, YUTIAN)),
    # central units' cadres set off from the capital: the capital helps nobody here
    ("第七批中央单位援疆干部从北京出发前往和田，开展援疆工作。", (BEIJING, HOTAN)),
])
def test_not_a_standing_pairing(text: str, absent: tuple[str, str]) -> None:
    assert absent not in pairs(text)


@pytest.mark.parametrize("text,present", [
    # a standing mechanism set up after a disaster stays standing
    ("朝阳区结对帮扶房山区开展灾后重建。朝阳区与房山区将建立结对帮扶长效机制。", (CHAOYANG, FANGSHAN)),
    # the helper's own cadres in the county: kept
    ("天津市援疆干部在于田县开展医疗帮扶。", (TIANJIN, YUTIAN)),
    # a list of sides acting together stays a list of sides
    ("江西、天津等省市援疆干部在阿克陶县座谈交流对口支援工作。", (JIANGXI, AKTO)),
    # a label of the aid itself, in quotation marks
    ("于田县城新医院楼外悬挂着“天津援建”的标志。", (TIANJIN, YUTIAN)),
])
def test_still_paired(text: str, present: tuple[str, str]) -> None:
    assert present in pairs(text)


def test_consumption_assistance_is_a_noun() -> None:
    """"<region>消费帮扶<centre>" names a centre: no pairing of the region with the centre's tail."""
    found = pairs("活动现场，甘肃消费帮扶产品展销中心与爱心企业一起向环卫工人捐赠了防暑物资。")
    assert not any(r.endswith("展销中心") for _, r in found)


def test_generic_team_is_no_party() -> None:
    """"企业驻村帮扶工作队" names a kind of team, not one."""
    found = pairs("前年起，企业驻村帮扶工作队对口帮扶新民村，发展林下经济。")
    assert not any(h.endswith("工作队") for h, _ in found)
    # a named team stays a party
    assert any(h.endswith("工作队") for h, _ in pairs("前年起，某某集团驻村帮扶工作队对口帮扶新民村，发展林下经济。"))


@pytest.mark.parametrize("text,absent", [
    # one person's stations are not paired with each other
    ("工作二十年来，他先后到新疆和田于田从事援疆工作，到天津市河西区某街道挂职。", ("120103", YUTIAN)),
    ("行医二十多年，张某某先后赴甲市中医医院和乙县中医医院从事对口帮扶工作。", ("甲市中医医院", "乙县中医医院")),
    # where a leader's inspection took place is no side
    ("某领导在天津调研时强调，要做好对口援疆工作，支持于田县发展。", (TIANJIN, YUTIAN)),
])
def test_stations_and_inspections(text: str, absent: tuple[str, str]) -> None:
    found = pairs(text)
    assert absent not in found and absent[::-1] not in found


def test_charity_gift_is_a_donation() -> None:
    """A gift in a charity campaign ("医疗援助公益行动", a quoted campaign name) is no standing pairing."""
    text = "在“暖心•援黔行”医疗援助公益行动启动仪式上，某某慈善基金会向贵州省卫健委捐赠15辆救护车。"
    assert not any(h.endswith("基金会") for h, _ in pairs(text))
