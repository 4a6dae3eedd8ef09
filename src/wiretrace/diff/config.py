"""The diff's settings (``DiffConfig``): the threshold or switch of every rule, each with the data that chose it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True, frozen=True)
class DiffConfig:
    """What the diff reports."""

    #: rapidfuzz ratio (0-100) from which two name tokens are one name spelled differently.
    name_similarity_min: float = 65.0
    #: Shortest name token compared (characters).
    min_name_token: int = 3
    #: List word-level edits (as "other") inside lexically edited sentences.
    report_wording: bool = True
    #: An aside set off by commas or dashes, this many words or more, sharing at most this share of
    #: its content words with the source passage and carrying no number, date or name, is an inserted
    #: comment: the writer's voice, not a reported fact.
    aside_min_words: int = 4
    aside_max_overlap: float = 0.2
    #: Across languages, a name whose copy form is an ordinary word of the copy's language (wordfreq
    #: Zipf frequency at or above ``cross_language_word_zipf``) and whose source form is one of the
    #: source's (``cross_language_source_zipf``) is a translation or exonym ("Lisbon" -> "Lisboa",
    #: "Institute" -> "Institut"), not a changed name. Surnames are rare words (Zipf 0-2) in either form.
    cross_language_word_zipf: float = 2.5
    cross_language_source_zipf: float = 2.0
    #: Within one language, two forms that are both ordinary words (Zipf at or above this: about once in
    #: a million words) are a word swap or a spelling variant ("Centre" / "Center"), not a changed name.
    same_language_word_zipf: float = 3.0
    #: A name with a word of three letters or more glued on ("CookYou": a space lost in the copy) is the name
    #: when the glued word is this common (Zipf 6: once in a thousand words or more often; "the", "you",
    #: "with" are 7, while endings that make another name, "son", "ton", "ski", are 4-5).
    glued_word_zipf: float = 6.0
    #: A sentence may hold several ("These are not numbers. They are families." is one quoted sentence to
    #: the segmenter). In a translated or paraphrased passage, a piece of at least ``piece_min_words``
    #: words whose sentence embedding has cosine below ``piece_max_similarity`` with every piece of the
    #: other side was dropped (or added) inside a kept sentence. Needs the embedder; USE v3 puts such a
    #: piece near 0 and a translated one at 0.6-0.95.
    piece_max_similarity: float = 0.3
    piece_min_words: int = 4
    #: Unsupported clauses (issue #19). Within one language, each clause of a copy's edited or
    #: paraphrased passage (the text between commas, semicolons, colons, brackets and dashes; a comma
    #: inside a figure does not cut) is read for its *support*: the share of its content words (over
    #: three letters, no function word, no part of a figure) found, rapidfuzz ratio >= 80, among the
    #: words of the aligned source sentences and ``claim_window`` sentences either side of them (a round
    #: trip moves words between neighbouring sentences; an inserted clause's words are nowhere near). The change-type
    #: decider ``_clause_type`` reads these features with the clause's opinion cues and figures: a clause of
    #: ``claim_min_words`` words or more, ``claim_min_content`` content words or more, and support at most
    #: ``claim_max_support`` is added content: ``opinion`` when it carries a cue, ``number`` when it
    #: carries a figure, else ``claim``. Chosen on the test bed's dev split (bench/eval_diff.py: the
    #: inserted clauses against the clauses of the untouched round trips, over a grid of 3-5 words, 1-3
    #: content words, support 0.2-0.34): 41 of the 46 inserted clauses of rt-edit typed claim or opinion,
    #: 19 clause items on the 98 untouched round trips (garbled machine translation, mostly).
    claim_min_words: int = 5
    claim_min_content: int = 2
    claim_max_support: float = 0.25
    claim_window: int = 2
    #: A figure the copy adds is reported with its clause ("up 14 percent on the previous year", not
    #: "14") when the clause's support (read as above) is at most this share.
    figure_clause_max_support: float = 0.5
    #: An unaligned sentence is merged into a neighbour (not dropped or added) when this share of its
    #: content words is found in the words the neighbour's counterpart has beyond the neighbour (see
    #: ``_merged``). Chosen on dev: of the untouched round trips' 201 unaligned source sentences, 47 at 0.5
    #: or more; of the 66 sentences the test bed dropped, none above 0.38.
    merged_min_support: float = 0.5
    #: Across languages, an unaligned sentence is merged into a neighbouring passage (not dropped or added)
    #: when joining it to the passage raises the passage's cosine with its counterpart by more than this
    #: (see ``_merged_across``): no margin, the merged reading only has to explain the counterpart better.
    merged_min_gain: float = 0.0
    #: An unaligned sentence whose embedding has at least this cosine with the other article's title or one
    #: of its furniture texts (a kicker, a lede ingest set aside) is carried there, not dropped or added
    #: (``_in_furniture``); across languages the bound is lower. Chosen on dev (bench/eval_diff.py's pairs):
    #: the headlines and ledes read as furniture on one side only sat at 0.82-0.99 within one language and
    #: 0.42-0.76 across; the closest sentences really dropped or added at 0.74 (a planted drop against the
    #: source page's teaser of the same story) and 0.46.
    furniture_min_similarity: float = 0.8
    furniture_min_similarity_across: float = 0.5
    #: Across languages, a clause of the copy that carries an opinion cue is the translator's wording of a
    #: source clause, not inserted comment, when its embedding has at least this cosine with the aligned
    #: source passage or one of its clauses (``_translated_clause``): a translator renders "unnötig" as
    #: "inutile" and "périlleux" as "gefährlich", words a cue list holds on one side only. Chosen on dev
    #: (bench/eval_diff.py, wmt-ref and wmt-mt): the 17 cue clauses of translated passages sat at 0.41-0.76;
    #: a comment clause written into the same passages ("une décision irresponsable qui coûtera cher aux
    #: contribuables") at 0.03-0.30.
    opinion_translated_min_similarity: float = 0.35
    #: A figure in one unit and a figure in another of the same kind ("320 km" / "200 miles") are one
    #: quantity when they differ by at most this share (translators round what they convert).
    unit_conversion_tolerance: float = 0.06
    #: A round number in words ("une dizaine", "a dozen") matches a figure this close (share of the larger):
    #: "une dizaine" (about ten) is "ein Dutzend" in German.
    round_number_tolerance: float = 0.25
    #: Report an attribution kept but given to another speaker (``_Differ._speakers``: "according to the Harbour
    #: Board" -> "according to the opposition"). Off by default: on the test split it added one false item to the
    #: untouched round trips, and with the cue rules of the same change the rise passed the bound written before
    #: the look (bench/RESULTS.md, "cue edits"); dev xcue speaker changes 12 of 29 with it, 5 of 29 without.
    speaker_changes: bool = False
    #: Read "no longer" / "no one" as negations (``cues.negations(no_longer=True)``): an added or dropped "no
    #: longer" is reported as a negation. "no longer" counts only after an auxiliary, "to" or a pronoun (not a round
    #: trip's garbled "on the moon no longer next year", not "no longer than 72 hours"); a bare "not" of the other side
    #: covers it ("decided not to consider ... any more"), and so does a word of loss or a former state
    #: (``meaning._NO_LONGER_SAID``: "losing support" / "will no longer support"). On by default since session 23
    #: (issue #19, helper-notes/results-negation.md): dev xcue "no longer" edits 0 of 34 -> 32 of 34 right type; on the
    #: full dev set (all groups, --extra-dev --pt-dev --wmt-more) no new false item but the planted edit of a pair whose
    #: source was decided the wrong way. (Off before: session 16's first reading added 4 rt-plain items, 2 invented,
    #: before the bare-"not" and after-an-auxiliary rules.)
    no_longer_negation: bool = True
    #: Where one side's dates cannot be read (Chinese, Japanese: ``facts_limited``), compare the dates both sides
    #: write with a month and a day ("12月24日" / "December 24"): one the passage lost against another it gained is
    #: a changed date, and a run-together copy's head date that the source's title and head lines do not say (with
    #: a date of their own) is an added one. A date said otherwise ("周日", "on the 24th") stays unread: no date is
    #: reported dropped or added alone.
    month_days_across: bool = True
    #: Within one language, a figure kept whose unit or currency is another ("150 metres" -> "150 feet", "23 million
    #: crowns" -> "23 million euros": CLDR names, ``numbers.units_of``) is a changed figure, not rewording (the
    #: reviewer's repro of session 18).
    unit_changes: bool = True
    #: Within one language, in a lexically edited passage, one value put in another's place, word for word, is a
    #: changed fact even where the new value occurs elsewhere in the article: an ordinal ("a second flight" -> "a
    #: third flight"), a season ("spring" -> "autumn", a date).
    value_swaps: bool = True
    #: The same for any figure ("four excavators" -> "three excavators", three said elsewhere). Off by default: on the
    #: test split (session 18's one look, against session 17's records) the figure swaps were the likely cause of two
    #: more rt-plain items (7.39 -> 7.44), past the bound written before the look; ordinals and seasons made none.
    figure_swaps: bool = False
    #: Read "no one" as a negation (as "nobody" is): "No one was hurt" -> "One person was hurt" drops a negation.
    #: ``no_longer_negation`` adds "no longer" (on: see there).
    no_one_negation: bool = True
    #: A negation one side says with a word that denies without "not" (``cues.NEGATIVE_VERBS``, "rule out": "would not
    #: raise taxes" -> "ruled out a tax increase", "suspended until Saturday" -> "will not run before Saturday") is kept
    #: where the other side has more such words than this one (review M5). Dev: MSRP train paraphrase pairs, negation
    #: items 42 -> 34 (each removed one said with "without" / "refused" / "declined"); test-bed dev and test (one
    #: look, helper-notes/results-diffneg.md): no item changed.
    negation_equivalents: bool = True
    #: Within one language, in a lexically edited passage, a name put in the place of an unlike name ("the road to
    #: Brellmoor" -> "the road to Holmvik", "said Maren Thalbeck" -> "said Ilse Brandt") is a changed name, not
    #: rewording (``_Differ._name_swaps``): name mentions on both sides of one edit region, the lost one said nowhere
    #: in the copy and the new one nowhere in the source, not one name's derived form, not both ordinary words.
    #: Off by default: on dev it added 3 rt-plain items (6.32 -> 6.38 per 1,000 words), each a name the round trip
    #: really garbled; on the test split (one look) 4 rt-plain items (7.39 -> 7.50), past the bound written before
    #: the look (7.39); farm right type, negation, wmt-ref and wmt-mt held (helper-notes/results-names.md).
    name_swaps: bool = False
    #: ``name_swaps`` leaves alone a side whose every word is a word of one of these languages and not of the text's
    #: (``pivot_word_zipf`` there, ``pivot_word_margin`` above its Zipf in the text's language): a word of the
    #: language a round trip went through, left in or taken out ("All" -> "Todos", "Amigos" -> "Friends"). Fitted on
    #: dev's round trips (en -> pt -> en): of the copies' capitalised words that their source never writes, these
    #: values mark the five Portuguese words left in ("Isso", "Férias", "Datas", ...; margin 2.5 misses "Datas"), and
    #: of the sources' 2,196 capitalised words 9, Spanish words of names ("Las", "Buena"; margin 1.5: 20); any floor
    #: from 3.0 to 4.0 marks the same words.
    name_swap_pivot_languages: tuple[str, ...] = ("pt", "es")
    pivot_word_zipf: float = 3.5
    pivot_word_margin: float = 2.0
    #: A figure in brackets right after a figure that it converts into another unit of the same kind ("150 metres
    #: (492 feet)", "40 miles (64 km)", "$10m (€9.2m)") is no fact of its own: not reported added or dropped. Units
    #: of fixed size must agree within ``unit_conversion_tolerance``; two currencies (no fixed rate) within a
    #: factor of ``bracket_money_ratio``.
    bracket_conversions: bool = True
    #: Across languages, a name lengthened only by an ending its language puts on names (``_NAME_ENDINGS``) or by
    #: a compound's word, and a name given another ending vowel only where a form is a word or known place
    #: ("Brekke" -> "Brekker" / "Brekka" a changed name; "Okzitanien", "Europa", "Jesuskind" not); off: any
    #: lengthening and any ending vowel passes. Off: on test it added one wmt-mt item (1.20 -> 1.23 per 1,000
    #: words), a Chinese MT's "Fellowes和Sonja" (two names glued by a CJK word) that the loose rule let through.
    name_endings: bool = False
    bracket_money_ratio: float = 3.0
    #: Across languages, "this year" ("今年", "cette année") in an article with no date stands for one year figure of
    #: the other side, whatever its value. Off: a review decided that with no date to tell which year, the year is
    #: reported (tests/test_diff_review.py). On, dev wmt-ref lost one false item (session 20).
    undated_relative_years: bool = False
    #: An unaligned sentence that says again, word for word (case and punctuation aside, three words or more), a
    #: sentence of its own article that is aligned is a repetition ("He had no drug history." written twice by a
    #: round trip, a line a story repeats): it adds or drops nothing and is not reported. Where no occurrence is
    #: aligned (a sentence new to the copy, written twice) every one is reported as before.
    repeated_sentences: bool = True
    #: A figure's qualifier that the other side writes a few words before the figure instead of right before it ("it
    #: just takes 15 seconds" / "it takes only 15 seconds"; ``qualifiers._qualifier_moved``) is kept, not dropped or
    #: added.
    moved_qualifiers: bool = True
    #: An unaligned head sentence read as the other article's title (``_Differ._in_furniture``) still says its
    #: negations: those beyond the title's are reported ("X is defending ..." as the source's title, "X is no longer
    #: defending ..." the copy's first sentence). Within one language.
    head_negations: bool = True
    #: Within one language, "both forms ordinary words" (``same_language_word_zipf``) is read on the words as written
    #: (accents kept) as well as on the folded name keys: "Krankenhaus" / "Krankenhäuser", "Aussagen" / "Äußerungen"
    #: are words of German, "krankenhauser" / "außerungen" (the folded keys) are none.
    name_words_as_written: bool = True
    #: A name glued to text of an unspaced script (a Latin name with no space before the Chinese that follows it:
    #: "Squire说" / "Squire", "Murray和Keith" / "Murray") is the name: two forms that are the same up to their first
    #: character of such a script are one name, not a changed one.
    name_script_glue: bool = True
    #: Within a language that capitalises its nouns (``NOUN_CAPITALISING``: German), a capital is no sign of a name;
    #: a compound that ends or starts with an ordinary word of the language (``same_language_word_zipf``, its other
    #: part at least four letters) against that word ("Abstimmung" / "Mehrheitsabstimmung", "Gedächtnis" /
    #: "Gedächtnisverlust"), and a noun against itself with a noun ending, the noun (or its compound's last word) an
    #: ordinary word ("Impfprogramm" / "Impfprogramme", "Gegner" / "Gegnerin"), is a common noun said more or less
    #: precisely or in another number (rewording), not a changed name.
    name_compounds: bool = True
    #: Within a language written without spaces (``scripts.UNSPACED_LANGUAGES``: Chinese, Japanese, Thai), a clause's
    #: support in the source (``claim_max_support``) is read on its pairs of neighbouring characters as well as on its
    #: "words" (between spaces and punctuation: whole phrases, which another writer's phrasing never matches), the
    #: better of the two: two translations of one English story into Chinese read every sentence with a Latin name in
    #: it as an added claim.
    unspaced_clause_support: bool = True
