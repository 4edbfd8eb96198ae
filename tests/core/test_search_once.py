"""search_once (the command line's search) gives exactly SearchIndex's hits, and huge
Whisper text files read as columns give exactly what the usual parse gives."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from reader.cli import inputs, main
from reader.core.formats import load, parse_text, whisper_txt
from reader.core.search import SearchIndex
from reader.core.search_once import search_once
from reader.core.textio import decode, utf8_chunks

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_75b06cd9797ac295.txt"
EXTRA = [
    "a  b\tc GPT4 über Straße",
    "東京 タワー",
    "x_y 3d 12:30",
    "İstanbul ÉCOLE",
    "Open-AI and OpenAI, open  ai",
    "",
]
QUERIES = [
    "grok", "rick lamers", "open ai", "groq", "wietze", "deepseak", "chat gpt", "mod", "g",
    "de", "3", "gpt4", "gpt 4", '"open ai"', "é", "Grok 3", "!!", "een", "a b", "b c",
    "new york times rechtszaak", "kunstmatige intelligentie", "uber", "strasse", "東京",
    "タワー", "x y", "istanbul", "ecole", "12 30", "openai", "  ", "nothing-like-this",
]  # fmt: skip


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [s.text for s in load(SEED)] + EXTRA


@pytest.fixture(scope="module")
def index(texts: list[str]) -> SearchIndex:
    return SearchIndex(texts, cache_size=0)


@pytest.mark.parametrize("exact", [False, True])
@pytest.mark.parametrize("query", QUERIES)
def test_same_hits_as_the_index(
    texts: list[str], index: SearchIndex, query: str, exact: bool
) -> None:
    assert search_once(texts, query, exact=exact) == index.search(query, exact=exact)


def _huge_whisper(lines: int) -> str:
    body = [s.text for s in load(SEED)]
    out = ["Video title: columns", "", "------------------ ", ""]
    for i in range(lines):
        start = i * 150
        out.append(
            f"[{start // 100}.{start % 100:02d} --> {start // 100 + 1}.00]  {body[i % len(body)]}"
        )
    out[10] = "[9.00 --> 8.00]  reversed"
    out[20] = "not a segment line"
    out[30] = "[1.5 --> 2.25]  out of order"
    return "\r\n".join(out) + "\r\n"


def test_columns_equal_the_usual_parse() -> None:
    data = _huge_whisper(5000).encode("utf-8")
    usual = parse_text(decode(data, "x"), "x")
    chunks = utf8_chunks(data, "x", size=4096)  # many small pieces
    assert chunks is not None
    columns = whisper_txt.parse_columns(chunks, "x")
    assert len(columns) == len(usual)
    assert [columns[i] for i in range(len(columns))] == list(usual.segments)
    assert columns.header == usual.header
    assert columns.issues == usual.issues
    assert columns.issues.noted("unordered")[1] == (31,)


def test_chunks_only_for_utf8() -> None:
    assert utf8_chunks("é".encode("utf-16")) is None
    assert utf8_chunks(b"caf\xe9 au lait\n") is None  # cp1252: decode() handles it
    assert "".join(utf8_chunks(b"\xef\xbb\xbfa\r\nb\rc\n", size=1) or []) == "a\nb\nc\n"


def test_cli_search_on_a_huge_file_matches_the_usual_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(_huge_whisper(5000), encoding="utf-8")
    results = []
    for limit in (10**9, 1000):  # the usual path, then columns
        monkeypatch.setattr(inputs, "COLUMNS_BYTES", limit)
        assert main(["search", str(path), "rick lamers", "--json"]) == 0
        captured = capsys.readouterr()
        results.append((json.loads(captured.out), captured.err))
    assert results[0] == results[1]
    assert results[0][0] and "warning: skipped 1 line" in results[0][1]


def test_cli_search_reads_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(SEED.read_bytes())))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["search", "-", "rick lamers", "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("[0:00:59] 100.0  En plus Wietse die gaat Rick Lamers")
