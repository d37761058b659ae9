"""Events and agreements: types, dates, leaders, merging of mentions (texts written for the tests)."""
from __future__ import annotations

import pytest

from tests.extract.helpers import run

VISIT = (
    "宜兴市党政代表团赴紫阳县考察对接苏陕协作工作\n\n"
    "6月18日至19日，市委书记陈立新率宜兴市党政代表团赴陕西省紫阳县考察对接东西部协作工作。"
    "紫阳县委书记周海波陪同。\n"
    "代表团一行先后来到茶叶产业园和帮扶车间，实地察看协作项目建设情况。\n"
    "18日下午，宜兴—紫阳东西部协作联席会议在紫阳县召开。会上，两地签订了《2023年东西部协作框架协议》"
    "和《劳务协作合作协议》，陈立新代表宜兴市向紫阳县捐赠帮扶资金300万元。\n"
    "19日上午，代表团看望慰问了宜兴在紫阳挂职干部。\n"
    "陈立新强调，两地要进一步加强座谈交流，将签订更多合作项目协议。\n"
)


def _events(rec: dict) -> list[tuple[str, str | None]]:
    return sorted((e["type"], e["date"]) for e in rec["events"])


def test_event_types_and_dates() -> None:
    rec = run(VISIT, "2023-06-20")
    assert _events(rec) == [
        ("condolence", "2023-06-19"),
        ("funds", "2023-06-18"),
        ("meeting", "2023-06-18"),
        ("signing", "2023-06-18"),
        ("visit", "2023-06-18"),
    ]


def test_visit_span_leader_place_and_parties() -> None:
    rec = run(VISIT, "2023-06-20")
    visit = next(e for e in rec["events"] if e["type"] == "visit")
    assert visit["end_date"] == "2023-06-19"
    assert visit["leaders"] == ["陈立新"]
    assert (visit["helper"], visit["recipient"]) == ("320282", "610924")
    meeting = next(e for e in rec["events"] if e["type"] == "meeting")
    assert meeting["place"] == "610924"


def test_agreements_by_title() -> None:
    rec = run(VISIT, "2023-06-20")
    titles = [a["title"] for a in rec["agreements"]]
    assert titles == ["2023年东西部协作框架协议", "劳务协作合作协议"]
    assert all(a["date"] == "2023-06-18" for a in rec["agreements"])
    assert rec["agreements"][0]["parties"] == ["320282", "610924"]


@pytest.mark.parametrize("text,titles", [
    ("座谈会上，双方签订了产业合作备忘录。", ["产业合作备忘录"]),
    ("两地签署《职业教育结对帮扶协议》《医疗卫生合作协议》以及《消费帮扶合作框架协议》。",
     ["职业教育结对帮扶协议", "医疗卫生合作协议", "消费帮扶合作框架协议"]),
    ("会上签订“十四五”东西部协作框架协议。", ["“十四五”东西部协作框架协议"]),
    ("他认真学习了《关于深化东西部协作的意见》。", []),  # a document read, not an agreement signed
    ("家庭医生签约服务覆盖全村。", []),
])
def test_agreement_patterns(text: str, titles: list[str]) -> None:
    rec = run("宜兴市代表团赴紫阳县考察东西部协作工作。" + text, "2023-06-20")
    assert [a["title"] for a in rec["agreements"]] == titles


def test_announced_signing_is_not_an_event() -> None:
    rec = run("宜兴市代表团赴紫阳县考察东西部协作工作。双方将签订产业合作协议。", "2023-06-20")
    assert "signing" not in {e["type"] for e in rec["events"]}


def test_undated_mentions_join_the_dated_event() -> None:
    text = ("东西部协作联席会议召开\n\n"
            "5月9日，常熟—沿河东西部协作联席会议在沿河土家族自治县召开。"
            "联席会上，双方交流了协作进展。")
    rec = run(text, "2023-05-10")
    assert _events(rec) == [("meeting", "2023-05-09")]


