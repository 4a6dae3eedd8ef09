"""A Chinese, Japanese or Thai lede is body text, not a section "kicker" (review of session 24, F1).

``ingest._strip_head`` drops a short line with "·" or "|" above the body as a kicker ("Wissen · Weltraum").
A lede in a script without spaces ended "。" (not taken as a sentence end) and counted 1-3 "words" between
spaces, so one holding a transliterated name ("安娜·利马") went to boilerplate. All text here is made up.
"""

from __future__ import annotations

import pytest

from wiretrace.ingest import _head_words, article_from_record, article_from_text

ZH_TITLE = "港口管理局批准新的渡轮时刻表"
ZH_LEDE = ("港口管理局局长安娜·利马周二在一次漫长的会议之后批准了新的渡轮时刻表，"
           "成员们就码头维修费用和夜间航班的安排争论了很久。")
ZH_BODY = ["按照新的时刻表，第一批渡轮将从下周一开始运行，每天往返十二次。",
           "管理局在一份声明中说，码头维修的费用估计为四百万欧元。"]

JA_TITLE = "港湾局が新しいフェリーの時刻表を承認"
JA_BODY = ["新しい時刻表によると、最初のフェリーは来週の月曜日から運航を始め、毎日十二往復する予定だ。",
           "港湾局は声明で、桟橋の修理費用はおよそ四百万ユーロになる見込みだと説明した。"]

TH_TITLE = "การท่าเรืออนุมัติตารางเวลาเรือข้ามฟากใหม่"
# under the 160 characters of a head line, three "words" between spaces
TH_LEDE = "ผู้อำนวยการการท่าเรือ อันนา·ลิมา อนุมัติตารางเวลาเรือข้ามฟากใหม่หลังการประชุมที่ยาวนานในวันอังคาร"
# Thai ends no sentence with a mark: paragraphs over 200 characters are body, not head lines
TH_BODY = ["ตามตารางเวลาใหม่ เรือข้ามฟากชุดแรกจะเริ่มให้บริการตั้งแต่วันจันทร์หน้า วันละสิบสองเที่ยว "
           "ส่วนเที่ยวกลางคืนจะเพิ่มขึ้นจากสองเที่ยวเป็นสี่เที่ยวในช่วงฤดูร้อน "
           "และผู้โดยสารสามารถซื้อตั๋วล่วงหน้าได้ที่ท่าเรือทุกแห่งหรือทางเว็บไซต์ของการท่าเรือ",
           "การท่าเรือระบุในแถลงการณ์ว่าค่าซ่อมท่าเรือจะอยู่ที่ประมาณสี่ล้านยูโร "
           "และงานซ่อมจะเริ่มหลังจากฤดูท่องเที่ยวสิ้นสุดลงเพื่อไม่ให้กระทบต่อผู้โดยสาร "
           "โดยผู้รับเหมาจะต้องทำงานให้เสร็จภายในหกเดือนตามสัญญาที่ลงนามไว้แล้ว"]


def _text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs) + "\n"


def test_chinese_lede_with_a_name_dot_stays_in_the_text() -> None:
    a = article_from_text(_text(ZH_TITLE, ZH_LEDE, *ZH_BODY), name="zh.txt")
    assert a.title == ZH_TITLE
    assert a.text.startswith(ZH_LEDE)
    assert "kicker" not in a.boilerplate_rules


def test_chinese_lede_without_a_sentence_end_is_measured_by_characters() -> None:
    # the line ends in no mark at all (a lede cut at a clause): only its length tells it from a kicker
    lede = ZH_LEDE.rstrip("。")
    a = article_from_text(_text(ZH_TITLE, lede, *ZH_BODY), name="zh.txt")
    assert a.text.startswith(lede)
    assert "kicker" not in a.boilerplate_rules


@pytest.mark.parametrize("lede", ["港湾局の·リマ局長が承認。", "港湾局の·リマ局長が承認！", "港湾局の·リマ局長が承認？",
                                  "リマ局長·「承認」", "リマ局長·『承認』"])
def test_short_japanese_lede_ending_in_a_cjk_mark_or_quote_stays(lede: str) -> None:
    # short enough to pass as a kicker by its length: the closing mark makes it a sentence
    a = article_from_text(_text(JA_TITLE, lede, *JA_BODY), name="ja.txt")
    assert a.text.startswith(lede), a.boilerplate_rules
    assert "kicker" not in a.boilerplate_rules


def test_thai_lede_with_a_bar_stays_in_the_text() -> None:
    lede = TH_LEDE.replace("·", " | ")
    a = article_from_text(_text(TH_TITLE, lede, *TH_BODY), name="th.txt")
    assert a.text.startswith(lede)
    assert "kicker" not in a.boilerplate_rules


def test_json_record_chinese_lede_stays() -> None:
    a = article_from_record({"title": ZH_TITLE, "text": _text(ZH_LEDE, *ZH_BODY)}, name="zh.json")
    assert a.text.startswith(ZH_LEDE)
    assert "kicker" not in a.boilerplate_rules


@pytest.mark.parametrize(("title", "kicker", "body"), [
    (ZH_TITLE, "国际·欧洲", [ZH_LEDE, *ZH_BODY]),
    (ZH_TITLE, "新闻 | 港口 | 交通", [ZH_LEDE, *ZH_BODY]),
    (JA_TITLE, "国際・経済 | ニュース", JA_BODY),
    (TH_TITLE, "ข่าว · เศรษฐกิจ", TH_BODY),
])
def test_short_cjk_and_thai_kickers_are_still_dropped(title: str, kicker: str, body: list[str]) -> None:
    a = article_from_text(_text(title, kicker, *body), name="k.txt")
    assert list(zip(a.boilerplate_rules, a.boilerplate, strict=True)) == [("title", title), ("kicker", kicker)]
    assert a.text.startswith(body[0])


def test_head_words_counts_spaced_text_as_before_and_unspaced_runs_by_length() -> None:
    for line in ("Wissen · Weltraum", "Por Ana Lima (Reuters) · 10:30", "Home | World | Europe"):
        assert _head_words(line) == len(line.split())
    assert _head_words("国际·欧洲") == 3  # 国际, ·, 欧洲
    assert _head_words(ZH_LEDE) > 8 >= len(ZH_LEDE.split())
    assert _head_words(TH_LEDE) > 8 >= len(TH_LEDE.split())
