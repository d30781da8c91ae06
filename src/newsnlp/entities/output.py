"""Pass 9 of the entity layer: the :class:`~newsnlp.entities.types.Minister` and
:class:`~newsnlp.entities.types.Entity` results.

* :func:`ministers` — one per person named next to a sitting role, with the role as written
  and the government's country (the title's, else the article's home country);
* :func:`entities` — every candidate with its canonical name, kind, country and role;
* :func:`acronyms` — acronyms the text defines after a name ("… sécurité intérieure (DGSI)").

Examples
--------
>>> from newsnlp.entities.state import Candidate, LayerState
>>> state = LayerState("La Caisse des retraites (CDR) et la CDR.",
...                    [Candidate(3, 23, "ORG", "head", kind="institution"),
...                     Candidate(36, 39, "ORG", "spacy")])
>>> acronyms(state)
{'CDR': ('Caisse des retraites', 'institution', None)}
>>> [(e.text, e.canonical, e.kind, e.country) for e in entities(state, {}, "FR")]
[('Caisse des retraites', 'Caisse des retraites', 'institution', 'FR'), ('CDR', 'Caisse des retraites', 'institution', None)]
"""

from __future__ import annotations

from typing import Any

from newsnlp.entities.matcher import GazetteerMatcher
from newsnlp.entities.names import surnames
from newsnlp.entities.roles import role_country
from newsnlp.entities.state import Candidate, LayerState
from newsnlp.entities.types import Entity, Minister
from newsnlp.lang.fr.institutions import ACRONYM_AFTER, INTERNATIONAL, NOT_STATE_BODY
from newsnlp.lang.fr.roles import BARE_TITLES

__all__ = ["acronyms", "entities", "ministers", "role_text"]

#: What :func:`acronyms` gives for an acronym: (canonical name, kind, country).
Described = tuple[str, str, "str | None"]


def role_text(text: str) -> str:
    """A role as written, without the commas and spaces around it."""
    return text.strip(" ,\u00a0")


def ministers(
    state: LayerState, dominant: str | None, matcher: GazetteerMatcher
) -> dict[str, Minister]:
    """Sitting ministers by full name, in order of first mention; a former minister
    ("l’ancien ministre") is left out. A bare title ("ministre") gives way to a longer role
    of the same person."""
    text = state.text
    names = surnames(state)
    found: dict[str, Minister] = {}
    for r in state.roles:
        if r.person is None or not r.sitting:
            continue
        span = text[r.person.start : r.person.end]
        name = r.person.canonical or names.get(span, span)
        current = found.get(name)
        country = role_country(state, r, matcher)
        if current is None or (
            len(r.text) > len(current.role) and current.role.lower() in BARE_TITLES
        ):
            found[name] = Minister(
                name,
                role_text(r.text),
                country or (current.country if current else None) or dominant,
            )
    return found


def entities(state: LayerState, by_name: dict[str, Minister], dominant: str | None) -> list[Entity]:
    """Every candidate as an :class:`~newsnlp.entities.types.Entity`, in text order.

    *by_name* is the result of :func:`ministers` (a person among them is a minister);
    *dominant* the article's home country, given to national institutions that do not name
    theirs.
    """
    text = state.text
    names = surnames(state)
    defined = acronyms(state)
    out = []
    for c in sorted(state.cands, key=lambda c: c.start):
        span = text[c.start : c.end]
        if c.label == "PER":
            canonical = c.canonical or names.get(span, span)
            m = by_name.get(canonical)
            if m is not None:
                out.append(
                    Entity(span, c.label, c.start, c.end, canonical, "minister", m.country, m.role)
                )
            else:
                out.append(Entity(span, c.label, c.start, c.end, canonical, "person"))
            continue
        canonical, kind, country = _describe(c, span, defined, dominant)
        out.append(Entity(span, c.label, c.start, c.end, canonical, kind, country))
    return out


def _describe(
    c: Candidate, span: str, defined: dict[str, Described], dominant: str | None
) -> tuple[str, str | None, str | None]:
    """(canonical, kind, country) of a candidate that is not a person."""
    rec: Any = c.record
    if c.kind == "country":
        return rec.name or span, "country", rec.country
    if c.kind == "city":
        return span, "city", rec.country
    if c.kind == "demonym":
        return span, None, rec.country
    if c.label == "ORG" and span in defined:
        return defined[span]  # defined in the text: "(CAF)"
    if c.label == "ORG" and rec is not None:
        country = rec.country
        if country is None and rec.scope == "national" and rec.kind == "institution":
            country = dominant
        return rec.canonical, rec.kind, country
    if c.label == "ORG":
        kind = c.kind if c.kind in {"institution", "organization"} else "organization"
        if kind == "institution" and NOT_STATE_BODY.search(span):
            kind = "organization"  # "Chambre de commerce du Canada"
        if kind == "institution" and not INTERNATIONAL.search(span):
            return span, kind, dominant
        return span, kind, None
    if c.label == "LOC":
        return span, "location", None
    return span, None, None


def acronyms(state: LayerState) -> dict[str, Described]:
    """ "Direction générale de la sécurité intérieure (DGSI)": the acronym's full name, kind
    and country."""
    text = state.text
    found: dict[str, Described] = {}
    for c in state.cands:
        if c.label != "ORG":
            continue
        m = ACRONYM_AFTER.match(text, c.end)
        if m:
            rec = c.record
            canonical = (rec.canonical if rec is not None else None) or text[c.start : c.end]
            kind = (rec.kind if rec is not None else None) or c.kind or "organization"
            found[m.group(1)] = (
                canonical,
                kind if kind in {"institution", "organization"} else "organization",
                rec.country if rec is not None else None,
            )
    return found
