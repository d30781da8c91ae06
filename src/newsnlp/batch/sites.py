"""Site boilerplate in a batch job: the source of each record, and one
:class:`~newsnlp.text.Boilerplate` learnt per source in a first pass over a sample of the input.

The first pass reads the first :attr:`~newsnlp.batch.BatchConfig.sample_size` records of each
source, in input order (records that cannot be processed are skipped), and fits a
:class:`~newsnlp.text.Boilerplate` (its defaults) for each source with at least ``min_pages``
of them; the second pass gives each record its source's. The sample is a function of the input
alone, so a resumed job learns exactly what the interrupted one did. At most ``sample_size``
texts per source are held in memory at once (a source's are fitted and dropped as soon as
they are all read).

A re-iterable input (a list, a DataFrame, a file) is read twice; an iterator (a generator,
standard input) can be read once only: its first ``sample_size`` records are buffered and
are the sample.

Examples
--------
>>> from newsnlp.batch.config import BatchConfig
>>> config = BatchConfig(entities=False)
>>> site_of({"source": "Le Soleil", "url": "https://www.soleil.ne/a"}, None)
'Le Soleil'
>>> site_of({"url": "https://www.Soleil.ne/a"}, None), site_of("texte", None)
('soleil.ne', None)
>>> pages = [{"url": f"https://s.ne/{i}", "text": f"Publicité\\nArticle {i} : {'x' * i}."}
...          for i in range(6)]
>>> sites = learn_sites(pages, config)
>>> list(sites), "Publicité" in sites["s.ne"]
(['s.ne'], True)
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from newsnlp.batch.config import BatchConfig
from newsnlp.batch.items import extract, valid
from newsnlp.text.boilerplate import Boilerplate

__all__ = ["SITE_FIELDS", "job_sites", "learn_sites", "plan_sites", "site_of"]

logger = logging.getLogger(__name__)

#: Fields read for a record's source when ``site_field`` is ``None``, in order.
SITE_FIELDS = ("source", "site", "url")


def site_of(record: Any, site_field: str | None) -> str | None:
    """The source of *record*: the first non-empty string of its *site_field* (default:
    :data:`SITE_FIELDS`), a URL standing for its host (lower case, without ``www.``);
    ``None`` for a record without one.

    Examples
    --------
    >>> site_of({"site": "", "url": "http://exemple.fr:8080/x"}, None)
    'exemple.fr'
    >>> site_of({"source": "AFP"}, "agency") is None
    True
    """
    if not isinstance(record, Mapping):
        return None
    for name in SITE_FIELDS if site_field is None else (site_field,):
        value = record.get(name)
        if not isinstance(value, str) or not value.strip():
            continue
        value = valid(value.strip())
        if "://" not in value:
            return value
        try:
            host = urlsplit(value).hostname
        except ValueError:  # e.g. an invalid IPv6 host
            host = None
        if host:
            return host.removeprefix("www.")
    return None


def learn_sites(records: Iterable[Any], config: BatchConfig) -> dict[str, Boilerplate]:
    """One fitted :class:`~newsnlp.text.Boilerplate` per source of *records* (read once) with
    at least ``min_pages`` texts among its first ``config.sample_size`` records, and at least
    one boilerplate line; sorted by source."""
    config = config.replace(keep=())
    samples: dict[str, list[str]] = {}
    sites: dict[str, Boilerplate] = {}
    read = 0
    for position, record in enumerate(records):
        site = site_of(record, config.site_field)
        if site is None or site in sites:
            continue
        pages = samples.setdefault(site, [])
        item = extract(position, record, config)
        if item.text is not None:
            pages.append(item.text)
            read += 1
        if len(pages) >= config.sample_size:
            sites[site] = _fit(samples.pop(site))
    sites.update((site, _fit(pages)) for site, pages in samples.items())
    found = {site: bp for site, bp in sorted(sites.items()) if len(bp)}
    logger.info(
        "site boilerplate: %d lines learnt for %d of %d sources from %d pages",
        sum(map(len, found.values())),
        len(found),
        len(sites),
        read,
    )
    return found


def _fit(pages: list[str]) -> Boilerplate:
    config = Boilerplate()
    return config.fit(pages) if len(pages) >= config.min_pages else config


def job_sites(config: BatchConfig, sample: Iterable[Any]) -> dict[str, Boilerplate] | None:
    """The site boilerplate of a job: ``config.boilerplate``, or learnt from *sample* (read
    to its end, :func:`learn_sites`) when ``config.site_boilerplate``, else ``None``."""
    if config.boilerplate is not None:
        return config.boilerplate  # type: ignore[return-value]  # checked: a dict
    if not config.site_boilerplate:
        return None
    return learn_sites(sample, config)


def plan_sites(
    records: Iterable[Any], config: BatchConfig
) -> tuple[dict[str, Boilerplate] | None, Iterable[Any]]:
    """:func:`job_sites` for a job over *records*, and the records to annotate: *records*
    itself (read twice), or for an iterator (read once) its buffered first ``sample_size``
    records, the sample, chained with the rest."""
    if isinstance(records, Iterator) and (config.site_boilerplate and config.boilerplate is None):
        head = list(itertools.islice(records, config.sample_size))
        return job_sites(config, head), itertools.chain(head, records)
    return job_sites(config, records), records
