"""False added claims of issue #19, helper diff28 (session 28): within a language written without spaces (Chinese), a
clause's support in the source is read on its pairs of characters too (``DiffConfig.unspaced_clause_support``), so
that two translations of one story, one writing the names in Latin letters, do not read every such sentence as an
added claim. The guard: a sentence inserted into the copy is still reported. Made-up texts only."""

from __future__ import annotations

from dataclasses import replace

from wiretrace import Article
from wiretrace.compare import Comparer
from wiretrace.diff import DiffConfig, diff
from wiretrace.diff.wording import _char_pairs

_SRC = ("市长王明周一在市政厅表示，这座新桥将于明年春天正式向公众开放。"
        "他说，市政府已经为这个耗资巨大的项目拨出了足够的资金。"
        "负责施工的工程师们表示，冬季的恶劣天气可能会推迟部分工程。"
        "当地居民对新桥的建成普遍表示欢迎，认为它将大大缩短上班的时间。")
_COPY = ("市长 Wang Ming 周一在 City Hall 说，这座新大桥会在明年春天正式对公众开放。"
         "Wang Ming 说，市政府已为这个耗资巨大的项目拨付了足够资金。"
         "负责施工的 Li Hua 工程师表示，冬季恶劣的天气可能会推迟部分工程。"
         "当地居民普遍欢迎新桥的建成，认为它将大大缩短上班所需的时间。")


def _added(c: Comparer, src: str, copy: str, cfg: DiffConfig | None = None) -> set[tuple[str, str | None]]:
    da = c.doc(Article(id="src", language="zh", text=src))
    db = c.doc(Article(id="copy", language="zh", text=copy))
    alignment, relation = c._relate(da, db)
    items = diff(da, db, alignment, replace(relation, source="a"), cfg or DiffConfig())
    return {(d.type, d.b_text) for d in items if d.op == "added"}


def test_char_pairs() -> None:
    assert _char_pairs("Wang Ming 说，新桥开放") == ["新桥", "桥开", "开放"]
    assert _char_pairs("no such script") == []


def test_a_sentence_said_with_latin_names_is_no_added_claim(lexical: Comparer) -> None:
    assert not _added(lexical, _SRC, _COPY)
    off = replace(DiffConfig(), unspaced_clause_support=False)
    assert ("claim", "市长 Wang Ming 周一在 City Hall 说，这座新大桥会在明年春天正式对公众开放。") in _added(
        lexical, _SRC, _COPY, off)


def test_an_inserted_sentence_is_still_added(lexical: Comparer) -> None:
    new = "Wang Ming 还说，Orient Steel 公司的老板上个月突然辞职了，董事会正在寻找继任者。"
    copy = _COPY.replace("Wang Ming 说，", new + "Wang Ming 说，")
    assert ("claim", new) in _added(lexical, _SRC, copy)
