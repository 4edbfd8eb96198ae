"""Search on small hand-made texts: accents, case, non-Latin scripts and where spans point."""

from __future__ import annotations

import pytest

from reader.core.search import SearchIndex
from reader.core.search_terms import Vocabulary, allowed_edits
from reader.core.search_text import fold, fold_query, sound_key, tokens

TEXTS = [
    "Het café is open.",  # 0
    "Ja.",  # 1
    "Nee.",  # 2
    "Привет, мир! Москва зимой.",  # 3
    "我在東京住了三年",  # 4
    "Καλημέρα κόσμε",  # 5
    "مرحبا بالعالم",  # 6
    "Straße und STRASSE",  # 7
    "naïve Zoë",  # 8
    "e\u0301clair au chocolat",  # 9: decomposed é
    "İstanbul",  # 10
    "Ｇｒｏｋ  in\tbreed  schrift",  # 11: full-width letters, odd spaces
    "Een cafe zonder accent, en nog een café.",  # 12
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(TEXTS)


def marked(index: SearchIndex, query: str, **kw: bool) -> dict[int, list[str]]:
    return {h.index: [TEXTS[h.index][a:b] for a, b in h.spans] for h in index.search(query, **kw)}


def test_fold_keeps_a_map_to_the_original() -> None:
    folded = fold("Straße Café")
    assert folded.text == "strasse cafe"
    assert folded.span(0, 7) == (0, 6)  # "strasse" is "Straße"
    assert folded.span(8, 12) == (7, 11)
    assert fold("plain ascii").origin is None
    assert fold("a \t b").text == "a b"
    assert fold_query("  Café   AU lait ") == "cafe au lait"


def test_tokens_split_letters_from_digits() -> None:
    assert [t for t, _, _ in tokens("grok3 chat-gpt 3.5")] == ["grok", "3", "chat", "gpt", "3", "5"]


def test_sound_keys_of_recogniser_spellings() -> None:
    assert sound_key("grok") == sound_key("groq") == sound_key("grog") == sound_key("grock")
    assert sound_key("claude") == sound_key("cloud")
    assert sound_key("deepseek") == sound_key("deepseq")
    assert sound_key("model") != sound_key("grok")
    assert sound_key("москва") == ""


def test_vocabulary_scores_exact_above_prefix_above_typo() -> None:
    vocab = Vocabulary(["grok", "grokking", "grog", "gok", "model"])
    found = vocab.match("grok")
    assert found["grok"][0] == 1.0
    assert 1.0 > found["grokking"][0] > found["grog"][0] >= found["gok"][0]
    assert "model" not in found
    assert allowed_edits(3) == 0 and allowed_edits(5) == 1


@pytest.mark.parametrize(
    ("query", "line", "words"),
    [
        ("cafe", 0, ["café"]),
        ("CAFÉ", 0, ["café"]),
        ("strasse", 7, ["Straße", "STRASSE"]),
        ("zoe", 8, ["Zoë"]),
        ("naive zoe", 8, ["naïve", "Zoë"]),
        ("eclair", 9, ["e\u0301clair"]),
        ("istanbul", 10, ["İstanbul"]),
        ("grok", 11, ["Ｇｒｏｋ"]),
        ("breed schrift", 11, ["breed", "schrift"]),
    ],
)
def test_accents_case_and_width_fold_and_spans_mark_the_original(
    index: SearchIndex, query: str, line: int, words: list[str]
) -> None:
    hits = marked(index, query)
    assert hits[line] == words
    assert index.search(query)[0].score == 100.0


def test_accented_and_plain_spellings_find_each_other(index: SearchIndex) -> None:
    assert marked(index, "café")[12] == ["cafe", "café"]
    assert marked(index, "cafe", exact=True)[12] == ["cafe", "café"]


def test_prefix_marks_only_the_typed_part(index: SearchIndex) -> None:
    assert marked(index, "choc")[9] == ["choc"]
    assert marked(index, "stras")[7] == ["Straß", "STRAS"]


@pytest.mark.parametrize(
    ("query", "line", "word"),
    [
        ("москва", 3, "Москва"),
        ("МОСКВ", 3, "Москв"),
        ("東京", 4, "東京"),
        ("京", 4, "京"),
        ("καλημερα", 5, "Καλημέρα"),
        ("κοσμε", 5, "κόσμε"),
        ("بالعالم", 6, "بالعالم"),
    ],
)
def test_non_latin_scripts(index: SearchIndex, query: str, line: int, word: str) -> None:
    assert marked(index, query) == {line: [word]}
    assert marked(index, query, exact=True) == {line: [word]}


def test_words_in_query_order_rank_higher() -> None:
    texts = ["het model is open source", "open source model", "open is het model, source"]
    hits = SearchIndex(texts).search("open source model")
    assert [h.index for h in hits] == [1, 0, 2]
    assert hits[0].score == 100.0 > hits[1].score > hits[2].score


def test_exact_mode_is_literal(index: SearchIndex) -> None:
    assert marked(index, "café is", exact=True) == {0: ["café is"]}
    assert marked(index, '"CAFE IS"') == {0: ["café is"]}
    assert marked(index, '"cafe si"') == {}
    assert marked(index, "afé", exact=True) == {0: ["afé"], 12: ["afe", "afé"]}
    assert [h.score for h in index.search('"caf"')] == [90.0, 90.0]


def test_short_lines_do_not_match_long_queries(index: SearchIndex) -> None:
    assert 1 not in marked(index, "ja het cafe is open")
    assert 2 not in marked(index, "nee het cafe is dicht")
    assert 1 in marked(index, "ja")


@pytest.mark.parametrize("query", ["?", "...", "!!!", "-", "\u0301"])
def test_punctuation_only_queries_do_not_crash(index: SearchIndex, query: str) -> None:
    hits = index.search(query)
    assert all(h.spans and 0 < h.score <= 100 for h in hits)


def test_punctuation_is_found_literally() -> None:
    index = SearchIndex(["Wat?!", "Zo."])
    assert [h.index for h in index.search("?!")] == [0]


def test_empty_index() -> None:
    assert SearchIndex([]).search("grok") == []
    assert SearchIndex([""]).search("grok") == []
