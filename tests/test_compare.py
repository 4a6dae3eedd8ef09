from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrace import Article, article_from_text, compare
from wiretrace.compare import Comparer

SOURCE = "floods_original.txt"
FARM = "floods_farm.html"


def kinds(c) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return {(d.op, d.type) for d in c.diff}


def test_farm_copy_planted_changes(fixtures: Path, comparer: Comparer) -> None:
    c = comparer.compare(fixtures / SOURCE, fixtures / FARM)
    assert c.relation.source == "a"
    assert c.relation.kind in ("edited_copy", "rewrite")
    found = {(d.op, d.type, d.a_text, d.b_text) for d in c.diff}
    assert ("changed", "name", "Kowalczyk", "Kovalczik") in found
    assert ("added", "opinion", None, "a decision many residents rightly see as reckless") in found
    # the added figure is reported with its clause (issue #19: a figure in an unsupported clause)
    assert any(op == "added" and t == "number" and b and "3,000" in b for op, t, _, b in found)
    assert any(op == "dropped" and t == "number" and a.startswith("12") for op, t, a, _ in found if a)
    assert any(op == "dropped" and t == "quote" for op, t, _, _ in found)
    # format-only differences are not changes
    texts = " ".join(f"{d.a_text} {d.b_text}" for d in c.diff if d.type in ("number", "date"))
    assert "seven thousand" not in texts and "45" not in texts


def test_spans_point_at_the_reported_text(fixtures: Path, comparer: Comparer) -> None:
    c = comparer.compare(fixtures / SOURCE, fixtures / FARM)
    for d in c.diff:
        if d.a_span:
            assert c.a.text[d.a_span[0]:d.a_span[1]] == d.a_text
        if d.b_span:
            assert c.b.text[d.b_span[0]:d.b_span[1]] == d.b_text
    for p in c.alignment.pairs:
        assert 0 <= p.a_span[0] < p.a_span[1] <= len(c.a.text)
        assert 0 <= p.b_span[0] < p.b_span[1] <= len(c.b.text)


def test_order_flips_consistently(fixtures: Path, comparer: Comparer) -> None:
    ab = comparer.compare(fixtures / SOURCE, fixtures / FARM)
    ba = comparer.compare(fixtures / FARM, fixtures / SOURCE)
    assert ab.relation.kind == ba.relation.kind
    assert ba.relation.source == "b"
    assert abs(ab.relation.a_in_b - ba.relation.b_in_a) < 1e-9
    assert {(d.op, d.type, d.a_text, d.b_text) for d in ab.diff} == {
        (d.op, d.type, d.b_text, d.a_text) for d in ba.diff}


def test_self_compare_is_verbatim_with_empty_diff(fixtures: Path, lexical: Comparer) -> None:
    c = lexical.compare(fixtures / SOURCE, fixtures / SOURCE)
    assert c.relation.kind == "verbatim"
    assert c.diff == ()
    assert all(p.kind == "exact" for p in c.alignment.pairs)


sentence = st.lists(st.sampled_from(
    ["rain", "flooded", "homes", "Lisbon", "7,000", "said", "the", "minister", "on", "Monday", "river", "army",
     "sent", "300", "soldiers", "Kowalczyk", "schools", "closed", "roads", "IPMA"]), min_size=4, max_size=16)
article_text = st.lists(sentence.map(lambda ws: " ".join(ws).capitalize() + "."), min_size=2, max_size=8).map(
    lambda ss: " ".join(ss) + " " + "This sentence pads the text so that it is long enough to be an article. " * 3)


@settings(max_examples=25, deadline=None)
@given(article_text, article_text)
def test_properties_lexical(x: str, y: str) -> None:
    a, b = article_from_text(x, name="x"), article_from_text(y, name="y")
    same = compare(a, a, embedder=None)
    assert same.diff == ()
    ab, ba = compare(a, b, embedder=None), compare(b, a, embedder=None)
    assert ab.relation.kind == ba.relation.kind  # similarity is symmetric
    assert abs(ab.relation.a_in_b - ba.relation.b_in_a) < 1e-9
    assert 0.0 <= ab.relation.a_in_b <= 1.0 and 0.0 <= ab.relation.b_in_a <= 1.0


