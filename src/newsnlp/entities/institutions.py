"""Pass 4 of the entity layer: institution, facility and event names, completed by the grammar
of French names.

A head ("Conseil", "Direction", "Stade", "Festival") is followed by adjectives ("générale",
"économique et monétaire ouest-africaine") and complements ("des droits de l’homme", "pour
les réfugiés", "du développement et de la coopération"); "… et de la Surveillance du
territoire" starts another, coordinated name. An adjective after a complement agrees with
its noun ("Conseil des ministres extraordinaire": the council is extraordinary, the name ends
at "ministres"). Institution heads start a name anywhere, also alone inside a sentence for the
few that name a country's one body ("le président du Parlement"); organisation, facility and
event heads only complete a name the model found. Where the model's name goes on past the
grammar's with a lower-case word ("Bureau de prévention des accidents juge la motion"), the
grammar's wins. The French words are in :mod:`newsnlp.lang.fr.institutions`.

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
from newsnlp.entities.state import (
    Candidate,
    LayerState,
    Word,
    at_sentence_start,
    is_capitalised,
    words_of,
)
from newsnlp.lang.fr.institutions import (
    ARTICLES_BEFORE_HEAD,
    BARE_HEADS,
    COMPLEMENT_PRENOMINALS,
    DETERMINER_WORDS,
    EVENT_HEADS,
    FACILITY_HEADS,
    INSTITUTION_HEADS,
    NAME_ARTICLES,
    NAME_PREPOSITIONS,
    OTHER_PREPOSITIONS,
    PARTICIPLE_COMPLEMENTS,
    PARTICIPLE_ENDINGS,
    PARTICIPLE_GENITIVES,
    PORTFOLIO_HEADS,
    PRENOMINAL_ADJECTIVES,
    PUBLIC_WHEN_NATIONAL,
    STATE_ADJECTIVES,
    YEAR_AFTER,
)
from newsnlp.lang.fr.roles import ROLE_STOPWORDS

__all__ = ["add_institution_names", "agrees", "complements", "skip_adjectives"]


def agrees(noun: str, adjective: str, lexicon: Lexicon) -> bool:
    """Whether *adjective* can qualify *noun* by number: a noun that the lexicon knows only
    in the plural ("ministres") takes plural adjectives ("extraordinaire" does not agree), a
    singular one no plural adjective ("santé débordés"). Without a lexicon, or for nouns the
    same in both numbers ("pays"), everything agrees.

    Examples
    --------
    >>> lex = Lexicon(common_nouns=frozenset({"ministre", "pays", "sécurité"}))
    >>> agrees("ministres", "extraordinaire", lex), agrees("ministres", "arabes", lex)
    (False, True)
    >>> agrees("pays", "arabe", lex), agrees("sécurité", "intérieure", lex)
    (True, True)
    >>> lex = Lexicon(common_nouns=frozenset({"santé"}), adjectives=frozenset({"débordé"}))
    >>> agrees("santé", "débordés", lex)
    False
    """
    low, adj = noun.lower(), adjective.lower()
    nouns = lexicon.common_nouns
    if low.endswith(("s", "x")) and low not in nouns and low[:-1] in nouns:
        return adj.endswith(("s", "x"))  # "ministres" takes "arabes", not "extraordinaire"
    plural_adjective = adj.endswith(("s", "x")) and lexicon.knows_adjective(adj[:-1])
    return not (low in nouns and not low.endswith(("s", "x")) and plural_adjective)


def skip_adjectives(
    words: list[Word],
    j: int,
    lexicon: Lexicon,
    *,
    noun: str | None = None,
    matcher: GazetteerMatcher | None = None,
) -> int:
    """Index after the adjectives starting at word *j* ("économique et monétaire
    ouest-africaine", "wallon"); a past participle with its complement is not part of the name,
    nor, after a complement's *noun*, an adjective that does not agree with it
    (:func:`agrees`) or a country's ("des ministres français": *matcher* tells)."""
    while j < len(words):
        w = words[j][2]
        if _adjective(w, lexicon, None if noun is not None else matcher):
            if noun is not None and not agrees(noun, w, lexicon):
                break  # "Conseil des ministres extraordinaire"
            if noun is not None and _country_adjective(w, matcher):
                break  # "Conseil des ministres français"
            if (
                w.endswith(PARTICIPLE_ENDINGS)
                and j + 1 < len(words)
                and words[j + 1][2] in PARTICIPLE_COMPLEMENTS
                and not (
                    words[j + 1][2] in PARTICIPLE_GENITIVES and _place_at(words, j + 2, matcher)
                )
            ):
                # "la commission du Conseil national chargée d’examiner", "l’Armée de terre
                # italienne basée à Venise" (but "… réformée de France" names a place)
                break
            j += 1
        elif (
            w == "et"
            and j > 0
            and j + 1 < len(words)
            and _adjective(words[j + 1][2], lexicon, matcher)
            and _adjective(words[j - 1][2], lexicon, matcher)
        ):
            j += 2
        else:
            break
    return j


def _country_adjective(word: str, matcher: GazetteerMatcher | None) -> bool:
    """Whether *word* is the adjective of a country ("français"; not "arabe", "européen")."""
    found = matcher.adjective(word) if matcher is not None else None
    return found is not None and found.country is not None


def _place_at(words: list[Word], k: int, matcher: GazetteerMatcher | None) -> bool:
    """Whether a country or a city starts at word *k* ("Forces armées d’Haïti")."""
    if matcher is None or k >= len(words) or not is_capitalised(words[k][2]):
        return False
    return (matcher.match_at(words, k) or ("", ""))[1] in {"city", "country"}


def _adjective(word: str, lexicon: Lexicon, matcher: GazetteerMatcher | None) -> bool:
    """An adjective of a name: the lexicon's, or a toponymic one ("wallon", "malienne")."""
    return lexicon.is_adjective(word) or (
        matcher is not None and word[:1].islower() and matcher.adjective(word) is not None
    )


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
    portfolios: bool = False,
) -> tuple[int, int | None]:
    """Extend a name over its complements from word *j*: "des droits de l’homme", "pour
    les réfugiés", "du développement et de la coopération". Returns the index after the
    name and, for "… et de la Surveillance du territoire", the index where a coordinated
    name starts ("et de la coopération" coordinates complements, so only after one). A
    country's adjective after a complement ("français") ends the name. With
    *stop_at_places* (facilities), a place ends the name, as does a
    capitalised complement after a common-noun one ("Complexe Mohammed VI de football" |
    "de Maâmora"). With *portfolios* (a ministry), "et des Finances" goes on with the same
    name."""
    end = start = j
    common = False  # a complement with a common noun was taken
    while j < len(words):
        k = j
        if (
            words[k][2].lower() == "et"
            and end > start  # "… du développement et de la coopération"; not "Conseil européen
            and k + 1 < len(words)  # et aux chefs de gouvernement"
            and words[k + 1][2].lower() in NAME_PREPOSITIONS
        ):
            nxt = k + 2 + (k + 2 < len(words) and words[k + 2][2].lower() in NAME_ARTICLES)
            if nxt < len(words) and is_capitalised(words[nxt][2]) and not portfolios:
                return end, nxt  # "et de la Surveillance du territoire": another name
            k += 1
        k = _complement_word(words, k)
        if k is None:
            break
        if (
            words[k][2] in COMPLEMENT_PRENOMINALS
            and k + 1 < len(words)
            and words[k + 1][2][:1].islower()
            and words[k + 1][2] not in ROLE_STOPWORDS
        ):
            k += 1  # "pour la bonne gouvernance": the noun after the adjective
        w2 = words[k][2]
        if w2.isupper() and len(w2) > 1 and matcher.match(w2) is not None:
            break  # "Conseil de sécurité de l’ONU": the organ, then the organisation
        if (
            stop_at_places
            and is_capitalised(w2)
            and (common or (matcher.match_at(words, k) or ("", ""))[1] in {"city", "country"})
        ):
            break  # "Complexe Mohammed VI de football de Maâmora": the facility, then the town
        common = common or not is_capitalised(w2)
        k = skip_adjectives(words, k + 1, lexicon, noun=w2, matcher=matcher)
        j = end = k
    return end, None


