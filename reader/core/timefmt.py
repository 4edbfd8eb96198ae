"""Parsing and formatting times as integer milliseconds."""

from __future__ import annotations

import re

# At most 12 digits: more is no time (and int() refuses 4,300 digits with a riddle).
_CLOCK = re.compile(r"^(?:(\d{1,12}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$")
_SECONDS = re.compile(r"^(\d{1,12})(?:[.,](\d{1,3}))?$")
# The longest time the reader handles (~596 h): Qt's sliders and many players hold
# positions in a signed 32-bit int of milliseconds. Past it a time is impossible.
MAX_TIME_MS = 2**31 - 1


def parse_time(text: str) -> int:
    """`754`, `754.5`, `12:34`, `1:02:03` or `1:02:03.250` to milliseconds.

    Raises ValueError with a readable message for anything else.
    """
    s = text.strip()
    m = _SECONDS.match(s)
    if m:
        return _checked(int(m.group(1)) * 1000 + _fraction_ms(m.group(2)), text)
    m = _CLOCK.match(s)
    if m:
        hours = int(m.group(1) or 0)
        minutes, seconds = int(m.group(2)), int(m.group(3))
        if (m.group(1) is not None and minutes >= 60) or seconds >= 60:
            raise ValueError(f"not a valid time: {text!r}")
        ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + _fraction_ms(m.group(4))
        return _checked(ms, text)
    raise ValueError(f"not a valid time: {text!r} (use seconds, MM:SS or H:MM:SS)")


def _checked(ms: int, text: str) -> int:
    if ms > MAX_TIME_MS:
        longest = format_time(MAX_TIME_MS)
        raise TimeTooLarge(
            f"time {text.strip()!r} is past {longest}, the longest the reader handles"
        )
    return ms


def _fraction_ms(frac: str | None) -> int:
    if not frac:
        return 0
    return int(frac.ljust(3, "0")[:3])


def format_time(ms: int, *, always_hours: bool = False) -> str:
    """`m:ss` or `h:mm:ss`, the way players show elapsed time."""
    total = max(0, ms) // 1000
    h, rem = divmod(total, 3600)
    m, s = divmod(rem, 60)
    if h or always_hours:
        return f"{h}:{m:02d}:{s:02d}"
    return f"{m}:{s:02d}"


def seconds_to_ms(text: str) -> int:
    """Decimal seconds as written in a file (`6742.68`) to ms, without float error."""
    whole, _, frac = text.partition(".")
    return int(whole) * 1000 + _fraction_ms(frac)


class TimeTooLarge(ValueError):
    """A time past MAX_TIME_MS: an impossible time, not a badly written one."""
