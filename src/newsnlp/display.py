"""Helpers to look at results in a notebook: entities for spaCy's displaCy, country names.

* :func:`to_displacy` — an article's text and entities in displaCy's "manual" format, labelled
  by newsnlp's entity kind (minister, institution, country…) or by the NER label;
* :func:`displacy_options` — the matching ``options`` (entity types and colours);
* :func:`country_name` — the French name of an ISO 3166-1 alpha-2 code, from the bundled
  gazetteer.

Examples
--------
>>> from spacy import displacy
>>> import newsnlp
>>> text = "Le ministre des Affaires étrangères, Nasser Bourita, a reçu lundi à Rabat son homologue."
>>> data = to_displacy(text, newsnlp.extract_entities(text))
>>> [(data["text"][e["start"]:e["end"]], e["label"]) for e in data["ents"]]
[('Nasser Bourita', 'MINISTER'), ('Rabat', 'CITY')]
>>> html = displacy.render(data, style="ent", manual=True, options=displacy_options())
>>> "Nasser Bourita" in html
True
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from itertools import pairwise
from types import MappingProxyType
from typing import Any, Literal

from newsnlp.checks import ensure_text
from newsnlp.entities import LABELS, Entity

__all__ = ["KIND_COLORS", "country_name", "displacy_options", "to_displacy"]

logger = logging.getLogger(__name__)

#: displaCy label → colour, for the labels :func:`to_displacy` gives with ``label="kind"``.
KIND_COLORS: Mapping[str, str] = MappingProxyType(
    {
        "MINISTER": "#f4a261",
        "PERSON": "#f9d56e",
        "INSTITUTION": "#8ecae6",
        "ORGANIZATION": "#bde0fe",
        "COUNTRY": "#95d5b2",
        "CITY": "#c7f9cc",
        "LOCATION": "#d8f3dc",
        "MISC": "#e0e0e0",
    }
)
_LABEL_COLORS = {"PER": "#f9d56e", "ORG": "#8ecae6", "LOC": "#95d5b2", "MISC": "#e0e0e0"}


def _field(entity: Any, name: str) -> Any:
    if isinstance(entity, Mapping):
        return entity.get(name)
    return getattr(entity, name, None)


def to_displacy(
    text: str,
    entities: Iterable[Entity | Mapping[str, Any]],
    *,
    title: str | None = None,
    label: Literal["kind", "label"] = "kind",
) -> dict[str, Any]:
    """An article and its entities in displaCy's manual format.

    Parameters
    ----------
    text : str
        The text the entity offsets index: :attr:`newsnlp.Article.text`, or the text given to
        :func:`newsnlp.extract_entities`.
    entities : iterable of Entity or of dict
        :class:`newsnlp.Entity` objects, or their :meth:`~newsnlp.Entity.to_dict` form (as in
        the ``entities`` column of :func:`newsnlp.batch.annotate_dataframe`).
    title : str, optional
        Shown by displaCy above the text.
    label : {"kind", "label"}, default "kind"
        What to show on each entity: newsnlp's kind in capitals (``MINISTER``, ``PERSON``,
        ``INSTITUTION``, ``ORGANIZATION``, ``COUNTRY``, ``CITY``, ``LOCATION``; ``MISC`` when
        the entity has no kind), or the NER label (``PER``, ``ORG``, ``LOC``, ``MISC``).

    Returns
    -------
    dict
        ``{"text", "ents": [{"start", "end", "label"}], "title"}``, entities sorted by offset,
        for ``spacy.displacy.render(data, style="ent", manual=True)``.

    Raises
    ------
    TypeError
        If *text* is not a ``str``, or an entity has no integer ``start``/``end``.
    ValueError
        For a bad *label*, or an entity whose offsets fall outside *text* or overlap another's
        (offsets of another text).

    Examples
    --------
    >>> from newsnlp import Entity
    >>> ents = [Entity("ONU", "ORG", 10, 13, "Organisation des Nations unies", "institution")]
    >>> to_displacy("Selon l’ONU, le Maroc…", ents, title="Exemple")
    {'text': 'Selon l’ONU, le Maroc…', 'ents': [{'start': 10, 'end': 13, 'label': 'INSTITUTION'}], 'title': 'Exemple'}
    >>> to_displacy("Selon l’ONU, le Maroc…", ents, label="label")["ents"][0]["label"]
    'ORG'
    """
    text = ensure_text(text)
    if label not in ("kind", "label"):
        raise ValueError(f'label must be "kind" or "label", not {label!r}')
    if isinstance(entities, (str, bytes)) or not isinstance(entities, Iterable):
        raise TypeError(
            f"entities must be an iterable of newsnlp.Entity or dicts, not {type(entities).__name__}"
        )
    ents = []
    for ent in entities:
        start, end = _field(ent, "start"), _field(ent, "end")
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
            raise TypeError(
                f"each entity needs integer start and end offsets, got {ent!r}: pass "
                "newsnlp.Entity objects or their to_dict() form"
            )
        if not 0 <= start < end <= len(text):
            raise ValueError(
                f"entity offsets {start}:{end} fall outside the text ({len(text)} characters): "
                "pass the text the entities were found in (Article.text, not the raw page)"
            )
        if label == "kind":
            kind = _field(ent, "kind")
            name = kind.upper() if kind else "MISC"
        else:
            name = _field(ent, "label") or "MISC"
        ents.append({"start": start, "end": end, "label": name})
    ents.sort(key=lambda e: (e["start"], e["end"]))
    for a, b in pairwise(ents):
        if b["start"] < a["end"]:
            raise ValueError(
                f"entities {a['start']}:{a['end']} and {b['start']}:{b['end']} overlap: "
                "were they found in this text?"
            )
    return {"text": text, "ents": ents, "title": title}


def displacy_options(label: Literal["kind", "label"] = "kind") -> dict[str, Any]:
    """``options`` for ``displacy.render`` matching :func:`to_displacy`'s labels.

    Parameters
    ----------
    label : {"kind", "label"}, default "kind"
        The same choice as in :func:`to_displacy`.

    Returns
    -------
    dict
        ``{"ents": [labels], "colors": {label: colour}}``, a new dict at each call.

    Raises
    ------
    ValueError
        For a bad *label*.

    Examples
    --------
    >>> displacy_options("label")["ents"]
    ['PER', 'ORG', 'LOC', 'MISC']
    """
    if label == "kind":
        colors = dict(KIND_COLORS)
    elif label == "label":
        colors = {name: _LABEL_COLORS[name] for name in LABELS}
    else:
        raise ValueError(f'label must be "kind" or "label", not {label!r}')
    return {"ents": list(colors), "colors": colors}


def country_name(iso2: str) -> str:
    """The usual French name of a country from its ISO 3166-1 alpha-2 code.

    Parameters
    ----------
    iso2 : str
        A code as in :attr:`newsnlp.Article.countries` or :attr:`newsnlp.Entity.country`
        (any case).

    Returns
    -------
    str
        The name from the bundled gazetteer (``"Maroc"``, ``"États-Unis"``), or *iso2* itself
        when the code is unknown.

    Raises
    ------
    TypeError
        If *iso2* is not a ``str``.

    Examples
    --------
    >>> country_name("MA"), country_name("us"), country_name("ZZ")
    ('Maroc', 'États-Unis', 'ZZ')
    """
    if not isinstance(iso2, str):
        raise TypeError(f"iso2 must be str, not {type(iso2).__name__}: pass a code such as 'MA'")
    from newsnlp.entities.gazetteer import get_gazetteer

    country = get_gazetteer().country_by_code(iso2.strip().upper())
    return country.name if country is not None else iso2
