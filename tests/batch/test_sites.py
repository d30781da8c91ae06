"""newsnlp.batch.sites: site boilerplate learnt per source in a first pass of annotate() and
run(), removed on that source's pages only; deterministic, resumable, off gives the old output."""

from __future__ import annotations

import json

import pytest
from batch_corpus import write_jsonl

from newsnlp.batch import BatchConfig, annotate, run
from newsnlp.batch.sites import learn_sites, plan_sites, site_of
from newsnlp.text import Boilerplate
from newsnlp.text.boilerplate import load_sites, save_sites

# furniture lines the line scorer keeps when it sees one page alone (checked below)
SAHEL = "Le Soleil du Sahel, le quotidien qui éclaire le Niger depuis 1998"
LOME = "Le Journal de Lomé est édité par la Société togolaise de presse"
TOPICS = [
    "le conseil municipal a voté mardi le budget de la ville pour l’année prochaine",
    "les agriculteurs de la région attendent la pluie depuis plusieurs semaines",
    "le tribunal a renvoyé au mois prochain le procès des anciens dirigeants",
    "la fédération a annoncé la liste des joueurs retenus pour la coupe régionale",
    "les enseignants ont manifesté jeudi devant le ministère pour leurs salaires",
    "une nouvelle ligne de bus relie depuis lundi le centre et l’aéroport",
    "le festival de musique a accueilli plus de dix mille spectateurs ce week-end",
    "les prix du riz et de l’huile ont encore augmenté sur les marchés de la ville",
]


def _page(furniture: str, town: str, k: int) -> str:
    body = f"À {town}, {TOPICS[k]}, selon les autorités locales qui ont répondu à nos questions."
    title = " ".join(TOPICS[k].split()[:6]).capitalize()
    return f"{title}\n{furniture}\n{body}"


def corpus() -> list[dict]:
    """Two sites (by url host and by source field), four pages each, interleaved, plus a
    record without source (with the furniture line) and a record without text."""
    records = []
    for k in range(4):
        records.append({"id": f"s{k}", "url": f"https://www.soleil.ne/a/{k}",
                        "text": _page(SAHEL, "Niamey", k)})  # fmt: skip
        records.append({"id": f"l{k}", "source": "Journal de Lomé",
                        "text": _page(LOME, "Lomé", k + 4)})  # fmt: skip
    records.append({"id": "x", "text": _page(SAHEL, "Zinder", 2)})
    records.append({"id": "bad", "url": "https://soleil.ne/b"})
    return records


def _site_lines(record: dict) -> list[str]:
    return [r["text"] for r in record.get("removed", []) if r["reason"] == "site-boilerplate"]


def _learnt(records=None) -> dict[str, Boilerplate]:
    return learn_sites(records or corpus(), BatchConfig(entities=False))


def test_the_line_scorer_keeps_the_furniture_alone():
    out = {r["id"]: r for r in annotate(corpus(), entities=False, site_boilerplate=False)}
    assert SAHEL in out["s0"]["text"] and LOME in out["l0"]["text"]


def test_site_of():
    assert site_of({"source": " AFP ", "url": "https://x.fr/1"}, None) == "AFP"
    assert site_of({"site": "https://WWW.Soleil.ne:443/"}, None) == "soleil.ne"
    assert site_of({"url": "http://[::1/"}, None) is None  # invalid URL: no source
    assert site_of({"url": "https://a.fr/1", "agency": "MAP"}, "agency") == "MAP"
    assert site_of({"url": "https://a.fr/1"}, "agency") is None
    assert site_of("texte", None) is None and site_of({"source": 3}, None) is None


def five_pages_each() -> list[dict]:
    """The corpus with a fifth page per site: Boilerplate's defaults (5 pages) learn it."""
    extra = [
        {"id": "s4", "url": "https://soleil.ne/a/4", "text": _page(SAHEL, "Maradi", 5)},
        {"id": "l4", "source": "Journal de Lomé", "text": _page(LOME, "Kara", 6)},
    ]
    return corpus() + extra


def test_learnt_per_source_and_removed_on_that_source_only():
    sites = _learnt(five_pages_each())
    assert list(sites) == ["Journal de Lomé", "soleil.ne"]
    assert SAHEL in sites["soleil.ne"] and SAHEL not in sites["Journal de Lomé"]
    assert LOME in sites["Journal de Lomé"] and LOME not in sites["soleil.ne"]
    out = {r["id"]: r for r in annotate(five_pages_each(), entities=False)}
    for k in range(5):
        assert _site_lines(out[f"s{k}"]) == [SAHEL] and SAHEL not in out[f"s{k}"]["text"]
        assert _site_lines(out[f"l{k}"]) == [LOME] and LOME not in out[f"l{k}"]["text"]
    assert _site_lines(out["x"]) == [] and SAHEL in out["x"]["text"]  # no source: its own
    assert out["bad"]["error"].startswith("KeyError")  # bad records stay error records
    assert len(out) == 12


