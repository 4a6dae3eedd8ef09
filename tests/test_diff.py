"""diff: meaning words (negation, hedges, qualifiers, attribution), rewording apart (our own texts)."""

from __future__ import annotations

import numpy as np
import pytest

from diff_helpers import PAD, Found, found, translated
from wiretrace import article_from_text
from wiretrace.compare import Comparer
from wiretrace.cues import cue_words, negations
from wiretrace.diff import DiffConfig
from wiretrace.records import DiffItem


def test_a_dropped_negation_is_reported(lexical: Comparer) -> None:
    items = found(lexical, "The council said the government would not raise the harbour fees next year.",
                  "The council said the government would raise the harbour fees next year.")
    assert ("dropped", "negation", "would not", None) in items


def test_an_added_negation_with_a_curly_contraction_is_reported(lexical: Comparer) -> None:
    items = found(lexical, "The ferry operator said the new route is ready for the summer season.",
                  "The ferry operator said the new route isn\u2019t ready for the summer season.")
    assert ("added", "negation", None, "isn\u2019t") in items


def test_a_negation_said_another_way_is_no_change(lexical: Comparer) -> None:
    items = found(lexical, "The mayor did not approve the budget for the new harbour wall on Monday.",
                  "The mayor didn't approve the budget for the new harbour wall on Monday.")
    assert not [i for i in items if i[1] == "negation"]


def test_a_dropped_hedge_and_qualifier_are_reported(lexical: Comparer) -> None:
    items = found(lexical, "The storm may have damaged about 400 boats moored along the northern quay.",
                  "The storm damaged 400 boats moored along the northern quay.")
    assert ("dropped", "qualifier", "storm may", None) in items
    assert ("dropped", "qualifier", "about 400", None) in items
    assert not [i for i in items if i[1] == "number"]  # the figure itself is kept


def test_a_dropped_attribution_is_reported(lexical: Comparer) -> None:
    items = found(lexical, "Ticket prices will rise by a fifth in March, according to the ferry company.",
                  "Ticket prices will rise by a fifth in March.")
    assert any(op == "dropped" and t == "attribution" and a and "according to the ferry company" in a
               for op, t, a, _ in items)


def test_rewording_is_not_material_and_comes_after_findings(lexical: Comparer) -> None:
    src = "The harbour authority approved the plan for a new ferry terminal at a quiet meeting on Monday."
    copy = "The harbour authority backed the scheme for a new ferry terminal at a calm meeting on Monday."
    r = lexical.compare(article_from_text(src + PAD, name="s"), article_from_text(copy + PAD, name="c"))
    wording = [d for d in r.diff if d.type == "other"]
    assert wording and not any(d.material for d in wording)
    flags = [d.material for d in r.diff]
    assert flags == sorted(flags, reverse=True)  # material first
    assert all(d.to_dict()["material"] is d.material for d in r.diff)


@pytest.mark.parametrize(("text", "negs"), [
    ("he did not go", ["not"]), ("she didn\u2019t", ["not"]), ("it can't be", ["not"]),
    ("they never came", ["never"]), ("on display this week not the show", []),  # garbled, not a denial
    ("the team's not ready", ["not"]),
])
def test_negations(text: str, negs: list[str]) -> None:
    assert [t[0] for t in negations(cue_words(text))] == negs


def test_across_languages_facts_we_cannot_read_are_not_reported() -> None:
    """English vs Chinese: our readers have no Chinese number words or dates, so only digit figures are
    compared, each against every digit figure of the other side; a changed one is still reported."""
    from wiretrace import Article
    from wiretrace.compare import CompareConfig
    from wiretrace.compare import compare as cmp

    en = Article(id="en", language="en", text=(
        "The museum reopened on Sunday, November 11, after two years of repairs costing 48 million yuan.\n\n"
        "Four new halls show 1,200 objects from the old collection, the director said.\n\n"
        "Visitors queued for six hours, and 3,500 tickets were sold by noon."))
    zh = Article(id="zh", language="zh", text=(
        "博物馆在两年的维修后于11月11日星期日重新开放，维修费用为4800万元。\n\n"
        "馆长说，四个新展厅展出了旧藏品中的1200件文物。\n\n"
        "游客排队六个小时，中午前售出了3900张门票。"))
    c = cmp(en, zh, cfg=CompareConfig())
    assert c.relation.kind == "translation"
    facts = [(d.op, d.type, d.a_text, d.b_text) for d in c.diff if d.type in ("number", "date")]
    assert not [f for f in facts if f[2] in ("two", "Four", "six", "Sunday", "November 11")], facts
    assert any("3,500" in (f[2] or "") or "3900" in (f[3] or "") for f in facts), facts  # the change stays
    # "48 million" and "4800万" are one value: the scale character is read.
    assert not [f for f in facts if "48 million" in (f[2] or "") or "4800" in (f[3] or "")], facts


def test_a_name_misspelled_once_is_a_name_change(lexical: Comparer) -> None:
    src = ("Engineer Marta Kowalczyk opened the new lock on Monday. Kowalczyk said the gates would open twice "
           "a day. Residents thanked Kowalczyk for the work on the canal.")
    copy = ("Engineer Marta Kowalczyk opened the new lock on Monday. Kovalczik said the gates would open twice "
            "a day. Residents thanked Kowalczyk for the work on the canal.")
    assert ("changed", "name", "Kowalczyk", "Kovalczik") in found(lexical, src, copy)


def test_a_name_spelled_differently_throughout_is_one_change_with_its_count(lexical: Comparer) -> None:
    src = ("Engineer Marta Kowalczyk opened the new lock on Monday. Kowalczyk said the gates would open twice "
           "a day. Residents thanked Kowalczyk for the work on the canal.")
    r = lexical.compare(article_from_text(src + PAD, name="s"),
                        article_from_text(src.replace("Kowalczyk", "Kovalczik") + PAD, name="c"))
    names = [d for d in r.diff if d.type == "name"]
    assert len(names) == 1 and names[0].count == 3 and names[0].to_dict()["count"] == 3


# -- issue #19: clauses with no support in the source, figures with their clause, derived names, merges ----

STORY = ("The harbour authority approved the plan for a new ferry terminal at its meeting on Monday."
         " Work on the terminal will start in the spring and should take two years."
         " The ferry company welcomed the decision and said it would add a second boat to the route.")


def test_an_inserted_clause_with_no_opinion_word_is_a_claim(lexical: Comparer) -> None:
    copy = STORY.replace("The harbour authority approved",
                         "The harbour authority, which rents its offices from the railway company, approved")
    items = found(lexical, STORY, copy)
    assert ("added", "claim", None, "which rents its offices from the railway company") in items
    assert not [i for i in items if i[1] == "other" and i[0] == "added"]


def test_an_inserted_clause_with_an_opinion_word_stays_opinion(lexical: Comparer) -> None:
    copy = STORY.replace("The harbour authority approved",
                         "The harbour authority, in a shameful display of indifference, approved")
    items = found(lexical, STORY, copy)
    assert [i for i in items if i[0] == "added" and i[1] == "opinion"]
    assert not [i for i in items if i[1] == "claim"]


def test_a_clause_said_another_way_is_no_claim(lexical: Comparer) -> None:
    src = STORY.replace("The ferry company welcomed", "The ferry company, which owns the old pier, welcomed")
    copy = STORY.replace("The ferry company welcomed", "The ferry company, the owner of the old pier, welcomed")
    assert not [i for i in found(lexical, src, copy) if i[1] == "claim"]


def test_an_added_figure_is_reported_with_its_clause(lexical: Comparer) -> None:
    copy = STORY.replace("at its meeting on Monday.", "at its meeting on Monday, affecting nearly 900 island families.")
    items = found(lexical, STORY, copy)
    assert ("added", "number", None, "affecting nearly 900 island families") in items


def test_a_figure_changed_in_place_keeps_its_own_text(lexical: Comparer) -> None:
    copy = STORY.replace("should take two years", "should take three years")
    assert ("changed", "number", "two", "three") in found(lexical, STORY, copy)


def test_an_added_sentence_with_no_fact_or_cue_is_a_claim(lexical: Comparer) -> None:
    copy = STORY + " The terminal will be painted in the colours of the local rowing club."
    items = found(lexical, STORY, copy)
    assert ("added", "claim", None, "The terminal will be painted in the colours of the local rowing club.") in items


@pytest.mark.parametrize(("before", "after"), [
    ("Moscow\u2019s", "Moscow's"),  # curly vs straight apostrophe
    ("Moscow's", "Moscow"),  # possessive
    ("Korea's", "Korean"),  # a derived adjective
    ("Soviet-era", "Soviet"),  # a part of a compound
])
def test_a_derived_form_of_a_name_is_no_name_change(lexical: Comparer, before: str, after: str) -> None:
    src = f"The minister praised {before} new port rules at a press conference in the capital on Monday."
    copy = f"The minister praised {after} new port rules at a press conference in the capital on Monday."
    assert not [i for i in found(lexical, src, copy) if i[1] == "name"]


def test_a_misspelled_name_is_still_a_name_change_next_to_derived_forms() -> None:
    from wiretrace.diff import _derived, _name_key

    assert _name_key("Kowalczyk\u2019s") == _name_key("Kowalczyk's") == "kowalczyk"
    assert _derived("korea", "korean") and _derived("soviet-era", "soviet") and _derived("dakotans", "dakotas")
    assert not _derived("kowalczyk", "kovalczik") and not _derived("garrett", "garret")
    assert not _derived("rudolph", "rudolf")



