"""Review of session 28: a dump's record whose title, site or text holds a terminal escape sequence (JSON "\\u001b",
or a few ESC bytes a text file may hold) was printed raw by `stories`, `trace`, `sites`, `ingest` and `compare`: a
page could clear the user's screen or retitle the terminal. The terminal shows each control character as its
picture ("␛"), one character for one, so spans stay right; --json output is as stored (JSON escapes them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wiretrace.cli import main
from wiretrace.report.terminal import printable

STORY = ("Harbour officials in Portvale said on Tuesday that the new ferry terminal would open in March. "
         "The terminal cost 42 million euros and will handle 3,000 passengers a day, the port authority said.")
HOSTILE = {"url": "https://farm.test/1", "title": "\x1b]0;pwned\x07\x1b[2JRed title", "site": "\x1b[31mfarm",
           "byline": "By \x9b31mX", "text": STORY.replace("that the", "that \x1b[8mthe")}


def test_printable_keeps_length_and_lines() -> None:
    s = "a\x1b[2Jb\tc\nd\x07\x7f\x9b\x00"
    out = printable(s)
    assert len(out) == len(s)
    assert out == "a␛[2Jb\tc\nd␇␡�␀"
    assert printable("plain text, accents é, 港") == "plain text, accents é, 港"


@pytest.fixture
def store(tmp_path: Path) -> tuple[Path, Path]:
    dump = tmp_path / "d.jsonl"
    dump.write_text(json.dumps(HOSTILE) + "\n" + json.dumps({"url": "https://wire.test/1", "text": STORY}) + "\n")
    db = tmp_path / "s.db"
    assert main(["index", str(dump), "--db", str(db), "--lexical", "--workers", "1"]) == 0
    return dump, db


@pytest.mark.parametrize("command", [["stories"], ["sites"], ["trace", "https://farm.test/1"]])
def test_store_commands_print_no_control_character(store: tuple[Path, Path], command: list[str],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _dump, db = store
    capsys.readouterr()
    assert main([*command, "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out, out
    assert "␛" in out


def test_json_output_is_as_stored(store: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    _dump, db = store
    capsys.readouterr()
    assert main(["trace", "https://farm.test/1", "--db", str(db), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got[0]["article"]["title"] == HOSTILE["title"]


def test_ingest_and_compare_print_no_control_character(store: tuple[Path, Path], tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    dump, _db = store
    capsys.readouterr()
    assert main(["ingest", str(dump)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x9b" not in out and "␛[8mthe" in out
    one = tmp_path / "one.json"
    one.write_text(json.dumps(HOSTILE))
    plain = tmp_path / "plain.txt"
    plain.write_text(STORY)
    assert main(["compare", "--lexical", str(one), str(plain)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out, out