def test_a_source_with_fewer_pages_than_min_pages_learns_nothing():
    assert _learnt() == {}  # 4 pages per site < Boilerplate().min_pages
    out = list(annotate(corpus(), entities=False))
    assert out == list(annotate(corpus(), entities=False, site_boilerplate=False))


def test_sample_size_is_the_first_records_of_each_source():
    records = five_pages_each()
    assert _learnt(records)  # 5 pages each
    assert learn_sites(records, BatchConfig(sample_size=4)) == {}  # 4 per source: < 5
    # the sample of an iterator is its first sample_size records, buffered, then all records
    sites, rest = plan_sites(iter(records), BatchConfig(sample_size=10))
    assert list(rest) == records and list(sites) == []  # 10 first: 4 + 4 pages with text
    sites, rest = plan_sites(iter(records), BatchConfig(sample_size=len(records)))
    assert list(rest) == records and list(sites) == ["Journal de Lomé", "soleil.ne"]


def test_off_gives_the_old_output_and_the_option_is_deterministic():
    on = [json.dumps(r, ensure_ascii=False) for r in annotate(five_pages_each(), entities=False)]
    again = [json.dumps(r, ensure_ascii=False) for r in annotate(five_pages_each(), entities=False)]
    off = list(annotate(five_pages_each(), entities=False, site_boilerplate=False))
    assert on == again
    assert all(_site_lines(r) == [] for r in off)
    # off: the pipeline without boilerplate, record by record
    from newsnlp import analyze

    expected = analyze(five_pages_each()[0]["text"], entities=False).to_dict()
    assert {k: off[0][k] for k in expected} == expected
    assert sum(a != json.dumps(b, ensure_ascii=False) for a, b in zip(on, off, strict=True)) == 10


def test_given_boilerplate_is_used_instead_of_learning(tmp_path):
    sites = _learnt(five_pages_each())
    path = tmp_path / "sites.json"
    save_sites(sites, path)
    assert load_sites(path) == sites
    for given in (sites, str(path)):
        out = {r["id"]: r for r in annotate(corpus(), entities=False, boilerplate=given)}
        assert _site_lines(out["s0"]) == [SAHEL] and _site_lines(out["l3"]) == [LOME]
    (tmp_path / "x.json").write_text("{}", "utf-8")
    with pytest.raises(ValueError, match="not saved site boilerplate"):
        BatchConfig(boilerplate=tmp_path / "x.json")


def test_run_learns_from_the_whole_file_resumes_and_saves(tmp_path):
    src = tmp_path / "in.jsonl"
    write_jsonl(src, five_pages_each())
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    saved = tmp_path / "sites.json"
    run(src, first, progress=False, entities=False, batch_size=3, save_boilerplate=saved)
    assert load_sites(saved) == _learnt(five_pages_each())
    expected = [json.dumps(r, ensure_ascii=False) for r in annotate(five_pages_each(), entities=False)]  # fmt: skip
    assert first.read_text("utf-8").splitlines() == expected
    # resume after 5 records: the remaining records are cleaned with the same boilerplate
    second.write_text("".join(line + "\n" for line in expected[:5]), "utf-8")
    summary = run(src, second, resume=True, progress=False, entities=False, batch_size=3)
    assert summary.resumed == 5 and second.read_bytes() == first.read_bytes()
    off = tmp_path / "off.jsonl"
    run(src, off, progress=False, entities=False, site_boilerplate=False)
    assert "site-boilerplate" not in off.read_text("utf-8")
    assert first.read_text("utf-8").count('"site-boilerplate"') == 10


def test_worker_processes_give_the_same_records():
    one = list(annotate(five_pages_each(), entities=False))
    two = list(annotate(five_pages_each(), entities=False, n_process=2, batch_size=2))
    assert one == two and sum(len(_site_lines(r)) for r in two) == 10
    given = {"boilerplate": _learnt(five_pages_each()), "entities": False}
    one = list(annotate(corpus(), **given))
    assert one == list(annotate(corpus(), **given, n_process=2, batch_size=2))
    assert sum(len(_site_lines(r)) for r in one) == 8


def test_annotate_partition_does_not_learn():
    from newsnlp.batch import annotate_partition

    out = list(annotate_partition(five_pages_each(), entities=False))
    assert all(_site_lines(r) == [] for r in out)
    given = list(annotate_partition(five_pages_each(), entities=False, boilerplate=_learnt(five_pages_each())))  # fmt: skip
    assert sum(len(_site_lines(r)) for r in given) == 10