def test_two_meetings_on_different_days() -> None:
    text = ("6月1日至2日，常熟市代表团赴沿河土家族自治县考察东西部协作工作。"
            "考察结束后，举行了两地协作联席会议。"
            "2日上午，代表团与挂职干部座谈交流。")
    rec = run(text, "2023-06-05")
    meetings = sorted(e["date"] for e in rec["events"] if e["type"] == "meeting")
    assert meetings == ["2023-06-01", "2023-06-02"]


def test_fund_handover_without_amount() -> None:
    rec = run("9月12日，常熟市代表团赴沿河土家族自治县考察东西部协作工作，会上举行了社会帮扶资金交接仪式。", "2023-09-13")
    assert ("funds", "2023-09-12") in _events(rec)


def test_cumulative_total_is_not_a_handover() -> None:
    rec = run("常熟市累计投入沿河土家族自治县帮扶资金2.3亿元，实施协作项目56个。", "2023-09-06")
    assert "funds" not in {e["type"] for e in rec["events"]}


def test_cumulative_tally_is_not_an_event() -> None:
    text = ("6月2日，宜兴市代表团赴紫阳县考察东西部协作工作。"
            "两地先后召开劳务协作对接会9场，累计签订合作协议12份。")
    rec = run(text, "2023-06-05")
    assert "meeting" not in {e["type"] for e in rec["events"]}


def test_led_group_trip_is_a_visit() -> None:
    text = "8月9日至10日，市工商联主席刘晓峰率15家民营企业负责人赴紫阳县，开展结对帮扶对接活动。"
    rec = run(text, "2023-08-12")
    visit = next(e for e in rec["events"] if e["type"] == "visit")
    assert (visit["date"], visit["end_date"]) == ("2023-08-09", "2023-08-10")


def test_title_with_its_period_in_brackets() -> None:
    rec = run("宜兴市代表团赴紫阳县考察东西部协作工作。会上签订了《茶产业结对帮扶协议（2023—2025年）》。", "2023-06-20")
    assert [a["title"] for a in rec["agreements"]] == ["茶产业结对帮扶协议（2023—2025年）"]


def test_headline_wording_yields_to_the_full_title() -> None:
    text = ("宜兴市与紫阳县签订茶叶帮扶协议\n\n"
            "6月18日，宜兴市代表团赴紫阳县考察东西部协作工作，双方签订《富硒茶产业帮扶合作协议》。")
    from duikou.extract.pipeline import extract_document
    from duikou.ingest.document import Document

    doc = Document(source="t.txt", text=text, title="宜兴市与紫阳县签订茶叶帮扶协议", published="2023-06-20")
    rec = extract_document(doc).to_contract()
    assert [a["title"] for a in rec["agreements"]] == ["富硒茶产业帮扶合作协议"]


def test_range_dated_meeting_joins_the_day_that_names_it() -> None:
    text = ("4月9日至11日，常熟市党政代表团赴沿河土家族自治县考察东西部协作工作，并出席两地协作联席会议。"
            "4月10日下午，常熟—沿河东西部协作联席会议在沿河土家族自治县召开。")
    rec = run(text, "2023-04-12")
    assert sorted(e["date"] for e in rec["events"] if e["type"] == "meeting") == ["2023-04-10"]


def test_delegation_coming_to_a_province_is_a_visit() -> None:
    rec = run("7月3日至5日，江苏省党政代表团来陕考察东西部协作工作。", "2023-07-06")
    assert ("visit", "2023-07-03") in _events(rec)


@pytest.mark.parametrize("text,titles", [
    ("两地签署了《产业园区共建协议》和人才培训合作备忘录。", ["产业园区共建协议", "人才培训合作备忘录"]),
    ("两地签署了《产业园区共建协议》、劳务协作框架协议和《消费帮扶合作备忘录》。",
     ["产业园区共建协议", "劳务协作框架协议", "消费帮扶合作备忘录"]),
])
def test_bare_titles_listed_with_quoted_ones(text: str, titles: list[str]) -> None:
    rec = run("宜兴市代表团赴紫阳县考察东西部协作工作。" + text, "2023-06-20")
    assert sorted(a["title"] for a in rec["agreements"]) == sorted(titles)