def aligned(c: Comparer, src: str, copy: str, links: list[tuple[int, int]]) -> Found:
    """The diff of ``copy`` against ``src`` under a given one-to-one sentence alignment (an aligner that left
    a merged or split sentence out, as it does on real round trips)."""
    from dataclasses import replace

    from wiretrace.diff import diff
    from wiretrace.records import AlignedPair, Alignment

    da, db = c.doc(article_from_text(src, name="src")), c.doc(article_from_text(copy, name="copy"))
    pairs = []
    for i, j in links:
        sa, sb = da.sentences[i], db.sentences[j]
        pairs.append(AlignedPair((i,), (j,), (sa.start, sa.end), (sb.start, sb.end),
                                 "exact" if sa.text == sb.text else "edited", 1.0))
    relation = replace(c._relate(da, db)[1], kind="edited_copy", source="a")
    return {(d.op, d.type, d.a_text, d.b_text) for d in diff(da, db, Alignment(tuple(pairs), False), relation)}


MERGE_SRC = ("The harbour authority approved the plan for a new ferry terminal at its meeting on Monday."
             " The old wooden terminal will close for good."
             " Work on the new terminal will start in the spring and should take two years.")


def test_a_sentence_merged_into_its_neighbour_is_not_dropped(lexical: Comparer) -> None:
    copy = ("The harbour authority approved the plan for a new ferry terminal at its meeting on Monday,"
            " and the old wooden terminal will close for good."
            " Work on the new terminal will start in the spring and should take two years.")
    items = aligned(lexical, MERGE_SRC, copy, [(0, 0), (2, 1)])
    assert not [i for i in items if i[0] == "dropped"], items


def test_a_sentence_split_off_its_neighbour_is_not_added(lexical: Comparer) -> None:
    copy = ("The harbour authority approved the plan for a new ferry terminal."
            " It did so at its meeting on Monday."
            " The old wooden terminal will close for good."
            " Work on the new terminal will start in the spring and should take two years.")
    items = aligned(lexical, MERGE_SRC, copy, [(0, 0), (1, 2), (2, 3)])
    assert not [i for i in items if i[0] == "added" and i[3] and "It did so" in i[3]], items


def test_a_dropped_sentence_with_a_figure_is_still_dropped(lexical: Comparer) -> None:
    src = MERGE_SRC.replace("will close for good.", "will close for good, after 48 years of service.")
    copy = ("The harbour authority approved the plan for a new ferry terminal at its meeting on Monday,"
            " and the old wooden terminal will close for good."
            " Work on the new terminal will start in the spring and should take two years.")
    items = aligned(lexical, src, copy, [(0, 0), (2, 1)])
    assert ("dropped", "number", "The old wooden terminal will close for good, after 48 years of service.",
            None) in items, items


def test_a_dropped_sentence_is_dropped(lexical: Comparer) -> None:
    copy = ("The harbour authority approved the plan for a new ferry terminal at its meeting on Monday."
            " Work on the new terminal will start in the spring and should take two years.")
    items = aligned(lexical, MERGE_SRC, copy, [(0, 0), (2, 1)])
    assert ("dropped", "other", "The old wooden terminal will close for good.", None) in items, items


def test_a_sentence_of_no_words_is_not_dropped(lexical: Comparer) -> None:
    # a zero-width non-joiner, which ingest keeps (it spells Persian and Indic words; a zero-width space it drops)
    src = MERGE_SRC.replace(" The old wooden", "\n\n\u200c\n\nThe old wooden")
    da = lexical.doc(article_from_text(src, name="src"))
    blank = [k for k, s in enumerate(da.sentences) if not s.text.strip("\u200c ")]
    assert blank, [s.text for s in da.sentences]  # a paragraph of an invisible character is a "sentence"
    items = aligned(lexical, src, src, [(k, k) for k in range(len(da.sentences)) if k not in blank])
    assert not [i for i in items if i[0] == "dropped"], items


def test_both_dropped_is_no_figure_change(lexical: Comparer) -> None:
    src = "The new terminal will serve both the island ferries and the coastal boats from next spring."
    copy = "The new terminal will serve the island ferries and the coastal boats from next spring."
    assert not [i for i in found(lexical, src, copy) if i[1] == "number"]


def test_both_added_is_no_figure_change(lexical: Comparer) -> None:
    src = "The new terminal will serve the island ferries and the coastal boats from next spring."
    copy = "The new terminal will serve both the island ferries and the coastal boats from next spring."
    assert not [i for i in found(lexical, src, copy) if i[1] == "number"]


def test_both_changed_to_a_count_is_reported(lexical: Comparer) -> None:
    src = "The new terminal will serve both the island ferries and the coastal boats from next spring."
    copy = "The new terminal will serve three of the island ferries and the coastal boats from next spring."
    assert [i for i in found(lexical, src, copy) if i[1] == "number"]


def test_a_hedge_said_with_could_is_kept_and_one_made_certain_is_not(lexical: Comparer) -> None:
    src = "Officials warned that the old pier may close before the summer season begins."
    kept = found(lexical, src, "Officials warned that the old pier could close before the summer season begins.")
    assert not [i for i in kept if i[1] == "qualifier"], kept
    lost = found(lexical, src, "Officials warned that the old pier will close before the summer season begins.")
    assert ("dropped", "qualifier", "pier may", None) in lost


def test_a_capitalised_verb_in_a_name_is_no_attribution(lexical: Comparer) -> None:
    src = "Ferry tickets bought in the United States will be valid on the new route from March."
    copy = "Ferry tickets bought in America will be valid on the new route from March."
    assert not [i for i in found(lexical, src, copy) if i[1] == "attribution"]


def test_two_ordinary_words_are_no_name_change(lexical: Comparer) -> None:
    src = "Visitors to the Harbour Theatre can now buy ferry tickets at the box office."
    copy = "Visitors to the Harbour Theater can now buy ferry tickets at the box office."
    assert not [i for i in found(lexical, src, copy) if i[1] == "name"]


def test_a_name_and_its_possessive_spelled_differently_are_one_change(lexical: Comparer) -> None:
    src = ("Engineer Marta Kowalczyk opened the new lock on Monday. The lock was Kowalczyk's idea, and "
           "residents thanked Kowalczyk for it.")
    copy = src.replace("Kowalczyk's", "Kovalczik's").replace("Kowalczyk", "Kovalczik")
    r = lexical.compare(article_from_text(src + PAD, name="s"), article_from_text(copy + PAD, name="c"))
    names = [d for d in r.diff if d.type == "name"]
    assert len(names) == 1 and names[0].count == 3, names


def test_a_name_misspelled_once_where_the_passage_keeps_it_right_once_is_a_change(lexical: Comparer) -> None:
    src = ("Mayor Halvorsen opened the new quay on Monday, and Halvorsen said the ferries would call twice a day"
           " from the start of the summer season.")
    copy = src.replace("Mayor Halvorsen", "Mayor Halworsen")
    assert ("changed", "name", "Halvorsen", "Halworsen") in found(lexical, src, copy)


# -- session 10 (issue #19): what the diff invented on real translations and round trips --------------

def test_a_german_weekday_with_its_part_of_the_day_is_a_date() -> None:
    from wiretrace.segment.dates import find_dates

    assert [k for _a, _b, k in find_dates("Die Fähre legte am Donnerstagabend wieder ab.", "de")] == ["wd:3"]
    assert [k for _a, _b, k in find_dates("Sonntagmorgens ist der Markt geschlossen.", "de")] == ["wd:6"]
    assert [k for _a, _b, k in find_dates("Le marché rouvre aujourd\u2019hui.", "fr")] == ["rel:0"]


def test_a_weekday_and_a_clock_time_said_the_other_language_s_way_are_kept(lexical: Comparer) -> None:
    de = ("Die neue Fähre legte am Donnerstagabend zum ersten Mal in Kiel ab. Der Hafen öffnet heute um "
          "19 Uhr für Besucher.")
    fr = ("Le nouveau ferry a quitté Kiel pour la première fois jeudi soir. Le port ouvre aujourd\u2019hui à "
          "19 heures aux visiteurs.")
    items = translated(lexical, ("de", de), ("fr", fr), [(0, 0), (1, 1)])
    assert not [i for i in items if i[1] in ("date", "number")], items


def test_a_changed_weekday_across_languages_is_still_reported(lexical: Comparer) -> None:
    de = "Die neue Fähre legte am Donnerstagabend zum ersten Mal in Kiel ab."
    fr = "Le nouveau ferry a quitté Kiel pour la première fois mardi soir."
    items = translated(lexical, ("de", de), ("fr", fr), [(0, 0)])
    assert [i for i in items if i[1] == "date"], items


@pytest.mark.parametrize(("a", "b"), [
    ("raschenko", "rachenko"), ("ostritsch", "ostrich"), ("marcinelle", "marsinelle"),
    ("valdoumbre", "valdumbre"), ("valmorena", "valmoren"), ("nordhafen-kreis", "nordhafen"),
    ("kielfest", "kiel"),
])
def test_a_name_in_another_language_s_spelling_is_transliterated(a: str, b: str) -> None:
    from wiretrace.diff import _transliterated

    assert _transliterated(a, b)


@pytest.mark.parametrize(("a", "b"), [("zamora", "samora"), ("halvorsen", "halworsten"), ("kesto", "kosto"),
                                      ("brandowska", "brandovska"), ("morella", "morela"),
                                      ("pestana", "pestanna")])
def test_a_name_spelled_with_another_consonant_is_no_transliteration(a: str, b: str) -> None:
    from wiretrace.diff import _transliterated

    assert not _transliterated(a, b)


def test_a_transliterated_name_across_languages_is_no_name_change(lexical: Comparer) -> None:
    de = "Der Bürgermeister Anton Raschenko eröffnete die neue Brücke über die Oder."
    fr = "Le maire Anton Rachenko a inauguré le nouveau pont sur l'Oder."
    items = translated(lexical, ("de", de), ("fr", fr), [(0, 0)])
    assert not [i for i in items if i[1] == "name"], items


def test_a_preposition_a_translation_turned_into_not_is_no_negation(lexical: Comparer) -> None:
    src = "The plans for the new ferry terminal were on display in the town hall all week."
    garbled = "The plans for the new ferry terminal were not display in the town hall all week."
    assert not [i for i in found(lexical, src, garbled) if i[1] == "negation"]
    denied = "The plans for the new ferry terminal were not on display in the town hall all week."
    assert ("added", "negation", None, "were not") in found(lexical, src, denied)


