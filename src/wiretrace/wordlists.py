"""Which word-frequency list reads a language's words, decided once for every stage.

wordfreq itself takes the *nearest* list for any tag it is asked about, with only a warning on stderr: Maltese
read with English frequencies, Basque with Spanish. Every stage that asks wordfreq (ingest's decoding by words,
segment's name and rarity checks, locales' unit words) goes through :func:`wordfreq_language` instead, so a
language wordfreq does not know is "no list" everywhere, never a silent neighbour.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["WORDFREQ_MAX_DISTANCE", "wordfreq_language"]

#: langcodes' distance up to which a wordfreq list stands for a language: "no" -> "nb" (1), "sr" / "hr" / "bs" ->
#: "sh" (5-9); not Maltese -> English, Irish -> English, Basque -> Spanish (20+).
WORDFREQ_MAX_DISTANCE = 10


@lru_cache(maxsize=256)
def wordfreq_language(language: str) -> str | None:
    """The wordfreq list to read ``language``'s words in (``WORDFREQ_MAX_DISTANCE``), None when there is none."""
    import langcodes
    from wordfreq import available_languages

    try:
        best, _distance = langcodes.closest_match(language, list(available_languages()),
                                                  max_distance=WORDFREQ_MAX_DISTANCE)
    except (ValueError, LookupError):  # not a language tag at all
        return None
    return None if best == "und" else str(best)
