"""Readers and scorer for the held-out entity corpora used by ``eval_entities.py``.

Not a package module: scripts and tests load it by path. Everything here is standard library.

* FENEC (brat standoff, fine Quaero types, nested spans) and its FENEC_2.0 flat variant
  (``TYPE<TAB>start<TAB>end<TAB>text<TAB>n_tokens``, still nested): :func:`read_brat`,
  :func:`read_fenec2`, :func:`load_fenec`. Types are mapped to PER/ORG/LOC by
  :func:`quaero_label`; the other types are dropped *first*, then only the outermost of the
  remaining spans is kept (:func:`outermost`), which is what a flat NER system can produce.
* HIPE-2020 TSV: :func:`read_hipe_tsv` rebuilds each document's text from its tokens
  (``NoSpaceAfter`` = no separator, otherwise one space; line ends are layout and become a space)
  with the character offsets of every token, and turns the coarse literal IOB column into spans.
* :func:`score`: exact span+label and one-to-one overlap matches, P/R/F1 per label and micro.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

LABELS = ("PER", "ORG", "LOC")


class Span(NamedTuple):
    """A gold or predicted entity: character offsets into its document's text, and a label."""

    start: int
    end: int
    label: str


@dataclass
class Document:
    doc_id: str
    text: str
    spans: list[Span]
    #: (start, end) of every token, for corpora that come tokenised (HIPE); empty otherwise.
    tokens: list[tuple[int, int]] = field(default_factory=list)
    source: str = ""


# --------------------------------------------------------------------------------- label maps
def quaero_label(qtype: str) -> str | None:
    """Quaero type (``pers.ind``, ``loc.adm.town``, FENEC_2.0 ``PERS``, ...) -> PER/ORG/LOC or None.

    ``loc.add.*`` (postal addresses, phone numbers, e-mails, URLs) is not a named location in
    the CoNLL sense and is dropped; func/time/amount/prod/event are dropped too.
    """
    head = qtype.strip().lower()
    if head.startswith("loc.add"):
        return None
    head = head.split(".", 1)[0]
    return {"pers": "PER", "org": "ORG", "loc": "LOC"}.get(head)


def hipe_label(coarse: str) -> str | None:
    """HIPE coarse literal type -> PER/ORG/LOC; ``prod`` and ``time`` are dropped."""
    return {"pers": "PER", "org": "ORG", "loc": "LOC"}.get(coarse.strip().lower())


# --------------------------------------------------------------------------------- nesting
def outermost(spans: Iterable[Span]) -> list[Span]:
    """Keep the spans that are not inside another one (sorted by offset).

    A span contained in (or equal to) an already kept span is dropped, whatever the two labels
    are; for identical offsets with two labels the first one given wins. Crossing spans (partial
    overlap, no containment) are both kept. The input order only matters for that tie.
    """
    order = sorted(enumerate(spans), key=lambda item: (item[1].start, -item[1].end, item[0]))
    kept: list[Span] = []
    max_end = -1
    for _, span in order:
        # Spans are sorted by start, so a container, if any, was seen before and the furthest
        # reaching kept span is the one to compare with.
        if span.end <= max_end:
            continue
        kept.append(span)
        max_end = span.end
    return kept


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


# --------------------------------------------------------------------------------- FENEC
def read_brat(
    txt_path: Path,
    ann_path: Path,
    mapping: Callable[[str], str | None] = quaero_label,
    nested: str = "outer",
) -> Document:
    """Read a brat ``.txt``/``.ann`` pair (``T<n><TAB>type start end<TAB>text`` lines).

    Discontinuous spans (``start end;start end``) are read as their hull. Offsets are checked
    against the text (a mismatch raises ``ValueError``). ``nested="outer"`` keeps the outermost
    mapped spans, ``"all"`` keeps every mapped span (deduplicated).
    """
    text = Path(txt_path).read_text(encoding="utf-8")
    raw: list[Span] = []
    for line in Path(ann_path).read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue  # relations, attributes, notes
        _, middle, surface = [*line.split("\t"), "", ""][:3]
        qtype, _, offsets = middle.partition(" ")
        numbers = [int(n) for n in re.split(r"[ ;]+", offsets.strip())]
        start, end = min(numbers), max(numbers)
        if ";" not in offsets and _squash(text[start:end]) != _squash(surface):
            raise ValueError(f"{ann_path}: {line!r} does not match {text[start:end]!r}")
        label = mapping(qtype)
        if label is not None:
            start, end = _stripped(text, start, end)
            raw.append(Span(start, end, label))
    return Document(Path(txt_path).stem, text, _nest(raw, nested), source=str(txt_path))


