"""Fuzzy search on the sample transcript: the names speech recognition spelled several ways."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reader.core.formats import load
from reader.core.model import Transcript
from reader.core.search import Hit, SearchIndex

SAMPLE = Path(__file__).resolve().parents[2] / "seeds" / "000_75b06cd9797ac295.txt"


@pytest.fixture(scope="module")
def transcript() -> Transcript:
    return load(SAMPLE)


@pytest.fixture(scope="module")
def index(transcript: Transcript) -> SearchIndex:
    return SearchIndex(transcript)


def marked(transcript: Transcript, hit: Hit) -> list[str]:
    text = transcript[hit.index].text
    return [text[a:b] for a, b in hit.spans]


def all_marked(transcript: Transcript, hits: list[Hit]) -> set[str]:
    return {word for hit in hits for word in marked(transcript, hit)}


def lines_with(transcript: Transcript, needle: str) -> set[int]:
    """Lines whose text contains `needle` as typed (a plain-Python cross-check)."""
    return {i for i, seg in enumerate(transcript.segments) if needle in seg.text}


def best_score(hits: list[Hit], lines: set[int]) -> float:
    return max(h.score for h in hits if h.index in lines)


def test_index_covers_every_segment(index: SearchIndex, transcript: Transcript) -> None:
    assert len(index) == len(transcript) == 2233


def test_grok_finds_every_spelling_the_recogniser_used(
    index: SearchIndex, transcript: Transcript
) -> None:
    hits = index.search("grok")
    found = {h.index for h in hits}
    for spelling in ("Grok", "grok", "GroK3", "Grog", "Grock"):
        expected = lines_with(transcript, spelling)
        assert expected, spelling
        assert expected <= found, spelling
    # Every line written "Grok" outranks every line written only "Grog" or "Grock".
    exact = {h.score for h in hits if {m.lower() for m in marked(transcript, h)} == {"grok"}}
    for spelling in ("Grog", "Grock"):
        for n in lines_with(transcript, spelling) - lines_with(transcript, "Grok"):
            assert next(h.score for h in hits if h.index == n) < min(exact)


def test_groq_from_the_title_finds_the_spoken_spellings(
    index: SearchIndex, transcript: Transcript
) -> None:
    # "Groq" is only in the title; in speech it came out as Grok, Grog and Grock.
    assert not lines_with(transcript, "Groq")
    words = {w.lower() for w in all_marked(transcript, index.search("Groq"))}
    assert {"grok", "grog", "grock"} <= words


def test_wietse_with_a_wrong_first_letter(index: SearchIndex, transcript: Transcript) -> None:
    hits = index.search("Wietse")
    bietse = lines_with(transcript, "Bietse")
    assert len(bietse) == 1
    assert bietse <= {h.index for h in hits}
    assert best_score(hits, bietse) < best_score(hits, lines_with(transcript, "Wietse"))
    # The common word "iets" is two letters off and must not flood the result.
    assert "iets" not in {w.lower() for w in all_marked(transcript, hits)}


def test_claude_finds_cloud_below_claude(index: SearchIndex, transcript: Transcript) -> None:
    hits = index.search("claude")
    cloud = lines_with(transcript, "Cloud 3.5 Sonnet") | lines_with(transcript, "En Cloud.")
    assert len(cloud) == 2
    assert cloud <= {h.index for h in hits}
    assert hits[0].index in lines_with(transcript, "Claude")
    assert best_score(hits, cloud) < hits[0].score


def test_openai_written_apart_and_misheard(index: SearchIndex, transcript: Transcript) -> None:
    found = {h.index for h in index.search("openai")}
    for spelling in ("OpenAI", "Open AI", "open ai", "Open Air", "openair"):
        expected = lines_with(transcript, spelling)
        assert expected, spelling
        assert expected <= found, spelling


def test_open_ai_finds_the_joined_spelling(index: SearchIndex, transcript: Transcript) -> None:
    hits = index.search("open ai")
    joined = lines_with(transcript, "OpenAI")
    assert joined <= {h.index for h in hits}
    # Also lines where nothing else matches "ai": "Maar die is naar OpenAI gegaan."
    assert min(h.score for h in hits if h.index in joined) >= 90
    assert "OpenAI" in all_marked(transcript, hits)


def test_chatgpt_joined_and_split(index: SearchIndex, transcript: Transcript) -> None:
    split = lines_with(transcript, "chat gpt")
    joined = lines_with(transcript, "ChatGPT")
    assert split and joined
    assert split | joined <= {h.index for h in index.search("chatgpt")}
    chat_gpt = index.search("chat gpt")
    assert split | joined <= {h.index for h in chat_gpt}
    assert min(h.score for h in chat_gpt if h.index in joined) >= 90
    assert {"chat", "gpt"} <= all_marked(transcript, index.search("ChatGPT"))


def test_deepseek_split_and_misspelled(index: SearchIndex, transcript: Transcript) -> None:
    found = {h.index for h in index.search("deepseek")}
    for spelling in ("DeepSeek", "deep seek", "DeepSeq"):
        expected = lines_with(transcript, spelling)
        assert expected, spelling
        assert expected <= found, spelling


def test_typed_start_and_typo_of_lamers(index: SearchIndex, transcript: Transcript) -> None:
    lamers = lines_with(transcript, "Lamers")
    assert len(lamers) == 2
    for query in ("Lamers", "lamer", "Lamerz", "lamres"):
        hits = index.search(query)
        assert lamers <= {h.index for h in hits[:2]}, query


def test_llama_finds_lama(index: SearchIndex, transcript: Transcript) -> None:
    assert lines_with(transcript, "Lama") <= {h.index for h in index.search("llama")}


def test_x_ai_finds_xai(index: SearchIndex, transcript: Transcript) -> None:
    found = {h.index for h in index.search("x ai")}
    assert lines_with(transcript, "XAI") | lines_with(transcript, "x ai") <= found


def test_all_words_rank_above_one_word(index: SearchIndex, transcript: Transcript) -> None:
    hits = index.search("rick lamers")
    both = lines_with(transcript, "Rick Lamers")
    only_rick = lines_with(transcript, "Rick") - both
    assert only_rick and only_rick <= {h.index for h in hits}
    assert {h.index for h in hits[: len(both)]} == both
    assert best_score(hits, only_rick) < min(h.score for h in hits if h.index in both)


def test_rare_words_count_more_than_common_ones(index: SearchIndex, transcript: Transcript) -> None:
    # "de" is in a quarter of the lines: a line with only "de" is not about "de grok".
    words = [set(re.findall(r"[^\W\d_]+", s.text.lower())) for s in transcript.segments]
    grok = {i for i, w in enumerate(words) if "grok" in w}
    only_de = {i for i, w in enumerate(words) if "de" in w and not {"grok", "grog", "grock"} & w}
    assert len(only_de) > 300
    found = {h.index for h in index.search("de grok")}
    assert grok <= found
    assert not only_de & found


def test_a_word_found_nowhere_does_not_sink_the_rest(
    index: SearchIndex, transcript: Transcript
) -> None:
    hits = index.search("nvidia xqzwv")
    assert lines_with(transcript, "nvidia") <= {h.index for h in hits}
    assert all(h.score < 60 for h in hits)


def test_phrase_order_ranks_higher(index: SearchIndex, transcript: Transcript) -> None:
    hits = index.search("grok met een q")
    phrase = {i for i, s in enumerate(transcript.segments) if "grok met een q" in s.text.lower()}
    assert phrase
    assert {h.index for h in hits[: len(phrase)]} == phrase
    assert all(h.score == 100.0 for h in hits[: len(phrase)])


def test_exact_word_beats_typo_beats_nothing(index: SearchIndex, transcript: Transcript) -> None:
    hits = index.search("nvidia")
    assert hits[0].score == 100.0
    assert not index.search("kubernetes")
    assert not index.search("qwzx")


def test_short_lines_never_match_a_long_query(index: SearchIndex, transcript: Transcript) -> None:
    short = {i for i, s in enumerate(transcript.segments) if len(s.text.split()) <= 2}
    assert len(short) > 100
    for query in (
        "ja dus dat is die andere grok met een k",
        "nee ik denk dat open source modellen winnen",
    ):
        hits = index.search(query)
        assert hits
        assert not short & {h.index for h in hits}, query


def test_exact_mode_only_literal(index: SearchIndex, transcript: Transcript) -> None:
    hits = index.search("open ai", exact=True)
    expected = {i for i, s in enumerate(transcript.segments) if "open ai" in s.text.lower()}
    assert {h.index for h in hits} == expected
    assert all(m.lower() == "open ai" for h in hits for m in marked(transcript, h))
    assert index.search('"open ai"') == hits
    grok = {h.index for h in index.search('"grok"')}
    assert grok == {i for i, s in enumerate(transcript.segments) if "grok" in s.text.lower()}
    assert not lines_with(transcript, "Grog") & grok


def test_exact_mode_whole_words_first(index: SearchIndex) -> None:
    hits = index.search('"grok"')
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == 100.0 and scores[-1] == 90.0  # "grokking", "grokt" start a word


def test_ties_in_time_order_and_scores_in_range(index: SearchIndex) -> None:
    for query in ("grok", "open ai", "de", "q", '"een"'):
        hits = index.search(query)
        assert hits, query
        keys = [(-h.score, h.index) for h in hits]
        assert keys == sorted(keys), query
        assert all(0 < h.score <= 100 for h in hits), query
        assert len({h.index for h in hits}) == len(hits), query


def test_limit(index: SearchIndex) -> None:
    everything = index.search("grok")
    assert index.search("grok", limit=5) == everything[:5]
    assert index.search("grok", limit=0) == []


@pytest.mark.parametrize("query", ["", " ", "\t\n ", '""', '"  "'])
def test_empty_queries_give_no_hits(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []
    assert index.search(query, exact=True) == []


def test_one_character_query(index: SearchIndex, transcript: Transcript) -> None:
    hits = index.search("q")
    q_word = {i for i, s in enumerate(transcript.segments) if " q" in f" {s.text.lower()}"}
    assert hits and hits[0].score == 100.0
    assert {h.index for h in hits if h.score == 100.0} >= {
        i for i in q_word if "q " in f"{transcript[i].text.lower()} "
    }


def test_three_hundred_character_query(index: SearchIndex, transcript: Transcript) -> None:
    # Pasted from a long line (the interview has 30-second segments), accents added.
    longest = max(range(len(transcript)), key=lambda i: len(transcript[i].text))
    query = transcript[longest].text[:300].replace("e", "é", 3)
    assert len(query) == 300
    hits = index.search(query)
    assert hits[0].index == longest
    assert hits[0].score > 90
    assert not index.search("x" * 300)


def test_segment_list_and_cache_off_agree(transcript: Transcript) -> None:
    texts = [s.text for s in transcript.segments]
    plain = SearchIndex(texts, cache_size=0)
    cached = SearchIndex(transcript)
    for query in ("grok", "open ai", "wietse", "chat gpt", "grok"):
        assert plain.search(query) == cached.search(query)
