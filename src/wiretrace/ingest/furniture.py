"""Content-farm furniture and licence lines: find them in a list of paragraphs and take them out.

Site chrome (menus, footers) is trafilatura's job; what stays inside the article body on content farms
("Read also: ...", "You May Also Like" blocks, invented author bios, comment forms) is ours. Every
paragraph taken out is returned, with the signal it raised, so a user can see why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wiretrace.scripts import count_wide

_I = re.IGNORECASE

# Each pattern matches at the start of a paragraph (after optional bullets / emphasis markers).
_READ_ALSO = re.compile(
    r"^(read also|read more|also read|related|related articles?|recommended|more on this|"
    r"leia também|leia mais|veja também|lee también|lea también|lea además|ver también|lire aussi|"
    r"à lire aussi|a lire aussi|lesen sie auch|mehr zum thema|ayrıca okuyun|اقرأ أيضا)\s*[:：\-–—|]",
    _I,
)
_SEE_ALSO = re.compile(r"^(see also|voir aussi|siehe auch|véase también|ver também)\b", _I)
_BLOCK_HEAD = re.compile(
    r"^(you may also like|you might also like|more stories|more from [\w .]+|recommended for you|"
    r"trending now|popular posts|related posts|most read|te puede interesar|também pode gostar|"
    r"vous aimerez aussi|das könnte sie auch interessieren|related stories)\s*[:.!]?$",
    _I,
)
_AUTHOR_BIO = re.compile(
    r"^(about the author|about the writer|sobre o autor|sobre el autor|à propos de l.auteur|über den autor)\b"
    r"|\bis an? (passionate|seasoned|freelance|experienced|dedicated|avid|enthusiastic|veteran)\b[^.]{0,60}\b"
    r"(writer|journalist|blogger|author|content creator)\b",
    _I,
)
# The head of a comment form: what starts one on the page, so everything after it that is not prose goes.
_COMMENT_FORM = re.compile(
    r"^(leave a reply|leave a comment\s*$|your email address will not be published|required fields are marked|"
    r"deixe uma resposta|deixe um comentário|deja una respuesta|deja un comentario|laisser un commentaire|"
    r"laisser une réponse|schreibe einen kommentar|lascia un commento)",
    _I,
)
# The fields and buttons of a form, and links to one ("- Post comment" in a toolbar above the article):
# furniture themselves, but they do not start a form (the article may follow them).
_FORM_FIELD = re.compile(
    r"^(cancel reply|comment\s*\*|name\s*\*|email\s*\*|website\s*$|post (a )?comment\s*$|submit( comment)?\s*$|"
    r"save my name, email|\d+ comments?$|comments?\s*\(\d+\)$|add (a )?comment\s*$)",
    _I,
)
_SHARE = re.compile(
    r"^(share( this( article| story)?)?\s*[:!]?$|share on |click to share|like this:|follow us on|"
    r"subscribe to our|sign up for our newsletter|tags?\s*:|filed under|advertisement$|sponsored content)",
    _I,
)
_LICENCE = re.compile(
    r"^(©|\(c\)|copyright\b)\s*(\d{4})?|republished under licen[cs]e|reprinted (with permission|under licen[cs]e)"
    r"|all rights reserved\.?$",
    _I,
)
_BULLET = re.compile(r"^[\s•·*>\-–—»]+")
_HEADLINE_MAX = 140
#: A field, button or share line is short: a paragraph this long that starts like one and reads as prose is an
#: article paragraph with a label run into it (a SemEval Arabic text began "* email* facebook* twitter*
#: linkedin" and then its 3,165 characters of article, all of it taken as a form field; review of session 23).
_LABEL_MAX = 300
#: Share-button labels run into the start of a paragraph ("* email* facebook* twitter* linkedin" + article):
#: three or more (a sentence may begin "Facebook Messenger"), each followed by no lower-case Latin letter (the
#: article may follow with no space: "linkedinThe council", or in another script).
_SHARE_LABELS = re.compile(
    r"^(?:[\s•·*|/]*(?:e-?mail|facebook|twitter|linkedin|whatsapp|pinterest|reddit|telegram|messenger|print|"
    r"share|tweet)(?-i:(?![a-z]))){3,}[\s•·*|/:]*",
    _I,
)


#: Page and widget labels, per language (issue #19, review of session 23): a page's own words for its comment box,
#: share, follow, subscribe and save buttons, audio and video players, advertisement slots, related-stories heads,
#: log-in prompts and a story's end mark. Fitted on the SemEval 2022 task 8 dev split (``bench/_realdata.split_of``):
#: lines that recur in two or more dev documents of a language, and the labels among the dev pairs' added and
#: dropped diff items, read by hand; credits, bylines, datelines and headings left out. A line that is one of these
#: (and a counter: "Comentarios 3") is no article text, but strip_furniture does not take it: it raises no
#: content-farm signal, and the text, its id, its coverage and the source features stay as they were. The diff
#: types it ``boilerplate`` when one side alone has it (:func:`page_label`).
PAGE_LABELS: dict[str, tuple[str, ...]] = {
    "es": ("Comentarios", "-Fin de nota-", "Publicidad", "Escuchar nota", "Síguenos en Google Noticias",
           "Noticias relacionadas", "Te puede interesar:", "Te podría interesar:", "Lee más aquí:", "Vea más",
           "Chécalo:", "Infórmate con nosotros en YouTube:", "No ad for you", "Más en Andina:",
           "Lee más de Quintana Roo",
           "También estamos en Telegram como @DiarioPrimicia, únete aquí https://t.me/diarioprimicia"),
    "fr": ("Commentaires", "-Fin de la note-", "Publicité", "Suivez-nous sur Google News",
           "Vous pourriez être intéressé par :", "Connectez-vous avec votre nom d'utilisateur et votre mot de passe."),
    "tr": ("Abone ol", "Haberi kaydet", "Haber videosu", "Görüntü dökümü:", "Şimdiden sonsuz teşekkürler…",
           "BirGün bizim; hepimizin."),
    "ar": ("التعليقات", "اشترك لتصلك أهم الأخبار", "شاهد أخبار الدوريات في يوم .. اشترك الآن", "إقرأ المزيد",
           "قد يهمك أيضا:", "المزيد من الفرق", "أنا معجب بالشروق بالفعل، لا تظهر هذه الرسالة مرة أخرى"),
    # a theme's spam line, on Spanish and French pages alike
    "en": ("Want create site? Find Free WordPress Themes and plugins.",),
}
#: Share-button labels alone, each with its counter or not ("Facebook 0 Twitter 0 WhatsApp 0"), read on a label key.
_NETWORKS = re.compile(r"^(?:(?:e ?mail|facebook|twitter|linkedin|whatsapp|pinterest|reddit|telegram|tumblr|"
                       r"messenger)(?: \d+)?(?: |$)){3,}$")
#: Arabic tatweel and harakat: "ايضـــًا" is "ايضا".
_ARABIC_MARKS = re.compile("[\u0640\u064b-\u0652]")
_ALIF = str.maketrans("أإآ", "ااا")


def _label_key(text: str) -> str:
    """``text`` as a label is compared: case-folded, Arabic tatweel and harakat off, hamza seats read as alif ("أيضا"
    = "ايضا"), every run of punctuation and spaces one space."""
    text = _ARABIC_MARKS.sub("", text.casefold()).translate(_ALIF)
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


_PAGE_LABEL = re.compile(
    "^(?:" + "|".join(sorted({re.escape(_label_key(t)) for ts in PAGE_LABELS.values() for t in ts})) + r")(?: \d+)?$")


def page_label(text: str) -> bool:
    """Whether ``text`` is a page or widget label and nothing more (``PAGE_LABELS``, in any language: a whole line
    is matched, so one language's label is no other's text), or a row of share buttons."""
    key = _label_key(text)
    return bool(key) and bool(_PAGE_LABEL.match(key) or _NETWORKS.match(key))


@dataclass(slots=True, frozen=True)
class Stripped:
    """Paragraphs kept, paragraphs removed (as they were) with the rule that removed each, and the
    signals raised."""

    kept: tuple[str, ...]
    removed: tuple[str, ...]
    signals: tuple[str, ...]
    rules: tuple[str, ...] = ()


def classify_paragraph(paragraph: str) -> str | None:
    """Return the furniture signal a paragraph raises on its own, or None for article text."""
    p = _BULLET.sub("", paragraph).strip()
    if not p:
        return None
    if _READ_ALSO.search(p):
        return "read_also"
    if _SEE_ALSO.search(p):
        return "see_also"
    if _BLOCK_HEAD.search(p):
        return "also_like_block"
    if _COMMENT_FORM.search(p):
        return "comment_form"
    if _FORM_FIELD.search(p) and _label_sized(p):
        return "form_field"
    # the length first: the same answer, and the pattern (tried at every word) only on a short paragraph
    if len(p) < 600 and _AUTHOR_BIO.search(p):
        return "author_bio"
    if (_SHARE.search(p) and _label_sized(p)) or ((m := _SHARE_LABELS.match(p)) and m.end() == len(p)):
        return "share_widgets"
    if len(p) < 300 and _LICENCE.search(p):
        return "licence_line"
    return None


def strip_furniture(paragraphs: list[str]) -> Stripped:
    """Split ``paragraphs`` into article text and furniture.

    A "You May Also Like" head takes the short headline lines after it; a comment form's head takes what
    follows it up to the next paragraph that reads as prose (a form is the last thing of a page body; a
    rule taking more than its own line never takes prose). The rule of a line taken that way is its
    head's, with "_tail": "also_like_block_tail", "comment_form_tail".
    """
    kept: list[str] = []
    removed: list[str] = []
    rules: list[str] = []
    signals: list[str] = []
    block: str | None = None
    in_form = False
    for para in paragraphs:
        text = para.strip()
        labels, text = split_share_labels(text)
        if labels:
            removed.append(labels)
            rules.append("share_widgets")
            if "share_widgets" not in signals:
                signals.append("share_widgets")
        if not text:
            continue
        signal = classify_paragraph(text)
        if signal is None and reads_as_prose(text):
            in_form = False
        elif in_form and signal is None:
            removed.append(text)
            rules.append("comment_form_tail")
            continue
        if signal is None and block and _looks_like_headline(text):
            removed.append(text)
            rules.append(f"{block}_tail")
            continue
        block = signal if signal == "also_like_block" else None
        if signal is None:
            kept.append(text)
            continue
        if signal == "comment_form":
            in_form = True
        removed.append(text)
        rules.append(signal)
        signal = "comment_form" if signal == "form_field" else signal
        if signal not in signals:
            signals.append(signal)
    return Stripped(tuple(kept), tuple(removed), tuple(signals), tuple(rules))


def _label_sized(p: str) -> bool:
    """Whether ``p`` can be a field, button or share line: short, or at least not prose (a long tag list)."""
    return len(p) < _LABEL_MAX or not reads_as_prose(p)


def split_share_labels(paragraph: str) -> tuple[str, str]:
    """(share-button labels run into the start of ``paragraph``, the rest), or ("", paragraph) where it has
    none or the rest is no article paragraph (a line of labels alone is left to :func:`classify_paragraph`)."""
    m = _SHARE_LABELS.match(paragraph)
    if not m:
        return "", paragraph
    rest = paragraph[m.end():].strip()
    if len(rest) < _LABEL_MAX and not reads_as_prose(rest):
        return "", paragraph
    return paragraph[:m.end()].strip(), rest


#: A paragraph of at least this many words (a Han or kana character counting a third of one) that
#: ends like a sentence reads as prose: no rule that takes lines around its own match removes it.
PROSE_MIN_WORDS = 15
_SENTENCE_END = (".", "!", "?", "。", "！", "？", '"', "”", "»", "’", ")")


def reads_as_prose(text: str) -> bool:
    """Whether a paragraph reads as running text rather than a label, link, field or headline."""
    words = len(text.split())
    if words < PROSE_MIN_WORDS:
        words += count_wide(text) // 3
    return words >= PROSE_MIN_WORDS and text.rstrip().endswith(_SENTENCE_END)


def _looks_like_headline(text: str) -> bool:
    return len(text) <= _HEADLINE_MAX and not text.rstrip().endswith((".", '"', "”", "»"))


# Pages that are not articles at all: what a crawler gets instead of the story. Each is matched only on a
# short text (under ``NOT_ARTICLE_MAX_WORDS``), so an article that mentions cookies or a captcha stays.
_NOT_ARTICLE = (
    ("a bot check", re.compile(r"\b(verify (that )?you are (a )?human|are you a robot|i am not a robot|i'm not a robot|"
                              r"checking (if the site connection is secure|your browser)|unusual traffic from your|"
                              r"complete the (security check|captcha)|press (and|&) hold)\b", _I)),
    ("a cookie wall", re.compile(r"\b(we use cookies|accept (all )?cookies|manage (your )?consent|cookie (settings|"
                                 r"preferences))\b", _I)),
    ("a paywall", re.compile(r"\b(subscribe (now )?to (continue|keep) reading|this (article|content) is (only )?"
                             r"(available )?(for|to) (subscribers|members)|already a subscriber|to continue reading,? "
                             r"(please )?(subscribe|log ?in|sign in))\b", _I)),
    ("an error page", re.compile(r"\b(page not found|404 not found|error 404|this page (does not|doesn.t) exist|"
                                 r"access denied|403 forbidden|the page you (are|were) looking for)\b", _I)),
)
NOT_ARTICLE_MAX_WORDS = 120


def not_an_article(text: str) -> str | None:
    """What the page is instead of an article ("a bot check", "a cookie wall", "a table without running text",
    ...), or None."""
    if _table_only(text):
        return "a table without running text"
    if len(text.split()) >= NOT_ARTICLE_MAX_WORDS:
        return None
    for what, pattern in _NOT_ARTICLE:
        if pattern.search(text):
            return what
    return None


def _table_only(text: str) -> bool:
    """Whether ``text`` is table rows alone ("| Team A | 3 | 9 |", as the HTML extraction writes a table) with no
    cell that reads as prose (``reads_as_prose``): a league table, a price list. A page laid out in a table keeps
    its article, a cell of running text (2 of the 181 AEB pages, session 29)."""
    rows = [p.strip() for p in text.split("\n") if p.strip()]
    return bool(rows) and all(r.startswith("|") for r in rows) and not any(
        reads_as_prose(cell.strip()) for r in rows for cell in r.split("|"))