def test_opinion_words_of_a_translation_from_a_language_without_cue_lists_are_not_inserted_comment(
        lexical: Comparer) -> None:
    ru = "Мэр, конечно, открыл новый мост через реку в субботу."
    en = "The mayor, of course, opened the new bridge over the river on Saturday."
    items = translated(lexical, ("ru", ru), ("en", en), [(0, 0)])
    assert not [i for i in items if i[1] == "opinion"], items


def test_a_distance_a_translator_converted_is_kept(lexical: Comparer) -> None:
    fr = "La tempête a laissé une trace de destruction longue de 160 kilomètres le long de la côte."
    de = "Der Sturm hinterließ eine Schneise der Zerstörung von 100 Meilen entlang der Küste."
    items = translated(lexical, ("fr", fr), ("de", de), [(0, 0)])
    assert not [i for i in items if i[1] == "number"], items
    wrong = "Der Sturm hinterließ eine Schneise der Zerstörung von 300 Meilen entlang der Küste."
    assert [i for i in translated(lexical, ("fr", fr), ("de", wrong), [(0, 0)]) if i[1] == "number"]


def test_a_round_number_rounded_the_other_language_s_way_is_kept(lexical: Comparer) -> None:
    fr = "La ville veut ouvrir une dizaine de nouvelles crèches avant la fin de la décennie."
    de = "Die Stadt will vor Ende des Jahrzehnts ein Dutzend neue Kitas eröffnen."
    items = translated(lexical, ("fr", fr), ("de", de), [(0, 0)])
    assert not [i for i in items if i[1] == "number"], items


def test_a_russian_figure_with_an_abbreviated_scale_matches_its_translation(lexical: Comparer) -> None:
    ru = "За неделю музей посетили 42 тыс. человек, сообщила дирекция."
    en = "The museum had 42,000 visitors in the week, the management said."
    items = translated(lexical, ("ru", ru), ("en", en), [(0, 0)])
    assert not [i for i in items if i[1] == "number"], items


RUN_SRC = ("Neue Fähre für Kiel\n\nDie neue Fähre legte am Donnerstag zum ersten Mal ab. Sie bietet Platz für "
           "zweihundert Fahrgäste.\n\nPreise und Fahrplan\n\nEine einfache Fahrt kostet vier Euro. Die Fähre "
           "fährt jede halbe Stunde.")
RUN_COPY = ("Un nouveau ferry pour Kiel Le nouveau ferry a appareillé jeudi pour la première fois. Il peut "
            "accueillir deux cents passagers. Prix et horaires Un aller simple coûte quatre euros. Le ferry "
            "part toutes les demi-heures.")


def test_a_copy_that_ran_its_paragraphs_together_keeps_title_and_subheadings(lexical: Comparer) -> None:
    from wiretrace import article_from_text

    da = lexical.doc(article_from_text(RUN_SRC, name="src"))
    db = lexical.doc(article_from_text(RUN_COPY, name="copy"))
    assert da.article.title and not db.article.title and "\n" not in db.article.text
    heading = next(s.index for s in da.sentences if s.text.startswith("Preise"))
    body_s = [s.index for s in da.sentences if s.index != heading]
    body_c = [s.index for s in db.sentences][-len(body_s):]
    from dataclasses import replace

    from wiretrace.diff import diff
    from wiretrace.records import AlignedPair, Alignment

    pairs = tuple(AlignedPair((i,), (j,), (da.sentences[i].start, da.sentences[i].end),
                              (db.sentences[j].start, db.sentences[j].end), "translated", 0.8)
                  for i, j in zip(body_s, body_c, strict=True))
    relation = replace(lexical._relate(da, db)[1], kind="translation", source="a")
    items = diff(da, db, Alignment(pairs, False), relation)
    assert not [d for d in items if d.op in ("added", "dropped")], items


def test_a_sentence_a_translation_merged_into_its_neighbour_is_not_dropped(comparer: Comparer) -> None:
    """Across languages the merge is read with the embedder: the passage with the sentence joined is closer
    to its translation than the passage alone; a sentence the translation really left out is not."""
    from dataclasses import replace

    from wiretrace import Article
    from wiretrace.diff import diff
    from wiretrace.embed import centre
    from wiretrace.records import AlignedPair, Alignment

    de = ("Die Stadt Kiel hat am Montag eine neue Fähre in Dienst gestellt. Ein Motorschaden hatte den Start "
          "verzögert. Die Fähre bietet Platz für zweihundert Fahrgäste und fährt jede halbe Stunde. "
          "Der Bürgermeister lobte das Projekt.")
    merged = ("La ville de Kiel a mis en service lundi un nouveau ferry, dont le départ avait été retardé par "
              "une panne de moteur. Le ferry peut accueillir deux cents passagers et part toutes les "
              "demi-heures. Le maire a salué le projet.")
    dropped = ("La ville de Kiel a mis en service lundi un nouveau ferry. Le ferry peut accueillir deux cents "
               "passagers et part toutes les demi-heures. Le maire a salué le projet.")
    model = comparer.model("de", "fr")
    assert model is not None

    def embed(texts: list[str], language: str | None) -> np.ndarray:
        return centre(model, model.encode(texts), language)

    def items(copy: str) -> Found:
        da = comparer.doc(Article(id="src", language="de", text=de))
        db = comparer.doc(Article(id="copy", language="fr", text=copy))
        links = [(0, 0), (2, 1), (3, 2)]
        pairs = tuple(AlignedPair((i,), (j,), (da.sentences[i].start, da.sentences[i].end),
                                  (db.sentences[j].start, db.sentences[j].end), "translated", 0.8)
                      for i, j in links)
        relation = replace(comparer._relate(da, db)[1], kind="translation", source="a")
        return {(d.op, d.type, d.a_text, d.b_text)
                for d in diff(da, db, Alignment(pairs, True), relation, embed=embed)}

    assert not [i for i in items(merged) if i[0] == "dropped"]
    assert [i for i in items(dropped) if i[0] == "dropped"]


def test_an_attribution_moved_to_the_next_sentence_is_kept_and_a_dropped_one_reported(lexical: Comparer) -> None:
    src = ('"We will open the new quay in May, and the ferries will call there twice a day," Ames said. '
           '"The old pier closes."')
    moved = ('"We will open the new quay in May, and the ferries will call there twice a day." '
             '"The old pier closes," Ames said.')
    assert not [i for i in found(lexical, src, moved) if i[1] == "attribution"]
    src2 = "The ferries will call at the new quay twice a day from May, he said. The old pier closes."
    lost = "The ferries will call at the new quay twice a day from May. The old pier closes, he said."
    assert [i for i in found(lexical, src2, lost) if i[1] == "attribution" and i[0] == "dropped"]


def test_an_added_figure_is_reported_with_its_currency_sign_and_qualifier(lexical: Comparer) -> None:
    items = found(lexical, "The port authority approved the new crane for the container terminal on the east quay.",
                  "The port authority approved the new crane for about $12 million for the container terminal on "
                  "the east quay.")
    assert ("added", "number", None, "about $12 million") in items


def test_a_dropped_figure_is_reported_with_its_currency_sign(lexical: Comparer) -> None:
    items = found(lexical, "The island council set aside \u20ac300,000 for the repairs to the old lighthouse.",
                  "The island council set aside money for the repairs to the old lighthouse.")
    assert ("dropped", "number", "\u20ac300,000", None) in items


def test_a_qualifier_before_an_article_is_reported_dropped(lexical: Comparer) -> None:
    items = found(lexical, "The new ferry makes the crossing to the island about a 40-minute trip in calm weather.",
                  "The new ferry makes the crossing to the island a 40-minute trip in calm weather.")
    assert [i for i in items if i[:2] == ("dropped", "qualifier") and i[2] and i[2].startswith("about a 40")]


def test_a_bare_not_in_the_source_is_a_negation(lexical: Comparer) -> None:
    src = "While not ready for the summer crowds, the new pier will open to walkers in June."
    dropped = found(lexical, src,
                    "Although it is ready for the summer crowds, the new pier will open to walkers in June.")
    assert [i for i in dropped if i[:2] == ("dropped", "negation")]
    kept = found(lexical, src, "Although not ready for the summer crowds, the new pier will open to walkers in June.")
    assert not [i for i in kept if i[1] == "negation"]


def test_a_garbled_not_in_the_copy_does_not_keep_a_dropped_negation(lexical: Comparer) -> None:
    items = found(lexical, "The mayor met the fishermen last week but has not signed the new harbour plan.",
                  "The mayor met the fishermen not last week but has signed the new harbour plan.")
    assert [i for i in items if i[:2] == ("dropped", "negation")]


def _diff_items(c: Comparer, src: str, copy: str) -> list[DiffItem]:
    from dataclasses import replace

    from wiretrace.diff import diff

    da, db = c.doc(article_from_text(src + PAD, name="src")), c.doc(article_from_text(copy + PAD, name="copy"))
    alignment, relation = c._relate(da, db)
    return list(diff(da, db, alignment, replace(relation, source="a")))


def test_a_dropped_sentence_with_a_figure_outside_its_quote_is_a_figure(lexical: Comparer) -> None:
    """Team decision (issue #19): a sentence dropped or added that carries a figure is a `number` item,
    the figure inside a quotation or not; the item says it was quoted."""
    lead = "The old theatre on the quay reopens next week after a long refit. "
    title = '"The Quiet Harbour" opened at the old theatre in 1994 to full houses for a month. '
    spoken = '"We sold 300 tickets on the first night of the run," the manager of the theatre said. '
    items = found(lexical, lead + title + spoken, lead)
    assert [i for i in items if i[:2] == ("dropped", "number") and i[2] and "1994" in i[2]]
    assert [i for i in items if i[:2] == ("dropped", "number") and i[2] and "300 tickets" in i[2]]
    assert not [i for i in items if i[1] == "quote"]


