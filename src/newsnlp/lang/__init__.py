"""Language data, one subpackage per language (as spaCy's ``spacy.lang``): :mod:`newsnlp.lang.fr`.

Only data lives here (word lists, grammar patterns, boilerplate features); the algorithms that
read it are in :mod:`newsnlp.text` and :mod:`newsnlp.entities`.

``newsnlp.lang.detect_language`` and the other names of the former ``newsnlp.lang`` module
still work until the next release (with a ``DeprecationWarning``): they moved to
:mod:`newsnlp.text.langid`.
"""

from newsnlp._deprecation import moved

__getattr__ = moved(__name__, "newsnlp.text.langid")