def read_fenec2(
    txt_path: Path,
    ann_path: Path,
    mapping: Callable[[str], str | None] = quaero_label,
    nested: str = "outer",
) -> Document:
    """Read a FENEC_2.0 pair (``TYPE<TAB>start<TAB>end<TAB>text<TAB>n_tokens``).

    The ``text`` column is tokenised ("aujourd ’ hui"): it is compared with the document text
    whitespace-insensitively; the offsets are authoritative.
    """
    text = Path(txt_path).read_text(encoding="utf-8")
    raw: list[Span] = []
    for line in Path(ann_path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        parts = line.split("\t")
        qtype, start, end = parts[0], int(parts[1]), int(parts[2])
        if len(parts) > 3 and _squash(text[start:end]) != _squash(parts[3]):
            raise ValueError(f"{ann_path}: {line!r} does not match {text[start:end]!r}")
        label = mapping(qtype)
        if label is not None:
            start, end = _stripped(text, start, end)
            raw.append(Span(start, end, label))
    return Document(Path(txt_path).stem, text, _nest(raw, nested), source=str(txt_path))


def _nest(spans: list[Span], nested: str) -> list[Span]:
    if nested == "outer":
        return outermost(spans)
    if nested == "all":
        return sorted(dict.fromkeys(spans))
    raise ValueError(f"nested must be 'outer' or 'all', not {nested!r}")


#: Modern news documents: FENEC v1 ``information0*`` (fine Quaero, brat) and FENEC_2.0
#: ``politique*`` (speeches). FENEC_2.0 ``information0*`` are the same three texts re-annotated
#: in the simplified format, so they are not read a second time.
FENEC_V1_GLOB = "FENEC/information0*.txt"
FENEC_V2_GLOB = "FENEC_2.0/politique*.txt"


def load_fenec(root: Path, nested: str = "outer") -> list[Document]:
    """The modern news part of FENEC under ``root`` (``.../fenec-fr``)."""
    docs = [
        read_brat(txt, txt.with_suffix(".ann"), nested=nested)
        for txt in sorted(Path(root).glob(FENEC_V1_GLOB))
    ]
    docs += [
        read_fenec2(txt, txt.with_suffix(".ann"), nested=nested)
        for txt in sorted(Path(root).glob(FENEC_V2_GLOB))
    ]
    return docs


# --------------------------------------------------------------------------------- HIPE
_PARTIAL = re.compile(r"Partial-(\d+):(\d+)")


def read_hipe_tsv(
    path: Path,
    mapping: Callable[[str], str | None] = hipe_label,
    column: str = "NE-COARSE-LIT",
) -> list[Document]:
    """Read a HIPE TSV file into documents with rebuilt text, token offsets and spans.

    * Documents start at a ``# ...document_id = X`` comment line; other ``# `` comment lines
      (no tab) are metadata. A row whose token is ``#`` has tabs and is a token.
    * Text: tokens joined by one space, or nothing after ``NoSpaceAfter``. ``EndOfLine`` (print
      layout) and ``EndOfSentence`` also give one space, so the text is one line.
    * Spans: ``B-x`` opens an entity, ``I-x`` continues one of the same type (an ``I-x`` after
      ``O`` or another type opens one). ``Partial-a:b`` on a boundary token (OCR glued to a
      neighbour word) trims the span to the token's characters ``a:b``.
    """
    docs: list[Document] = []
    header: list[str] | None = None
    state: dict = {}

    def flush() -> None:
        if state.get("pieces") is not None and (state["pieces"] or state["doc_id"]):
            close_entity()
            text = "".join(state["pieces"]).rstrip(" ")
            docs.append(Document(state["doc_id"], text, state["spans"], state["tokens"], str(path)))

    def new_doc(doc_id: str) -> None:
        state.update(doc_id=doc_id, pieces=[], tokens=[], spans=[], pos=0, open=None)

    def close_entity() -> None:
        entity = state.get("open")
        if entity is not None:
            label, start, end = entity
            state["spans"].append(Span(start, end, label))
            state["open"] = None

    new_doc("")
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip():
                continue
            if line.startswith("#") and "\t" not in line:
                match = re.match(r"#\s*(?:\w+:)?document_id\s*=\s*(\S+)", line)
                if match:
                    flush()
                    new_doc(match.group(1))
                continue
            cells = line.split("\t")
            if header is None and cells[0] == "TOKEN":
                header = cells
                continue
            if header is None:
                raise ValueError(f"{path}: no TOKEN header before the first row")
            row = dict(zip(header, cells, strict=False))
            token, misc = row["TOKEN"], row.get("MISC", "")
            flags = set(misc.split("|"))
            start = state["pos"]
            end = start + len(token)
            state["tokens"].append((start, end))
            state["pieces"].append(token)
            separator = "" if "NoSpaceAfter" in flags else " "
            state["pieces"].append(separator)
            state["pos"] = end + len(separator)

            partial = _PARTIAL.search(misc)
            p_start, p_end = (
                (start + int(partial.group(1)), start + int(partial.group(2)))
                if partial
                else (start, end)
            )
            tag = row.get(column, "O")
            prefix, _, etype = tag.partition("-")
            label = mapping(etype) if prefix in ("B", "I") else None
            entity = state["open"]
            if prefix == "I" and entity is not None and entity[0] == (label or "\0" + etype):
                state["open"] = (entity[0], entity[1], p_end)
                continue
            close_entity()
            if prefix in ("B", "I"):
                # Unmapped types are tracked too (so their I- rows don't open a mapped entity).
                state["open"] = (label or "\0" + etype, p_start, p_end)
    flush()
    for doc in docs:
        doc.spans = [s for s in doc.spans if not s.label.startswith("\0")]
    return [d for d in docs if d.text or d.spans]


def load_hipe(root: Path) -> list[Document]:
    """The HIPE-2020 French dev set under ``root`` (``.../hipe2020-fr``)."""
    return read_hipe_tsv(Path(root) / "HIPE-2022-v2.1-hipe2020-dev-fr.tsv")


# --------------------------------------------------------------------------------- chunking
def chunks(text: str, max_chars: int) -> Iterator[tuple[int, str]]:
    """Split ``text`` into pieces of at most ``max_chars``, cut after a sentence end or a space.

    Yields ``(offset, piece)`` with ``text[offset:offset + len(piece)] == piece``.
    """
    pos = 0
    while len(text) - pos > max_chars:
        window = text[pos : pos + max_chars]
        cut = max(window.rfind(". "), window.rfind("\n"))
        if cut <= 0:
            cut = window.rfind(" ")
        cut = max_chars if cut <= 0 else cut + 1
        yield pos, text[pos : pos + cut]
        pos += cut
    yield pos, text[pos:]


# --------------------------------------------------------------------------------- scoring
def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def _overlap_tp(gold: list[Span], pred: list[Span]) -> int:
    """One-to-one matching of same-label overlapping spans, exact pairs first, then by size."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            size = min(g.end, p.end) - max(g.start, p.start)
            if size > 0:
                pairs.append((g != p, -size, gi, pi))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return len(used_g)


def score(
    gold_docs: Sequence[Sequence[Span]],
    pred_docs: Sequence[Sequence[Span]],
    labels: Sequence[str] = LABELS,
    primary_overlap: Sequence[str] = (),
) -> dict:
    """P/R/F1 per label for ``exact`` (same offsets and label) and ``overlap`` matches.

    Overlap: a prediction matches a gold span of the same label that it overlaps by at least one
    character, each gold and each prediction used at most once. Spans with other labels are
    ignored on both sides (MISC is not scored). ``micro`` sums the counts over ``labels``;
    ``primary`` is the micro with overlap matching for the labels in ``primary_overlap`` and
    exact matching for the others.
    """
    counts = {(lab, m): [0, 0, 0] for lab in labels for m in ("exact", "overlap")}
    for gold, pred in zip(gold_docs, pred_docs, strict=True):
        for lab in labels:
            g = sorted({s for s in gold if s.label == lab})
            p = sorted({s for s in pred if s.label == lab})
            exact = len(set(g) & set(p))
            over = _overlap_tp(g, p)
            for match, tp in (("exact", exact), ("overlap", over)):
                c = counts[lab, match]
                c[0] += tp
                c[1] += len(p) - tp
                c[2] += len(g) - tp

    def micro(pick: Callable[[str], str]) -> dict[str, float | int]:
        total = [sum(counts[lab, pick(lab)][i] for lab in labels) for i in range(3)]
        return _prf(*total)

    result: dict = {lab: {m: _prf(*counts[lab, m]) for m in ("exact", "overlap")} for lab in labels}
    result["micro"] = {m: micro(lambda _lab, m=m: m) for m in ("exact", "overlap")}
    result["primary"] = micro(lambda lab: "overlap" if lab in primary_overlap else "exact")
    return result
