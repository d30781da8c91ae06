"""Integrations of newsnlp with other engines.

* :mod:`newsnlp.integrations.spark` — the batch annotator and the related-articles fit on
  Apache Spark DataFrames (``pip install "newsnlp[spark]"``, Java 17+).

Dask and Ray need no integration module: :func:`newsnlp.batch.annotate_partition` is the
engine-agnostic building block, used in a few lines with Dask's ``map_partitions`` and Ray's
``map_batches`` (see ``docs/distributed.md``).

Importing this package imports no engine: each module imports its engine when used.
"""
