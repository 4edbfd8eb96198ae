from __future__ import annotations

import pytest

from reader.core.timefmt import format_time, parse_time, seconds_to_ms


@pytest.mark.parametrize(
    ("text", "ms"),
    [
        ("754", 754_000),
        ("754.5", 754_500),
        ("12:34", 754_000),
        ("1:02:03", 3_723_000),
        ("1:02:03.25", 3_723_250),
        ("0:00", 0),
        ("90:00", 5_400_000),
        (" 12:34 ", 754_000),
    ],
)
def test_parse_time(text: str, ms: int) -> None:
    assert parse_time(text) == ms


@pytest.mark.parametrize("text", ["", "abc", "1:2:3:4", "12:60", "1:60:00", "-5", "1e3"])
def test_parse_time_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="time"):
        parse_time(text)


def test_format_time() -> None:
    assert format_time(0) == "0:00"
    assert format_time(59_999) == "0:59"
    assert format_time(754_000) == "12:34"
    assert format_time(3_723_000) == "1:02:03"
    assert format_time(5_000, always_hours=True) == "0:00:05"
    assert format_time(-10) == "0:00"


def test_seconds_to_ms_has_no_float_error() -> None:
    assert seconds_to_ms("6742.68") == 6_742_680
    assert seconds_to_ms("0.29") == 290
    assert seconds_to_ms("12") == 12_000


def test_a_time_of_thousands_of_digits_is_not_a_time() -> None:
    import pytest

    from reader.core.timefmt import parse_time

    with pytest.raises(ValueError, match="not a valid time"):
        parse_time("9" * 5000)
