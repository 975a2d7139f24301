"""A real Lineage server for the tests: started from its build on a free loopback port, on an
empty data directory, with a fresh administrator key; the zoo example recorded through GraphQL."""

from __future__ import annotations

import json
import os
import secrets
import socket
import string
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[3]
DEFAULT_SERVER = REPOSITORY / "src" / "Lineage.Server" / "bin" / "Debug" / "net10.0" / "Lineage.Server.dll"


def _key() -> str:
    lower = string.ascii_lowercase + string.digits
    return "lin_" + "".join(secrets.choice(lower) for _ in range(12)) + "_" + "".join(
        secrets.choice(string.ascii_letters + string.digits) for _ in range(40))


class Server:
    """One server process; ``kill()`` and ``start()`` again keep the data directory and port."""

    def __init__(self, dll: Path, data: Path, settings=None):
        self.dll = dll
        self.data = data
        self.settings = {"Lineage__RateLimit__Enabled": "false", **(settings or {})}
        self.admin_key = _key()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._process = None

    def start(self) -> None:
        environment = dict(os.environ, LINEAGE_DATA_DIR=str(self.data), LINEAGE_ADMIN_KEY=self.admin_key,
                           Logging__LogLevel__Default="Warning", **self.settings)
        self._process = subprocess.Popen(["dotnet", str(self.dll), "--urls", self.url], env=environment,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"the server exited with code {self._process.returncode} while starting")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the server did not come up within 60 s")

    def kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait(10)

    def graphql(self, query: str, variables=None, key=None) -> dict:
        """A document sent as-is, for setting up; raises on any error."""
        request = urllib.request.Request(
            self.url + "/graphql",
            data=json.dumps({"query": query, "variables": variables or {}}).encode(),
            headers={"Authorization": f"Bearer {key or self.admin_key}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            body = json.loads(answer.read())
        assert not body.get("errors"), body["errors"]
        return body["data"]


def server_build() -> Path:
    dll = Path(os.environ.get("LINEAGE_SERVER_DLL", DEFAULT_SERVER))
    if not dll.exists():
        pytest.fail(f"no server build at {dll}: build it with 'dotnet build src/Lineage.Server' or set LINEAGE_SERVER_DLL")
    return dll


@pytest.fixture(scope="session")
def server():
    dll = server_build()
    with tempfile.TemporaryDirectory(prefix="lineage-python-") as data:
        process = Server(dll, Path(data))
        process.start()
        try:
            seed_zoo(process)
            yield process
        finally:
            process.kill()


def seed_zoo(server: Server) -> None:
    """The README's zoo example: an upload, five splits, a training run, an evaluation, a registry."""
    server.graphql('mutation { createNamespace(input: { name: "acme", kind: ORGANIZATION }) { name } }')
    server.graphql("""mutation {
      upload: createRun(input: { project: "acme/zoo", name: "upload-1", jobType: "upload" }) { path }
      raw: logArtifact(input: { run: "acme/zoo/upload-1", name: "zoo_raw", type: "dataset", digest: "sha256:raw" }) { qualifiedName }
    }""")
    for i in range(5):
        server.graphql(f"""mutation {{
          createRun(input: {{ project: "acme/zoo", name: "split-{i}", jobType: "preprocess" }}) {{ path }}
          useArtifact(input: {{ run: "acme/zoo/split-{i}", artifact: "acme/zoo/zoo_raw:v0" }}) {{ name }}
          logArtifact(input: {{ run: "acme/zoo/split-{i}", name: "split_zoo_dataset", type: "dataset", digest: "sha256:split-{i}",
                                metadata: {{ seed: {i} }} }}) {{ name }}
        }}""")
    server.graphql("""mutation {
      createRun(input: { project: "acme/zoo", name: "rural-feather-20", jobType: "train", config: { epochs: 10, lr: 0.01 } }) { path }
      useArtifact(input: { run: "acme/zoo/rural-feather-20", artifact: "acme/zoo/split_zoo_dataset:v4" }) { name }
      logArtifact(input: { run: "acme/zoo/rural-feather-20", name: "zoo-ylbchv20", type: "model", digest: "sha256:model-0",
                           metadata: { accuracy: 0.93 }, aliases: ["candidate"] }) { name }
    }""")
    server.graphql("""mutation {
      createRun(input: { project: "acme/zoo", name: "eval-1", jobType: "eval" }) { path }
      useArtifact(input: { run: "acme/zoo/eval-1", artifact: "acme/zoo/zoo-ylbchv20:v0" }) { name }
      logArtifact(input: { run: "acme/zoo/eval-1", name: "zoo-eval-results", type: "results", digest: "sha256:eval-0" }) { name }
    }""")
    server.graphql("""mutation {
      createRegistry(input: { owner: "acme", name: "models" }) { path }
      createCollection(input: { registry: "acme/models", name: "zoo-classifier", type: "model" }) { path }
      linkArtifact(input: { artifact: "acme/zoo/zoo-ylbchv20:v0", collection: "acme/models/zoo-classifier", aliases: ["production"] }) { qualifiedName }
    }""")
