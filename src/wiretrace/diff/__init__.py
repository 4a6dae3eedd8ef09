"""Diff: what a copy added, dropped or changed relative to its source, typed and with spans in both.

Facts are compared as values, not strings: numbers by value ("7,000" = "seven thousand" = "7.000"),
dates by the calendar day they name ("on Monday" = "on March 9" when that Monday was the 9th), names
token by token with an edit-distance match ("Kowalczyk" -> "Kovalczik" is a changed name). Inside
lexically edited sentences every other word edit is listed; inside paraphrases and translations only
facts and inserted opinion are (wording is expected to differ there). Unaligned sentences are
added or dropped, typed by what they carry.

The modules, each importing only those above it: ``config`` (``DiffConfig``); the rules by concern, as functions
over text and mentions: ``text`` (tokens, spans, sentence pieces, quote marks), ``qualifiers`` (a figure's bounds),
``figures``, ``dates``, ``names``, ``meaning`` (negation, hedges, attribution), ``opinion`` (cue words, asides),
``claims`` (clauses and their support, the type of an added sentence); then the differ in layers, one class each:
``state`` (what both articles read), ``facts`` (figures, units, dates, names of an aligned passage), ``wording``
(opinion, claims, meaning words, word edits), ``core`` (``diff``: the walk over the alignment and the unaligned
sentences).
"""

from __future__ import annotations

# The public names, and (aliased) the private helpers that tests pin directly.
from wiretrace.diff.config import DiffConfig
from wiretrace.diff.core import _Differ as _Differ
from wiretrace.diff.core import diff
from wiretrace.diff.figures import FACT_LANGUAGES as FACT_LANGUAGES
from wiretrace.diff.figures import _clock_values as _clock_values
from wiretrace.diff.figures import _digit_figure as _digit_figure
from wiretrace.diff.figures import _digit_values as _digit_values
from wiretrace.diff.figures import _first_second as _first_second
from wiretrace.diff.figures import _has_value as _has_value
from wiretrace.diff.figures import _ones_said as _ones_said
from wiretrace.diff.meaning import _sayings as _sayings
from wiretrace.diff.meaning import _seemings as _seemings
from wiretrace.diff.names import _bare as _bare
from wiretrace.diff.names import _derived as _derived
from wiretrace.diff.names import _exonym as _exonym
from wiretrace.diff.names import _name_key as _name_key
from wiretrace.diff.names import _transliterated as _transliterated
from wiretrace.diff.opinion import CUE_LANGUAGES as CUE_LANGUAGES
from wiretrace.diff.opinion import OPINION_CUES

__all__ = ["OPINION_CUES", "DiffConfig", "diff"]
