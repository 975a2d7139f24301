"""The package as pip builds it: ``pip install ./clients/python`` runs this folder's own build
backend, which needs nothing from a package index."""

from __future__ import annotations

import base64
import hashlib
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_holds_every_module_and_a_record_that_matches_them(tmp_path):
    sys.path.insert(0, str(ROOT / "build_backend"))
    try:
        import lineage_build
    finally:
        sys.path.pop(0)

    assert lineage_build.get_requires_for_build_wheel() == []
    name = lineage_build.build_wheel(str(tmp_path))
    assert name == "lineage_client-0.1.0-py3-none-any.whl"
    with zipfile.ZipFile(tmp_path / name) as wheel:
        names = set(wheel.namelist())
        modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "lineage_client").glob("*.py")}
        assert modules and modules <= names
        metadata = wheel.read("lineage_client-0.1.0.dist-info/METADATA").decode()
        assert "Name: lineage-client" in metadata and "Requires-Python: >=3.9" in metadata
        for line in wheel.read("lineage_client-0.1.0.dist-info/RECORD").decode().splitlines():
            path, digest, size = line.split(",")
            if not digest:
                continue
            data = wheel.read(path)
            assert int(size) == len(data)
            assert digest == "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def test_pip_installs_it_with_no_package_index(tmp_path):
    import subprocess

    target = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-index", "--no-deps", "--quiet", "--target", str(target), str(ROOT)],
        capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    probe = subprocess.run(
        [sys.executable, "-c", "import lineage_client, sys; print(lineage_client.__version__, lineage_client.__file__)"],
        capture_output=True, text=True, cwd=tmp_path, env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert probe.returncode == 0, probe.stderr
    version, location = probe.stdout.split()
    assert version == "0.1.0"
    assert location.startswith(str(target))
