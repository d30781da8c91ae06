"""newsnlp.related.storage: a save is atomic (the old index survives a process killed at any
point, with RENAME_EXCHANGE or with two renames), never writes through a symbolic link, and a
load never follows one."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from newsroom import IDS, fit

from newsnlp.related import RelatedArticles, storage
from newsnlp.related.storage import BACKUP_TAG, parse_array, read_file, recover

ROOT = Path(__file__).resolve().parents[2]

# A child that saves two different indexes over one path, again and again, until killed.
_CHILD = """
import sys
from newsnlp.related import RelatedArticles, storage
if sys.argv[2] == "renames":
    storage._exchange = lambda a, b: False  # the fallback: two renames
texts = [f"dossier{i} sujet{i % 7} theme{i % 5} lieu{i % 11} suite{i}" for i in range(400)]
a = RelatedArticles().fit(texts, ids=[f"a{i}" for i in range(400)])
b = RelatedArticles().fit(texts[::-1], ids=[f"b{i}" for i in range(400)])
a.save(sys.argv[1])
print("ready", flush=True)
while True:
    b.save(sys.argv[1])
    a.save(sys.argv[1])
"""


@pytest.mark.parametrize("mode", ["exchange", "renames"])
def test_save_killed_at_random_points_leaves_a_loadable_index(tmp_path, mode):
    target = tmp_path / "model"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    rng = np.random.default_rng(0)
    seen = set()
    for _ in range(5):
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(target), mode],
            stdout=subprocess.PIPE,
            env=env,
            text=True,
        )
        assert child.stdout.readline().strip() == "ready"
        time.sleep(float(rng.uniform(0.005, 0.25)))  # somewhere inside a save
        child.send_signal(signal.SIGKILL)
        child.wait()
        loaded = RelatedArticles.load(target)  # the old index or the new one, never broken
        assert loaded.ids_[0] in ("a0", "b0") and len(loaded.ids_) == 400
        assert loaded.related(loaded.ids_[0], k=3)
        seen.add(loaded.ids_[0])
    assert seen  # (which one depends on timing)


def test_load_recovers_the_backup_of_an_interrupted_double_rename(tmp_path, caplog):
    est = fit()
    target = est.save(tmp_path / "model")
    backup = tmp_path / f".model.{BACKUP_TAG}-1-abcd"
    os.rename(target, backup)  # killed after the first rename, before the second
    assert recover(target) == backup
    loaded = RelatedArticles.load(target)
    assert loaded.ids_ == IDS and "interrupted save" in caplog.text
    est.save(target)  # the next save puts an index back at the path
    assert recover(target) is None


def test_save_never_writes_through_a_link(tmp_path):
    est = fit()
    target = est.save(tmp_path / "model")
    outside = tmp_path / "outside.bin"
    outside.write_bytes(b"precious")
    (target / "data.npy").unlink()
    (target / "data.npy").symlink_to(outside)
    with pytest.raises(ValueError, match="symbolic link"):
        RelatedArticles.load(target)  # a load never follows a link
    est.save(target)  # replaced by a fresh directory: the link is removed, never followed
    assert outside.read_bytes() == b"precious"
    assert not (target / "data.npy").is_symlink()
    assert RelatedArticles.load(target).ids_ == IDS
    link = tmp_path / "link"
    link.symlink_to(target, target_is_directory=True)
    with pytest.raises(ValueError, match="symbolic link"):
        est.save(link)


def test_load_refuses_links_inside_the_model(tmp_path):
    target = fit().save(tmp_path / "model")
    manifest = (target / "manifest.json").read_bytes()
    elsewhere = tmp_path / "manifest-elsewhere.json"
    elsewhere.write_bytes(manifest)
    (target / "manifest.json").unlink()
    (target / "manifest.json").symlink_to(elsewhere)
    with pytest.raises(ValueError, match="symbolic link"):
        RelatedArticles.load(target)


def test_save_refuses_a_directory_it_would_clobber(tmp_path):
    est = fit()
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="neither empty nor a saved index"):
        est.save(busy)
    assert (busy / "notes.txt").read_text() == "mine"
    (tmp_path / "file").write_text("x")
    with pytest.raises(ValueError, match="not a directory"):
        est.save(tmp_path / "file")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert RelatedArticles.load(est.save(empty)).ids_ == IDS
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert leftovers == []  # no temporary or backup directory left behind


def test_parse_array_reads_the_checked_bytes_without_pickle(tmp_path):
    path = tmp_path / "a.npy"
    np.save(path, np.arange(6, dtype=np.int32).reshape(2, 3), allow_pickle=False)
    got = parse_array(read_file(tmp_path, "a.npy"), "a.npy")
    assert got.tolist() == [[0, 1, 2], [3, 4, 5]] and got.flags.writeable
    np.save(path, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="not a plain array"):
        parse_array(read_file(tmp_path, "a.npy"), "a.npy")
    path.write_bytes(path.read_bytes()[:20])
    with pytest.raises(ValueError, match=r"a\.npy"):
        parse_array(read_file(tmp_path, "a.npy"), "a.npy")
    json.dumps(storage.__all__)  # the module's names are plain strings
