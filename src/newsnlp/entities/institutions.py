"""Pass 4 of the entity layer: institution, facility and event names, completed by the grammar
of French names.

A head ("Conseil", "Direction", "Stade", "Festival") is followed by adjectives ("générale",
"économique et monétaire ouest-africaine") and complements ("des droits de l’homme", "pour
les réfugiés", "du développement et de la coopération"); "… et de la Surveillance du
territoire" starts another, coordinated name. Institution heads start a name anywhere;
organisation, facility and event heads only complete a name the model found. The French
words are in :mod:`newsnlp.lang.fr.institutions`.

Examples
--------
>>> from newsnlp.entities.gazetteer import get_gazetteer
>>> from newsnlp.entities.lexicon import Lexicon
>>> from newsnlp.entities.matcher import GazetteerMatcher
>>> from newsnlp.entities.state import LayerState
>>> state = LayerState("La Direction générale de la sécurité intérieure a enquêté.")
>>> add_institution_names(state, GazetteerMatcher(get_gazetteer()), Lexicon())
>>> [(state.text[c.start:c.end], c.label, c.kind) for c in state.cands]
[('Direction générale de la sécurité intérieure', 'ORG', 'institution')]
"""

from __future__ import annotations

from newsnlp.entities.lexicon import Lexicon
from newsnlp.entities.matcher import GazetteerMatcher
from newsnlp.entities.overlaps import SpanIndex
from newsnlp.entities.resolution import merge
from newsnlp.entities.state import Candidate, LayerState, Word, is_capitalised
from newsnlp.lang.fr.institutions import (
    DETERMINER_WORDS,
    EVENT_HEADS,
    FACILITY_HEADS,
    INSTITUTION_HEADS,
    NAME_ARTICLES,
    NAME_PREPOSITIONS,
    PARTICIPLE_COMPLEMENTS,
    PARTICIPLE_ENDINGS,
    YEAR_AFTER,
)
from newsnlp.lang.fr.roles import ROLE_STOPWORDS

__all__ = ["add_institution_names", "complements", "skip_adjectives"]


def skip_adjectives(words: list[Word], j: int, lexicon: Lexicon) -> int:
    """Index after the adjectives starting at word *j* ("économique et monétaire
    ouest-africaine"); a past participle with its complement is not part of the name."""
    while j < len(words):
        if lexicon.is_adjective(words[j][2]):
            if (
                words[j][2].endswith(PARTICIPLE_ENDINGS)
                and j + 1 < len(words)
                and words[j + 1][2] in PARTICIPLE_COMPLEMENTS
            ):
                break  # "la commission du Conseil national chargée d’examiner"
            j += 1
        elif (
            words[j][2] == "et"
            and j > 0
            and j + 1 < len(words)
            and lexicon.is_adjective(words[j + 1][2])
            and lexicon.is_adjective(words[j - 1][2])
        ):
            j += 2
        else:
            break
    return j


def _complement_word(words: list[Word], j: int) -> int | None:
    """Index of the first word of the complement that starts at word *j* with a preposition
    (and an article), or None if no complement starts there."""
    low = words[j][2].lower()
    if low not in NAME_PREPOSITIONS or low in {"et", "à"}:
        return None
    if low == "pour" and (j + 1 >= len(words) or words[j + 1][2].lower() not in NAME_ARTICLES):
        return None
    k = j + 1
    if k < len(words) and words[k][2].lower() in NAME_ARTICLES:
        k += 1
    if k >= len(words) or not words[k][2][0].isalpha():
        return None
    w2 = words[k][2]
    if w2.lower() in ROLE_STOPWORDS or (not is_capitalised(w2) and w2.lower() in DETERMINER_WORDS):
        return None
    return k


def complements(
    words: list[Word],
    j: int,
    matcher: GazetteerMatcher,
    lexicon: Lexicon,
    *,
    stop_at_places: bool = False,
) -> tuple[int, int | None]:
    """Extend a name over its complements from word *j*: "des droits de l’homme", "pour
    les réfugiés", "du développement et de la coopération". Returns the index after the
    name and, for "… et de la Surveillance du territoire", the index where a coordinated
    name starts."""
    end = j
    while j < len(words):
        k = j
        if (
            words[k][2].lower() == "et"
            and k + 1 < len(words)
            and words[k + 1][2].lower() in NAME_PREPOSITIONS
        ):
            nxt = k + 2 + (k + 2 < len(words) and words[k + 2][2].lower() in NAME_ARTICLES)
            if nxt < len(words) and is_capitalised(words[nxt][2]):
                return end, nxt  # "et de la Surveillance du territoire": another name
            k += 1
        k = _complement_word(words, k)
        if k is None:
            break
        w2 = words[k][2]
        if w2.isupper() and len(w2) > 1 and matcher.match(w2) is not None:
            break  # "Conseil de sécurité de l’ONU": the organ, then the organisation
        if (
            stop_at_places
            and is_capitalised(w2)
            and (matcher.match_at(words, k) or ("", ""))[1] in {"city", "country"}
        ):
            break  # "Complexe Mohammed VI de football de Maâmora": the facility, then the town
        k = skip_adjectives(words, k + 1, lexicon)
        j = end = k
    return end, None


def _head(
    state: LayerState, i: int, coordinated: dict, known: SpanIndex
) -> tuple[str, str | None] | None:
    """(label, kind) of the name whose head is word *i*, or None if no name starts there;
    *known* holds the candidates found before this pass."""
    s, w = state.words[i][0], state.words[i][2]
    kind = INSTITUTION_HEADS.get(w)
    if i in coordinated:
        return coordinated[i]
    if kind is None:
        if w in FACILITY_HEADS:
            label, kind = "LOC", "location"
        elif w in EVENT_HEADS:
            label, kind = "MISC", None
        else:
            return None
        if not any(o.start == s for o in known.overlapping(s, s + 1)):
            return None  # facilities and events: only complete what the model found
        return label, kind
    if kind == "organization" and not known.overlapping(s, s + 1):
        return None  # "Musée du Cidre" may be a place: only complete the model's names
    return "ORG", kind


def add_institution_names(state: LayerState, matcher: GazetteerMatcher, lexicon: Lexicon) -> None:
    """Merge the names that start with a head and go on over adjectives and complements."""
    text = state.text
    words = state.words
    found = []
    queue = list(range(len(words)))
    coordinated: dict[int, tuple[str, str | None]] = {}
    known = SpanIndex(state.cands)  # linear: no scan of every candidate per head
    for i in queue:
        head = _head(state, i, coordinated, known)
        if head is None:
            continue
        label, kind = head
        s = words[i][0]
        j = skip_adjectives(words, i + 1, lexicon)
        if label != "ORG" or i in coordinated:
            # start from the model's span when it is longer ("Complexe Mohammed VI")
            model_end = max((o.end for o in known.overlapping(s, s + 1) if o.start == s), default=0)
            while j < len(words) and words[j][1] <= model_end:
                j += 1
        j, other = complements(words, j, matcher, lexicon, stop_at_places=label == "LOC")
        if other is not None:
            coordinated[other] = (label, kind)
            queue.append(other)
        end = words[j - 1][1]
        if label == "MISC":
            m = YEAR_AFTER.match(text, end)  # "Mondial 2030", "Coupe du monde 2030"
            end = m.end() if m else end
        if end == words[i][1]:
            continue  # a bare head ("le Parlement", "la Confédération"): left to the model
        found.append(Candidate(s, end, label, "head", kind=kind))
    merge(state, found)
