"""The web server's limits that the command line also names, kept apart from ``wiretrace.serve`` so
that ``wiretrace --help`` states the defaults without importing the server (0.4 s)."""

from __future__ import annotations

__all__ = ["DEFAULT_COMPARE_WAIT_S", "DEFAULT_MAX_BODY", "DEFAULT_MAX_COMPARE_CHARS", "DEFAULT_TRACE_LIMIT"]

#: Request bodies over this many bytes are refused with 413 (two long articles fit many times over).
DEFAULT_MAX_BODY = 5_000_000
#: Characters of clean text per article that anyone may send to compare: about 30,000 words, longer than
#: any news article; a lexical compare of two that long takes ~3 s on one core (bench/worst_case.py
#: measures 1 MB at 8.8 s), so one request cannot hold a lane for long.
DEFAULT_MAX_COMPARE_CHARS = 200_000
#: Seconds a request for the sent-articles lane waits for the one before it, then 503.
DEFAULT_COMPARE_WAIT_S = 10.0
#: Articles one trace shows (`wiretrace trace`, ``/api/trace``): a dump's path names every article its records
#: hold (801 traces, 290 KB for an 801-line dump); the rest are counted, and a record is traced by `FILE:line N`.
DEFAULT_TRACE_LIMIT = 20
