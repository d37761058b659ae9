"""``duikou ingest`` through the CLI: output, summary, exit codes, and the sample reports."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from duikou.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "reports"
REPORT = "某县召开协作会议\n日期:2022-05-06 来源:某州日报\n\n5月5日，某县代表团赴某州考察，双方签订《对口帮扶框架协议》。\n"


def invoke(*args: str):
    return CliRunner().invoke(main, ["ingest", *args])


def test_jsonl_output_and_summary(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(REPORT, encoding="utf-8")
    res = invoke(str(p), str(tmp_path / "missing.txt"))
    assert res.exit_code == 0
    rec = json.loads(res.stdout)
    assert set(rec) >= {"source", "id", "title", "published", "outlet", "authors", "script", "text", "problems"}
    assert (rec["source"], rec["title"], rec["published"], rec["outlet"]) == (str(p), "某县召开协作会议", "2022-05-06", "某州日报")
    assert res.stderr.splitlines() == [f"duikou: {tmp_path}/missing.txt: no such file or directory",
                                       "ingested 1 documents; 1 read, 1 skipped, 1 problems"]


@pytest.mark.parametrize("args, code", [
    (["{tmp}/nothing-here-*.txt"], 1),
    (["{tmp}/empty.txt"], 1),
    (["{tmp}/ok.txt", "{tmp}/empty.txt"], 0),
    ([], 2),
    (["--no-such-option", "{tmp}/ok.txt"], 2),
    (["--format", "xml", "{tmp}/ok.txt"], 2),
])
def test_exit_codes(tmp_path, args, code):
    (tmp_path / "ok.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    res = invoke(*[a.format(tmp=tmp_path) for a in args])
    assert res.exit_code == code, res.output


def test_quiet_keeps_problems_drops_summary(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    res = invoke("-q", str(tmp_path / "empty.txt"))
    assert res.stderr == f"duikou: {tmp_path}/empty.txt: empty file\n"


def test_table_format(tmp_path):
    (tmp_path / "ok.txt").write_text(REPORT, encoding="utf-8")
    res = invoke("--format", "table", "-q", str(tmp_path / "ok.txt"))
    assert res.stdout.splitlines()[1].split("\t") == [str(tmp_path / "ok.txt"), "2022-05-06", "某州日报", "hans", "41", "某县召开协作会议"]


def test_dedupe_reports_groups(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(REPORT, encoding="utf-8")
    res = invoke("--dedupe", str(tmp_path))
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(recs) == 1 and recs[0]["copies"] == [str(tmp_path / "b.txt")]
    assert f"duplicates of {tmp_path}/a.txt: {tmp_path}/b.txt (exact)" in res.stderr
    assert res.stderr.splitlines()[-1] == "ingested 1 documents; 2 read, 0 skipped, 0 problems, 1 duplicates"


# The sample reports: expected metadata of each (title, published, outlet, script, encoding).
EXPECTED = {
    "01_danyang_ziyang_east_west.txt": ("丹阳市党政代表团来紫阳县考察对接东西部协作工作", "2023-06-20", "紫阳融媒", "hans", "utf-8"),
    "02_nanhai_guizhou_labour.html": ("南海区与望谟县举行劳务协作专场招聘会 签约三个协作项目", "2022-09-08", "望谟发布", "hans", "utf-8"),
    "03_chengdu_ganzi_intra_province.gb18030.txt": ("成都市锦江区与甘孜州理塘县召开对口帮扶工作联席会议", "2021-11-25", "锦江发布", "hans", "gb18030"),
    "04_jiangsu_lhasa_aid_tibet.txt": ("江苏省党政代表团赴拉萨市考察对口支援工作 召开苏拉对口支援工作座谈会 签署三项合作协议", "2024-08-15", "拉萨发布", "hant", "utf-8"),
    "05_guangzhou_shufu_aid_xinjiang.big5.txt": ("广东援疆前方指挥部与疏附县召开对口支援联席会议", "2023-05-26", "喀什日报", "hant", "big5hkscs"),
    "06_forestry_libo_designated.txt": ("国家林草局定点帮扶荔波县工作推进会召开", "2022-04-22", "荔波县融媒体中心", "hans", "utf-8"),
    "07_putuo_weixin_consumption.txt": ("上海普陀区与云南威信县签订消费帮扶合作协议", "2021-12-03", None, "hans", "utf-8"),
    "08_batch.jsonl:1": ("丹阳市党政代表团来紫阳县考察对接东西部协作工作", "2023-06-21", "安康日报", "hans", "utf-8"),
    "08_batch.jsonl:2": ("常州市武进区与陇南市宕昌县召开东西部扶贫协作联席会议", "2020-08-15", "武进日报", "hans", "utf-8"),
    "08_batch.jsonl:3": ("厦门市同安区与临夏州东乡县开展教育医疗组团式帮扶", "2024-03-28", None, "hans", "utf-8"),
}


def test_sample_reports():
    from duikou.ingest import read_documents
    from duikou.runreport import RunReport
    import io

    report = RunReport(quiet=True, stream=io.StringIO())
    got = {Path(d.source).name: (d.title, d.published, d.outlet, d.script, d.encoding)
           for d in read_documents([str(EXAMPLES)], report)}
    assert got == EXPECTED
    assert report.counts["problems"] == 0


@pytest.mark.parametrize("name", ["04_jiangsu_lhasa_aid_tibet.txt", "05_guangzhou_shufu_aid_xinjiang.big5.txt"])
def test_traditional_samples_come_out_simplified(name):
    res = invoke("-q", str(EXAMPLES / name))
    rec = json.loads(res.stdout)
    assert "援藏" in rec["text"] or "援疆" in rec["text"]
    assert "(fā)" not in rec["text"] and "發" not in rec["text"] and "幫扶" not in rec["text"]
    assert rec["authors"]
