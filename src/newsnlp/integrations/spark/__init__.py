"""newsnlp on Apache Spark (``pip install "newsnlp[spark]"``, Java 17+): see
:mod:`newsnlp.integrations.spark.annotate` (:func:`annotate_spark`),
:mod:`newsnlp.integrations.spark.related` (:func:`fit_related_spark`) and
:mod:`newsnlp.integrations.spark.related_all` (:func:`related_all_spark`). pyspark is imported
when a function is called."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsnlp._lazy import lazy as _lazy

if TYPE_CHECKING:  # pragma: no cover
    from newsnlp.integrations.spark.annotate import annotate_spark
    from newsnlp.integrations.spark.related import fit_related_spark
    from newsnlp.integrations.spark.related_all import related_all_spark

__all__ = ["annotate_spark", "fit_related_spark", "related_all_spark"]

# Imported when asked for: a Spark worker that unpickles a task of one module does not import
# the others (the fit imports scikit-learn, which the search does not need).
__getattr__ = _lazy(
    __name__,
    {
        "annotate_spark": "newsnlp.integrations.spark.annotate",
        "fit_related_spark": "newsnlp.integrations.spark.related",
        "related_all_spark": "newsnlp.integrations.spark.related_all",
    },
)
