"""Agency heads and credits in plain text (issue #18 item 4): date, dateline and credit in every variant.

All texts are made up for these tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from wiretrace import article_from_text
from wiretrace.ingest import article_from_record
from wiretrace.ingest.meta import canonical_credit, parse_dateline

P1 = ("The harbour authority approved the new ferry timetable after a long debate that ran late into the "
      "evening, officials said, and the changes will take effect next month on all routes.")
P2 = ("Commuters on the northern routes welcomed the decision, the operator said in a statement, adding that "
      "two more boats would join the fleet before the summer season.")
P3 = "The previous timetable had been in place since the crossing opened almost two decades ago."

VARIANTS = {
    # name: (text, date, dateline, credit)
    "kv_date_dateline": (f"date 2024-03-20 LISBON (AFP) – {P1}\n\n{P2}", "2024-03-20", "LISBON", "AFP"),
    "kv_date_colon": (f"Date: 20 March 2024 LISBON (AFP) - {P1}\n\n{P2}", "2024-03-20", "LISBON", "AFP"),
    "kv_published_region": (f"published 2024-03-20T10:00Z PORTO, Portugal (AFP) — {P1}\n\n{P2}",
                            "2024-03-20T10:00:00Z", "PORTO", "AFP"),
    "byline_pipe_md": (f"By Jana Okafor | NEW YORK, March 20 (Reuters) - {P1}\n\n{P2}", None, "NEW YORK", "Reuters"),
    "byline_line_md": (f"By Jana Okafor\nNEW YORK, March 20 (Reuters) - {P1}\n\n{P2}", None, "NEW YORK", "Reuters"),
    "ap_md_year_from_date_line": (f"Ferry timetable approved\n\nMarch 20, 2024\n\nDULUTH, Minn., March 20 (AP) — "
                                  f"{P1}\n\n{P2}", "2024-03-20", "DULUTH", "AP"),
    "ap_md_no_year": (f"DULUTH, Minn., Nov. 20 (AP) — {P1}\n\n{P2}", None, "DULUTH", "AP"),
    "dateline_md_year": (f"DULUTH, Minn., Nov. 20, 2023 (AP) — {P1}\n\n{P2}", "2023-11-20", "DULUTH", "AP"),
    "ians_comma": (f"NEW DELHI, March 20 (IANS) {P1}\n\n{P2}", None, "NEW DELHI", "IANS"),
    "ians_colon_paragraph": (f"New Delhi: {P1} (IANS)\n\n{P2}", None, "New Delhi", "IANS"),
    "ians_colon_article": (f"New Delhi: {P1}\n\n{P2} (IANS)", None, "New Delhi", "IANS"),
    "tail_line_dash": (f"{P1}\n\n{P2}\n\n— AFP", None, None, "AFP"),
    "tail_line_paren": (f"{P1}\n\n{P2}\n\n(AFP)", None, None, "AFP"),
    "tail_line_pair": (f"{P1}\n\n{P2}\n\nAFP/Reuters", None, None, "AFP/Reuters"),
    "tail_in_paragraph": (f"{P1}\n\n{P2} - Reuters", None, None, "Reuters"),
    "tail_bare": (f"{P1}\n\n{P2} PTI", None, None, "PTI"),
    "upper_multiword": (f"NEW YORK (Reuters) - {P1}\n\n{P2}", None, "NEW YORK", "Reuters"),
    "upper_with_country": (f"SÃO PAULO, Brazil (AFP) — {P1}\n\n{P2}", None, "SÃO PAULO", "AFP"),
    "mixed_case_place": (f"Rio de Janeiro (AFP) - {P1}\n\n{P2}", None, "Rio de Janeiro", "AFP"),
    "xinhua_mixed_md": (f"Kuala Lumpur, March 20 (Xinhua) -- {P1}\n\n{P2}", None, "Kuala Lumpur", "Xinhua"),
    "credit_only": (f"(Reuters) — {P1}\n\n{P2}", None, None, "Reuters"),
    "no_head": (f"Ferry timetable approved\n\n{P1}\n\n{P2}", None, None, None),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_head_variant(variant: str) -> None:
    text, date, dateline, credit = VARIANTS[variant]
    art = article_from_text(text, name=variant)
    assert (art.date, art.dateline, art.credit) == (date, dateline, credit)
    assert "harbour authority approved" in art.text


def test_kv_date_leaves_the_text_for_the_boilerplate() -> None:
    art = article_from_text(f"Date: 20 March 2024 LISBON (AFP) - {P1}\n\n{P2}", name="kv")
    assert art.date == "2024-03-20"
    assert art.text.startswith("LISBON (AFP) - The harbour authority")  # the dateline is the agency's copy
    assert "20 March 2024" not in art.text
    assert art.boilerplate == ("Date: 20 March 2024",)


def test_a_date_paragraph_alone_goes_to_the_boilerplate() -> None:
    art = article_from_record({"text": f"Published: 20 March 2024\n\nLISBON (AFP) - {P1}\n\n{P2}"}, name="rec")
    assert (art.date, art.dateline, art.credit) == ("2024-03-20", "LISBON", "AFP")
    assert art.text.startswith("LISBON (AFP)")
    assert art.boilerplate == ("Published: 20 March 2024",)


def test_byline_before_the_dateline_is_read_and_taken_out() -> None:
    art = article_from_text(f"By Jana Okafor | NEW YORK, March 20 (Reuters) - {P1}\n\n{P2}", name="by")
    assert art.byline == "Jana Okafor"
    assert art.text.startswith("NEW YORK, March 20 (Reuters) - ")
    assert art.boilerplate == ("By Jana Okafor |",)


def test_trailing_credit_line_goes_to_the_boilerplate() -> None:
    art = article_from_text(f"{P1}\n\n{P2}\n\n— AFP", name="tail")
    assert art.credit == "AFP"
    assert not art.text.endswith("AFP")
    assert art.boilerplate == ("— AFP",)


def test_head_lines_keep_their_order() -> None:
    shorts = ["First point.", "Second point.", "Third point.", "Fourth point.", "Fifth point."]
    art = article_from_text("\n\n".join(["Five points on the ferry plan", *shorts, P1]), name="order")
    assert art.title == "Five points on the ferry plan"
    assert art.text.split("\n\n") == [*shorts, P1]


@pytest.mark.parametrize("token", ["Photo", "File", "Video", "C.-B."])
def test_unknown_parenthesised_token_is_not_a_credit(token: str) -> None:
    art = article_from_text(f"LISBON ({token}) — {P1}\n\n{P2}", name="photo")
    assert (art.dateline, art.credit) == ("LISBON", None)
    art = article_from_text(f"Lisbon ({token}) — {P1}\n\n{P2}", name="photo-mixed")
    assert (art.dateline, art.credit) == (None, None)


@pytest.mark.parametrize(
    "line",
    [
        "The Minister said on Monday the timetable would change.",
        "Analysts - and investors - expect the timetable to change.",
        "Harbour Officials (who asked not to be named) said the timetable would change.",
        "Brexit: What happens to the ferries next",
        "Por Ana Lima (Reuters) · 10:30",
    ],
)
def test_a_capitalised_sentence_start_is_not_a_dateline(line: str) -> None:
    assert parse_dateline(line) == (None, None)


def test_a_colon_title_is_a_title_even_with_a_closing_credit() -> None:
    art = article_from_text(f"Ferries: What the new timetable means\n\n{P1}\n\n{P2}\n\n— AFP", name="colon")
    assert art.title == "Ferries: What the new timetable means"
    assert (art.dateline, art.credit) == (None, "AFP")


def test_no_year_is_invented() -> None:
    art = article_from_text(f"NEW YORK, March 20 (Reuters) - {P1}\n\n{P2}", name="md")
    assert art.date is None


def test_credit_in_passing_is_not_a_credit() -> None:
    art = article_from_text(f"Ferry timetable approved\n\n{P1}\n\n{P2} The port is busy, a spokesman told AFP.\n\n"
                            f"{P3}", name="told")
    assert (art.dateline, art.credit) == (None, None)


@pytest.mark.parametrize(
    ("token", "name"),
    [("REUTERS", "Reuters"), ("Agence France-Presse", "AFP"), ("The Associated Press", "AP"), ("DPA", "dpa"),
     ("Kyodo News", "Kyodo"), ("AFP/Reuters", "AFP/Reuters"), ("Photo", None), ("AFP/Getty Images", None)],
)
def test_canonical_credit(token: str, name: str | None) -> None:
    assert canonical_credit(token) == name


def test_bench_head_variants_are_reproducible_and_read_right() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import heads

    body = f"WASHINGTON (Reuters) - {P1}\n\n{P2}\n\n{P3}"
    items = heads.head_variants(body, "test:body")
    assert items == heads.head_variants(body, "test:body")
    assert all("WASHINGTON" not in text for text, _ in items)  # the body's own dateline went first
    assert {t["variant"] for _, t in items} >= {"kv_date_dateline", "ians_colon_article", "told_agency_rewrite"}
    for text, truth in items:
        ok, got = heads.score(text, truth, name=truth["variant"])
        assert all(ok.values()), (truth["variant"], got)


def test_a_sentence_opening_with_a_date_keeps_it() -> None:
    art = article_from_text(f"Published 20 March 2024, the harbour report found that {P1}\n\n{P2}", name="sentence")
    assert art.date is None
    assert art.text.startswith("Published 20 March 2024, the harbour report")
