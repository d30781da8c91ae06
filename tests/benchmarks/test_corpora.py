"""The FENEC / HIPE readers and the scorer of ``benchmarks/_corpora.py``, on tiny inline data."""

import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "_corpora.py"
_spec = importlib.util.spec_from_file_location("_corpora_under_test", _PATH)
corpora = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = corpora
_spec.loader.exec_module(corpora)
Span = corpora.Span


def _surface(doc):
    return [(s.label, doc.text[s.start : s.end]) for s in doc.spans]


# ----------------------------------------------------------------------------------- brat
BRAT_TEXT = (
    "Emmanuel Macron a reçu le maire de Paris à l'Élysée. "
    "Renseignements au 03 25 76 88 78 auprès de la mairie de Lyon.\n"
)


def _brat_line(n, qtype, surface, text=BRAT_TEXT, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return f"T{n}\t{qtype} {start} {start + len(surface)}\t{surface}"


def test_read_brat_maps_labels_offsets_and_keeps_outermost(tmp_path):
    ann = [
        _brat_line(1, "pers.ind", "Emmanuel Macron"),
        _brat_line(2, "func.ind", "maire de Paris"),  # dropped type: its LOC stays
        _brat_line(3, "loc.adm.town", "Paris"),
        _brat_line(4, "loc.fac", "l'Élysée"),
        _brat_line(5, "loc.add.elec", "03 25 76 88 78"),  # phone number: dropped
        _brat_line(6, "org.adm", "mairie de Lyon"),
        _brat_line(7, "loc.adm.town", "Lyon"),  # nested in an ORG: dropped
        "R1\tRel Arg1:T1 Arg2:T3",  # relation lines are ignored
        "#1\tAnnotatorNotes T1\tnote",
    ]
    (tmp_path / "doc.txt").write_text(BRAT_TEXT, encoding="utf-8")
    (tmp_path / "doc.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")

    doc = corpora.read_brat(tmp_path / "doc.txt", tmp_path / "doc.ann")
    assert doc.doc_id == "doc"
    assert _surface(doc) == [
        ("PER", "Emmanuel Macron"),
        ("LOC", "Paris"),
        ("LOC", "l'Élysée"),
        ("ORG", "mairie de Lyon"),
    ]
    every = corpora.read_brat(tmp_path / "doc.txt", tmp_path / "doc.ann", nested="all")
    assert ("LOC", "Lyon") in _surface(every)
    assert len(every.spans) == 5


def test_read_brat_rejects_wrong_offsets(tmp_path):
    (tmp_path / "d.txt").write_text(BRAT_TEXT, encoding="utf-8")
    (tmp_path / "d.ann").write_text("T1\tpers.ind 1 16\tEmmanuel Macron\n", encoding="utf-8")
    with pytest.raises(ValueError, match="does not match"):
        corpora.read_brat(tmp_path / "d.txt", tmp_path / "d.ann")


def test_read_fenec2_tokenised_text_column_and_nesting(tmp_path):
    text = "Aujourd’hui, le Président de la République est à Marseille."
    rows = [
        ("TIME", "Aujourd’hui", "Aujourd ’ hui"),
        ("PERS", "Président de la République", "Président de la République"),
        ("ORG", "République", "République"),  # nested in the PERS span
        ("LOC", "Marseille", "Marseille"),
    ]
    lines = []
    for qtype, surface, column in rows:
        start = text.index(surface)
        lines.append(f"{qtype}\t{start}\t{start + len(surface)}\t{column}\t1")
    (tmp_path / "p.txt").write_text(text, encoding="utf-8")
    (tmp_path / "p.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")

    doc = corpora.read_fenec2(tmp_path / "p.txt", tmp_path / "p.ann")
    assert _surface(doc) == [("PER", "Président de la République"), ("LOC", "Marseille")]


def test_quaero_label():
    assert corpora.quaero_label("pers.coll") == "PER"
    assert corpora.quaero_label("PERS") == "PER"
    assert corpora.quaero_label("org.ent") == "ORG"
    assert corpora.quaero_label("loc.adm.nat") == "LOC"
    for dropped in ("loc.add.phys", "func.ind", "time.date.abs", "amount", "prod.soft", "event"):
        assert corpora.quaero_label(dropped) is None


def test_outermost_containment_ties_and_crossing():
    spans = [
        Span(10, 20, "ORG"),
        Span(10, 20, "LOC"),  # same offsets: the first given wins
        Span(12, 15, "LOC"),  # inside
        Span(18, 25, "PER"),  # crosses the first: kept
        Span(21, 24, "LOC"),  # inside the crossing one
        Span(0, 5, "PER"),
    ]
    assert corpora.outermost(spans) == [
        Span(0, 5, "PER"),
        Span(10, 20, "ORG"),
        Span(18, 25, "PER"),
    ]


# ----------------------------------------------------------------------------------- HIPE
HIPE_TSV = """\
TOKEN\tNE-COARSE-LIT\tNE-COARSE-METO\tNE-FINE-LIT\tNE-FINE-METO\tNE-FINE-COMP\tNE-NESTED\tNEL-LIT\tNEL-METO\tMISC
# hipe2022:document_id = DOC-1
# hipe2022:date = 1888-08-03
M\tB-pers\tO\tB-pers.ind\tO\tB-comp.title\tO\tQ1\t_\tNoSpaceAfter
.\tI-pers\tO\tI-pers.ind\tO\tI-comp.title\tO\tQ1\t_\tEndOfLine
Hagenbeck\tI-pers\tO\tI-pers.ind\tO\tB-comp.name\tO\tQ1\t_\tNoSpaceAfter
,\tO\tO\tO\tO\tO\tO\t_\t_\t_
de\tO\tO\tO\tO\tO\tO\t_\t_\t_
YHambourg\tB-loc\tO\tB-loc.adm.town\tO\tO\tO\tQ2\t_\tPartial-1:9|NoSpaceAfter
.\tO\tO\tO\tO\tO\tO\t_\t_\tEndOfSentence
#\tO\tO\tO\tO\tO\tO\t_\t_\t_
Gazette\tB-prod\tO\tB-prod.media\tO\tO\tO\t_\t_\t_
de\tI-prod\tO\tI-prod.media\tO\tO\tO\t_\t_\t_
Lausanne\tI-prod\tO\tI-prod.media\tO\tO\tO\t_\t_\tNoSpaceAfter
,\tO\tO\tO\tO\tO\tO\t_\t_\t_
Conseil\tB-org\tO\tB-org.adm\tO\tO\tO\t_\t_\t_
fédéral\tI-org\tO\tI-org.adm\tO\tO\tO\t_\t_\t_

# hipe2022:document_id = DOC-2
Berne\tI-loc\tO\tI-loc.adm.town\tO\tO\tO\t_\t_\tNoSpaceAfter
.\tO\tO\tO\tO\tO\tO\t_\t_\tEndOfSentence
"""


def test_read_hipe_tsv_rebuilds_text_offsets_and_spans(tmp_path):
    path = tmp_path / "hipe.tsv"
    path.write_text(HIPE_TSV, encoding="utf-8")
    docs = corpora.read_hipe_tsv(path)
    assert [d.doc_id for d in docs] == ["DOC-1", "DOC-2"]

    one, two = docs
    assert one.text == "M. Hagenbeck, de YHambourg. # Gazette de Lausanne, Conseil fédéral"
    tokens = [line.split("\t")[0] for line in HIPE_TSV.splitlines()[3:17]]
    assert [one.text[a:b] for a, b in one.tokens] == tokens
    # prod is dropped (its I- rows do not leak into a mapped entity); Partial-1:9 trims "Y".
    assert _surface(one) == [
        ("PER", "M. Hagenbeck"),
        ("LOC", "Hambourg"),
        ("ORG", "Conseil fédéral"),
    ]
    # An I- tag with no open entity starts one.
    assert two.text == "Berne."
    assert _surface(two) == [("LOC", "Berne")]


# ----------------------------------------------------------------------------------- scoring
def test_score_exact_and_one_to_one_overlap():
    gold = [[Span(0, 20, "PER"), Span(30, 35, "LOC"), Span(40, 45, "ORG")]]
    pred = [
        [
            Span(3, 10, "PER"),  # overlaps the gold PER
            Span(12, 18, "PER"),  # overlaps it too: only one of the two can match
            Span(30, 35, "LOC"),  # exact
            Span(40, 45, "LOC"),  # right span, wrong label
            Span(50, 55, "MISC"),  # not scored
        ]
    ]
    result = corpora.score(gold, pred, primary_overlap=("PER",))
    assert result["PER"]["exact"]["tp"] == 0
    assert (result["PER"]["overlap"]["tp"], result["PER"]["overlap"]["fp"]) == (1, 1)
    assert result["LOC"]["exact"]["f1"] == pytest.approx(2 / 3)
    assert result["ORG"]["exact"]["fn"] == 1
    assert result["micro"]["exact"]["tp"] == 1
    assert (result["primary"]["tp"], result["primary"]["fp"], result["primary"]["fn"]) == (2, 2, 1)


def test_chunks_keep_offsets():
    text = "Une phrase. " * 50
    pieces = list(corpora.chunks(text, 100))
    assert len(pieces) > 1
    assert all(len(p) <= 100 for _, p in pieces)
    assert "".join(p for _, p in pieces) == text
    assert all(text[o : o + len(p)] == p for o, p in pieces)
