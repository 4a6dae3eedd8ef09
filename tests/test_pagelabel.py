"""Page and widget labels (issue #19, review of session 23): a line such as "Comentarios", "-Fin de nota-", "Abone ol"
or "التعليقات" that one page has and the other lacks is page furniture in the diff, no added claim; ingest leaves it in
the text and raises no content-farm signal, so the relation's source features stay as they were (made-up texts)."""

from __future__ import annotations

import pytest

from wiretrace import article_from_text
from wiretrace.compare import Comparer
from wiretrace.diff.claims import _added_type, _sentence_type
from wiretrace.ingest.furniture import PAGE_LABELS, classify_paragraph, page_label, strip_furniture

STORY = [
    "Workers at the Velmora cannery in Port Ashby walked out on Tuesday over a change to their night-shift pay.",
    "The union said about 240 of the plant's 300 workers had joined the strike by the afternoon.",
    "A spokeswoman for the company said it hoped to reopen talks with the union before the end of the week.",
    "The cannery processes most of the sardines landed at the port during the summer season.",
]


@pytest.mark.parametrize("line", [
    "Comentarios", "comentarios", "-Fin de nota-", "Escuchar Nota", "Síguenos en Google Noticias", "VEA MÁS",
    "Te puede interesar:", "Commentaires (3)", "PUBLICITÉ", "Suivez-nous sur Google News", "-Fin de la note-",
    "Abone ol", "Haberi Kaydet", "Görüntü Dökümü:", "التعليقات", "قد يهمك ايضـــًا :", "إقرأ المزيد",
    "Facebook 0 Twitter 0 WhatsApp 0", "WhatsApp Facebook Twitter Pinterest LinkedIn Tumblr Email",
])
def test_a_page_or_widget_label_alone_is_a_page_label(line: str) -> None:
    assert page_label(line)


@pytest.mark.parametrize("line", [
    "", "0", "Facebook", "Los comentarios del ministro fueron breves.", "Comentarios del alcalde sobre el puerto",
    "Publicidad engañosa en la radio local", "Abone ol çağrısı yapan dernek başkanı konuştu.",
    "Fin de la grève au port", "The union said about 240 workers had joined.",
])
def test_a_line_that_only_holds_a_label_word_is_no_page_label(line: str) -> None:
    assert not page_label(line)


def test_every_listed_label_is_read_as_one() -> None:
    assert all(page_label(t) for ts in PAGE_LABELS.values() for t in ts)


@pytest.mark.parametrize("line", ["Comentarios", "-Fin de nota-", "Abone ol", "التعليقات"])
def test_ingest_keeps_a_page_label_and_raises_no_signal(line: str) -> None:
    """The label stays in the text (so the article's id, coverage and source features do not move) and is no
    content-farm signal (furniture is evidence for the source's direction)."""
    assert classify_paragraph(line) is None
    stripped = strip_furniture([*STORY, line])
    assert stripped.kept == (*STORY, line)
    assert stripped.signals == () and stripped.removed == ()


@pytest.mark.parametrize("line", ["Comentarios", "-Fin de nota-", "Abone ol", "Facebook 0 Twitter 0 WhatsApp 0"])
def test_a_label_added_or_dropped_is_typed_boilerplate(line: str) -> None:
    assert _added_type((), line) == "boilerplate"
    assert _sentence_type((), line) == "boilerplate"


def test_a_short_sentence_that_is_no_label_is_still_a_claim() -> None:
    assert _added_type((), "The cannery will close.") == "claim"
    assert _sentence_type((), "The cannery will close.") == "other"


@pytest.mark.parametrize("labels", [("Comentarios",), ("-Fin de nota-", "Abone ol"), ("التعليقات",)])
@pytest.mark.parametrize("labelled_first", [False, True])
def test_page_labels_one_page_alone_has_are_page_furniture_in_the_diff(
        lexical: Comparer, labels: tuple[str, ...], labelled_first: bool) -> None:
    """Added or dropped (whichever page the source decider names), each label is one ``boilerplate`` item, and
    nothing else differs: no added claim, no dropped sentence."""
    plain = article_from_text("\n\n".join(STORY), name="plain")
    labelled = article_from_text("\n\n".join([*STORY, *labels]), name="labelled")
    assert labelled.text.endswith(labels[-1]) and labelled.signals == ()
    c = lexical.compare(*((labelled, plain) if labelled_first else (plain, labelled)))
    assert c.relation.kind == "verbatim"
    assert sorted((d.type, d.a_text or d.b_text) for d in c.diff) == sorted(("boilerplate", t) for t in labels)