def test_things_done_at_the_meeting_take_its_day() -> None:
    text = ("6月7日，宜兴—紫阳东西部协作联席会议在紫阳县召开。"
            "6日，代表团一行先后来到茶园和帮扶车间考察。"
            "会议期间，双方签订了《2023年东西部协作协议》，宜兴市向紫阳县交付帮扶资金500万元。")
    rec = run(text, "2023-06-09")
    got = {e["type"]: e["date"] for e in rec["events"]}
    assert got["signing"] == "2023-06-07" and got["funds"] == "2023-06-07"


def test_a_month_only_sentence_is_not_on_the_last_day_named() -> None:
    text = ("11月2日，宜兴市召开东西部协作工作推进会。"
            "10月下旬，宜兴市委书记陈立新带队来紫阳对接，双方商定深化合作。")
    rec = run(text, "2023-11-05")
    visit = next(e for e in rec["events"] if e["type"] == "visit")
    assert visit["date"] is None


@pytest.mark.parametrize("text", [
    "全年向紫阳县拨付财政援助资金8000万元；动员社会各界捐款捐物折合900万元。",
    "今年以来，宜兴市向紫阳县拨付帮扶资金3000万元。",
])
def test_yearly_tallies_are_not_handovers(text: str) -> None:
    rec = run("宜兴市代表团赴紫阳县考察东西部协作工作。" + text, "2023-12-20")
    assert "funds" not in {e["type"] for e in rec["events"]}


# -- real-report shapes (sentences written for the tests) ------------------------------------

def _types(rec: dict) -> set[str]:
    return {e["type"] for e in rec["events"]}


def test_a_header_date_never_dates_an_event() -> None:
    text = ("2022-05-10 09:00，正文：原标题：临安区代表团赴壤塘县考察东西部协作 "
            "近日，临安区代表团赴壤塘县考察东西部协作工作，实地察看帮扶车间。")
    rec = run(text, None)
    visit = next(e for e in rec["events"] if e["type"] == "visit")
    assert visit["date"] is None


def test_the_header_date_resolves_a_bare_day() -> None:
    text = "2022-05-10 09:00，正文：8日上午，临安区代表团赴壤塘县考察东西部协作工作。"
    rec = run(text, None)
    assert _events(rec) == [("visit", "2022-05-08")]


@pytest.mark.parametrize("text, kind", [
    ("两地东西部协作协议至今未签订。", "signing"),
    ("双方尚未召开东西部协作联席会议。", "meeting"),
    ("临安区计划下月组织代表团赴壤塘县考察东西部协作。", "visit"),
    ("访问期间，代表团将与壤塘县领导举行东西部协作会谈。", "meeting"),
    ("临安区拟于年内向壤塘县捐赠帮扶资金。", "funds"),
])
def test_denied_or_announced_actions_are_no_events(text: str, kind: str) -> None:
    assert kind not in _types(run(text, "2022-05-10"))


@pytest.mark.parametrize("text", [
    "六名东西部协作结对学校的学生及带队老师来到活动现场。",
    "接警后，民警立即赶赴现场开展调查。",
    "三年来，临安区累计选派干部28名，派出考察团赴壤塘县开展对接40余次。",
    "中国代表团深入参与各项议题讨论。",
    "两地东西部协作实现了从单向帮扶到产业对接的转变。",
    "要组织东西部协作挂职干部到基层一线调研。",
])
def test_no_visit_without_a_delegation_travelling(text: str) -> None:
    assert "visit" not in _types(run(text, "2022-05-10"))


