from __future__ import annotations

import subprocess
import sys

import pytest

from wiretrace.cli import build_parser

COMMANDS = sorted(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def test_commands_exist() -> None:
    assert {"compare", "eval", "ingest"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    out = subprocess.run([sys.executable, "-m", "wiretrace.cli", command, "--help"], capture_output=True,
                         text=True, check=True, timeout=60).stdout
    assert "usage:" in out and len(out.splitlines()) > 3
    parser = build_parser()
    sub = parser._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    assert sub.description, f"{command} has no description"


def test_no_command_prints_help_and_exits_2() -> None:
    proc = subprocess.run([sys.executable, "-m", "wiretrace.cli"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert proc.returncode == 2 and "compare" in proc.stdout


def test_unknown_embedder_is_a_clear_error(fixtures) -> None:  # type: ignore[no-untyped-def]
    f = str(fixtures / "floods_original.txt")
    proc = subprocess.run([sys.executable, "-m", "wiretrace.cli", "compare", "--embedder", "nope", f, f],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2
    assert "unknown embedder 'nope'" in proc.stderr and "Traceback" not in proc.stderr


def test_config_file_layers(tmp_path, fixtures) -> None:  # type: ignore[no-untyped-def]
    from wiretrace.config import load_config
    from wiretrace.errors import ConfigError

    f = tmp_path / "w.toml"
    f.write_text('embedder = "minilm-l6-v2"\n[align]\nsemantic_min = 0.8\n[relate]\nedited_containment = 1\n')
    cfg = load_config(f)
    assert cfg.align.semantic_min == 0.8 and cfg.relate.edited_containment == 1.0
    assert cfg.embedder == "minilm-l6-v2" and cfg.align.lexical_min == load_config().align.lexical_min
    assert load_config(f, embedder="use-multilingual-v3").embedder == "use-multilingual-v3"  # flags win
    f.write_text("[align]\nsemantic_minn = 0.8\n")
    with pytest.raises(ConfigError, match="unknown setting 'semantic_minn'"):
        load_config(f)
    proc = subprocess.run([sys.executable, "-m", "wiretrace.cli", "compare", "--config", str(f),
                           str(fixtures / "floods_original.txt"), str(fixtures / "floods_original.txt")],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 2 and "semantic_minn" in proc.stderr and "Traceback" not in proc.stderr


def test_store_commands_on_a_missing_store_and_unwritable_report(tmp_path) -> None:  # type: ignore[no-untyped-def]
    missing = str(tmp_path / "none.db")
    for args in (["stories", "--db", missing], ["sites", "--db", missing], ["trace", "x", "--db", missing],
                 ["report", "--db", missing, "--out", str(tmp_path / "r")]):
        proc = subprocess.run([sys.executable, "-m", "wiretrace.cli", *args], capture_output=True, text=True,
                              timeout=60, check=False)
        assert proc.returncode == 2, args
        assert "no such store" in proc.stderr and "Traceback" not in proc.stderr
    db = tmp_path / "empty.db"
    proc = subprocess.run([sys.executable, "-m", "wiretrace.cli", "index", str(tmp_path / "nothing-here"), "--db",
                           str(db), "--lexical"], capture_output=True, text=True, timeout=120, check=False)
    # nothing to read: no store is made (a typo must not leave an empty store behind)
    assert proc.returncode == 2 and "nothing-here: no such file or folder" in proc.stderr and not db.exists()
    (tmp_path / "empty").mkdir()
    proc = subprocess.run([sys.executable, "-m", "wiretrace.cli", "index", str(tmp_path / "empty"), "--db", str(db),
                           "--lexical"], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0 and db.is_file()
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    proc = subprocess.run([sys.executable, "-m", "wiretrace.cli", "report", "--db", str(db), "--out",
                           str(blocker / "sub"), "--lexical"], capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "afile" in proc.stderr


def test_text_trees_say_how_an_undecided_edge_was_placed(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    # Two undated reprints of one made-up story, one word apart: relate cannot tell which came first, so the
    # tree draws one under the other and the text output must say that the order is not known (it said
    # nothing, and trace printed "None" for a missing date).
    import json

    from wiretrace.cli import main

    text = ("The harbour board of Porto Lindo voted on Tuesday to close the old ferry quay for repairs. "
            "Engineers found cracks in twelve of the forty concrete piles that hold the quay up. "
            "Ferries to the islands will leave from the new terminal until the work ends next spring. "
            "The board said the repairs would cost about 3.2 million euros, paid from its reserve fund. ")
    data = tmp_path / "reprints.jsonl"
    rows = [{"url": f"https://{site}/quay", "site": site, "title": "Old ferry quay to close", "text": t}
            for site, t in (("north-gazette.example", text),
                            ("south-post.example", text.replace("old ferry quay", "old ferry pier")))]
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert main(["index", str(data), "--db", db, "--lexical", "--workers", "1"]) == 0
    capsys.readouterr()
    assert main(["stories", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "[edited_copy 100%; which came first is not known]" in out
    assert all(main(["trace", r["url"], "--db", db]) == 0 for r in rows)
    out = capsys.readouterr().out
    assert "which came first is not known" in out and "None" not in out and "| - |" in out
