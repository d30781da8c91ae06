"""newsnlp.cli.annotate_cmd: newsnlp annotate (and python -m newsnlp.batch, the deprecated
newsnlp.batch.cli_main): exit codes, summary, standard input and output."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import newsnlp.batch
import newsnlp.cli.annotate_cmd as annotate_cmd
from newsnlp import io as nio
from newsnlp.batch import Summary
from newsnlp.cli import main


def _corpus(n: int) -> list[dict]:
    """*n* short French records, the 18th without a text."""
    records = []
    for i in range(n):
        text = f"Dépêche {i}. Le ministre a rencontré jeudi à Rabat les représentants de l’ONU."
        record = {"id": f"r{i}", "text": text, "url": f"https://exemple.fr/{i}"}
        records.append({"id": f"r{i}", "body": "sans texte"} if i == 17 else record)
    return records


def test_annotate(tmp_path, capsys):
    src, dst = tmp_path / "in.jsonl", tmp_path / "out.csv"
    nio.write_records(_corpus(20), src)
    assert main(["annotate", str(src), "-o", str(dst), "--keep", "url", "--no-entities"]) == 0
    err = capsys.readouterr().err
    assert "20 records (1 error)" in err and "words/s" in err and f"-> {dst}" in err
    rows = list(nio.read_csv(dst))
    assert len(rows) == 20 and rows[0]["url"] == "https://exemple.fr/0"
    assert main(["annotate", str(src), "-o", str(dst), "--quiet"]) == 1
    assert "--resume" in capsys.readouterr().err
    absent = [str(tmp_path / "absent.jsonl"), "-o", str(tmp_path / "x.jsonl")]
    assert main(["annotate", *absent]) == 1
    assert "newsnlp annotate: no input file" in capsys.readouterr().err
    assert main(["annotate", str(src), "-o", str(tmp_path / "y.jsonl"), "--batch-size", "0"]) == 1
    assert "batch_size must be >= 1" in capsys.readouterr().err
    assert main(["annotate", str(src)]) == 2  # -o is required
    assert main(["annotate", "--help"]) == 0


def test_interrupted_job_exits_130(tmp_path, monkeypatch, capsys):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(annotate_cmd, "run", interrupted)
    assert main(["annotate", str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "o.jsonl")]) == 130
    assert "run the same command with --resume" in capsys.readouterr().err


def test_summary_line():
    line = annotate_cmd.summary_line(Summary(3, 0, 120, 2.0, resumed=1_500), "-")
    assert line == (
        "newsnlp annotate: 3 records after 1,500 already done (0 errors), 120 words in 2.0 s "
        "= 60 words/s"
    )


def test_python_m_newsnlp_batch_stdin_to_stdout():
    data = "".join(json.dumps(r) + "\n" for r in _corpus(3)).encode()
    proc = subprocess.run(
        [sys.executable, "-m", "newsnlp.batch", "-", "-o", "-", "--no-entities"],
        input=data,
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in out] == ["r0", "r1", "r2"]
    assert b"3 records" in proc.stderr and b"Deprecat" not in proc.stderr


def test_cli_main_is_deprecated_and_forwards(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    nio.write_records(_corpus(2), src)
    with pytest.warns(DeprecationWarning, match=r"newsnlp\.batch\.cli_main is deprecated"):
        code = newsnlp.batch.cli_main([str(src), "-o", str(tmp_path / "o.jsonl"), "-q"])
    assert code == 0 and len(list(nio.read_jsonl(tmp_path / "o.jsonl"))) == 2
    with pytest.warns(DeprecationWarning):
        assert newsnlp.batch.cli_main([str(src)]) == 2
    with pytest.warns(DeprecationWarning):
        assert newsnlp.batch.cli_main(["--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: newsnlp annotate")
