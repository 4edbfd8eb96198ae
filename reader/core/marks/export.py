"""Marks and notes written out for the tools people keep them in.

- `md`: Markdown for Obsidian: YAML front matter, the title, the source link, each
  mark as a quote whose time links to the moment (`https://youtu.be/ID?t=246`, or
  the plain time `[04:06]` without a video id), its note and #tags beneath.
- `csv`: Readwise's CSV import (Highlight, Title, Author, URL, Note, Location, Date).
- `anki`: tab-separated notes with Anki's header lines, one note per mark.
- `json`: every document with its marks, times in seconds as `search --json` gives them.

Text from transcripts and notes is escaped for each format: Markdown punctuation,
YAML quoting, CSV quoting, spreadsheet formulas (`=`, `+`, `-`, `@`) neutralised.
Pure text work; `write_notes` is the one function that touches the disk.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from reader.core.atomic import write_text_atomic
from reader.core.export import source_link
from reader.core.marks.types import Mark, MarkedDocument
from reader.core.model import Header
from reader.core.pairing_names import as_written

FORMATS = ("md", "csv", "anki", "json")
SUFFIX: dict[str, str] = {"md": ".md", "csv": ".csv", "anki": ".txt", "json": ".json"}
# File name endings that say which format to write (-o notes.tsv).
FORMAT_OF_SUFFIX = {".md": "md", ".markdown": "md", ".csv": "csv", ".txt": "anki"}
FORMAT_OF_SUFFIX |= {".tsv": "anki", ".json": "json"}
LOST_NOTE = "Could not be placed in the changed transcript; kept as it was marked."
READWISE_COLUMNS = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")
ANKI_COLUMNS = ("Sentence", "Source", "Time", "Note", "Audio", "Tags", "GUID")
DIGEST_KEY = "export-digest"

Items = Sequence[tuple[MarkedDocument, Sequence[Mark]]]

# Everything CommonMark or Obsidian gives a meaning inside a line (`#tag`, `==mark==`,
# `%%comment%%`, `$math$`, `^block`, `|table|`, `~~strike~~`, `&entity;`).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~=%$^&])")
# What makes a line a list item or a heading underline when it starts one: `- `, `+ `,
# `---`, `1. `, `2) ` (escaped as `\-`, `1\.`).
_MD_BULLET = re.compile(r"^([-+])")
_MD_NUMBERED = re.compile(r"^(\d+)([.)])")
_FORMULA_START = tuple("=+-@\t\r＝＋－＠")
_TAG_JUNK = re.compile(r"[^\w/-]+")
# File names: what Windows, macOS and Obsidian links refuse, in readable ASCII.
_NAME_FIXES = [
    (re.compile(r"\s*[|:]\s+|\s+[|:]\s*|\s*\|\s*"), " - "),
    (re.compile(r"[:/\\]"), "-"),
    (re.compile(r'"'), "'"),
    (re.compile(r"[<\[]"), "("),
    (re.compile(r"[>\]]"), ")"),
    (re.compile(r"[?*#^]"), ""),
]
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"{p}{n}" for p in ("COM", "LPT") for n in range(10))}
_NAME_BYTES = 180
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Written(NamedTuple):
    """Files written, and existing files left alone (changed since they were exported)."""

    paths: list[Path]
    kept: list[Path]


def render(
    fmt: str,
    items: Items,
    *,
    clips: Mapping[int, str] | None = None,
    authors: Mapping[int, str] | None = None,
    today: date | None = None,
) -> str:
    """All `items` (documents with their marks) in one text of format `fmt`.

    `clips` maps mark ids to audio file names (Anki's `[sound:...]`); `authors`
    maps document ids to a channel or speaker (Readwise's Author)."""
    if fmt == "md":
        return _markdown(items, today or date.today())
    if fmt == "csv":
        return _readwise(items, authors or {})
    if fmt == "anki":
        return _anki(items, clips or {})
    if fmt == "json":
        return _json(items, clips or {})
    raise ValueError(f"unknown notes format {fmt!r} (known: {', '.join(FORMATS)})")


# Markdown


def _markdown(items: Items, today: date) -> str:
    if len(items) == 1:
        doc, marks = items[0]
        return _with_digest(_front_matter(doc, marks, today) + _md_body(doc, marks, False))
    tags = _all_tags(m for _, marks in items for m in marks)
    front = _yaml_block([("title", _yaml_str("Notes")), ("exported", today.isoformat())], tags)
    return front + "\n".join(_md_body(doc, marks, True) for doc, marks in items)


def _front_matter(doc: MarkedDocument, marks: Sequence[Mark], today: date) -> str:
    fields = [("title", _yaml_str(display_title(doc)))]
    url = video_url(doc.video_id)
    if url:
        fields.append(("source", _yaml_str(url)))
    fields.append(("transcript", _yaml_str(_clean(str(doc.path)))))
    fields.append(("exported", today.isoformat()))  # unquoted: a YAML date
    return _yaml_block(fields, _all_tags(marks))


def _yaml_block(fields: list[tuple[str, str]], tags: list[str]) -> str:
    lines = ["---", *(f"{key}: {value}" for key, value in fields)]
    if tags:
        lines += ["tags:", *(f"  - {_yaml_str(t)}" for t in tags)]
    return "\n".join([*lines, "---", "", ""])


def _md_body(doc: MarkedDocument, marks: Sequence[Mark], with_path: bool) -> str:
    parts = [f"# {_md_escape(display_title(doc))}"]
    url = video_url(doc.video_id)
    details = [f"Source: <{url}>"] if url else []
    if with_path or not url:
        details.append(f"Transcript: {_md_escape(_one_line(_clean(str(doc.path))))}")
    parts.append("  \n".join(details))
    parts += [_md_mark(doc, m) for m in marks]
    return "\n\n".join(parts) + "\n"


def _md_mark(doc: MarkedDocument, mark: Mark) -> str:
    stamp = clock(mark.start_ms)
    link = video_url(doc.video_id, mark.start_ms)
    when = f"[{stamp}]({link})" if link else f"[{stamp}]"
    blocks = [f"> {when} {_md_escape(_one_line(_clean(mark.text)))}".rstrip()]
    if mark.lost:
        blocks.append(f"*{LOST_NOTE}*")
    note = _md_note(mark.note)
    if note:
        blocks.append(note)
    tags = [tag_word(t) for t in mark.tags]
    if any(tags):
        blocks.append(" ".join(f"#{t}" for t in tags if t))
    return "\n\n".join(blocks)


def _md_note(note: str) -> str:
    """A note's own lines and paragraphs, each line escaped as the start of a line."""
    lines = _clean(note).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out = [_MD_BULLET.sub(r"\\\1", _md_escape(line.strip())) for line in lines]
    out = [_MD_NUMBERED.sub(r"\1\\\2", line) for line in out]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _with_digest(text: str) -> str:
    """The front matter ends with a digest of the whole text, so a later export
    can tell that a file is still as written (and may be replaced)."""
    head, _, rest = text.partition("\n---\n")
    return f"{head}\n{DIGEST_KEY}: {_digest(text)}\n---\n{rest}"


def is_unchanged_export(text: str) -> bool:
    """True when `text` is a Markdown export nobody has changed since it was written."""
    head, sep, rest = text.partition("\n---\n")
    prefix = f"\n{DIGEST_KEY}: "
    at = head.rfind(prefix)
    if not sep or not text.startswith("---\n") or at < 0:
        return False
    digest = head[at + len(prefix) :]
    return digest == _digest(f"{head[:at]}\n---\n{rest}")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _yaml_str(text: str) -> str:
    """A YAML double-quoted scalar: safe for `: " # ---`, newlines and controls."""
    out = []
    for ch in _clean(text):
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif code < 0x20 or 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF):
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


# Readwise CSV and Anki TSV


def _readwise(items: Items, authors: Mapping[int, str]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(READWISE_COLUMNS)
    for doc, marks in items:
        title, author = display_title(doc), _one_line(authors.get(doc.id, ""))
        for m in marks:
            note = _clean(m.note).strip()
            if m.lost:
                note = f"{note}\n\n({LOST_NOTE})".strip()
            row = [_one_line(_clean(m.text)), title, author, video_url(doc.video_id) or "", note]
            writer.writerow([*map(spreadsheet_safe, row), m.start_ms // 1000, _local(m.created)])
    return buf.getvalue()


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a `'`."""
    return "'" + cell if cell.lstrip(" ").startswith(_FORMULA_START) else cell


def _anki(items: Items, clips: Mapping[int, str]) -> str:
    header = [
        "#separator:tab",
        "#html:false",
        "#columns:" + "\t".join(ANKI_COLUMNS),
        f"#tags column:{ANKI_COLUMNS.index('Tags') + 1}",
        f"#guid column:{ANKI_COLUMNS.index('GUID') + 1}",
    ]
    buf = io.StringIO()
    # Every field quoted: Anki reads a line starting with `#` as a comment, and a
    # quoted field may hold tabs and line breaks.
    writer = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_ALL)
    for doc, marks in items:
        title = display_title(doc)
        for m in marks:
            stamp, link = clock(m.start_ms), video_url(doc.video_id, m.start_ms)
            source = f"{title} [{stamp}]" + (f" {link}" if link else "")
            note = _clean(m.note).strip()
            if m.lost:
                note = f"{note}\n({LOST_NOTE})".strip()
            clip = clips.get(m.id)
            tags = " ".join(filter(None, (tag_word(t) for t in m.tags)))
            guid = f"transcript-reader:{doc.id}:{m.id}:{int(m.created)}"
            sound = f"[sound:{clip}]" if clip else ""
            writer.writerow([_one_line(_clean(m.text)), source, stamp, note, sound, tags, guid])
    return "\n".join(header) + "\n" + buf.getvalue()


# JSON


def _json(items: Items, clips: Mapping[int, str]) -> str:
    data = [
        {
            "title": display_title(doc),
            "path": str(doc.path),
            "video_id": doc.video_id,
            "url": video_url(doc.video_id),
            "marks": [_json_mark(doc, m, clips.get(m.id)) for m in marks],
        }
        for doc, marks in items
    ]
    text = json.dumps(data, ensure_ascii=False, indent=2)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: kept exact as \udcXX
        text = json.dumps(data, ensure_ascii=True, indent=2)
    return text + "\n"


def _json_mark(doc: MarkedDocument, m: Mark, clip: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "start": m.start_ms / 1000,
        "end": m.end_ms / 1000,
        "text": m.text,
        "note": m.note,
        "tags": list(m.tags),
        "created": _iso(m.created),
        "lost": m.lost,
        "url": video_url(doc.video_id, m.start_ms),
    }
    if clip:
        out["clip"] = clip
    return out


# Names, titles, times


def display_title(doc: MarkedDocument) -> str:
    """The title as the user reads it: yt-dlp's `｜` shown as `|`, on one line."""
    title = _one_line(as_written(_clean(doc.title or "")))
    return title or _one_line(_clean(doc.path.name)) or f"Document {doc.id}"


def file_name(doc: MarkedDocument, fmt: str) -> str:
    """A file name for one document's notes, safe on every common system and in an
    Obsidian vault: the title as written (yt-dlp's `｜` back to `|`), then the
    characters names cannot hold turned into readable ones (`A | B: C?` -> `A - B - C`)."""
    name = display_title(doc)
    for pattern, repl in _NAME_FIXES:
        name = pattern.sub(repl, name)
    name = " ".join(name.split()).strip(" .-")
    if name.split(".")[0].upper() in _RESERVED:
        name += "_"
    while len(name.encode("utf-8")) > _NAME_BYTES:  # room for " (2)" and the suffix
        name = name[:-1].rstrip(" .-")
    return (name or "notes") + SUFFIX[fmt]


def video_url(video_id: str | None, ms: int | None = None) -> str | None:
    """The recording's page, at `ms` when given; None without a usable video id."""
    link = source_link(Header(video_id=video_id), 0 if ms is None else ms)
    return link.removesuffix("?t=0") if link and ms is None else link


def clock(ms: int) -> str:
    """`04:06`, or `1:02:03` from an hour on."""
    h, rest = divmod(max(0, ms) // 1000, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m:02d}:{s:02d}"


def tag_word(tag: str) -> str:
    """A tag as one word Obsidian and Anki both take: `machine learning` -> `machine-learning`."""
    return _TAG_JUNK.sub("-", _clean(tag).strip().lstrip("#")).strip("-_/")


def _all_tags(marks: Iterable[Mark]) -> list[str]:
    seen: dict[str, None] = {}
    for m in marks:
        for t in m.tags:
            word = tag_word(t)
            if word:
                seen.setdefault(word, None)
    return list(seen)


def _local(seconds: float) -> str:
    if not seconds:
        return ""
    return datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M:%S")


def _iso(seconds: float) -> str | None:
    if not seconds:
        return None
    return datetime.fromtimestamp(seconds).astimezone().isoformat(timespec="seconds")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _clean(text: str) -> str:
    """Text that can be written as UTF-8: lone surrogates (a file name that is not
    UTF-8) become U+FFFD, and control characters other than tab and line breaks go."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return _CONTROL.sub("", text)


# Files


def write_notes(
    fmt: str,
    items: Items,
    out: Path,
    *,
    per_document: bool,
    clips: Mapping[int, str] | None = None,
    authors: Mapping[int, str] | None = None,
) -> Written:
    """Write `items` as `fmt`: into the one file `out`, or with `per_document` one
    file per document into the folder `out` (named by `file_name`; two documents
    of the same title get `Title (2).md`). Each file is replaced atomically.

    A Markdown file in the folder that was changed since it was exported (or that
    is not an export at all) is left alone and listed in `kept`. Raises OSError.
    """
    if not per_document:
        write_text_atomic(out, render(fmt, items, clips=clips, authors=authors), make_folders=False)
        return Written([out], [])
    written: list[Path] = []
    kept: list[Path] = []
    taken: set[str] = set()
    for doc, marks in items:
        name = _free_name(file_name(doc, fmt), taken)
        path = out / name
        text = render(fmt, [(doc, marks)], clips=clips, authors=authors)
        if fmt == "md" and not _replaceable(path, text):
            kept.append(path)
            continue
        write_text_atomic(path, text, make_folders=False)
        written.append(path)
    return Written(written, kept)


def _replaceable(path: Path, text: str) -> bool:
    try:
        old = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return True
    except (OSError, UnicodeDecodeError):
        return False
    return old == text or is_unchanged_export(old)


def _free_name(name: str, taken: set[str]) -> str:
    stem, dot, suffix = name.rpartition(".")
    candidate, n = name, 1
    while candidate.casefold() in taken:  # one name per file on case-blind disks too
        n += 1
        candidate = f"{stem} ({n}){dot}{suffix}"
    taken.add(candidate.casefold())
    return candidate