def test_a_dropped_or_added_quoted_figure_is_a_number_that_says_it_was_quoted(lexical: Comparer) -> None:
    lead = "The old theatre on the quay reopens next week after a long refit. "
    spoken = '"We sold 300 tickets on the first night of the run," the manager of the theatre said. '
    plain = "The council paid for the new roof and the seats in the stalls last winter. "
    dropped = [d for d in _diff_items(lexical, lead + spoken + plain, lead + plain) if d.op == "dropped"]
    assert [(d.type, d.quoted) for d in dropped] == [("number", True)]
    assert dropped[0].to_dict()["quoted"] is True
    added = [d for d in _diff_items(lexical, lead + plain, lead + spoken + plain) if d.op == "added"]
    assert [(d.type, d.quoted) for d in added] == [("number", True)]


def test_a_dropped_quote_without_a_figure_stays_a_quote(lexical: Comparer) -> None:
    lead = "The old theatre on the quay reopens next week after a long refit. "
    spoken = '"We have waited for this night since the roof came down," the manager of the theatre said. '
    fact = "The roof of the old theatre on the quay came down in the storms of 1994 after years of neglect. "
    dropped = [d for d in _diff_items(lexical, lead + spoken + fact, lead + fact) if d.op == "dropped"]
    assert [(d.type, d.quoted) for d in dropped] == [("quote", True)]
    dropped = [d for d in _diff_items(lexical, lead + spoken + fact, lead + spoken) if d.op == "dropped"]
    assert [(d.type, d.quoted) for d in dropped] == [("number", False)]


def test_a_not_kept_in_place_keeps_the_negation_when_its_auxiliary_is_garbled(lexical: Comparer) -> None:
    items = found(lexical, "The fishermen do not support the new harbour plan drawn up by the council.",
                  "The fishermen of not support the new harbour plan drawn up by the council.")
    assert not [i for i in items if i[1] == "negation"]


def test_a_sentence_merged_into_its_neighbour_without_its_attribution_loses_the_attribution(
        lexical: Comparer) -> None:
    """The copy joins the source's second sentence to its first and leaves out who said it: what it lost
    is the attribution, not the sentence."""
    from dataclasses import replace

    from wiretrace.diff import diff
    from wiretrace.records import AlignedPair, Alignment

    src = ("The new quay on the east side of the harbour opens in May after two years of work. "
           "The ferries from the island will call there twice a day in summer, a spokesman for the port said.")
    copy = ("The new quay on the east side of the harbour opens in May after two years of work, and the ferries "
            "from the island will call there twice a day in summer.")
    da, db = lexical.doc(article_from_text(src, name="src")), lexical.doc(article_from_text(copy, name="copy"))
    assert len(da.sentences) == 2 and len(db.sentences) == 1
    pair = AlignedPair((0,), (0,), (da.sentences[0].start, da.sentences[0].end),
                       (db.sentences[0].start, db.sentences[0].end), "edited", 0.7)
    relation = replace(lexical._relate(da, db)[1], source="a")
    items = {(d.op, d.type, d.a_text) for d in diff(da, db, Alignment((pair,), False), relation)}
    assert ("dropped", "attribution", "port said") in items
    assert not [i for i in items if i[0] == "dropped" and i[1] != "attribution"]


def test_words_only_added_outside_a_quote_are_a_claim(lexical: Comparer) -> None:
    """Their words are in the next sentences, so no clause of them is unsupported, but four or more words
    the source does not carry at that place are content the copy added: a claim, not a word swap."""
    items = found(lexical, "The council said the new quay on the east side of the harbour opens in May.",
                  "The council said the new quay on the east side of the harbour opens in May for the ferries and "
                  "their winter timetable.")
    assert ("added", "claim", None, "for the ferries and their winter timetable") in items


def test_a_clause_set_off_by_commas_in_place_of_a_word_is_added_content(lexical: Comparer) -> None:
    """Its words are all in the next sentences (so no clause of it is unsupported), but a word swapped for
    a passage holding a whole clause between commas is an inserted aside, not rewording."""
    src = "Earlier that week the council closed the old pier to walkers and anglers."
    items = found(lexical, src, "Sooner, which keeps the ferries to their winter timetable, that week the council "
                                "closed the old pier to walkers and anglers.")
    assert [i for i in items if i[1] == "claim" and i[3] and "winter timetable" in i[3]]
    reworded = found(lexical, src, "Sooner that week the council shut the old pier to walkers and anglers.")
    assert not [i for i in reworded if i[1] == "claim"]


def test_a_name_the_source_writes_once_at_a_sentence_start_is_a_changed_name(lexical: Comparer) -> None:
    """At a sentence's start a capital says nothing, so the segmenter makes no name of "Halvorsen" there;
    the copy's other spelling is still a changed name, not a word swap."""
    lead = "The new ferries will run from the spring, the harbour office said on Monday. "
    items = found(lexical, lead + "Halvorsen and two other yards will build the hulls for the smaller boats.",
                  lead + "Halworsen and two other yards will build the hulls for the smaller boats.")
    assert ("changed", "name", "Halvorsen", "Halworsen") in items
    reworded = found(lexical, lead + "However, two other yards will build the hulls for the smaller boats.",
                     lead + "But two other yards will build the hulls for the smaller boats.")
    assert not [i for i in reworded if i[1] == "name"]


def test_a_date_changed_to_one_the_story_names_elsewhere_is_a_changed_date(lexical: Comparer) -> None:
    """The copy's "Thursday" occurs further down in the source too, so the date set of the article does not
    tell; within the passage a weekday took another weekday's place."""
    src = ("The storm brought heavy rain to the coast on Tuesday and more was expected on Wednesday. "
           "The ferries will run again on Thursday morning, the harbour master said.")
    items = found(lexical, src, src.replace("on Wednesday", "on Thursday"))
    assert ("changed", "date", "Wednesday", "Thursday") in items
    same = found(lexical, src, src.replace("on Wednesday. The", "on Wednesday, and the"))
    assert not [i for i in same if i[1] == "date"]


def test_a_merged_sentence_that_lost_a_long_attribution_loses_the_attribution(lexical: Comparer) -> None:
    """"according to a group representing the island's fishermen" is most of the sentence's words: read
    with them, the merged sentence looks dropped; its words are weighed without the attribution it lost."""
    from dataclasses import replace

    from wiretrace.diff import diff
    from wiretrace.records import AlignedPair, Alignment

    src = ("More than 400 boats stayed in port on Monday, according to a group representing the island's "
           "fishermen and boat owners. About half of the northern quay was closed to walkers.")
    copy = ("More than 400 boats stayed in port on Monday, and about half of the northern quay was closed "
            "to walkers.")
    da = lexical.doc(article_from_text(src + PAD, name="src"))
    db = lexical.doc(article_from_text(copy + PAD, name="copy"))
    assert len(da.sentences) == 4 and len(db.sentences) == 3
    pairs = [AlignedPair((1,), (0,), (da.sentences[1].start, da.sentences[1].end),
                         (db.sentences[0].start, db.sentences[0].end), "edited", 0.5)]
    pairs += [AlignedPair((k + 1,), (k,), (da.sentences[k + 1].start, da.sentences[k + 1].end),
                          (db.sentences[k].start, db.sentences[k].end), "exact", 1.0) for k in (1, 2)]
    relation = replace(lexical._relate(da, db)[1], source="a")
    items = {(d.op, d.type, d.a_text) for d in diff(da, db, Alignment(tuple(pairs), False), relation)}
    assert [i for i in items if i[:2] == ("dropped", "attribution") and i[2] and "fishermen" in i[2]]
    assert not [i for i in items if i[0] == "dropped" and i[1] != "attribution"]


def test_a_clause_set_off_by_commas_inside_a_reworded_passage_is_added_content(lexical: Comparer) -> None:
    """The copy rewords three words around the clause it inserts: still an inserted aside (its words are
    nowhere in the source passage), not rewording; a reworded clause between commas stays rewording."""
    src = "On Friday the harbour office said the old pier would close to walkers and anglers next month."
    items = found(lexical, src, "On Friday the port authority, which has offices in several countries, told us "
                                "the old pier would close to walkers and anglers next month.")
    assert [i for i in items if i[1] == "claim" and i[3] and "offices in several countries" in i[3]]
    reworded = found(lexical, src, "On Friday the port office, which said the old pier would close, told "
                                   "walkers and anglers next month.")
    assert not [i for i in reworded if i[1] == "claim"]


# -- session 12 (issue #19): differences the diff invented on the untouched round trips ------------

@pytest.mark.parametrize(("src", "copy"), [
    ("The board said the ferry company did not intend to raise its fares this winter.",
     "The board said the ferry company had no intention to raise its fares this winter."),
    ("The harbour master said no one would be allowed onto the old pier after dark.",
     "The harbour master said nobody would be allowed onto the old pier after dark."),
    ("It is unclear how many boats the storm damaged along the northern quay last night.",
     "It is not clear how many boats the storm damaged along the northern quay last night."),
    ("Several rounds of talks have been held but a lasting deal has yet to be agreed by the two ports.",
     "Several rounds of talks have been held but a lasting deal has not yet been agreed by the two ports."),
    ("The council failed to answer the fishermen's letter about the new harbour fees.",
     "The council did not answer the fishermen's letter about the new harbour fees."),
])
def test_a_negation_said_another_way_is_kept(lexical: Comparer, src: str, copy: str) -> None:
    assert not [i for i in found(lexical, src, copy) if i[1] == "negation"]


def test_a_negation_said_another_way_does_not_hide_one_dropped(lexical: Comparer) -> None:
    """A "no" the source has too covers nothing: the dropped "not" is still reported."""
    items = found(lexical, "The mayor said no to the plan and did not sign the new harbour budget.",
                  "The mayor said no to the plan and did sign the new harbour budget.")
    assert [i for i in items if i[:2] == ("dropped", "negation")]


