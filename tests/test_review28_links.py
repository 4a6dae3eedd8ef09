"""Review of session 28: symbolic links that lead nowhere. A link loop or a dangling link given by name was "no
such file"; in a folder, such links and links to folders (not followed) were passed over without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiretrace.cli import main
from wiretrace.errors import missing_reason
from wiretrace.ingest import read_article
from wiretrace.ingest.sources import list_folder

STORY = ("Harbour officials in Portvale said on Tuesday that the new ferry terminal would open in March. "
         "The terminal cost 42 million euros and will handle 3,000 passengers a day, the port authority said.")


@pytest.fixture
def links(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    (d / "real").mkdir(parents=True)
    (d / "real" / "a.txt").write_text("Ferry terminal\n\n" + STORY)
    (d / "loop1.txt").symlink_to("loop2.txt")
    (d / "loop2.txt").symlink_to("loop1.txt")
    (d / "gone.txt").symlink_to("nowhere.txt")
    (d / "linked").symlink_to("real")  # a folder: not followed
    (d / ".hidden").mkdir()
    (d / ".hidden" / "lib64").symlink_to("nowhere")  # a hidden folder's links: passed over, as its files are
    return d


def test_missing_reason_names_the_link(links: Path) -> None:
    assert missing_reason(str(links / "loop1.txt")) == "a symbolic link loop"
    assert missing_reason(str(links / "gone.txt")) == "a symbolic link to nowhere.txt, which does not exist"
    assert missing_reason(str(links / "typo.txt")) == "no such file or folder"


def test_a_link_given_by_name_says_what_it_is(links: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(Exception, match="a symbolic link loop"):
        read_article(links / "loop1.txt")
    assert main(["index", str(links / "gone.txt"), str(links / "real"), "--db", str(links.parent / "s.db"),
                 "--lexical", "--workers", "1"]) == 2
    err = capsys.readouterr().err
    assert "gone.txt: a symbolic link to nowhere.txt, which does not exist" in err, err


def test_a_folders_links_that_are_not_read_are_said(links: Path) -> None:
    files, unread = list_folder(links)
    assert [f.name for f in files] == ["a.txt"]
    reasons = dict(unread)
    assert reasons[str(links / "loop1.txt")] == "a symbolic link loop"
    assert reasons[str(links / "gone.txt")] == "a symbolic link to nowhere.txt, which does not exist"
    assert reasons[str(links / "linked")].startswith("a symbolic link to a folder: not followed")
    assert not any(".hidden" in p for p in reasons)


def test_index_of_the_folder_lists_them_and_reads_the_rest(links: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["index", str(links), "--db", str(links.parent / "t.db"), "--lexical", "--workers", "1"]) == 0
    captured = capsys.readouterr()
    assert "1 new article," in captured.out
    assert "linked: a symbolic link to a folder: not followed" in captured.err
