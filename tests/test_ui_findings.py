"""The pieces every face shares: grouped findings (what changed, first), readable times, and the SVG
pictures; and the screenshots the README links to."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from wiretrace.compare import Comparer
from wiretrace.records import Comparison
from wiretrace.report.findings import GROUPS, group_findings, group_of, row_anchor
from wiretrace.report.layout import side_by_side_rows
from wiretrace.report.pictures import graph_svg, site_chart_svg, story_marks, timeline_svg
from wiretrace.report.terminal import render_comparison
from wiretrace.report.when import after_source, gap, human_time, time_tag

ROOT = Path(__file__).parent.parent
FLOODS = ROOT / "examples" / "corpus" / "lisbon-floods"


@pytest.fixture(scope="module")
def farm(comparer: Comparer) -> Comparison:
    """The Lisbon floods source and its content-farm copy (machine-translated away and back)."""
    return comparer.compare(str(FLOODS / "original.txt"), str(FLOODS / "farm.html"))


# -- findings ------------------------------------------------------------------------------------
def test_findings_group_each_material_change_once_with_its_count(farm: Comparison) -> None:
    found = group_findings(farm)
    names = next(g for g in found.groups if g.key == "names")
    assert [(f.op, f.a_text, f.b_text, f.count) for f in names.findings] == [("changed", "Kowalczyk", "Kovalczik", 4)]
    assert names.count == 4 and "names 1 (×4)" in found.summary()
    keys = [g.key for g in found.groups]
    assert keys == [k for k in GROUPS if k in keys]  # the fixed order: numbers, names, dates, quotes, …
    assert {"numbers", "names", "quotes", "claims", "attribution"} <= set(keys)
    # every diff item is in exactly one place: a group (material) or the rewording (not)
    material = sum(d.count for d in farm.diff if d.material)
    assert sum(g.count for g in found.groups) == material
    assert sum(f.count for f in found.rewording) == sum(d.count for d in farm.diff if not d.material)
    assert len(found.rewording) > 20 and all(g.key == group_of(d) for g in found.groups for d in farm.diff
                                             if d.material and (d.op, d.type, d.a_text, d.b_text) in
                                             {(f.op, f.type, f.a_text, f.b_text) for f in g.findings})


def test_page_furniture_is_counted_apart_from_the_changes_that_matter(farm: Comparison) -> None:
    found = group_findings(farm)
    furniture = next(g for g in found.groups if g.key == "furniture")
    facts = sum(len(g.findings) for g in found.groups if g.key != "furniture")
    assert len(furniture.findings) >= 2 and found.material == facts
    summary = found.summary()
    assert summary.startswith(f"{facts} changes that matter: ")
    assert summary.endswith(f"; page furniture {len(furniture.findings)}")
    assert "page furniture" not in summary.split(";")[0]


def test_each_finding_links_to_the_row_that_holds_it(farm: Comparison) -> None:
    rows = side_by_side_rows(farm)
    found = group_findings(farm, rows)
    linked = [f for g in found.groups for f in g.findings if f.row is not None]
    assert len(linked) >= 7
    for f in linked:
        a_span, _label, _style, b_span = rows[f.row]  # type: ignore[index]
        text = ((farm.a.text[a_span[0]:a_span[1]] if a_span else "")
                + (farm.b.text[b_span[0]:b_span[1]] if b_span else ""))
        assert (f.a_text or f.b_text or "") in text, f
        assert f.anchor == row_anchor(f.row)  # type: ignore[arg-type]


def test_compare_in_the_terminal_leads_with_the_findings(farm: Comparison) -> None:
    out = io.StringIO()
    render_comparison(farm, Console(file=out, width=160, color_system=None))
    text = out.getvalue()
    assert text.index("what changed") < text.index("LISBON (Reuters)") < text.index("rewording:")
    assert text.count("Kovalczik") == 1 + 4  # once in the findings, then the four places in the side by side
    assert re.search(r"Kowalczyk\s.*Kovalczik\s.*×4", text)


# -- times ---------------------------------------------------------------------------------------
def test_times_read_as_people_write_them() -> None:
    assert human_time("2026-02-10T22:15:00Z") == "10 Feb 2026 22:15 UTC"
    assert human_time("2026-02-10") == "10 Feb 2026" and human_time(None) == human_time("garbage") == ""
    assert after_source("2026-02-13T17:30:00Z", "2026-02-10T22:15:00Z") == "2.8 days after the source"
    assert after_source("2026-02-10T19:15:00Z", "2026-02-10T22:15:00Z") == "3 h before the source"
    assert (gap(0), gap(40 * 60), gap(-5 * 3600)) == ("±0", "+40 min", "−5 h")
    tag = str(time_tag("2026-02-13T17:30:00Z", "2026-02-10T22:15:00Z"))
    assert 'datetime="2026-02-13T17:30:00Z"' in tag and "13 Feb 2026 17:30 UTC" in tag
    assert "2.8 days after the source" in tag and "2026-02-13T17:30:00Z</span>" in tag
    assert "no date" in str(time_tag(None)) and "&lt;b&gt;" in str(time_tag("<b>"))


# -- pictures ------------------------------------------------------------------------------------
def _node(aid: str, site: str | None, date: str | None, relation: str | None, copies: list[Any]) -> dict[str, Any]:
    return {"id": aid, "title": f"title {aid}", "site": site, "date": date, "path": None, "url": None,
            "relation": relation, "coverage": 1.0, "direction": "decided" if relation else None, "copies": copies}


STORY = {"id": 1, "size": 5, "links": [], "independent": [_node("i1", None, "2026-02-10T09:00:00Z", None, [])],
         "root": _node("r", "wire", "2026-02-10T10:00:00Z", None, [
             _node("c1", "<script>alert(1)</script>", "2026-02-10T12:00:00Z", "rewrite", [
                 _node("c2", "farm.example", None, "translation", [])]),
             _node("c3", "paper.example", "2026-02-13T05:12:00Z", "verbatim", [])])}


def test_story_pictures_have_one_mark_per_article_classed_by_relation() -> None:
    marks = story_marks(STORY)
    assert [(m.id, m.relation, m.depth) for m in marks] == [
        ("r", "source", 0), ("c1", "rewrite", 1), ("c2", "translation", 2), ("c3", "verbatim", 1),
        ("i1", "independent", 0)]
    tl = str(timeline_svg(marks, lambda aid: f"/articles/{aid}"))
    assert len(re.findall(r'<g class="mark rel-', tl)) == 5
    assert re.findall(r'class="mark rel-(\w+)" data-id="(\w+)"', tl)[0] == ("independent", "i1")  # by time
    assert "+2.8 days · verbatim" in tl and "translation, no date" in tl  # the gap in words, undated said so
    assert "<script>" not in tl and "&lt;script&gt;" in tl and 'href="/articles/c1"' in tl
    assert tl.count("<title>") == 5
    graph = str(graph_svg(marks, lambda aid: None))
    assert re.findall(r'<g class="node rel-(\w+)"', graph) == ["source", "rewrite", "translation", "verbatim",
                                                               "independent"]
    assert re.findall(r'<g class="edge rel-(\w+)"', graph) == ["rewrite", "translation", "verbatim"]
    assert "<a " not in graph  # no link function, no links
    assert ">title i1<" in graph and ">the source<" in graph  # no site: its title; the relation in words


def test_site_chart_splits_the_derived_part_by_source() -> None:
    rows = [{"site": "farm/x", "articles": 4, "derived_share": 0.75, "kinds": {}, "signals": {},
             "top_sources": [{"site": "AP (wire)", "articles": 2}, {"site": "<b>", "articles": 1}]},
            {"site": "AP (wire)", "articles": 8, "derived_share": 0.0, "kinds": {}, "signals": {}, "top_sources": []}]
    svg = str(site_chart_svg(rows, lambda s: f"/sites/{s}"))
    assert svg.count('<g class="site-bar"') == 2 and "3 of 4 derived (75%) · from AP (wire) 2, &lt;b&gt; 1" in svg
    assert 'class="bar src-0"' in svg and 'class="bar src-1"' in svg and "<b>" not in svg
    assert "0 of 8 derived (0%)" in svg


# -- screenshots ---------------------------------------------------------------------------------
def test_screenshots_are_in_docs_linked_from_the_readme_and_small() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shots = sorted((ROOT / "docs" / "screenshots").glob("*.png"))
    kinds = {p.stem.rsplit("-", 1)[0] for p in shots}
    assert {"stories", "story", "pair", "sites", "site", "article", "report"} <= kinds
    for p in shots:
        assert p.stem.endswith(("-desktop", "-mobile")) and p.stat().st_size < 200_000, p.name
        assert f"docs/screenshots/{p.name}" in readme, p.name