def test_a_preposition_a_translation_turned_into_no_keeps_nothing(lexical: Comparer) -> None:
    """A copy's "no" standing where the source has "in" (Portuguese "no" = "in the") covers no negation."""
    items = found(lexical, "The harbour board did not publish its report in the spring, officials said.",
                  "The harbour board did publish its report no spring, officials said.")
    assert [i for i in items if i[:2] == ("dropped", "negation")]


@pytest.mark.parametrize(("src", "copy"), [
    ('"I have no boat any more and I do not need one," he told Cook.',
     '"I have no boat any more and I do not need one," he told CookYou.'),
    ("Harbour pilot Storm Filsaimewith took the ferry out at dawn.",
     "Harbour pilot Storm Filsaime with took the ferry out at dawn."),
])
def test_a_name_with_a_common_word_glued_on_is_no_name_change(lexical: Comparer, src: str, copy: str) -> None:
    assert not [i for i in found(lexical, src, copy) if i[1] == "name"]


def test_a_name_with_an_ending_that_makes_another_name_is_still_a_change(lexical: Comparer) -> None:
    items = found(lexical, "The ferry captain Anna Halvor praised the crew of the new boat on Monday.",
                  "The ferry captain Anna Halvorson praised the crew of the new boat on Monday.")
    assert ("changed", "name", "Halvor", "Halvorson") in items


def test_an_opinion_word_the_source_writes_in_a_compound_or_another_form_is_not_inserted(lexical: Comparer) -> None:
    items = found(lexical, "The new 2.0-litre naturally-aspirated engine drew ridicule from the harbour crews.",
                  "The new 2.0-litre engine, naturally aspirated, drew ridiculous comments from the harbour crews.")
    assert not [i for i in items if i[1] == "opinion"]


def test_a_headline_one_article_reads_as_its_first_sentence_and_the_other_as_its_title_is_kept(
        comparer: Comparer) -> None:
    """One article's headline is its first body sentence (no title of its own), the other's is its title: the
    sentence is carried there, not dropped; a sentence really left out is still dropped."""
    from dataclasses import replace

    from wiretrace import Article
    from wiretrace.diff import diff
    from wiretrace.embed import centre

    model = comparer.model("en", "en")
    assert model is not None

    def embed(texts: list[str], language: str | None) -> np.ndarray:
        return centre(model, model.encode(texts), language)

    head = "Kiel ferry line opens new route to the islands after long delay"
    body = ["The city of Kiel opened a new ferry route to the islands on Monday.",
            "An engine fault had held up the start for several months.",
            "The ferry carries two hundred passengers and sails every half hour."]
    src = Article(id="headline-src", language="en", text="\n\n".join([head, *body]))

    def items(copy_body: list[str]) -> set[tuple[str, str, str | None, str | None]]:
        da = comparer.doc(src)
        db = comparer.doc(Article(id=f"headline-copy-{len(copy_body)}", language="en", title=head,
                                  text="\n\n".join(copy_body)))
        alignment, relation = comparer._relate(da, db)
        return {(d.op, d.type, d.a_text, d.b_text)
                for d in diff(da, db, alignment, replace(relation, source="a"), embed=embed)}

    assert not [i for i in items(body) if i[0] == "dropped"]
    assert [i for i in items(body[:1] + body[2:]) if i[0] == "dropped"]


def test_a_decade_written_with_two_digits_and_with_four_is_one_figure(lexical: Comparer) -> None:
    de = "Die Kooperation zwischen dem Verein und dem Park besteht seit Anfang der 90er-Jahre."
    fr = "La coopération entre le club et le parc remonte au début des années 1990."
    assert not [i for i in translated(lexical, ("de", de), ("fr", fr), [(0, 0)]) if i[1] == "number"]
    wrong = "La coopération entre le club et le parc remonte au début des années 1980."
    assert [i for i in translated(lexical, ("de", de), ("fr", wrong), [(0, 0)]) if i[1] == "number"]


def test_a_german_ordinal_superlative_matches_its_translation(lexical: Comparer) -> None:
    fr = "L'Illinois est le cinquième État le plus touché des États-Unis, avec 9,7 tornades par an."
    de = "Illinois ist mit 9,7 Tornados pro Jahr der am fünftstärksten betroffene Bundesstaat der USA."
    assert not [i for i in translated(lexical, ("fr", fr), ("de", de), [(0, 0)]) if i[1] == "number"]


def test_midnight_and_a_half_in_words_matches_the_clock_time(lexical: Comparer) -> None:
    fr = "Ils ont tiré sur des passants jusqu'à leur arrestation par la police vers minuit et demi."
    de = "Sie schossen auf Passanten, bis sie gegen 0.30 Uhr von der Polizei verhaftet wurden."
    items = translated(lexical, ("fr", fr), ("de", de), [(0, 0)])
    assert not [i for i in items if i[1] in ("date", "number")], items


@pytest.mark.parametrize(("src", "copy"), [
    ("The heart disease meant a moderate risk of a heart attack within five years, Dr Gupta noted at the time.",
     "The heart disease meant a moderate risk of a heart attack within five years, Dr Gupta observed at the time."),
    ("Above all, Google tells us you should expect to buy, not rent, games at the usual prices.",
     "Above all, Google says you should expect to buy, not rent, games at the usual prices."),
])
def test_an_attribution_said_with_another_verb_is_kept(lexical: Comparer, src: str, copy: str) -> None:
    assert not [i for i in found(lexical, src, copy) if i[1] == "attribution"]


def test_an_attribution_dropped_with_its_speaker_is_still_reported(lexical: Comparer) -> None:
    items = found(lexical, "Ticket prices will rise by a fifth in March, Gupta noted at the harbour meeting.",
                  "Ticket prices will rise by a fifth in March at the harbour meeting.")
    assert [i for i in items if i[:2] == ("dropped", "attribution")]


def test_a_share_added_is_reported_though_the_source_has_its_value_as_a_count(lexical: Comparer) -> None:
    """The source counts 14 boats; the copy adds "up 14 percent": a share the source never states."""
    src = ("The port now has 14 boats on the island route, as many as in the previous year. The ferry company "
           "said the new timetable starts in May.")
    copy = ("The port now has 14 boats on the island route, up 14 percent on the previous year. The ferry "
            "company said the new timetable starts in May.")
    assert [i for i in found(lexical, src, copy) if i[:2] == ("added", "number") and "14" in (i[3] or "")]


def test_a_share_said_with_another_percent_sign_is_kept(lexical: Comparer) -> None:
    src = "Ticket sales rose 14 percent in the spring, the ferry company said on Monday."
    copy = "Ticket sales rose 14% in the spring, the ferry company said on Monday."
    assert not [i for i in found(lexical, src, copy) if i[1] == "number"]


@pytest.mark.parametrize(("src", "copy"), [
    ("The company agreed to take on close to 1,000 cleaning workers at its harbour offices.",
     "The company agreed to take on about 1,000 cleaning workers at its harbour offices."),
    ("The guidelines recommend holding passengers no longer than 72 hours at the ferry terminal.",
     "The guidelines recommend holding passengers no more than 72 hours at the ferry terminal."),
    ("The new hull gives the ferry a near-50:50 weight distribution on the crossing.",
     "The new hull gives the ferry a weight distribution of almost 50:50 on the crossing."),
    ("Small investors will be allotted the maximum 10 per cent of the shares they asked for.",
     "Small investors will be allotted no more than 10 per cent of the shares they asked for."),
])
def test_a_figure_qualifier_said_another_way_is_kept(lexical: Comparer, src: str, copy: str) -> None:
    assert not [i for i in found(lexical, src, copy) if i[1] == "qualifier"]


@pytest.mark.parametrize(("before", "after"), [
    ("Ecuadorean", "Ecuadorian"), ("Ecuadorean", "Ecuador"),
    ("Microinfluencers", "Micro-influencers"), ("Gen-X\u2019ers", "Gen-Xers"),
])
def test_a_name_in_another_derived_form_or_joined_otherwise_is_no_name_change(before: str, after: str) -> None:
    from wiretrace.diff import _derived, _name_key

    assert _derived(_name_key(before), _name_key(after))


@pytest.mark.parametrize(("before", "after"), [("Pestana", "Pestanna"), ("Ecuador", "Ecuadro"), ("Kowal", "Kowol")])
def test_a_misspelled_name_is_still_no_derived_form(before: str, after: str) -> None:
    from wiretrace.diff import _derived, _name_key

    assert not _derived(_name_key(before), _name_key(after))


def test_touch_is_no_opinion_word(lexical: Comparer) -> None:
    """The cue list's "out-of-touch" was cut at its line end, which made "touch" a cue of its own."""
    src = "The new ferry has an 8-inch touchscreen on the bridge for the crew and a larger car deck."
    copy = "The new ferry has an 8-inch touch screen on the bridge for the crew and a larger car deck."
    assert not [i for i in found(lexical, src, copy) if i[1] == "opinion"]


@pytest.mark.parametrize(("before", "after"), [
    ("Breisgau", "Brisgau"), ("Myra", "Myre"), ("Nimègue", "Nijmegen"), ("Prairies", "Prärien"),
    ("Limbourgeois", "Limburgern"), ("Harlequins", "Harlekine"),
])
def test_an_exonym_with_vowels_left_out_or_another_ending_is_a_translated_name(before: str, after: str) -> None:
    """Across languages a place's name loses a vowel or takes the language's ending (WMT22 translations, dev)."""
    from wiretrace.diff import _bare, _exonym

    assert _exonym(_bare(before), _bare(after))


@pytest.mark.parametrize(("before", "after"), [
    ("Mélenchon", "Méllenchon"), ("Mönchengladbach", "Mönchgladbach"), ("Kesto", "Kosto"), ("Seo", "Soe"),
    ("Zamudio", "Samudio"), ("Pestana", "Pestanna"), ("Kowalczyk", "Kowelczyk"), ("Halvorsen", "Halworsen"),
])
def test_a_name_misspelled_in_a_translation_is_no_exonym(before: str, after: str) -> None:
    """A vowel changed, a consonant changed, dropped or doubled, another first letter: still a changed name."""
    from wiretrace.diff import _bare, _exonym

    assert not _exonym(_bare(before), _bare(after))