@pytest.mark.parametrize("text", [
    "临安区代表团赶赴壤塘县对接东西部协作工作。",
    "省委书记郑国华在甘孜藏族自治州调研东西部协作工作。",
    "副省长孔德明到阿坝藏族羌族自治州调研东西部协作工作。",
    "周立新带领东西部协作医疗团队到达壤塘县。",
    "浙江专家、教师一行18人走进壤塘县开展东西部协作帮扶。",
])
def test_visits_written_as_rushing_there_or_as_a_tour_in_a_region(text: str) -> None:
    assert "visit" in _types(run(text, "2022-05-10"))


@pytest.mark.parametrize("text, meeting", [
    ("5月6日，市人社局召开全市就业工作推进会。", False),
    ("5月6日，临安区与壤塘县召开东西部协作工作推进会。", True),
    ("5月6日，市打击电信诈骗工作联席会议办公室发布通知。", False),
    ("全市上下认真贯彻落实民营企业座谈会精神。", False),
    ("工会谈判仍未取得进展。", False),
    ("5月6日，临安—壤塘东西部协作联席会议召开。", True),
])
def test_joint_meetings_only(text: str, meeting: bool) -> None:
    assert ("meeting" in _types(run(text, "2022-05-10"))) is meeting


def test_the_head_of_a_listed_delegation_leads_it() -> None:
    text = ("5月8日上午，浙江农林大学副校长钱文斌，该校校友会会长孙志刚、秘书长何晓东等一行，"
            "赴学校东西部协作结对村开展帮扶调研。")
    visit = next(e for e in run(text, "2022-05-10")["events"] if e["type"] == "visit")
    assert visit["leaders"][0] == "钱文斌"


def test_the_chair_of_a_meeting_leads_it() -> None:
    text = "国务院副总理韩立明8日在西宁主持召开东西部协作座谈会并讲话。"
    meeting = next(e for e in run(text, "2022-05-10")["events"] if e["type"] == "meeting")
    assert meeting["leaders"] == ["韩立明"]


def test_a_vague_day_is_no_day() -> None:
    text = ("5月6日，临安—壤塘东西部协作联席会议召开。"
            "近日，临安区代表团赴壤塘县考察东西部协作工作。")
    rec = run(text, "2022-05-10")
    assert ("visit", None) in _events(rec) and ("meeting", "2022-05-06") in _events(rec)


def test_a_new_round_is_no_tally() -> None:
    text = "5月6日，两地签订新一轮东西部协作结对帮扶协议。"
    assert ("signing", "2022-05-06") in _events(run(text, "2022-05-10"))


def test_signing_at_a_fair_takes_the_day_the_fair_is_held() -> None:
    text = ("东西部协作农产品推介会举行\n"
            "5月12日，东西部协作农特产品推介会在杭州国际博览中心举行。展会自5月11日开幕，将持续至5月14日。"
            "当天还举行推介会、直播带货等活动。会上还举行了两地企业产销合作签约仪式。")
    assert ("signing", "2023-05-12") in _events(run(text, "2023-05-12"))


def test_cash_handed_over_in_person_is_funds() -> None:
    text = ("结对帮扶困难学生\n东西部协作结对帮扶中，4月3日上午，企业家周明远驱车来到学生家中，给她送来了3000元生活费。")
    assert ("funds", "2023-04-03") in _events(run(text, "2023-04-05"))


def test_goods_valued_in_money_are_no_cash_handover() -> None:
    text = "东西部协作帮扶\n4月3日，帮扶单位为村小送去价值5万元的课桌椅。"
    assert all(t != "funds" for t, _ in _events(run(text, "2023-04-05")))


def test_team_formed_then_going_there_is_a_visit() -> None:
    text = ("定点帮扶\n6月9日，公司两个团支部组建青年服务队，前往黔西南州晴隆县开展定点帮扶调研。")
    assert ("visit", "2023-06-09") in _events(run(text, "2023-06-12"))


def test_pairing_deployment_meeting_and_its_signatories() -> None:
    text = ("党组织结对帮扶\n7月6日上午，松江区召开村居党组织结对帮扶推进会。"
            "松江区委常委孙海涛、徐汇区委常委钱立群出席会议。会上，孙海涛和钱立群共同签订新一轮结对帮扶协议。")
    rec = run(text, "2023-07-07")
    assert ("meeting", "2023-07-06") in _events(rec)
    signing = next(e for e in rec["events"] if e["type"] == "signing")
    assert signing["leaders"] == ["孙海涛", "钱立群"]