def test_json_contract(fixtures: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "wiretrace.cli", "compare", "--json",
                          str(fixtures / SOURCE), str(fixtures / FARM)],
                         capture_output=True, text=True, check=True, timeout=300).stdout
    d = json.loads(out)
    assert set(d) == {"a", "b", "relation", "alignment", "diff", "sentences"}
    for side in ("a", "b"):
        expected = {"id", "title", "date", "dateline", "credit", "byline", "language", "text", "boilerplate"}
        assert expected <= set(d[side])
    rel = d["relation"]
    assert rel["kind"] in {"verbatim", "edited_copy", "rewrite", "translation", "same_event", "unrelated"}
    assert set(rel["coverage"]) == {"a_in_b", "b_in_a"}
    assert rel["source"] in ("a", "b", None)
    assert isinstance(rel["source_probability"], float) and all(isinstance(e, str) for e in rel["evidence"])
    for p in d["alignment"]:
        assert p["kind"] in {"exact", "edited", "paraphrase", "translated"}
        assert len(p["a"]) == 2 and len(p["b"]) == 2 and isinstance(p["score"], float)
    for item in d["diff"]:
        assert item["op"] in {"added", "dropped", "changed"}
        assert item["type"] in {"number", "name", "date", "quote", "opinion", "boilerplate", "other"}
        assert set(item) >= {"a_text", "b_text", "a_span", "b_span"}


def test_terminal_report(fixtures: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "wiretrace.cli", "compare", str(fixtures / SOURCE),
                          str(fixtures / FARM)], capture_output=True, text=True, check=True, timeout=300,
                         env={"COLUMNS": "160", "PATH": ""}).stdout
    assert "source: a" in out
    assert "Kovalczik" in out and "opinion" in out


def test_unrelated_texts_share_nothing(lexical: Comparer) -> None:
    a = Article(id="a", text="Wheat prices rose in Chicago trading as dry weather hit the plains. " * 3)
    b = Article(id="b", text="The orchestra opened its season with a new symphony by a young composer. " * 3)
    c = lexical.compare(a, b)
    assert c.relation.kind == "unrelated" and c.relation.source is None and c.diff == ()


def test_inserted_aside_is_opinion_but_relative_clause_is_not(lexical: Comparer) -> None:
    base = ("The ministry said a compensation fund of 150 million zloty would be set up for fishermen, "
            "and that smaller boats could cross the site along marked corridors. ")
    pad = "Officials gave no date for the start of construction work on the turbines in the bay. " * 2
    src = article_from_text(base + pad, name="src")
    aside = base.replace("zloty would", "zloty, a token gesture by any honest measure, would")
    relative = base.replace("zloty would", "zloty, which the cabinet approved last week, would")
    c1 = lexical.compare(src, article_from_text(aside + pad, name="c1"))
    c2 = lexical.compare(src, article_from_text(relative + pad, name="c2"))
    assert ("added", "opinion", "a token gesture by any honest measure") in {(d.op, d.type, d.b_text) for d in c1.diff}
    assert not [d for d in c2.diff if d.type == "opinion"]


def test_across_languages_a_translated_name_is_not_a_change_but_a_misspelled_one_is() -> None:
    from wiretrace import Article, compare
    from wiretrace.compare import CompareConfig

    en = Article(id="en", language="en", date="2026-03-02T08:00:00Z", text=(
        "LISBON (Reuters) – Engineer Marta Kowalczyk said on Monday that the Lisbon tunnel would reopen.\n\n"
        "The Climate Institute said the work had cost 3.2 million euros.\n\n"
        "Kowalczyk said the crews worked through the night."))
    pt = Article(id="pt", language="pt", date="2026-03-02T14:00:00Z", text=(
        "LISBOA (Reuters) – A engenheira Marta Kovalczik disse na segunda-feira que o túnel de Lisboa vai reabrir.\n\n"
        "O Instituto do Clima disse que a obra custou 3,2 milhões de euros.\n\n"
        "Kovalczik disse que as equipas trabalharam durante a noite."))
    c = compare(en, pt, cfg=CompareConfig())
    names = [(d.op, d.a_text, d.b_text) for d in c.diff if d.type == "name"]
    assert ("changed", "Kowalczyk", "Kovalczik") in names
    assert not [n for n in names if n[1] in ("Lisbon", "Climate", "Institute")]
    assert not [d for d in c.diff if d.type in ("number", "date")]


