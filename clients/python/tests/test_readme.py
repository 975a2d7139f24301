"""The README's "From Python" section, run as written: its Python blocks, in order, against the
test server holding the zoo example, in an empty working directory."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from lineage_client import Api

README = Path(__file__).resolve().parents[3] / "README.md"


def python_blocks() -> list:
    text = README.read_text(encoding="utf-8")
    section = text.split("## From Python\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_python_runs_as_written(server, monkeypatch, tmp_path):
    blocks = python_blocks()
    assert len(blocks) == 2
    monkeypatch.setenv("LINEAGE_URL", server.url)
    monkeypatch.setenv("LINEAGE_API_KEY", server.admin_key)
    monkeypatch.chdir(tmp_path)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for block in blocks:
            exec(compile(block, str(README), "exec"), {"__name__": "__readme__"})

    lines = printed.getvalue().splitlines()
    assert lines[0].startswith("acme/zoo/rural-feather-20 train ")
    assert "acme/zoo/split_zoo_dataset:v4 was made by acme/zoo/split-4" in lines
    assert "acme/zoo/eval-1 made ['zoo-eval-results:v0']" in lines
    assert re.fullmatch(r"acme/models/zoo-classifier:v\d+ comes from acme/zoo-py/zoo-model:v0", lines[-1])

    api = Api(server.url, server.admin_key)
    trainer = api.artifact("acme/zoo-py/zoo-model:candidate").logged_by()
    assert trainer.state == "FINISHED" and trainer.config == {"epochs": 10}
    assert [a.qualified_name for a in trainer.used_artifacts()] == ["acme/zoo-py/raw_zoo_dataset:v0"]
    assert [(f.path, f.size) for f in api.artifact("acme/zoo-py/raw_zoo_dataset:v0").files()] == [("zoo.csv", 25)]