def _head(
    state: LayerState, i: int, coordinated: dict, known: SpanIndex
) -> tuple[str, str | None] | None:
    """(label, kind) of the name whose head is word *i*, or None if no name starts there;
    *known* holds the candidates found before this pass."""
    s, w = state.words[i][0], state.words[i][2]
    if i in coordinated:
        return coordinated[i]
    if w in PRENOMINAL_ADJECTIVES and i + 1 < len(state.words):
        w = state.words[i + 1][2]  # "Haute Cour", "Grand Conseil"
        if INSTITUTION_HEADS.get(w) != "institution":
            return None
    kind = INSTITUTION_HEADS.get(w)
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
    """Merge the names that start with a head and go on over adjectives and complements; the
    model's names that go on past them with a lower-case word give way (their capitalised
    rest, "de Maâmora", stays a name)."""
    words = state.words
    found = []
    queue = list(range(len(words)))
    coordinated: dict[int, tuple[str, str | None]] = {}
    known = SpanIndex(state.cands)  # linear: no scan of every candidate per head
    roles = SpanIndex(state.roles)
    for i in queue:
        head = _head(state, i, coordinated, known)
        if head is None:
            continue
        label, kind = head
        end, other = _name_end(state, i, label, i in coordinated, known, matcher, lexicon)
        if other is not None:
            coordinated[other] = (label, kind)
            queue.append(other)
        if end is not None:
            if kind == "organization" and _public(words, i):
                kind = "institution"  # "Institut national de la statistique"
            found.append(Candidate(words[i][0], end, label, "head", kind=kind))
        elif words[i][2] in BARE_HEADS and _bare_head(state, i, roles):
            found.append(Candidate(words[i][0], words[i][1], "ORG", "head", kind=kind))
    _give_way(state, found, known, lexicon)
    merge(state, found)