def test_first_in_words_keeps_a_digit_ordinal_of_the_other_language() -> None:
    """"1re journée" (fr) = "ersten Runde" (de): "first" is no figure, but it is the other side's "1re"."""
    from wiretrace.diff import _first_second
    from wiretrace.records import Mention

    fr = "dimanche en clôture de la 1re journée de la Coupe d'Europe"
    one = Mention("number", fr.index("1re"), fr.index("1re") + 3, "1re", "1")
    assert _first_second("zum Abschluss der ersten Runde des Europapokals", fr, [one]) == {"1"}
    assert _first_second("zum Abschluss der dritten Runde des Europapokals", fr, [one]) == set()
    cardinal = Mention("number", 0, 1, "1", "1")  # "1 Tor": a count, which "ersten" is not
    assert _first_second("zum Abschluss der ersten Runde", "1 Tor", [cardinal]) == set()


def test_an_opinion_cue_in_a_translated_clause_is_the_translators_word() -> None:
    """Across languages a cue ("inutile") in a clause that translates the source's ("unnötig", which no list
    holds) is no inserted comment; a comment clause with no counterpart in the source still is."""
    from wiretrace.diff import DiffConfig, _Differ

    concepts = {"handel": 0, "commerce": 0, "unnötig": 1, "inutile": 1, "umsatz": 2, "ventes": 2,
                "steuerzahler": 3, "contribuables": 3, "irresponsable": 4}

    def embed(texts: list[str], _language: str | None) -> np.ndarray:
        out = np.zeros((len(texts), 5))
        for k, t in enumerate(texts):
            for w in t.casefold().replace(".", " ").split():
                if w in concepts:
                    out[k, concepts[w]] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)

    from wiretrace.segment import segment

    de = ("Der Handel hält das für unnötig und beklagt Umsatz. Die Fähren fahren im Winter nach dem alten "
          "Fahrplan, sagte der Hafenmeister am Montag. Die neue Mole soll im Frühjahr fertig werden.")
    fr = ("Le commerce juge cela inutile et se plaint des ventes. Les ferries gardent leur horaire d'hiver, a dit "
          "le capitaine du port lundi. La nouvelle jetée doit être terminée au printemps.")
    src, cp = segment(article_from_text(de, name="de")), segment(article_from_text(fr, name="fr"))
    d = _Differ(src, cp, DiffConfig(), False, embed)
    assert d._translated_clause("Le commerce juge cela inutile et se plaint des ventes", src.sentences[0].text)
    assert not d._translated_clause("une décision irresponsable", src.sentences[0].text)


def test_words_a_neighbouring_sentence_says_are_a_merge_not_added_content() -> None:
    """The round trip joined "... out of the tournament. Now we are in a good position to advance." into one
    sentence: the words it added to the first are the second's (``_said_nearby``), no claim of the copy's own; an
    inserted clause's words are nowhere near."""
    from wiretrace.diff import DiffConfig, _Differ
    from wiretrace.segment import segment

    src = segment(article_from_text(
        "It was a difficult winter for the ferry company on the island routes. We needed this season, otherwise we "
        "could be close to closing the line. Now we are in a good position to advance." + PAD, name="src"))
    d = _Differ(src, src, DiffConfig(), False)
    kept = [src.sentences[1]]
    assert d._said_nearby("and now we're in a good position to move forward", kept, other_side=src)
    assert not d._said_nearby("which was drawn up by consultants from abroad", kept, other_side=src)


def test_a_clause_inserted_next_to_a_kept_sentence_is_still_added_content(lexical: Comparer) -> None:
    src = "The ferry company said the new timetable starts in May for the island routes."
    copy = ("The ferry company said the new timetable, which was drawn up by consultants from abroad, starts in May "
            "for the island routes.")
    assert [i for i in found(lexical, src, copy) if i[0] in ("added", "changed") and i[1] in ("claim", "opinion")]


def test_a_negation_typed_with_a_space_before_its_apostrophe_is_read() -> None:
    """"isn ‘t" (a space, an opening quote mark for the apostrophe) is "is not", as "isn’t" is."""
    assert [t[0] for t in negations(cue_words("but the automaker isn \u2018t slowing down"))] == ["not"]


def test_a_qualifier_before_an_additional_figure_still_bounds_it(lexical: Comparer) -> None:
    """"up to an additional 15" bounds the 15 as "up to 15 more" does: no qualifier added or dropped
    (issue #19: a word between the qualifier and its figure hid the source's qualifier)."""
    src = "The council will hire up to an additional 15 wardens for the harbour this summer."
    kept = found(lexical, src, "The council will hire up to 15 more wardens for the harbour this summer.")
    assert not [i for i in kept if i[1] == "qualifier"], kept
    dropped = found(lexical, src, "The council will hire an additional 15 wardens for the harbour this summer.")
    assert [i for i in dropped if i[:2] == ("dropped", "qualifier") and i[2] and i[2].startswith("up to")], dropped


def test_today_for_currently_is_no_date(lexical: Comparer) -> None:
    """"currently" -> "today" says the same present (issue #19: a round trip's adverb of time reported as an
    added date); "today" against a passage with no word for the present is still a date added."""
    src = "Rational people should question the explanation currently being offered by the harbour board."
    kept = found(lexical, src,
                 "Rational people should question the explanation being offered today by the harbour board.")
    assert not [i for i in kept if i[1] == "date"], kept
    added = found(lexical, "Rational people should question the explanation being offered by the harbour board.",
                  "Rational people should question the explanation being offered today by the harbour board.")
    assert [i for i in added if i[:2] == ("added", "date")], added


def test_a_figure_in_thousands_written_with_k_is_read(lexical: Comparer) -> None:
    """"$326k" is "$326,000", and "4K" a figure a qualifier can bound: "up to 4K" -> "in 4K" drops it."""
    items = found(lexical, "The harbour master earns $326,000 a year, the port's accounts for last year show.",
                  "The harbour master earns $326k a year, the port's accounts for last year show.")
    assert not [i for i in items if i[1] == "number"]
    items = found(lexical, "The new cameras on the quay record the harbour at up to 4K, the port said on Monday.",
                  "The new cameras on the quay record the harbour in 4K, the port said on Monday.")
    assert [i for i in items if i[:2] == ("dropped", "qualifier") and i[2] and "up to" in i[2]]


def test_a_connective_said_another_way_is_no_claim(lexical: Comparer) -> None:
    src = ("The council does not support moving the market to the old quay, the mayor said on Monday. "
           "As a principle, it supports any plan the traders of the market agree on among themselves.")
    copy = ("The council does not support moving the market to the old quay, the mayor said on Monday, "
            "and as a matter of fact, it supports any plan the traders of the market agree on among themselves.")
    assert not [i for i in found(lexical, src, copy) if i[1] == "claim"]


def test_a_clause_with_a_connective_and_new_content_is_still_a_claim(lexical: Comparer) -> None:
    copy = STORY.replace("The harbour authority approved",
                         "The harbour authority, which in fact rents its offices from the railway company, approved")
    assert [i for i in found(lexical, STORY, copy) if i[:2] == ("added", "claim")]


def test_the_example_corpus_counts_a_quoted_figure_sentence_as_the_quote_it_drops() -> None:
    """evaluate._find: a planted "dropped quote" whose sentence holds a figure is reported (issue #19's
    decision) as a dropped ``number`` item with ``quoted``; it is found, and a number item not quoted is not."""
    from types import SimpleNamespace

    from wiretrace.evaluate import _find

    change = {"op": "dropped", "type": "quote", "source_text": '"We sold 300 tickets," he said.'}
    quoted = DiffItem("dropped", "number", '"We sold 300 tickets," he said.', None, (0, 31), None, quoted=True)
    plain = DiffItem("dropped", "number", '"We sold 300 tickets," he said.', None, (0, 31), None)
    assert _find(SimpleNamespace(diff=[quoted]), change) == (True, None)  # type: ignore[arg-type]
    assert _find(SimpleNamespace(diff=[plain]), change) == (False, "dropped number")  # type: ignore[arg-type]


def test_one_of_two_qualifiers_before_a_figure_dropped_is_reported(lexical: Comparer) -> None:
    """"only about 0.2%" -> "only 0.2%": the copy keeps one qualifier, the other is lost (issue #19: the
    dropped "about" was not seen while any qualifier stood before the figure)."""
    src = "The bay accounts for only about 0.2% of the coast, but for a quarter of its seabirds."
    items = found(lexical, src, "The bay accounts for only 0.2% of the coast, but for a quarter of its seabirds.")
    assert [i for i in items if i[:2] == ("dropped", "qualifier") and i[2] and "about" in i[2]], items
    kept = found(lexical, src, "The bay accounts for just around 0.2% of the coast, but for a quarter of its seabirds.")
    assert not [i for i in kept if i[1] == "qualifier"], kept


@pytest.mark.parametrize(("src", "copy"), [
    ('"The hull has more steel than it should," comments the marine engineer Halvor Brekke.',
     '"The hull has more steel than it should," says the marine engineer Halvor Brekke.'),
    ("Ticket prices will rise by a fifth in March, declared the ferry company and the harbour board.",
     "Ticket prices will rise by a fifth in March, said the ferry company and the harbour board."),
    ("The voyage began when the captain was told by the harbour master to leave the quay at dawn.",
     "The voyage began when the captain was informed by the harbour master to leave the quay at dawn."),
    ('"We urge you to let our doctors hold the clinic," the harbour physicians stated in the letter.',
     '"We urge you to let our doctors hold the clinic," stating the harbour physicians in the letter.'),
])
def test_an_attribution_verb_said_with_another_verb_of_saying_is_kept(lexical: Comparer, src: str,
                                                                      copy: str) -> None:
    assert not [i for i in found(lexical, src, copy) if i[1] == "attribution"]


