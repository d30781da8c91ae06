"""French word classes the entity layer needs without a tagger: common nouns and adjectives.

The lists come from the spaCy model's lemmatizer tables (see
:mod:`newsnlp.entities.spacy_component`); without them, word endings alone decide.

Examples
--------
>>> lex = Lexicon(common_nouns=frozenset({"budget"}), adjectives=frozenset({"général"}))
>>> lex.is_common_noun("Budgets"), lex.is_adjective("générales"), lex.is_adjective("appelle")
(True, True, False)
>>> sorted(adjective_lemmas("étrangères"))
['étranger', 'étrangèr', 'étrangère', 'étrangères']
"""

from __future__ import annotations

from dataclasses import dataclass

from newsnlp.lang.fr.institutions import (
    ADJECTIVE_ENDINGS,
    ADJECTIVE_LEMMA_SUFFIXES,
    ADJECTIVE_PREFIXES,
    NOT_ADJECTIVES,
    OTHER_ADJECTIVES,
)
from newsnlp.lang.fr.roles import ROLE_STOPWORDS

__all__ = ["Lexicon", "adjective_lemmas"]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Lower-case French common nouns and adjectives (masculine singular).

    Attributes
    ----------
    common_nouns : frozenset of str
        Used to drop a capitalised common noun the model tagged as a name at the start of a
        sentence ("Budget", "Dette").
    adjectives : frozenset of str
        Used to read institution names ("Direction générale de la sécurité intérieure").
    """

    common_nouns: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()

    def is_common_noun(self, word: str) -> bool:
        """Whether *word* (any case, singular or plural) is a known common noun."""
        low = word.lower()
        return low in self.common_nouns or (
            low.endswith(("s", "x")) and low[:-1] in self.common_nouns
        )

    def is_adjective(self, word: str) -> bool:
        """An adjective that may belong to a name: a known adjective (any inflection) with a
        typical adjective ending ("générale", "étrangères"; not "appelle", "restreint")."""
        if word in OTHER_ADJECTIVES:
            return True
        if (
            len(word) < 4
            or not word[0].islower()
            or word in NOT_ADJECTIVES
            or word in ROLE_STOPWORDS
        ):
            return False
        if word.startswith(ADJECTIVE_PREFIXES) and len(word) > 6 and word.isalpha():
            return True  # "anticorruption", "antiterroriste"
        if not word.endswith(ADJECTIVE_ENDINGS):
            return False
        if not self.adjectives:
            return True
        return any(lemma in self.adjectives for lemma in adjective_lemmas(word))

    def knows_adjective(self, word: str) -> bool:
        """Whether the adjective table has *word* in any inflection, whatever its ending
        ("infectieuses", "complète"); always False without a table."""
        low = word.lower()
        return bool(self.adjectives) and any(
            lemma in self.adjectives for lemma in adjective_lemmas(low)
        )


def adjective_lemmas(word: str) -> set[str]:
    """Masculine-singular candidates of an inflected adjective (générales → général)."""
    out = {word}
    for suffix, repl in ADJECTIVE_LEMMA_SUFFIXES:
        if word.endswith(suffix):
            out.add(word[: len(word) - len(suffix)] + repl)
    return out
