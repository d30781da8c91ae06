"""Named entities of French press text: spaCy's NER plus a layer of press grammar and gazetteers.

spaCy's French models are trained on Wikipedia-style text and know PER/ORG/LOC/MISC only. On
press text they tag role titles as organisations ("ministre des Affaires étrangères"), keep
elided articles inside spans ("l’ONU"), mistake a surname used alone for a place ("Bourita"),
cut institution names short ("Chambre") and say nothing of who is a minister. This layer
corrects the spans and labels and adds what the press needs, in passes over the text and the
model's entities (no tagger or parser needed, so the NER-only path of the model can be used):

1. :mod:`~newsnlp.entities.spans` — a mention holds the proper name only;
2. :mod:`~newsnlp.entities.roles` — ministers' titles and portfolios, which are not entities;
3. :mod:`~newsnlp.entities.resolution` — gazetteer names (countries, cities, institutions,
   demonyms) with one canonical name per referent (ONU = Nations unies);
4. :mod:`~newsnlp.entities.institutions` — institution names completed by the grammar of
   French names ("Chambre des représentants"); :mod:`~newsnlp.entities.acronyms` — acronyms
   defined in the text ("Police nationale d’Haïti (PNH)") and their uses;
5. :mod:`~newsnlp.entities.names` — a surname used alone is linked to the full name, a name
   after a title is a person;
6. :mod:`~newsnlp.entities.resolution` — labels, implausible mentions, overlaps;
7. :mod:`~newsnlp.entities.roles` — the person of each role;
8. :mod:`~newsnlp.entities.countries` — country references (names, demonyms, adjectives:
   "président chinois" → CN) and the article's home country, when it has one;
9. :mod:`~newsnlp.entities.output` — ministers (role as written, government's country from
   the evidence chain of :mod:`~newsnlp.entities.government`) and entities.

The French words and patterns of the passes are data, in :mod:`newsnlp.lang.fr`.
:class:`EntityLayer` runs the passes; the spaCy component ``newsnlp_entities``
(:mod:`newsnlp.entities.spacy_component`) and :func:`newsnlp.extract_entities` use it. This
module does not import spaCy.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from typing import Any

from newsnlp._deprecation import moved
from newsnlp.entities import (
    acronyms,
    countries,
    institutions,
    names,
    output,
    resolution,
    roles,
    spans,
)
from newsnlp.entities.lexicon import Lexicon
from newsnlp.entities.matcher import GazetteerMatcher
from newsnlp.entities.state import Candidate, LayerState
from newsnlp.entities.types import LABELS, Annotation

__all__ = ["EntityLayer"]


class EntityLayer:
    """The press layer over spaCy's entities: a callable from (text, entities) to
    :class:`~newsnlp.entities.types.Annotation`.

    Parameters
    ----------
    gazetteer : newsnlp.entities.gazetteer.Gazetteer, keyword-only
        Countries, cities, demonyms and institutions.
    common_nouns : frozenset of str, keyword-only
        Lower-case French common nouns (from the model's lemmatizer tables), used to drop a
        capitalised common noun that the model tagged as a name at the start of a sentence
        ("Budget", "Dette").
    adjectives : frozenset of str, keyword-only
        Lower-case French adjectives (masculine singular, from the same tables), used to read
        institution names ("Direction générale de la sécurité intérieure"). Without it, word
        endings alone decide.
    default_country : str or None, keyword-only
        The home country to assume when the article has none of its own: the government of a
        minister the text does not place (``country_source == "home"``).

    Examples
    --------
    No model is needed: the entities are ``(start, end, label)`` from any NER.

    >>> from newsnlp.entities.gazetteer import get_gazetteer
    >>> layer = EntityLayer(gazetteer=get_gazetteer())
    >>> text = "Nasser Bourita, ministre des Affaires étrangères, a reçu à Rabat l’ambassadeur."
    >>> ann = layer(text, [(0, 14, "PER"), (59, 64, "LOC")])
    >>> [(e.text, e.kind, e.country) for e in ann.entities]
    [('Nasser Bourita', 'minister', 'MA'), ('Rabat', 'city', 'MA')]
    >>> ann.ministers[0].role
    'ministre des Affaires étrangères'
    """

    def __init__(
        self,
        *,
        gazetteer: Any,
        common_nouns: frozenset[str] = frozenset(),
        adjectives: frozenset[str] = frozenset(),
        default_country: str | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.common_nouns = common_nouns
        self.adjectives = adjectives
        self.default_country = default_country
        self.matcher = GazetteerMatcher(gazetteer)
        self.lexicon = Lexicon(common_nouns, adjectives)

    @property
    def gaz(self) -> Any:
        """Deprecated name of :attr:`gazetteer`."""
        warnings.warn(
            "EntityLayer.gaz is deprecated: use EntityLayer.gazetteer (the old name will be "
            "removed in the next release)",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.gazetteer

    def __call__(
        self, text: str, ents: Iterable[tuple[int, int, str]], *, page: Sequence[str] = ()
    ) -> Annotation:
        """Annotate *text* given the model's entities ``(start, end, label)``; labels other
        than :data:`~newsnlp.entities.types.LABELS` are ignored. *page*: the lines of the page
        around the text that the cleaner removed; when the text does not decide the article's
        home country, the page's (:func:`~newsnlp.entities.countries.page_country`) is used,
        before :attr:`default_country`."""
        matcher, lexicon = self.matcher, self.lexicon
        state = LayerState(
            text, [Candidate(s, e, lab, "spacy") for s, e, lab in ents if lab in LABELS]
        )
        spans.normalise_spans(state, matcher)
        roles.find_roles(state, lexicon, matcher)
        roles.drop_role_words(state, matcher)
        resolution.add_gazetteer_matches(state, matcher)
        institutions.add_institution_names(state, matcher, lexicon)
        names.link_surnames(state)
        names.add_titled_persons(state, lexicon)
        acronyms.add_defined_acronyms(state, matcher)
        resolution.classify(state, matcher, lexicon)
        resolution.resolve_overlaps(state)
        names.link_surnames(state)  # surnames of persons found by the title rules
        resolution.resolve_overlaps(state)
        roles.attach_roles(state)
        refs = countries.country_refs(state, matcher)
        fallback = (page and countries.page_country(page, matcher)) or self.default_country
        home = countries.home_country(refs, state, matcher, fallback)
        ministers = output.ministers(state, home, matcher, refs)
        entities = output.entities(state, ministers, home, matcher)
        return Annotation(tuple(entities), tuple(ministers.values()), tuple(refs))


# Names this module held before the entity layer was split (issue 11): they still work from
# here until the next release, with a DeprecationWarning.
_MOVED_TO = {
    **dict.fromkeys(
        ("CountryReference", "Entity", "Minister"),
        moved(__name__, "newsnlp.entities.types"),
    ),
    **dict.fromkeys(
        (
            "CHUNK_CHARS",
            "annotate",
            "annotate_batch",
            "extract_annotation",
            "extract_annotations",
            "extract_entities",
            "extract_entities_batch",
        ),
        moved(__name__, "newsnlp.entities.extract"),
    ),
}


def __getattr__(name: str) -> Any:
    forward = _MOVED_TO.get(name)
    if forward is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return forward(name)