def test_holiday_season_is_no_day() -> None:
    text = ("东西部协作慰问\n1月18日，两地召开东西部协作联席会议。春节期间，帮扶干部走访慰问了困难群众。")
    assert ("condolence", None) in _events(run(text, "2023-01-30"))


def test_money_meant_for_a_donation_is_no_event() -> None:
    text = "东西部协作\n5月8日，商会召开理事会。商会筹集的资金，全部用于捐助困难学生。"
    assert all(t != "funds" for t, _ in _events(run(text, "2023-05-10")))


def test_day_of_the_report_is_not_the_day_of_a_recent_trip() -> None:
    text = ("援藏医疗\n6月14日，记者从某医院获悉，近日，该院组织专家团队赴日喀则市开展援藏义诊。"
            "专家组由该院副院长带队，走访了三个乡镇。")
    assert ("visit", None) in _events(run(text, "2023-06-15"))


@pytest.mark.parametrize("text", [
    "工作队通过入户走访、召开座谈会、电话回访等方式摸清了困难群众的需求。",
    "各乡镇要借助中秋、国庆期间看望慰问等时机，帮助老人解决实际困难。",
    "协会组织会员开展爱心捐赠、义诊义剪等系列活动，服务山区群众。",
])
def test_kind_of_work_in_a_list_is_no_event(text: str) -> None:
    rec = run("9月3日，仁寿县与宁波市镇海区召开东西部协作联席会议。" + text, "2023-09-05")
    assert _events(rec) == [("meeting", "2023-09-03")]


def test_same_day_sentence_keeps_the_day_named_before() -> None:
    # a year inside the meeting's name is no coarse date for a sentence opening with 当天
    text = ("8月3日，青田县与岚皋县东西部协作推进活动在岚皋县举行。"
            "当天下午，两地还召开了2024年劳务协作座谈会，商定下一步工作。")
    rec = run(text, "2023-08-05")
    assert ("meeting", "2023-08-03") in _events(rec)


def test_tour_of_several_places_is_a_visit() -> None:
    text = ("中央领导同志近日在甘肃调研时强调，要巩固脱贫攻坚成果。"
            "9日至12日，王建华先后来到兰州市和定西市，深入企业、农村进行调研。")
    rec = run(text, "2023-09-14")
    assert _events(rec) == [("visit", "2023-09-09")]


@pytest.mark.parametrize("text", [
    "经过前期实地考察，志愿者了解到合作社的农产品品质很好。",  # groundwork recalled
    "驻村工作队同村干部一道实地考察确定加工厂的选址。",  # a site settled, no delegation
    "团县委通过助学帮扶、爱心捐助、心理疏导、法律援助、就业指导等八个方面的工作帮助儿童。",  # kinds of work
    "全县共组织送温暖活动36场，慰问困难老人420人。",  # a season's tally
    "下一步，团县委将通过助学帮扶、心理疏导、爱心捐助，帮助困境儿童。",  # plans
])
def test_no_event_in_background_or_plans(text: str) -> None:
    rec = run("青田县对口帮扶岚皋县东西部协作工作持续推进。7月20日，" + text, "2023-07-22")
    assert _events(rec) == []


@pytest.mark.parametrize(("text", "word", "modal"), [
    ("两地未签约合作。", "签约", True),
    ("展望未来签约合作的前景。", "签约", False),  # 未 begins 未来 here: no negation
    ("要组织干部赴当地考察。", "考察", True),  # a clause opening with 要 is a directive
    ("干部赴当地考察。", "考察", False),
])
def test_negations_and_directives(text: str, word: str, modal: bool) -> None:
    from duikou.extract.modality import is_modal

    assert is_modal(text, text.index(word)) is modal
