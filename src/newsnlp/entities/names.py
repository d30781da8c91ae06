"""Pass 5 of the entity layer: persons.

* :func:`surnames` — surname forms of the multi-word person mentions ("Bourita", "de
  Montchalin") → the full name;
* :func:`link_surnames` — a surname used alone is a mention of that person, whatever the
  model said ("Bourita" is not a place);
* :func:`add_titled_persons` — capitalised words right after a title are a person ("le
  Premier ministre Bart De Wever", "…, le prince Fayçal ben Farhane").

Examples
--------
>>> from newsnlp.entities.state import Candidate, LayerState
>>> state = LayerState("Nasser Bourita à Rabat. Bourita a dit.",
...                    [Candidate(0, 14, "PER", "spacy"), Candidate(24, 31, "LOC", "spacy")])
>>> surnames(state)
{'Bourita': 'Nasser Bourita'}
>>> link_surnames(state)
>>> [(c.label, c.source, c.canonical) for c in state.cands]
[('PER', 'spacy', None), ('PER', 'surname', 'Nasser Bourita')]
"""

from __future__ import annotations

from newsnlp.entities.lexicon import Lexicon
from newsnlp.entities.overlaps import SpanIndex
from newsnlp.entities.resolution import merge
from newsnlp.entities.state import Candidate, LayerState, is_capitalised
from newsnlp.lang.fr.press import NAME_PARTICLES
from newsnlp.lang.fr.roles import NAME_AFTER_HONORIFIC, NAME_AFTER_TITLE
from newsnlp.lang.fr.stop_words import STOP_WORDS

__all__ = ["add_titled_persons", "link_surnames", "surnames"]


def _surname_start(parts: list[str]) -> int | None:
    """Index of the first word of the surname in a person's name, with any particles before
    it ("de Montchalin"); None when the name has no plausible surname."""
    k = len(parts) - 1
    while k > 1 and parts[k - 1] in NAME_PARTICLES:
        k -= 1
    last = parts[-1]
    if (
        last in NAME_PARTICLES
        or not is_capitalised(last)
        or len(last) < 3
        or not last.replace("-", "").isalpha()
    ):
        return None  # not a surname ("… de", "M.", OCR debris)
    if any(p.isupper() and len(p) > 1 for p in parts) or any(
        not p.replace("-", "").replace("’", "").replace("'", "").replace(".", "").isalpha()
        for p in parts
    ):
        return None  # "AIX-EN-OTHE – Sortie" is not a person's name
    return k


def surnames(state: LayerState) -> dict[str, str]:
    """Surname forms → full name, from the multi-word person mentions (the longest name wins)."""
    names: dict[str, str] = {}
    text = state.text
    for c in state.cands:
        if c.label != "PER":
            continue
        full = text[c.start : c.end]
        parts = full.split()
        if len(parts) < 2:
            continue
        k = _surname_start(parts)
        if k is None:
            continue
        for form in {" ".join(parts[k:]), parts[-1]}:
            current = names.get(form)
            if current is None or len(full) > len(current):
                names[form] = full
    return names


def _surname_mentions(state: LayerState, names: dict[str, str]) -> list[Candidate]:
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
                    found.append(Candidate(s, end, "PER", "surname", canonical=names[form]))
                break
    return found


def link_surnames(state: LayerState) -> None:
    """Add a person mention, linked to the full name, for every surname used alone; it
    replaces the model's overlapping spans it contains, not a gazetteer or institution name."""
    names = surnames(state)
    if not names:
        return
    index = SpanIndex(state.cands)  # linear: no scan of every candidate per surname
    for c in _surname_mentions(state, names):
        overlapping = index.overlapping(c.start, c.end)
        contained = all(c.start <= o.start and o.end <= c.end for o in overlapping)
        if any(o.end - o.start > c.end - c.start and o.source != "spacy" for o in overlapping):
            continue
        if any(o.label == "PER" for o in overlapping) and not contained:
            continue  # "Montchalin" inside "de Montchalin", "Maire" inside "Le Maire": replace
        if any(o.source in {"gazetteer", "head"} for o in overlapping):
            continue
        for o in overlapping:
            index.remove(o)
        index.add(c)
    state.cands = index.in_order()


def add_titled_persons(state: LayerState, lexicon: Lexicon | None = None) -> None:
    """ "le Premier ministre Bart De Wever", "la ministre danoise du Numérique, Caroline Stage
    Olsen", "…, cheikh Mohammed ben Abderrahmane Al Thani": capitalised words right after a
    title, honorifics skipped, are a person; so are those after "M.", "Mme" ("M. Attaf").
    After a comma, a name the model read as an organisation is left to the model ("Selon le
    ministre, Air France …") unless none of its words is a common noun of *lexicon* ("Le
    ministre des Technologies, Fawad Chaudhry, …");
    one it read as a place is a person ("Le ministre de l’Agriculture, Mabouba Diagne, …"),
    unless the gazetteer knows the place."""
    text = state.text
    found = []
    index = None  # built at the first name after a comma: the candidates by position
    for r in state.roles:
        m = NAME_AFTER_TITLE.match(text, r.end)
        if not m:
            continue
        s, e = m.span(2)
        if m.group(1):
            if index is None:
                index = SpanIndex(state.cands)
            orgs = [c for c in index.overlapping(s, e) if c.label == "ORG"]
            if orgs and not _plain_name(text[s:e], orgs, s, e, lexicon):
                continue
        found.append(Candidate(s, e, "PER", "title"))
    found.extend(
        Candidate(*m.span(1), "PER", "title")
        for m in NAME_AFTER_HONORIFIC.finditer(text)
        if m.group(1).split(" ", 1)[0].lower() not in STOP_WORDS  # "les modèles X4 M. Cette"
    )
    merge(state, found)


def _plain_name(
    name: str, orgs: list[Candidate], start: int, end: int, lexicon: Lexicon | None
) -> bool:
    """Whether *name*, read as an organisation by the model alone (*orgs* is exactly it, with
    no gazetteer record), is made of words that are no common nouns: a person's name."""
    if lexicon is None or len(orgs) != 1:
        return False
    org = orgs[0]
    if (org.start, org.end) != (start, end) or org.record is not None or org.source != "spacy":
        return False
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    return bool(words) and not any(lexicon.is_common_noun(w) for w in words)
