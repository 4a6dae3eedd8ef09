"""Agency heads and credits (issue #18 item 4): does ingest read date, dateline and credit in every variant?

Each real English body (``_realdata.english_bodies``: AEB gold bodies and WMT22 English originals) is
given every head variant below, written by us: key-value date fields before the dateline, bylines with a
month-day dateline, AP datelines with and without a year, Indian wire style ("NEW DELHI, March 20 (IANS)",
"New Delhi: ... (IANS)"), trailing credit lines and tails, mixed-case and multi-word places, a credit
token that is not an agency ("(File)"), and an "..., a ministry spokesman told AFP." sentence both in the
agency's own copy and in a third-party rewrite with no agency head. Places, agencies, names and dates
come from small lists here, chosen by a hash of the body key (no random generator), so a run is
reproducible. Any dateline or credit the real body already carries at its start or end is stripped first,
so the truth is ours.

Each variant goes through ``wiretrace.ingest.article_from_text``; a field is right when it equals the
truth (dateline case-insensitive; the date compared on its YYYY-MM-DD; None == None is right). ``clean``
says the key-value / byline prefix did not stay in the text.

Split: the source documents' dev / test split (``_realdata.split_of``). Develop on ``--split dev``;
the test figures are read once. Acceptance (issue #18): date, dateline and credit >= 0.98 on test.

    python bench/heads.py [--split dev|test] [--show N] [--json out.json]
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from datetime import date as Date  # noqa: N812 - the class, not a date value
from typing import Any

from _evalkit import Timer, emit, parser, skip
from _realdata import english_bodies
from wiretrace.ingest import article_from_text
from wiretrace.ingest.furniture import classify_paragraph

EVALUATION = "heads"
DATASET = "aeb + wmt22-news (english bodies)"
FIELDS = ("date", "dateline", "credit")
GOAL = 0.98

# Made-up bylines; real place names.
NAMES = ("Ana Vidigal", "Tomasz Korbel", "Helena Marchetti", "Kwame Asante-Boateng", "Ines Carvalho",
         "Rafael Ostrowski", "Mei-Lin Zhou", "Jonas Falk", "Priya Raghunathan", "Oliver Brandt")
UPPER_PLACES = ("LISBON", "NAIROBI", "NEW YORK", "HAMBURG", "BUENOS AIRES", "SEOUL", "CAPE TOWN", "ST. LOUIS",
                "RIO DE JANEIRO", "KUALA LUMPUR", "GENEVA", "ADDIS ABABA")
PLACES_WITH_COUNTRY = (("SÃO PAULO", "Brazil"), ("PORTO", "Portugal"), ("MOMBASA", "Kenya"),
                       ("LYON", "France"), ("OSAKA", "Japan"), ("CÓRDOBA", "Argentina"))
AP_PLACES = (("HAYWARD", "Calif."), ("COLUMBIA", "S.C."), ("BUFFALO", "N.Y."), ("DULUTH", "Minn."),
             ("SANTA FE", "N.M."), ("ANN ARBOR", "Mich."))
MIXED_PLACES = ("Rio de Janeiro", "São Paulo", "Mexico City", "Kuala Lumpur", "Cape Town", "Lisbon",
                "Frankfurt am Main", "Buenos Aires")
INDIAN_PLACES = ("New Delhi", "Mumbai", "Kolkata", "Chennai", "Bengaluru", "Hyderabad", "Lucknow")
AGENCIES = ("AFP", "Reuters", "AP", "dpa", "EFE", "Kyodo", "Yonhap", "ANSA", "Lusa", "UPI", "Bloomberg", "TASS")
TOLD = ("AFP", "Reuters", "AP", "dpa")
PAIRS = ("AFP/Reuters", "Reuters/AP", "AFP/dpa")
TITLES = ("Officials weigh next steps after a week of talks", "What we know so far",
          "Council vote set for Thursday", "Markets brace for a busy week")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
AP_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")

# A dateline or credit the real body already opens with ("WASHINGTON (Reuters) - ", "(CNN) ",
# "Dekalb, Ill. — ", "NEW DELHI: "), or an upper-case place standing alone as the first paragraph.
_WORD = r"[A-ZÀ-Þ][\w.'’\-]*"
_LEAD_PLACE = rf"{_WORD}(?:\s+(?:(?:de|do|da|of|am)\s+)?{_WORD}){{0,4}}(?:,\s*{_WORD}(?:\s+{_WORD}){{0,3}}){{0,2}}"
_LEAD = re.compile(
    rf"^(?:(?:{_LEAD_PLACE})?\s*(?:\([^()\n]{{1,40}}\))?\s*[-–—]{{1,2}}\s+"
    rf"|(?:{_LEAD_PLACE})?\s*\([^()\n]{{1,40}}\)\s+(?=[A-Z\"“])"
    rf"|{_LEAD_PLACE}:\s+(?=[A-Z\"“]))"
)
_UPPER_LINE = re.compile(r"^[^a-z\n]{2,40}$")
# A credit the real body already closes with: "... US. PTI", "— AP", "(Reuters)", "© Reuters".
_TAIL = re.compile(r"(?:\s*[-–—(©]\s*[A-Z][A-Za-z]{1,20}\)?|(?<=[.!?\"”])\s+[A-Z]{2,6})\s*$")


def clean_body(text: str) -> list[str]:
    """Return the body's paragraphs without any dateline / credit it opens or closes with (or furniture
    paragraph it closes with)."""
    paras = [p for p in text.split("\n\n") if p.strip()]
    while paras and _UPPER_LINE.match(paras[0]) and len(paras) > 2:
        paras.pop(0)
    paras[0] = _LEAD.sub("", paras[0], count=1)
    while len(paras) > 2 and classify_paragraph(paras[-1]):  # a licence line would take our tail with it
        paras.pop()
    paras[-1] = _TAIL.sub("", paras[-1]).rstrip()
    if not paras[-1]:
        paras.pop()
    return paras


class _Pick:
    """Deterministic choices from a body key: the n-th choice hashes (key, purpose)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def int(self, purpose: str, n: int) -> int:
        h = hashlib.sha256(f"{self.key}:{purpose}".encode()).digest()
        return int.from_bytes(h[:8], "big") % n

    def one(self, purpose: str, items: tuple[Any, ...]) -> Any:
        return items[self.int(purpose, len(items))]

    def date(self, purpose: str) -> Date:
        return Date(2019 + self.int(purpose + ":y", 6), 1 + self.int(purpose + ":m", 12),
                    1 + self.int(purpose + ":d", 28))


