"""Reading mode: consecutive segments joined into paragraphs, each segment still addressable.

Speech recognisers cut speech into one-word fragments ("Ja.") and 30-second run-ons
alike; neither reads well one per line. A paragraph grows segment by segment and
breaks before the next segment when:

- the speaker changes;
- the pause since the paragraph's last speech is at least `pause_ms`;
- the paragraph ends a sentence and is already long (`soft_chars` or `soft_ms`),
  unless the next segment is a short tail (under `orphan_chars`) that a pause, a
  new speaker or the end would leave standing alone ("Veel plezier!");
- adding the segment would pass `max_chars` or `max_ms` (so only a single segment
  that is longer on its own exceeds them).

Segment texts are joined with one space and `spans` keeps each segment's character
range, so clicking a word finds its segment and the playing segment can be
highlighted inside its paragraph.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.core.model import Segment, Transcript

PAUSE_MS = 1500
SOFT_CHARS = 250
SOFT_MS = 30_000
MAX_CHARS = 600
MAX_MS = 60_000
ORPHAN_CHARS = 60

# Closing quotes and brackets may follow the full stop: `"Ja."` or `(klopt!)`.
_CLOSERS = "\"')]}»”’"
_SENTENCE_END = ".!?…"


@dataclass(frozen=True, slots=True)
class Paragraph:
    start_ms: int
    end_ms: int
    text: str
    first: int  # index of its first segment in the transcript
    last: int  # index of its last segment (inclusive)
    # spans[i] is the (start, end) character range of segment first + i in text.
    spans: tuple[tuple[int, int], ...]
    _span_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_span_starts", tuple(s for s, _ in self.spans))

    def __len__(self) -> int:
        return self.last - self.first + 1

    def segment_at(self, char_offset: int) -> int:
        """The segment index at a character offset; the joining space belongs to the left."""
        i = bisect_right(self._span_starts, char_offset) - 1
        return self.first + min(max(i, 0), len(self._span_starts) - 1)

    def span_of(self, segment_index: int) -> tuple[int, int]:
        """Character range of a segment of this paragraph (IndexError if not in it)."""
        if not self.first <= segment_index <= self.last:
            raise IndexError(f"segment {segment_index} is not in {self.first}..{self.last}")
        return self.spans[segment_index - self.first]


def ends_sentence(text: str) -> bool:
    tail = text.rstrip().rstrip(_CLOSERS)
    return bool(tail) and tail[-1] in _SENTENCE_END


def build_paragraphs(
    source: Transcript | Sequence[Segment],
    *,
    pause_ms: int = PAUSE_MS,
    soft_chars: int = SOFT_CHARS,
    soft_ms: int = SOFT_MS,
    max_chars: int = MAX_CHARS,
    max_ms: int = MAX_MS,
    orphan_chars: int = ORPHAN_CHARS,
) -> tuple[Paragraph, ...]:
    """Paragraphs covering every segment once, in order; indices follow `source`."""
    segments = source.segments if isinstance(source, Transcript) else source
    out: list[Paragraph] = []
    if not segments:
        return ()
    first_seg = segments[0]
    first = 0
    start_ms, end_ms = first_seg.start_ms, first_seg.end_ms
    texts = [first_seg.text]
    spans = [(0, len(first_seg.text))]
    length = len(first_seg.text)
    speaker = first_seg.speaker
    for i in range(1, len(segments)):
        seg = segments[i]
        text = seg.text
        new_length = length + 1 + len(text)
        hard = (
            seg.speaker != speaker
            or seg.start_ms - end_ms >= pause_ms
            or new_length > max_chars
            or max(end_ms, seg.end_ms) - start_ms > max_ms
        )
        soft = (
            not hard
            and (length >= soft_chars or end_ms - start_ms >= soft_ms)
            and ends_sentence(texts[-1])
            and not (len(text) < orphan_chars and _alone_after(segments, i, pause_ms))
        )
        if hard or soft:
            out.append(Paragraph(start_ms, end_ms, " ".join(texts), first, i - 1, tuple(spans)))
            first, start_ms, end_ms = i, seg.start_ms, seg.end_ms
            texts = [text]
            spans = [(0, len(text))]
            length = len(text)
            speaker = seg.speaker
            continue
        texts.append(text)
        spans.append((length + 1, new_length))
        length = new_length
        # Overlapping cues: the paragraph lasts until its latest end.
        end_ms = max(end_ms, seg.end_ms)
    out.append(Paragraph(start_ms, end_ms, " ".join(texts), first, len(segments) - 1, tuple(spans)))
    return tuple(out)


def _alone_after(segments: Sequence[Segment], i: int, pause_ms: int) -> bool:
    """Whether a hard break follows segment i (pause, new speaker or the end)."""
    if i + 1 >= len(segments):
        return True
    seg, nxt = segments[i], segments[i + 1]
    return nxt.speaker != seg.speaker or nxt.start_ms - seg.end_ms >= pause_ms


class ParagraphIndex:
    """Paragraphs plus the look-ups a view needs, each a bisect."""

    def __init__(self, paragraphs: Sequence[Paragraph]) -> None:
        self.paragraphs = tuple(paragraphs)
        self._firsts = [p.first for p in self.paragraphs]
        self._starts = [p.start_ms for p in self.paragraphs]

    @classmethod
    def build(cls, source: Transcript | Sequence[Segment], **thresholds: int) -> ParagraphIndex:
        return cls(build_paragraphs(source, **thresholds))

    def __len__(self) -> int:
        return len(self.paragraphs)

    def __getitem__(self, index: int) -> Paragraph:
        return self.paragraphs[index]

    @property
    def segment_count(self) -> int:
        return self.paragraphs[-1].last + 1 if self.paragraphs else 0

    def paragraph_of(self, segment_index: int) -> int:
        """The paragraph holding a segment; -1 for a negative index (nothing playing yet)."""
        if segment_index < 0:
            return -1
        if segment_index >= self.segment_count:
            raise IndexError(f"segment {segment_index} of {self.segment_count}")
        return bisect_right(self._firsts, segment_index) - 1

    def segment_at_char(self, paragraph_index: int, char_offset: int) -> int:
        """The segment under a character of a paragraph (offsets are clamped)."""
        return self.paragraphs[paragraph_index].segment_at(char_offset)

    def paragraph_at(self, ms: int) -> int:
        """The paragraph whose first segment started last at or before `ms`, or -1."""
        return bisect_right(self._starts, ms) - 1
