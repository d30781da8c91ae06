"""The gazetteer as the entity layer reads it: the longest gazetteer name at a word, the
reading of a whole mention, demonym adjectives by exact form.

The gazetteer's capitalised forms are indexed by their first word, so a text's words are
looked up in dicts: that is what keeps the layer cheap next to the model.

Examples
--------
>>> from newsnlp.entities.gazetteer import get_gazetteer
>>> from newsnlp.entities.state import words_of
>>> matcher = GazetteerMatcher(get_gazetteer())
>>> words = words_of("la Côte d’Ivoire et les Nations unies")
>>> n, kind, record = matcher.match_at(words, 1)
>>> n, kind, record.country
(3, 'country', 'CI')
>>> matcher.match("Nations unies")[1].canonical
'Organisation des Nations unies'
>>> matcher.match("Organisation mondiale de la Santé")[1].canonical
'Organisation mondiale de la santé'
>>> matcher.adjective("marocaine").country, matcher.match("Nations")
('MA', None)
"""

from __future__ import annotations

from typing import Any

from newsnlp.entities.state import Word, words_of
from newsnlp.lang.fr.institutions import ORGAN_OF_ACRONYM
from newsnlp.text.fold import unify_apostrophes

__all__ = ["KIND_LABEL", "GazetteerMatcher"]

#: The entity label of each gazetteer type.
KIND_LABEL = {"country": "LOC", "city": "LOC", "institution": "ORG", "demonym": "MISC"}


class GazetteerMatcher:
    """Word-level lookups of a gazetteer's surface forms.

    Parameters
    ----------
    gazetteer : newsnlp.entities.gazetteer.Gazetteer
        Its :meth:`~newsnlp.entities.gazetteer.Gazetteer.surface_forms` (adjectives included)
        are indexed; :meth:`demonym` asks it directly.
    """

    def __init__(self, gazetteer: Any) -> None:
        self.gazetteer = gazetteer
        self._forms: dict[str, list[tuple[tuple[str, ...], str, Any]]] = {}
        self._adjectives: dict[str, Any] = {}
        for form, kind, record in gazetteer.surface_forms(include_adjectives=True):
            if kind == "demonym_adj":
                self._adjectives.setdefault(unify_apostrophes(form), gazetteer.demonym(form))
                continue
            words = tuple(w for _, _, w in words_of(unify_apostrophes(form)))
            if not words or ORGAN_OF_ACRONYM.match(form):
                continue  # "Conseil de sécurité de l’ONU": two names, each indexed
            self._forms.setdefault(words[0], []).append((words, kind, record))
            if words[0][0].islower() and len(words) > 1:  # "palais Rénovation": also "Palais …"
                head = words[0][0].upper() + words[0][1:]
                self._forms.setdefault(head, []).append(((head, *words[1:]), kind, record))
        for options in self._forms.values():
            options.sort(key=lambda o: -len(o[0]))

    def match_at(self, words: list[Word], i: int) -> tuple[int, str, Any] | None:
        """Longest gazetteer form starting at word *i*: (number of words, type, record). The
        words after an institution's first may differ in case ("Organisation mondiale de la
        Santé" is "Organisation mondiale de la santé")."""
        options = self._forms.get(words[i][2])
        if not options:
            return None
        for form, kind, record in options:
            n = len(form)
            if i + n > len(words):
                continue
            # the words must be contiguous in the text (no punctuation between them)
            if all(words[i + k][2] == form[k] for k in range(1, n)):
                return n, kind, record
            if kind == "institution" and all(
                words[i + k][2].lower() == form[k].lower() for k in range(1, n)
            ):
                return n, kind, record
        return None

    def match(self, text: str) -> tuple[str, Any] | None:
        """Gazetteer type and record of an exact mention text (all its words, no more)."""
        words = words_of(text)
        if not words:
            return None
        hit = self.match_at(words, 0)
        if hit and hit[0] == len(words):
            return hit[1], hit[2]
        return None

    def adjective(self, word: str) -> Any:
        """The demonym record of a toponymic adjective as written (``marocaine``), or None."""
        return self._adjectives.get(word)

    def demonym(self, form: str) -> Any:
        """The gazetteer's :meth:`~newsnlp.entities.gazetteer.Gazetteer.demonym` of *form*."""
        return self.gazetteer.demonym(form)
