"""A negation planted in a copy's first sentence that the diff reads as the source's title (issue #19, helper diff27,
session 27; ``DiffConfig.head_negations``): the sentence is no added claim (the source says it, as its title), but
the negation it has beyond the title is reported. The guard: the same head sentence with no negation added gives
no item. Made-up texts only; the default (offline) embedder reads the head sentence as the title."""

from __future__ import annotations

from dataclasses import replace

from wiretrace.compare import Comparer
from wiretrace.diff import DiffConfig
from wiretrace.records import Article

_TITLE = "The mayor of Porthaven is defending the plan to rebuild the old harbour wall"
_BODY = ("The council voted on Tuesday to rebuild the old harbour wall before the winter storms. The work will cost "
         "4 million pounds and take two years, officials said. Fishermen have asked for the wall for a decade. "
         "The harbour master said the ferries would keep to their winter timetable for now. Officials gave no date "
         "for the start of construction work.")


def _items(c: Comparer, head: str, cfg: DiffConfig | None = None) -> set[tuple[str, str, str | None, str | None]]:
    if cfg is not None:
        c = Comparer(replace(c.cfg, diff=cfg))
    # ids of their own: the session's comparer caches vectors by article id
    a = Article(id="diff27-head-src", text=_BODY, title=_TITLE, language="en")
    b = Article(id=f"diff27-head-copy-{len(head)}", text=head + "\n\n" + _BODY, language="en")
    return {(d.op, d.type, d.a_text, d.b_text) for d in c.compare(a, b, source="a").diff}


def test_a_negation_in_the_head_sentence_beyond_the_title_is_reported(comparer: Comparer) -> None:
    items = _items(comparer, "The mayor of Porthaven is no longer defending the plan to rebuild the old harbour wall.")
    assert any(op == "added" and typ == "negation" for op, typ, _, _ in items)
    assert not any(op == "added" and typ == "claim" for op, typ, _, _ in items)


def test_the_head_sentence_as_the_title_gives_no_item(comparer: Comparer) -> None:
    items = _items(comparer, "The mayor of Porthaven is defending the plan to rebuild the old harbour wall.")
    assert not {i for i in items if i[1] in ("negation", "claim", "other")}


def test_the_rule_off_reports_nothing(comparer: Comparer) -> None:
    off = replace(DiffConfig(), head_negations=False)
    items = _items(comparer, "The mayor of Porthaven is no longer defending the plan to rebuild the old harbour wall.",
                   off)
    assert not any(typ == "negation" for _, typ, _, _ in items)
