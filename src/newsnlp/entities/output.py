"""Pass 9 of the entity layer: the :class:`~newsnlp.entities.types.Minister` and
:class:`~newsnlp.entities.types.Entity` results.

* :func:`ministers` — one per person named next to a sitting role, with the role as written,
  the government's country and where it comes from (:mod:`newsnlp.entities.government`);
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

from collections.abc import Sequence
from typing import Any

from newsnlp.entities.countries import city_homonym, natural_feature
from newsnlp.entities.government import demonym_country, governments
from newsnlp.entities.local import coordinated, counterparts
from newsnlp.entities.matcher import GazetteerMatcher
from newsnlp.entities.names import surnames
from newsnlp.entities.state import Candidate, LayerState, RolePhrase
from newsnlp.entities.types import CountryReference, Entity, Minister
from newsnlp.lang.fr.institutions import ACRONYM_AFTER, INTERNATIONAL, NOT_STATE_BODY
from newsnlp.lang.fr.roles import BARE_TITLES, PLURAL_TITLE

__all__ = ["acronyms", "entities", "ministers", "role_text"]

#: What :func:`acronyms` gives for an acronym: (canonical name, kind, country).
Described = tuple[str, str, "str | None"]


def role_text(text: str) -> str:
    """A role as written, without the commas and spaces around it."""
    return text.strip(" ,\u00a0")


def ministers(
    state: LayerState,
    home: str | None,
    matcher: GazetteerMatcher,
    refs: Sequence[CountryReference] = (),
) -> dict[str, Minister]:
    """Sitting ministers by full name, in order of first mention; a former minister
    ("l’ancien ministre") is left out.

    The role as written is a title of the person rather than a periphrasis ("vice-Premier
    ministre et ministre des Affaires étrangères" rather than "chef de la diplomatie
    émiratie"), and a bare title ("ministre") gives way to a longer one; a minister's
    counterpart named in apposition ("…, son homologue russe, Sergueï Lavrov") is a minister
    too (:func:`newsnlp.entities.local.counterparts`), and so is every person listed with the
    holder of a title in the plural ("les ministres … X et Y"); the country and its
    source come from every role phrase of the person (:func:`newsnlp.entities.government.governments`),
    *home* being the article's home country and *refs* its country references.
    """
    text = state.text
    names = surnames(state)

    def name_of(c: Candidate) -> str:
        span = text[c.start : c.end]
        return c.canonical or names.get(span, span)

    roles_by_name: dict[str, list[RolePhrase]] = {}
    chosen: dict[str, RolePhrase] = {}
    for r in state.roles:
        if r.person is None or not r.sitting or not r.minister:
            continue  # a former office, a deputy's
        name = name_of(r.person)
        roles_by_name.setdefault(name, []).append(r)
        current = chosen.get(name)
        if current is None or _better_role(r, current):
            chosen[name] = r
    written = {name: role_text(r.text) for name, r in chosen.items()}
    evidence = governments(state, roles_by_name, written, matcher, home, name_of, refs)
    out = {name: Minister(name, written[name], *evidence[name]) for name in roles_by_name}
    for name, r in chosen.items():
        if PLURAL_TITLE.match(r.text) and r.person is not None:
            # "les ministres … Jean-Michel Blanquer et Christophe Castaner": each one
            for other in coordinated(state, r.person):
                out.setdefault(
                    name_of(other), Minister(name_of(other), written[name], *evidence[name])
                )
    found = counterparts(state, out, name_of, lambda w: demonym_country(w, matcher))
    for name, (role, country) in found.items():
        if name not in out:
            out[name] = Minister(name, role, country, "homologue")
    return out


def _better_role(new: RolePhrase, current: RolePhrase) -> bool:
    """Whether *new* is a better role as written than *current*: a title over a periphrasis,
    a longer title over a bare one."""
    if new.periphrasis != current.periphrasis:
        return current.periphrasis
    return len(new.text) > len(current.text) and role_text(current.text).lower() in BARE_TITLES


def entities(
    state: LayerState,
    by_name: dict[str, Minister],
    home: str | None,
    matcher: GazetteerMatcher | None = None,
) -> list[Entity]:
    """Every candidate as an :class:`~newsnlp.entities.types.Entity`, in text order.

    *by_name* is the result of :func:`ministers` (a person among them is a minister);
    *home* the article's home country (or None), given to national institutions that do not name
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
        canonical, kind, country = _describe(c, text, defined, home, matcher)
        out.append(Entity(span, c.label, c.start, c.end, canonical, kind, country))
    return out


def _describe(
    c: Candidate,
    text: str,
    defined: dict[str, Described],
    home: str | None,
    matcher: GazetteerMatcher | None,
) -> tuple[str, str | None, str | None]:
    """(canonical, kind, country) of a candidate that is not a person."""
    span = text[c.start : c.end]
    rec: Any = c.record
    if c.kind == "country" and natural_feature(text, c.start):
        return span, "location", None  # "le fleuve Gambie"
    city = city_homonym(text, c, matcher) if matcher is not None else None
    if city is not None:
        return span, "city", city.country  # "à Luxembourg"
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
            country = home
        return rec.canonical, rec.kind, country
    if c.label == "ORG":
        kind = c.kind if c.kind in {"institution", "organization"} else "organization"
        if kind == "institution" and NOT_STATE_BODY.search(span):
            kind = "organization"  # "Chambre de commerce du Canada"
        if kind == "institution" and not INTERNATIONAL.search(span):
            return span, kind, home
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