def test_a_changed_figure_is_paired_only_with_a_figure_of_the_same_unit() -> None:
    from wiretrace import Article, compare
    from wiretrace.compare import CompareConfig

    body = ("HAMBURG (dpa) – The port operator said on Tuesday that {jobs} jobs would go by 2030.\n\n"
            "Crane drivers who now sit {cabin} would instead work from a control room{desks}.\n\n"
            "The conversion is to cost {cost} and the union called a strike for the coming week.\n\n"
            "Works council head Anke Thielsen said the staff had not been asked about the plan.")
    src = Article(id="src", language="en", date="2026-05-19T08:00:00Z", text=body.format(
        jobs="2,100", cabin="in cabins some 50 metres above the quay", desks="", cost="780 million euros"))
    cp = Article(id="cp", language="en", date="2026-05-19T10:00:00Z", text=body.format(
        jobs="2,400", cabin="in cabins above the quay", desks=" with 36 desks", cost="€910 million"))
    c = compare(src, cp, cfg=CompareConfig(embedder=None))
    numbers = {(d.op, d.a_text, d.b_text) for d in c.diff if d.type == "number"}
    # a dropped figure keeps its qualifier ("some 50"): the copy lost both
    assert numbers == {("changed", "2,100", "2,400"), ("dropped", "some 50", None), ("added", None, "36"),
                       ("changed", "780 million", "910 million")}

    pt = Article(id="pt", language="pt", date="2026-05-19T12:00:00Z", text=(
        "HAMBURGO (dpa) – O operador do porto disse na terça-feira que 2.400 postos de trabalho vão "
        "desaparecer até 2030.\n\n"
        "Os operadores de guindaste que hoje se sentam em cabines sobre o cais vão trabalhar numa sala de "
        "controlo com 36 mesas.\n\n"
        "A conversão vai custar 910 milhões de euros e o sindicato convocou uma greve para a próxima semana.\n\n"
        "A chefe da comissão de trabalhadores, Anke Thielsen, disse que o pessoal não foi consultado."))
    c = compare(src, pt, cfg=CompareConfig())
    assert c.relation.kind == "translation"
    numbers = {(d.op, d.a_text, d.b_text) for d in c.diff if d.type == "number"}
    assert numbers == {("changed", "2,100", "2.400"), ("dropped", "some 50", None), ("added", None, "36"),
                       ("changed", "780 million", "910 milhões")}


def test_a_sentence_dropped_inside_a_translated_quote_is_reported() -> None:
    from wiretrace import Article, compare
    from wiretrace.compare import CompareConfig

    en = Article(id="en", language="en", date="2026-05-20T08:00:00Z", text=(
        "HAMBURG (dpa) – Hundreds of dockworkers protested on Wednesday against the plan to automate the "
        "container terminal by 2030.\n\n"
        "\"Nobody asked the people who kept this terminal running,\" said union chairman Malte Brüggemann. "
        "\"These are not numbers on a spreadsheet. They are families in Wilhelmsburg and Harburg.\"\n\n"
        "The company said it would offer retraining to every worker whose job is automated."))
    quote = ("„Ninguém perguntou às pessoas que mantiveram este terminal a funcionar“, disse o presidente do "
             "sindicato, Malte Brüggemann. „{}São famílias em Wilhelmsburg e Harburg.“")
    text = ("HAMBURGO (dpa) – Centenas de estivadores protestaram na quarta-feira contra o plano de automatizar "
            "o terminal de contentores até 2030.\n\n{}\n\n"
            "A empresa disse que vai oferecer formação a todos os trabalhadores cujo posto for automatizado.")
    cut = Article(id="cut", language="pt", date="2026-05-20T12:00:00Z", text=text.format(quote.format("")))
    whole = Article(id="whole", language="pt", date="2026-05-20T12:00:00Z", text=text.format(
        quote.format("Estes não são números numa folha de cálculo. ")))
    cfg = CompareConfig()
    c = compare(en, cut, cfg=cfg)
    assert c.relation.kind == "translation"
    assert ("dropped", "quote", "These are not numbers on a spreadsheet.") in {
        (d.op, d.type, d.a_text) for d in c.diff}
    assert not [d for d in compare(en, whole, cfg=cfg).diff if d.type != "boilerplate"]
    lexical = compare(en, cut, cfg=CompareConfig(embedder=None))  # no embedder: no pieces, no error
    assert "These are not numbers on a spreadsheet." not in {d.a_text for d in lexical.diff}


def test_relation_alone_equals_the_comparisons_relation(fixtures: Path, comparer: Comparer) -> None:
    c = comparer.compare(fixtures / SOURCE, fixtures / FARM)
    assert comparer.relation(fixtures / SOURCE, fixtures / FARM) == c.relation
    assert comparer.relation(fixtures / FARM, fixtures / SOURCE).source == "b"