def test_an_attribution_dropped_beside_another_verb_of_saying_is_still_reported(lexical: Comparer) -> None:
    items = found(lexical, "The mayor said the quay would reopen in May, according to the port's own minutes.",
                  "The mayor said the quay would reopen in May.")
    assert [i for i in items if i[:2] == ("dropped", "attribution") and i[2] and "according" in i[2]], items


@pytest.mark.parametrize(("src", "copy"), [
    ("It is expected that the harbour board will approve the new ferry timetable on Monday.",
     "The harbour board is expected to approve the new ferry timetable on Monday."),
    ("The leader in ferry bookings was Norway. It was followed by Denmark and Sweden, the port said.",
     "The leader in ferry bookings was Norway. Denmark and Sweden followed, the port said."),
])
def test_a_phrase_moved_inside_its_sentence_is_rewording(lexical: Comparer, src: str, copy: str) -> None:
    """A phrase with one content word, moved (issue #19: "It is expected that" reported as dropped content)."""
    from dataclasses import replace

    from wiretrace.diff import diff

    da, db = lexical.doc(article_from_text(src + PAD, name="s")), lexical.doc(article_from_text(copy + PAD, name="c"))
    alignment, relation = lexical._relate(da, db)
    items = diff(da, db, alignment, replace(relation, source="a"))
    assert not [d for d in items if d.material and d.op == "dropped" and d.a_text
                and ("expected" in d.a_text or "followed" in d.a_text)], items


def test_a_hedge_said_as_seemingly_is_kept(lexical: Comparer) -> None:
    items = found(lexical, "Life on the island was seemingly getting better after the new ferry began its route.",
                  "Life on the island was apparently getting better after the new ferry began its route.")
    assert not [i for i in items if i[1] == "qualifier"], items


def test_an_opinion_cue_for_the_sources_phrase_of_the_same_meaning_is_no_comment(lexical: Comparer) -> None:
    copy = "It is undoubtedly one of the biggest storms to hit the harbour in a decade, the port said."
    src = "It is without a doubt one of the biggest storms to hit the harbour in a decade, the port said."
    assert not [i for i in found(lexical, src, copy) if i[1] == "opinion"]
    plain = "It is one of the biggest storms to hit the harbour in a decade, the port said."
    assert [i for i in found(lexical, plain, copy) if i[1] == "opinion"]


def test_a_clause_whose_figure_and_noun_the_source_has_in_a_compound_is_no_claim(lexical: Comparer) -> None:
    """"a 24-car pile-up" / "a stack of 24 cars": "cars" is the source's "car" (a three-letter stem)."""
    src = "On the morning of the 10th, a 24-car pile-up including trucks occurred on the coast road near the port."
    copy = ("On the morning of the 10th, a stack of 24 cars, including trucks, took place on the coast road near "
            "the port.")
    assert not [i for i in found(lexical, src, copy) if i[0] == "added" and i[1] in ("number", "claim")]


# -- issue #19, second round: figures a translation says without the source's digits -----------------------

def test_a_one_in_digits_said_with_an_article_across_languages_is_kept(lexical: Comparer) -> None:
    """Numbers.py reads no word for one (it is the article too), so a 1 in digits has no figure to meet in
    another language: "1 Mal pro Woche" = "une fois par semaine" (issue #19: WMT22 dev, "1週間に1度" /
    "once a week"). Another figure changed in the passage is still reported."""
    de = "Die Fähre fährt 1 Mal pro Woche nach Helgoland und nimmt 40 Fahrgäste mit."
    fr = "Le ferry va à Heligoland une fois par semaine et prend 40 passagers."
    assert not [i for i in translated(lexical, ("de", de), ("fr", fr), [(0, 0)]) if i[1] == "number"]
    fr2 = fr.replace("40", "60")
    assert [i for i in translated(lexical, ("de", de), ("fr", fr2), [(0, 0)]) if i[1] == "number"]


# "cette année" / "2021" needs the article's date to say which year: tests/test_diff_review.py (issue #19 review)


def test_a_roman_numeral_and_a_word_for_24_hours_are_their_figures(lexical: Comparer) -> None:
    """"the starting XV" / "首发的 15 人" and "за сутки" / "in 24 hours" (issue #19: WMT22 dev): figures a text
    says with no digits, kept against the other language's digits."""
    en = "The club named five debutants in its starting XV for the match on the island."
    zh = "俱乐部在岛上比赛的首发15人中派出了5名新人。"
    assert not [i for i in translated(lexical, ("en", en), ("zh", zh), [(0, 0)]) if i[1] == "number"]
    ru = "За сутки на острове выпало 40 мм снега, сообщили синоптики."
    en2 = "In 24 hours, 40 mm of snow fell on the island, forecasters said."
    assert not [i for i in translated(lexical, ("ru", ru), ("en", en2), [(0, 0)]) if i[1] == "number"]
    en3 = "In 36 hours, 40 mm of snow fell on the island, forecasters said."
    assert [i for i in translated(lexical, ("ru", ru), ("en", en3), [(0, 0)]) if i[1] == "number"]


def test_a_run_together_copy_s_title_figures_are_the_source_title_s(lexical: Comparer) -> None:
    """A machine translation with its paragraphs run together and no title of its own carries the source's
    title and head lines as its first sentences: their figures and dates are no added ones (issue #19: WMT22
    dev, "More than 500 SMEs ..." / "Более 500 субъектов ...", "享年80岁", "... um 20:30 Uhr")."""
    from wiretrace import Article
    from wiretrace.compare import CompareConfig
    from wiretrace.compare import compare as cmp

    fr = Article(id="fr", language="fr", title="Le port de Kiel accueille 70 navires de croisière cette saison",
                 boilerplate=("Publié le samedi 11 décembre 2021 à 20h30",),
                 text=("Le port de Kiel attend une saison record.\n\nLes navires arriveront dès le mois d'avril.\n\n"
                       "La ville prépare de nouveaux quais pour les passagers."))
    de = Article(id="de", language="de", text=(
        "Der Hafen Kiel empfängt in dieser Saison 70 Kreuzfahrtschiffe Veröffentlicht am Samstag, 11. Dezember "
        "2021 um 20:30 Uhr Der Hafen Kiel erwartet eine Rekordsaison. "
        "Die Schiffe kommen ab April an. Die Stadt baut neue Kais für die Passagiere."))
    c = cmp(fr, de, cfg=CompareConfig())
    assert not [d for d in c.diff if d.type in ("number", "date")], c.diff


def test_a_sum_with_its_lone_separator_read_the_other_way_is_the_same_sum(lexical: Comparer) -> None:
    """"2,180 yen" -> "2.180 yen": a round trip wrote the thousands comma as a dot; the sum keeps its unit, so
    it is kept, as a bare figure so written already was (issue #19: dev xrt-plain). A changed sum is reported."""
    src = "The ferry company sells the island pass for 2,180 yen at the harbour office."
    items = found(lexical, src, src.replace("2,180", "2.180"))
    assert not [i for i in items if i[1] == "number"], items
    assert [i for i in found(lexical, src, src.replace("2,180", "2.480")) if i[1] == "number"]


def test_a_count_of_digits_said_as_a_vague_magnitude_across_languages_is_kept(lexical: Comparer) -> None:
    """"ein Schaden im sechsstelligen Bereich" = "des dégâts de plusieurs centaines de milliers d'euros": a count
    of digits is a magnitude, which the other language may say vaguely (issue #19: WMT22 dev). Said with a
    figure, the other language's figure is compared as before."""
    de = "Bei dem Brand am Hafen entstand ein Schaden im sechsstelligen Eurobereich, teilte die Polizei mit."
    fr = "L'incendie du port a causé des dégâts de plusieurs centaines de milliers d'euros, selon la police."
    assert not [i for i in translated(lexical, ("de", de), ("fr", fr), [(0, 0)]) if i[1] == "number"]
    fr2 = "L'incendie du port a causé des dégâts de 300 000 euros, selon la police."
    assert [i for i in translated(lexical, ("de", de), ("fr", fr2), [(0, 0)]) if i[1] == "number"]


# Review of session 15's relaxations: each of these was reported before them and must stay reported.
@pytest.mark.parametrize("copy", [
    "The home team won the cup final at the new harbour stadium on Sunday, scoring 20 points.",
    "The home team won the cup final at the new harbour stadium on Sunday, a report in the local paper.",
])
def test_a_noun_that_can_be_a_verb_of_saying_does_not_hide_a_dropped_attribution(lexical: Comparer,
                                                                                   copy: str) -> None:
    items = found(lexical, "Officials said the home team won the cup final at the new harbour stadium on Sunday.",
                  copy)
    assert ("dropped", "attribution", "Officials said", None) in items, items


def test_a_three_letter_word_supports_only_the_words_it_is_the_stem_of(lexical: Comparer) -> None:
    src = ("All of the old boats in our own harbour were repaired on Monday, and the mayor thanked the crews "
           "for their work.")
    items = found(lexical, src, src[:-len(" for their work.")] + ", who then sold gold from the fort.")
    assert ("added", "claim", None, "who then sold gold from the fort") in items, items


@pytest.mark.parametrize(("src", "copy"), [
    ("The union complained about some 400 dock workers left without pay by the harbour board.",
     "The union complained of about 400 dock workers left without pay by the harbour board."),
    ("The board argued over some 40 boats moored along the northern quay, the coastguard said.",
     "The board argued about 40 boats moored along the northern quay, the coastguard said."),
])
def test_a_preposition_before_a_qualifier_is_no_second_qualifier(lexical: Comparer, src: str, copy: str) -> None:
    assert not [i for i in found(lexical, src, copy) if i[1] == "qualifier"]