def _truth(variant: str, *, date: Date | None = None, dateline: str | None = None, credit: str | None = None,
           told: bool = False, absent: str | None = None) -> dict[str, Any]:
    return {"date": date.isoformat() if date else None, "dateline": dateline, "credit": credit,
            "variant": variant, "told_agency": told, "absent": absent}


def _long(d: Date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _md(d: Date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


def _ap_md(d: Date) -> str:
    return f"{AP_MONTHS[d.month - 1]} {d.day}"


def _join(*parts: str) -> str:
    return "\n\n".join(p for p in parts if p)


def head_variants(body_text: str, key: str) -> list[tuple[str, dict[str, Any]]]:
    """Return (plain-text article, truth) for every head variant of one real body, chosen by ``key``."""
    paras = clean_body(body_text)
    first, rest = paras[0], paras[1:]
    pick = _Pick(key)
    d = pick.date("date")
    hour = 6 + pick.int("hour", 12)
    city = pick.one("city", UPPER_PLACES)
    city2, country = pick.one("country", PLACES_WITH_COUNTRY)
    ap_city, state = pick.one("ap", AP_PLACES)
    mixed = pick.one("mixed", MIXED_PLACES)
    indian = pick.one("indian", INDIAN_PLACES)
    ag = pick.one("agency", AGENCIES)
    told = pick.one("told", TOLD)
    name = pick.one("name", NAMES)
    title = pick.one("title", TITLES)
    body = _join(*rest)
    last = rest[-1] if rest else ""
    weekday = d.strftime("%A")

    def with_told(paragraphs: list[str]) -> list[str]:
        out = list(paragraphs)
        i = len(out) // 2
        out[i] = out[i] + f" “We are following the matter closely,” a ministry spokesman told {told}."
        return out

    builders: list[Callable[[], tuple[str, dict[str, Any]]]] = [
        lambda: (_join(f"date {d.isoformat()} {city} ({ag}) – {first}", body),
                 _truth("kv_date_dateline", date=d, dateline=city, credit=ag, absent=f"date {d.isoformat()}")),
        lambda: (_join(f"Date: {_long(d)} {city} ({ag}) - {first}", body),
                 _truth("kv_date_colon", date=d, dateline=city, credit=ag, absent=f"Date: {_long(d)}")),
        lambda: (_join(f"published {d.isoformat()}T{hour:02d}:00Z {city2}, {country} ({ag}) — {first}", body),
                 _truth("kv_published_region", date=d, dateline=city2, credit=ag,
                        absent=f"published {d.isoformat()}")),
        lambda: (_join(f"{d.isoformat()} | {city} ({ag}) – {first}", body),
                 _truth("kv_bare_date", date=d, dateline=city, credit=ag, absent=f"{d.isoformat()} |")),
        lambda: (_join(title, f"Updated: {weekday} {_long(d)} {hour:02d}:15 GMT | {city} ({ag}) – {first}", body),
                 _truth("kv_updated_title", date=d, dateline=city, credit=ag, absent=f"Updated: {weekday}")),
        lambda: (_join(f"By {name} | {city}, {_md(d)} (Reuters) - {first}", body),
                 _truth("byline_pipe_md", dateline=city, credit="Reuters", absent=f"By {name}")),
        lambda: (_join(f"By {name}\n{city}, {_md(d)} ({ag}) - {first}", body),
                 _truth("byline_line_md", dateline=city, credit=ag, absent=f"By {name}")),
        lambda: (_join(title, f"By {name}", _long(d), f"{city}, {_md(d)} ({ag}) - {first}", body),
                 _truth("title_byline_date_md", date=d, dateline=city, credit=ag, absent=f"By {name}")),
        lambda: (_join(f"{ap_city}, {state}, {_ap_md(d)} (AP) — {first}", body),
                 _truth("ap_md_no_year", dateline=ap_city, credit="AP")),
        lambda: (_join(f"{title}\n{_md(d)}, {d.year}", f"{ap_city}, {state}, {_ap_md(d)} (AP) — {first}", body),
                 _truth("ap_md_date_line", date=d, dateline=ap_city, credit="AP")),
        lambda: (_join(f"{ap_city}, {state} (AP) — {first}", body),
                 _truth("ap_region", dateline=ap_city, credit="AP")),
        lambda: (_join(f"{city}, {_md(d)}, {d.year} ({ag}) - {first}", body),
                 _truth("dateline_md_year", date=d, dateline=city, credit=ag)),
        lambda: (_join(f"{city}, {d.day} {MONTHS[d.month - 1]} ({ag}) - {first}", body),
                 _truth("dateline_day_month", dateline=city, credit=ag)),
        lambda: (_join(f"{indian.upper()}, {_md(d)} (IANS) {first}", body),
                 _truth("ians_comma", dateline=indian, credit="IANS")),
        lambda: (_join(f"{indian}: {first} (IANS)", body),
                 _truth("ians_colon_paragraph", dateline=indian, credit="IANS")),
        lambda: (_join(f"{indian}: {first}", *rest[:-1], f"{last} (IANS)") if rest else
                 (f"{indian}: {first} (IANS)"),
                 _truth("ians_colon_article", dateline=indian, credit="IANS")),
        lambda: (_join(title, first, body, pick.one("tail", (f"— {ag}", f"- {ag}", f"({ag})", f"--{ag}"))),
                 _truth("tail_line", credit=ag, absent=None)),
        lambda: (_join(first, body, pick.one("pair", PAIRS)),
                 _truth("tail_pair_line", credit=pick.one("pair", PAIRS))),
        lambda: (_join(first, *rest[:-1], f"{last or ''} {pick.one('tailp', (f'— {ag}', f'({ag})', f'-{ag}'))}"),
                 _truth("tail_in_paragraph", credit=ag)),
        lambda: (_join(f"{mixed} ({ag}) - {first}", body), _truth("mixed_case_place", dateline=mixed, credit=ag)),
        lambda: (_join(f"{city2}, {country} ({ag}) — {first}", body),
                 _truth("upper_place_country", dateline=city2, credit=ag)),
        lambda: (_join(title, f"{city} ({ag}) – {first}", body), _truth("title_dateline", dateline=city, credit=ag)),
        lambda: (_join(title, f"Published: {weekday} {_long(d)} {hour:02d}:12 GMT", f"{city} ({ag}) – {first}",
                       body),
                 _truth("title_date_line_dateline", date=d, dateline=city, credit=ag)),
        lambda: (_join(f"({ag}) — {first}", body), _truth("credit_only", credit=ag)),
        lambda: (_join(f"{mixed}, {_md(d)} (Xinhua) -- {first}", body),
                 _truth("xinhua_mixed_md", dateline=mixed, credit="Xinhua")),
        lambda: (_join(f"{city} ({pick.one('notcredit', ('File', 'Photo', 'Video'))}) — {first}", body),
                 _truth("not_a_credit", dateline=city)),
        lambda: (_join(f"{city} ({told}) – {first}", *with_told(rest) if rest else ()),
                 _truth("told_agency_own", dateline=city, credit=told, told=True)),
        lambda: (_join(title, *with_told([first, *rest])), _truth("told_agency_rewrite", told=True)),
        lambda: (_join(title, first, body), _truth("no_head")),
    ]
    return [b() for b in builders]


def score(text: str, truth: dict[str, Any], name: str) -> tuple[dict[str, bool], tuple[str | None, ...]]:
    """Return, per field, whether ingest read it right (``clean``: no head prefix left in the text), and
    what it read (date, dateline, credit)."""
    art = article_from_text(text, name=name)
    got_date = art.date[:10] if art.date else None
    ok = {
        "date": got_date == truth["date"],
        "dateline": (art.dateline or "").casefold() == (truth["dateline"] or "").casefold(),
        "credit": art.credit == truth["credit"],
        "clean": truth["absent"] is None or truth["absent"] not in art.text,
    }
    return ok, (got_date, art.dateline, art.credit)


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, DATASET)
    ap.add_argument("--split", choices=("dev", "test"), default="dev")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print the first N wrong items (dev only)")
    for action in ap._actions:  # the bodies come from two data sets: --data names their common folder
        if action.dest == "data":
            action.help = "the folder holding aeb/ and wmt22-news/ (default: $WIRETRACE_DATA or ../shared/data)"
    args = ap.parse_args(argv)
    try:
        bodies = [b for b in english_bodies(args.data) if b.split == args.split]
    except FileNotFoundError as exc:
        return skip(args, EVALUATION, f"data not found ({exc.filename})")
    timer = Timer()
    per: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    wrong: list[tuple[str, str, dict[str, Any], Any]] = []
    for body in bodies:
        for i, (text, truth) in enumerate(head_variants(body.text, body.key)):
            ok, got = score(text, truth, name=f"{body.key}#{i}")
            for f, right in ok.items():
                per[truth["variant"]][f].append(right)
                per["all"][f].append(right)
            if not all(ok.values()):
                wrong.append((body.key, truth["variant"], truth, got))
    figures = {v: {f: sum(xs) / len(xs) for f, xs in fs.items()} | {"n": len(fs["date"])} for v, fs in per.items()}
    print(f"head variants on {len(bodies)} real bodies ({args.split} split), {figures['all']['n']} articles, "
          f"{timer.seconds:.1f} s")
    print(f"{'variant':28} {'n':>5} {'date':>6} {'dateline':>8} {'credit':>6} {'clean':>6}")
    for v in sorted(per, key=lambda v: (v == "all", v)):
        f = figures[v]
        print(f"{v:28} {f['n']:5d} {f['date']:6.3f} {f['dateline']:8.3f} {f['credit']:6.3f} {f['clean']:6.3f}")
    met = all(figures["all"][f] >= GOAL for f in FIELDS)
    print(f"goal: date, dateline and credit >= {GOAL} on test: {'met' if met else 'not met'} on {args.split}")
    if args.show and args.split == "dev":
        for key, variant, truth, got in wrong[: args.show]:
            print(f"  {variant}: {key} truth={truth['date'], truth['dateline'], truth['credit']} got={got}")
    return emit(args, {"evaluation": EVALUATION, "status": "ok", "split": args.split, "bodies": len(bodies),
                       "seconds": timer.seconds, "figures": figures, "goal": {"min": GOAL, "met": met},
                       "wrong": len(wrong)})


if __name__ == "__main__":
    sys.exit(main())
