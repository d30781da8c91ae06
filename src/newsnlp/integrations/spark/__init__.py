"""newsnlp on Apache Spark (``pip install "newsnlp[spark]"``, Java 17+): see
:mod:`newsnlp.integrations.spark.annotate`. pyspark is imported when a function is called."""

from __future__ import annotations

from newsnlp.integrations.spark.annotate import annotate_spark, fit_related_spark

__all__ = ["annotate_spark", "fit_related_spark"]
