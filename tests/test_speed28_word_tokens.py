"""Issue #15 (session 28): translationese tokenises a text a space-separated word at a time, each distinct word once
(``translationese._tokens``), with wordfreq's tokens of the whole text, token for token; words whose end characters
cling across a space, and languages wordfreq reads with another tokenizer, go to wordfreq whole."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from wiretrace import translationese as tr

# Made-up text: apostrophes, French elisions, figures, abbreviations, ß and İ, a combining accent, emoji with a
# skin-tone modifier, a soft hyphen, "@s", CJK and Thai runs.
_TEXTS = [
    "The mayor's office said on Tuesday that 1,250 people, e.g. U.S. visitors, won't pay the 3.5% fee.",
    "L'arc d'heure qu'un homme a vu: l'équipe s'est réunie à l'hôtel de ville aujourd'hui.",
    "Die Straße nach İstanbul ist lang; Grüße an Ëva und na\u0308ive Leute - 12:30 Uhr.",
    "Todos amig@s y @s nuevas, ¿qué tal? ¡Bien! \U0001F44D\U0001F3FB ok \u00adsoft hy\u00adphen.",
    "東京で会議が開かれた。 ภาษาไทย ง่าย \u0e33bc \u0301accent x\u200dy a\u0600 12 end",
    "ΣΟΦΟΣ σοφός λέξις — «quoted» “curly” ‘single’ (paren) [bracket] 42nd 5'6\" rock'n'roll",
]


def _whole(text: str, language: str) -> list[str]:
    from wordfreq.tokens import tokenize

    return [t for t in tokenize(text, language) if t.isalpha() or any(c.isalpha() for c in t)]


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    tr._WORD_TOKENS.clear()
    yield
    tr._WORD_TOKENS.clear()


@pytest.mark.parametrize("language", ["en", "de", "fr", "es", "tr", "ar", "ru"])
def test_tokens_are_wordfreqs_of_the_whole_text(language: str) -> None:
    for text in _TEXTS:
        flat = " ".join(text.split())
        for _round in range(2):  # the second time round every word is remembered
            assert tr._tokens(flat, language) == _whole(flat, language), (language, text)


def test_the_new_words_of_a_text_go_to_wordfreq_once_together(monkeypatch: pytest.MonkeyPatch) -> None:
    import wordfreq.tokens

    calls: list[str] = []
    real = wordfreq.tokens.tokenize

    def counting(text: str, lang: str, *args: object, **kwargs: object) -> list[str]:
        calls.append(text)
        return real(text, lang)

    text = "the cat saw the dog and the dog saw the cat"
    expected = _whole(text, "en")
    monkeypatch.setattr(wordfreq.tokens, "tokenize", counting)
    assert tr._tokens(text, "en") == expected
    # one call: each distinct word once, in order, with the mark between them; none for the whole text
    assert calls == [f" {tr._MARK} ".join(["the", "cat", "saw", "dog", "and"])]
    calls.clear()
    assert tr._tokens("the dog and the cat", "en") == ["the", "dog", "and", "the", "cat"]
    assert calls == []  # every word remembered
    assert tr._tokens("the owl", "en") == ["the", "owl"]
    assert calls == ["owl"]  # one new word goes alone


def test_a_word_that_reads_as_the_mark_sends_each_new_word_alone() -> None:
    text = f"Wordy {tr._MARK.upper()} words, and {tr._MARK}'s mark"
    assert tr._tokens(text, "en") == _whole(text, "en")
    memo = tr._word_memo("en")
    assert memo is not None and memo[tr._MARK.upper()] == (tr._MARK,) and memo["Wordy"] == ("wordy",)


def test_a_word_that_clings_across_a_space_sends_the_text_whole() -> None:
    # an Arabic number sign (a grapheme "prepend") ends a word: wordfreq keeps the space after it in the token
    text = "a\u0600 12 words"
    assert not tr._splits_alone("a\u0600")
    assert tr._tokens(text, "en") == _whole(text, "en") == ["a\u0600 ", "words"]
    for word in ("\u0301accent", "\u200dy", "\U0001F3FBok", "\u0e33bc", "\u00adsoft"):
        assert not tr._splits_alone(word), word
    for word in ("plain", "école", "naïve", "l'arc", "東京", "12,5", "@s"):
        assert tr._splits_alone(word), word


def test_languages_with_another_tokenizer_are_not_split_at_spaces() -> None:
    assert tr._word_memo("en") is not None
    assert tr._word_memo("ja") is None and tr._word_memo("zh") is None


def test_the_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tr, "_WORD_TOKENS_MAX", 3)
    assert tr._tokens("one two", "en") == ["one", "two"]
    memo = tr._word_memo("en")
    assert memo is not None and set(memo) == {"one", "two"}
    # two more words would make four: the memo starts afresh with the words of this text
    assert tr._tokens("three two four", "en") == ["three", "two", "four"]
    assert set(memo) == {"three", "two", "four"}
    assert tr._tokens("one two three four five", "en") == ["one", "two", "three", "four", "five"]
    assert set(memo) == {"one", "two", "three", "four", "five"}  # a text's own words are all kept
