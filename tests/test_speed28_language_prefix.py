"""Issue #15 (session 28): ingest reads an article's language from its first ``LANGUAGE_CHARS`` (500) characters.

py3langid walks its text a byte at a time in Python; half the text is half the walk. On every real text held (6,193:
WMT22 originals, references and MT output, AEB bodies, SemEval es / tr / ar / fr, the test bed with its HTML pages)
the language read from 500 characters is the one read from 1,000 (helper-notes/results-speed28.md)."""

from __future__ import annotations

from wiretrace.ingest import LANGUAGE_CHARS, _identifier, _language, article_from_text

# Made-up sentences: an English opening of a little under 500 characters, then French text.
_ENGLISH = ("The council of the small harbour town met on Tuesday evening to discuss the new ferry timetable. "
            "Several members said that the early boat should leave half an hour later in the winter months, "
            "because few passengers travel before dawn. The mayor promised to write to the ferry company "
            "before the end of the month and to report back at the next meeting. A local shop owner asked "
            "whether the car park near the pier would be repaired this year. ")
_FRENCH = ("Le conseil municipal de la petite ville portuaire s'est réuni mardi soir pour parler du nouvel horaire "
           "du bac. Plusieurs élus ont demandé que le premier bateau parte une demi-heure plus tard pendant "
           "l'hiver, parce que peu de voyageurs partent avant l'aube. Le maire a promis d'écrire à la compagnie "
           "avant la fin du mois et d'en rendre compte lors de la prochaine séance. ") * 4


def test_the_language_is_read_from_the_first_500_characters() -> None:
    text = _ENGLISH + _FRENCH
    assert LANGUAGE_CHARS == 500
    assert len(_ENGLISH) < LANGUAGE_CHARS < 1000
    ident = _identifier()
    assert ident.classify(text[:1000])[0] == "fr"  # the old window: French wins
    assert ident.classify(text[:500])[0] == "en"
    assert _language(text) == "en"
    article = article_from_text(text, name="mixed.txt")
    assert article.language == "en"


def test_a_text_shorter_than_the_window_is_read_whole() -> None:
    ident = _identifier()
    assert _language(_FRENCH[:300]) == str(ident.classify(_FRENCH[:300])[0]) == "fr"
    assert _language(_ENGLISH) == "en"
