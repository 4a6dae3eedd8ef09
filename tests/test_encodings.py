"""Legacy single-byte text: the word evidence between near guesses (``decode_bytes(by_words=True)``, the default)."""

from __future__ import annotations

from pathlib import Path

from wiretrace.ingest.decode import _commoner, decode_bytes

# Our own made-up stories, written for these tests.
_SPANISH = ("El ayuntamiento de Valdemora aprobó el martes un plan de baños públicos para el año próximo. "
            "La señora Peñalver, concejala de obras, dijo que la compañía empezará en otoño y que el coste, "
            "unos dos millones, saldrá del presupuesto de mañana. Los vecinos pidieron más información.")
_TURKISH = ("İzmir limanında çalışan işçiler perşembe günü iş bıraktı. Şirket yönetimi, ücret artışı isteğinin "
            "gelecek ay görüşüleceğini açıkladı. İşçiler ise açıklamayı yetersiz buldu.")


def test_words_read_a_spanish_cp1252_text_the_guess_reads_as_cp1250() -> None:
    data = _SPANISH.encode("cp1252")
    assert "ń" in decode_bytes(data, "es.txt", by_words=False)  # "ańo": charset-normalizer's cp1250 on a tie
    assert decode_bytes(data, "es.txt") == _SPANISH


def test_words_read_a_turkish_cp1254_text_the_guess_misreads() -> None:
    data = _TURKISH.encode("cp1254")
    assert decode_bytes(data, "tr.txt", by_words=False) != _TURKISH
    assert decode_bytes(data, "tr.txt") == _TURKISH


def test_words_leave_a_text_with_one_reading_alone() -> None:
    russian = "Городской совет утвердил новый план ремонта моста. Работы начнутся весной и продлятся год. " * 3
    assert decode_bytes(russian.encode("cp1251"), "ru.txt", by_words=True) == russian


def test_a_span_a_symbol_breaks_is_no_word() -> None:
    # same length, one word differs: "Millionäre" against "Million‰re" (a DOS code page's reading); wordfreq
    # would score the pieces of the second, which are words, so the symbol must make it no word at all
    good = "Die Millionäre kamen am Montag."
    bad = "Die Million‰re kamen am Montag."
    assert not _commoner(bad, good, "de", lambda w, lang: 3.0)
    assert _commoner(good, bad, "de", lambda w, lang: 3.0)  # either side's words: one region, not "Million", "re"


def test_decode_by_words_is_an_ingest_option(tmp_path: Path) -> None:
    from wiretrace.config import load_config
    from wiretrace.ingest import IngestConfig, article_from_bytes

    conf = tmp_path / "w.toml"
    conf.write_text("[ingest]\ndecode_by_words = false\n", encoding="utf-8")
    cfg = load_config(conf).ingest
    assert not cfg.decode_by_words and IngestConfig().decode_by_words  # on by default since session 19 (RESULTS.md)
    data = _TURKISH.encode("cp1254")
    assert article_from_bytes(data, name="tr.txt").text == _TURKISH
    assert article_from_bytes(data, name="tr.txt", cfg=cfg).text != _TURKISH
