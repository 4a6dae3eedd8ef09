"""Writing systems as Unicode ranges, named once: every stage that treats Chinese, Japanese, Korean or the
scripts of South-East Asia differently (no spaces between words, wide characters) reads them from here.

Each constant is the inside of a regex character class (``f"[{CJK}]"``).
"""

from __future__ import annotations

import re

__all__ = ["CJK", "FULLWIDTH", "HANGUL", "IDEOGRAPHS", "KANA", "NO_SPACE_SCRIPTS", "SOUTH_EAST_ASIAN",
           "UNSPACED", "UNSPACED_LANGUAGES", "WIDE", "count_wide"]

#: Hiragana and katakana.
KANA = "\u3040-\u30ff"
#: CJK unified ideographs, extension A and the compatibility block.
IDEOGRAPHS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Hangul syllables.
HANGUL = "\uac00-\ud7af"
#: Full-width and half-width forms ("１２", "，").
FULLWIDTH = "\uff00-\uffef"
#: Thai and Lao, Tibetan, Myanmar, Khmer: written without spaces between words, like CJK.
SOUTH_EAST_ASIAN = "\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u1780-\u17ff"

#: Chinese and Japanese characters (ideographs, kana): a "word" between spaces there is a whole clause.
CJK = KANA + IDEOGRAPHS
#: Every script written without spaces between words.
UNSPACED = SOUTH_EAST_ASIAN + CJK
#: Languages written in those scripts (ISO 639-1): Chinese, Japanese, Thai, Lao, Khmer, Burmese.
UNSPACED_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my"})
#: Characters of scripts without spaces as a figure meets them: CJK symbols and punctuation, kana,
#: ideographs, hangul, full-width forms ("有4800万人": the figure stands alone, as between spaces).
NO_SPACE_SCRIPTS = "\u3000-\u303f" + CJK + HANGUL + FULLWIDTH
#: Wide characters, each carrying about what three Latin letters and a space do: CJK radicals, symbols,
#: kana, ideographs (everything from U+2E80 to U+9FFF) and hangul.
WIDE = "\u2e80-\u9fff" + HANGUL

_WIDE = re.compile(f"[{WIDE}]")


def count_wide(text: str) -> int:
    """How many wide characters (``WIDE``) ``text`` holds."""
    return len(_WIDE.findall(text))