def test_a_literal_appear_does_not_cover_a_dropped_allegedly(lexical: Comparer) -> None:
    items = found(lexical, "The skipper allegedly sold three stolen boats at the harbour and was charged on Monday.",
                  "The skipper sold three stolen boats at the harbour and appeared in court on Monday.")
    assert ("dropped", "qualifier", "skipper allegedly", None) in items, items


@pytest.mark.parametrize(("copy", "clause"), [
    ("The ferry company cut its prices for the winter. The mayor approved the new timetable for the harbour on "
     "Monday, as did the company.", "as did the company"),
    ("The ferry company cut its prices for the winter. The mayor, and not the company, approved the new "
     "timetable for the harbour on Monday.", "and not the company"),
])
def test_one_word_from_a_neighbouring_sentence_does_not_make_a_clause_moved(lexical: Comparer, copy: str,
                                                                           clause: str) -> None:
    src = ("The ferry company cut its prices for the winter. The mayor approved the new timetable for the harbour "
           "on Monday.")
    assert ("added", "claim", None, clause) in found(lexical, src, copy)


def test_in_excess_of_is_a_qualifier(lexical: Comparer) -> None:
    """"in excess of 90mph" = "more than 90mph" (issue #19: dev rt-plain, once "90mph" was read as 90, the copy's
    "more than" looked added); dropped, it is a dropped qualifier."""
    src = "The storm will bring gusts in excess of 90mph to the northern isles on Monday."
    assert not [i for i in found(lexical, src, src.replace("in excess of", "more than")) if i[1] == "qualifier"]
    assert ("dropped", "qualifier", "in excess of 90", None) in found(lexical, src, src.replace("in excess of ", ""))


def test_a_passage_with_no_word_has_no_seeming_word_and_no_verb_of_saying() -> None:
    """A passage of no word (a rule of dashes, a lone figure) crashed both counts (zip of 0 words against 1 "next
    word"): the test split's diff eval stopped at one."""
    from wiretrace.cues import cue_words
    from wiretrace.diff import _sayings, _seemings

    assert _seemings([]) == 0 and _sayings([], "") == 0
    assert _seemings(cue_words("The ferry seems to be late.")) == 1
    text = "The harbour master said the ferry was late."
    assert _sayings(cue_words(text), text) == 1


# -- issue #19, cue edits (the xcue dev group): negation, qualifier, hedge and speaker changes ---------------

def test_no_longer_is_a_negation_in_the_diff_with_its_option(lexical: Comparer) -> None:
    """With ``DiffConfig.no_longer_negation`` (on by default since session 23; ``found`` sets it either way)."""
    src = "The old ferry is in service on the northern route this winter."
    copy = "The old ferry is no longer in service on the northern route this winter."
    assert ("added", "negation", None, "is no") in found(lexical, src, copy, no_longer=True)
    assert not [i for i in found(lexical, src, copy) if i[1] == "negation"]


def test_no_one_is_a_negation_in_the_diff(lexical: Comparer) -> None:
    """``DiffConfig.no_one_negation`` (on by default, session 18; "no longer": its own option): "no one" is "nobody"."""
    src = "No one knew when the ferry would sail from the northern quay again."
    copy = "Everyone knew when the ferry would sail from the northern quay again."
    assert ("dropped", "negation", "No one", None) in found(lexical, src, copy)
    assert not [i for i in found(lexical, src, copy, cfg=DiffConfig(no_one_negation=False)) if i[1] == "negation"]


def test_no_longer_than_is_no_negation(lexical: Comparer) -> None:
    src = "The guidelines recommend holding passengers no longer than 72 hours at the ferry terminal."
    assert not [i for i in found(lexical, src, src.replace("no longer than", "at most"), no_longer=True)
                if i[1] == "negation"]


@pytest.mark.parametrize(("src", "copy"), [
    ("The harbour master said the storm could damage the northern quay this week.",
     "The harbour master said the storm will damage the northern quay this week."),
    ("The harbour master said the storm will damage the northern quay this week.",
     "The harbour master said the storm could damage the northern quay this week."),
])
def test_a_possibility_made_certain_is_a_hedge_change(lexical: Comparer, src: str, copy: str) -> None:
    """"could damage" -> "will damage" drops the hedge ("could" is no hedge word of its own: it is also "was able
    to"); the other way round, one is added."""
    items = found(lexical, src, copy)
    op = "dropped" if "could" in src else "added"
    assert any(i[0] == op and i[1] == "qualifier" and "could" in (i[2] or i[3] or "") for i in items)


def test_could_said_as_will_be_able_to_is_no_change(lexical: Comparer) -> None:
    items = found(lexical, "The harbour master said the ferry could sail to the northern isles again in May.",
                  "The harbour master said the ferry will be able to sail to the northern isles again in May.")
    assert not [i for i in items if i[1] == "qualifier"]


@pytest.mark.parametrize(("before", "after"), [
    ("more than 90", "less than 90"), ("At least 40", "Up to 40"), ("in excess of 90", "up to 90"),
    ("nearly 300", "more than 300"), ("over 300", "under 300"), ("at least 40", "at most 40"),
])
def test_a_qualifier_swapped_for_another_bound_is_a_change(lexical: Comparer, before: str, after: str) -> None:
    """Review finding 9: qualifiers were compared by count only; one bounding the figure the other way is a
    change of its meaning."""
    src = f"{before} boats were damaged when the storm hit the northern quay on Monday night."
    items = found(lexical, src, src.replace(before, after))
    assert any(i[:2] == ("changed", "qualifier") and before.split()[-2] in (i[2] or "") for i in items)


@pytest.mark.parametrize(("before", "after"), [
    ("more than 90", "over 90"), ("about 300", "around 300"), ("nearly 300", "almost 300"),
    ("no more than 10", "at most 10"),
])
def test_a_qualifier_swapped_for_one_of_its_class_is_no_change(lexical: Comparer, before: str, after: str) -> None:
    src = f"The council said {before} boats were damaged when the storm hit the northern quay on Monday night."
    assert not [i for i in found(lexical, src, src.replace(before, after)) if i[1] == "qualifier"]


def test_as_many_as_is_a_qualifier(lexical: Comparer) -> None:
    src = "The council said as many as 400 boats were damaged when the storm hit the northern quay."
    assert ("dropped", "qualifier", "as many as 400", None) in found(lexical, src, src.replace("as many as ", ""))


@pytest.mark.parametrize(("src", "copy", "a", "b"), [
    ("Ticket prices will rise by a fifth in March, according to the Harbour Board.",
     "Ticket prices will rise by a fifth in March, according to the opposition.", "the Harbour Board",
     "the opposition"),
    ("Ticket prices will rise by a fifth in March, Brekkestad said.",
     "Ticket prices will rise by a fifth in March, Halvorsen Okafor said.", "Brekkestad", "Halvorsen Okafor"),
    ("Ticket prices will rise by a fifth in March, said Mayor Brekkestad.",
     "Ticket prices will rise by a fifth in March, said a government spokesman.", "Mayor Brekkestad",
     "a government spokesman"),
])
def test_an_attribution_given_to_someone_else_is_an_attribution_change(lexical: Comparer, src: str, copy: str,
                                                                       a: str, b: str) -> None:
    """With ``DiffConfig.speaker_changes`` (off by default: see its comment)."""
    assert ("changed", "attribution", a, b) in found(lexical, src, copy, speakers=True)
    assert ("changed", "attribution", a, b) not in found(lexical, src, copy)


@pytest.mark.parametrize(("src", "copy"), [
    ("Ticket prices will rise by a fifth in March, according to the ferry company.",
     "Ticket prices will rise by a fifth in March, according to the company that runs the ferries."),
    ("Ticket prices will rise by a fifth in March, Brekkestad said.",
     "Ticket prices will rise by a fifth in March, Brekkestadt said."),
    ("Ticket prices will rise by a fifth in March, he said.",
     "Ticket prices will rise by a fifth in March, the company said."),
    # two common nouns: as often a translation's synonym as another speaker
    ("Ticket prices will rise by a fifth in March, the physicians said.",
     "Ticket prices will rise by a fifth in March, doctors said."),
])
def test_a_speaker_said_another_way_is_no_attribution_change(lexical: Comparer, src: str, copy: str) -> None:
    assert not [i for i in found(lexical, src, copy, speakers=True) if i[:2] == ("changed", "attribution")]



def test_the_negation_reported_lost_is_the_one_the_copy_does_not_keep(lexical: Comparer) -> None:
    """Task 19n: with two negations in the passage and one lost, the one reported is the one the word alignment
    does not keep ("didn't", not the later "or not" the copy still says)."""
    src = "When I met the skipper I didn't know if I should wave or not."
    items = [i for i in found(lexical, src, "When I met the skipper I did know whether I should wave or not.")
             if i[1] == "negation"]
    assert items and all("didn't" in (i[2] or "") for i in items)


def test_a_bare_not_covers_a_no_longer(lexical: Comparer) -> None:
    """Task 19n: with ``no_longer_negation`` a copy's bare "not" says what a source "no longer" says."""
    src = "The ferry board took a decision to no longer consider the northern route this winter."
    copy = "The ferry board took a decision not to consider the northern route any more this winter."
    assert not [i for i in found(lexical, src, copy, no_longer=True) if i[1] == "negation"]


def test_a_garbled_no_longer_after_a_noun_is_no_added_negation(lexical: Comparer) -> None:
    """Task 19n: "on the moon as early as next year" -> "on the moon no longer next year" (a round trip's garble,
    dev rt-plain) is no added negation, even with ``no_longer_negation``; "is no longer" still is."""
    src = "The probe could land its cargo on the moon as early as next year, the agency said."
    garbled = "The probe could land its cargo on the moon no longer next year, the agency said."
    assert not [i for i in found(lexical, src, garbled, no_longer=True) if i[1] == "negation"]
    src = "The night ferry is running again after the storm, the harbour board said."
    assert [i for i in found(lexical, src, src.replace("is running", "is no longer running"), no_longer=True)
            if i[:2] == ("added", "negation")]
