"""Review of session 28: a gzip-compressed page given by name (the AEB pages are .html.gz) was refused as
"binary file (control characters)"; a folder's walk says what it is ("of compressed files only .jsonl.gz
and .warc.gz are read; decompress it"), and so does a file given by name now."""

from __future__ import annotations

import bz2
import gzip
import lzma
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from wiretrace.cli import main
from wiretrace.errors import InputError
from wiretrace.ingest import article_from_bytes, read_article

PAGE = (b"<html><head><title>Ferry terminal</title></head><body><article><p>Harbour officials in Portvale said on "
        b"Tuesday that the new ferry terminal would open in March. The terminal cost 42 million euros and will "
        b"handle 3,000 passengers a day, the port authority said.</p></article></body></html>")


def _zip(data: bytes) -> bytes:
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("page.html", data)
    return buf.getvalue()


@pytest.mark.parametrize(("pack", "kind"), [(gzip.compress, "gzip"), (bz2.compress, "bzip2"),
                                           (lzma.compress, "xz"), (_zip, "zip")])
def test_a_compressed_file_is_named_as_such(pack: object, kind: str) -> None:
    assert callable(pack)
    with pytest.raises(InputError) as exc:
        article_from_bytes(pack(PAGE), name="page.html")
    assert exc.value.reason.startswith(f"{kind}-compressed"), exc.value.reason
    assert "decompress it" in exc.value.reason


def test_ingest_and_compare_of_a_page_html_gz(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gz = tmp_path / "page.html.gz"
    gz.write_bytes(gzip.compress(PAGE))
    with pytest.raises(InputError, match="gzip-compressed"):
        read_article(gz)
    assert main(["compare", "--lexical", str(gz), str(gz)]) == 2
    err = capsys.readouterr().err
    assert "page.html.gz: gzip-compressed" in err and "binary file" not in err


def test_a_text_file_is_read_as_before() -> None:
    assert article_from_bytes(PAGE, name="page.html").title == "Ferry terminal"