def _name_end(
    state: LayerState,
    i: int,
    label: str,
    coordinated: bool,
    known: SpanIndex,
    matcher: GazetteerMatcher,
    lexicon: Lexicon,
) -> tuple[int | None, int | None]:
    """End offset of the name whose head is word *i* (None for a bare head) and the index of
    a coordinated name's head (or None)."""
    words, text = state.words, state.text
    s = words[i][0]
    j = i + 2 if words[i][2] in PRENOMINAL_ADJECTIVES else i + 1
    j = skip_adjectives(words, j, lexicon, matcher=matcher)
    if label != "ORG" or coordinated:
        # go on over the capitalised words of the model's name ("Complexe Mohammed VI")
        model_end = max((o.end for o in known.overlapping(s, s + 1) if o.start == s), default=0)
        while j < len(words) and words[j][1] <= model_end and not words[j][2][0].islower():
            j += 1
    j, other = complements(
        words,
        j,
        matcher,
        lexicon,
        stop_at_places=label == "LOC",
        portfolios=words[i][2] in PORTFOLIO_HEADS,
    )
    end = words[j - 1][1]
    if label == "MISC":
        m = YEAR_AFTER.match(text, end)  # "Mondial 2030", "Coupe du monde 2030"
        end = m.end() if m else end
    if end == words[i][1]:
        return None, other  # a bare head ("le Parlement", "la Confédération")
    return end, other


def _public(words: list[Word], i: int) -> bool:
    """Whether the organisation head *i* names a state body: "Institut national …"."""
    return (
        words[i][2] in PUBLIC_WHEN_NATIONAL
        and i + 1 < len(words)
        and words[i + 1][2] in STATE_ADJECTIVES
    )


def _bare_head(state: LayerState, i: int, roles: SpanIndex) -> bool:
    """Whether the capitalised head word *i* alone names a body: after an article inside a
    sentence, outside a minister's title (*roles*)."""
    s, e, _ = state.words[i]
    return (
        i > 0
        and state.words[i - 1][2].lower() in ARTICLES_BEFORE_HEAD
        and not at_sentence_start(state.text, state.words[i - 1][0])
        and not roles.overlapping(s, e)
    )


def _give_way(
    state: LayerState, found: list[Candidate], known: SpanIndex, lexicon: Lexicon
) -> None:
    """Remove the model's names that start with a grammar name and go on past it where the
    grammar says the name ended (:func:`_ended`); a capitalised rest after a preposition
    becomes a candidate of its own ("Complexe … de football" | "de Maâmora", "Conseil de
    sécurité" | "de l’ONU")."""
    gone, rests = set(), []
    for c in found:
        for o in known.overlapping(c.start, c.end):
            if o.source != "spacy" or o.start != c.start or o.end <= c.end:
                continue
            after = words_of(state.text, c.end, o.end)
            if not after or not _ended(state, c, after[0][2], lexicon):
                continue
            gone.add(id(o))
            rest = next((w for w in after if is_capitalised(w[2])), None)
            if rest is not None and after[0][2].lower() in NAME_PREPOSITIONS:
                label = "LOC" if c.label == "LOC" else o.label
                rests.append(Candidate(rest[0], o.end, label, "spacy"))
    if gone:
        state.cands = [o for o in state.cands if id(o) not in gone] + rests


def _ended(state: LayerState, c: Candidate, nxt: str, lexicon: Lexicon) -> bool:
    """Whether the grammar's name *c* really ends before the word *nxt* that the model's name
    goes on with: a preposition the grammar stopped at ("de Maâmora", "de l’ONU"), an
    adjective that does not agree ("extraordinaire" after "ministres"), a word that is no
    adjective ("juge"); not a capitalised word, another preposition ("contre") or an
    adjective the grammar did not read ("infectieuses"). Without a lexicon, nothing ends."""
    if not lexicon.adjectives or not nxt[:1].islower():
        return False
    if nxt.lower() in NAME_PREPOSITIONS:
        return True
    if nxt in OTHER_PREPOSITIONS:
        return False
    if lexicon.knows_adjective(nxt):
        last = words_of(state.text, c.start, c.end)[-1][2]
        return not agrees(last, nxt, lexicon)
    return True
