"""The write side against a real server: the zoo example recorded from Python, digests, the
``with`` block, every error as its type, and retries across a server restart."""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
import time
import uuid

import pytest

import lineage_client
from lineage_client import Api, Artifact


@pytest.fixture(scope="module")
def api(server) -> Api:
    return Api(server.url, server.admin_key)


@pytest.fixture()
def env(server, monkeypatch):
    monkeypatch.setenv("LINEAGE_URL", server.url)
    monkeypatch.setenv("LINEAGE_API_KEY", server.admin_key)


def test_the_zoo_example_written_in_python_end_to_end(env, api, server, tmp_path):
    server.graphql('mutation { createCollection(input: { registry: "acme/models", name: "py-classifier", type: "model" }) { path } }')
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "zoo.csv").write_text("animal,legs\ncat,4\nbird,2\n")
    (raw / "notes").mkdir()
    (raw / "notes" / "README.txt").write_text("from the zoo\n")

    with lineage_client.init(project="acme/pyzoo", job_type="upload", name="upload-1") as run:
        dataset = Artifact("raw_zoo_dataset", type="dataset", metadata={"rows": 2})
        dataset.add_dir(raw)
        uploaded = run.log_artifact(dataset)
    assert uploaded.qualified_name == "acme/pyzoo/raw_zoo_dataset:v0"
    assert [(f.path, f.size) for f in uploaded.files()] == [("notes/README.txt", 13), ("zoo.csv", 25)]

    with lineage_client.init(project="acme/pyzoo", job_type="preprocess", name="split-1") as run:
        source = run.use_artifact("raw_zoo_dataset:latest")
        split = Artifact("split_zoo_dataset", type="dataset")
        split.add_reference("s3://zoo-bucket/splits/train.csv", digest="etag-1a2b", size=1024)
        run.log_artifact(split)
    assert source.qualified_name == "acme/pyzoo/raw_zoo_dataset:v0"

    with lineage_client.init(project="acme/pyzoo", job_type="train", config={"epochs": 10}) as run:
        run.use_artifact("split_zoo_dataset:v0")
        (tmp_path / "model.pt").write_bytes(b"weights")
        model = Artifact("zoo-model", type="model", metadata={"accuracy": 0.9})
        model.add_file(tmp_path / "model.pt")
        logged = run.log_artifact(model, aliases=["candidate"])
        linked = run.link_artifact(model, "acme/models/py-classifier", aliases=["staging"])
        trainer = run.path
    assert logged.aliases and "candidate" in logged.aliases
    assert linked.qualified_name == "acme/models/py-classifier:v0"
    assert "staging" in linked.aliases

    # Read back the way the W&B walks read.
    model = api.artifact("acme/pyzoo/zoo-model:candidate")
    assert model.logged_by().path == trainer
    assert model.logged_by().state == "FINISHED"
    assert model.logged_by().config == {"epochs": 10}
    assert [a.qualified_name for a in model.logged_by().used_artifacts()] == ["acme/pyzoo/split_zoo_dataset:v0"]
    split = api.artifact("acme/pyzoo/split_zoo_dataset:v0")
    assert split.metadata == {"references": {"train.csv": "s3://zoo-bucket/splits/train.csv"}}
    assert [(f.path, f.digest, f.size) for f in split.files()] == [("train.csv", "etag-1a2b", 1024)]
    assert [r.path for r in api.artifact("acme/pyzoo/raw_zoo_dataset:v0").used_by()] == ["acme/pyzoo/split-1"]
    assert api.artifact("acme/models/py-classifier:staging").source().qualified_name == "acme/pyzoo/zoo-model:v0"


def test_digests_are_the_sha256_of_the_bytes_and_of_the_manifest(tmp_path):
    (tmp_path / "hello.txt").write_bytes(b"hello\n")
    (tmp_path / "empty").write_bytes(b"")
    assert lineage_client.sha256_file(tmp_path / "hello.txt") == "sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
    assert lineage_client.sha256_file(tmp_path / "empty") == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    artifact = Artifact("a", type="dataset")
    artifact.add_file(tmp_path / "hello.txt")
    artifact.add_file(tmp_path / "empty")
    lines = ("empty sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 0\n"
             "hello.txt sha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03 6\n")
    assert artifact.digest == "sha256:" + hashlib.sha256(lines.encode()).hexdigest()

    # The same files added in another order are the same content.
    again = Artifact("a", type="dataset")
    again.add_dir(tmp_path)
    assert again.digest == artifact.digest
    with pytest.raises(lineage_client.InvalidArgument, match="already in artifact"):
        again.add_file(tmp_path / "empty")


def test_a_with_block_that_raises_ends_the_run_failed(env, api):
    with pytest.raises(RuntimeError):
        with lineage_client.init(project="acme/pyzoo", job_type="train") as run:
            path = run.path
            raise RuntimeError("diverged")
    assert api.run(path).state == "FAILED"


def test_finish_ends_a_run_once(env, api):
    run = lineage_client.init(project="acme/pyzoo", job_type="eval", notes="checks the model")
    assert run.name and run.project == "acme/pyzoo"
    assert api.run(run.path).state == "RUNNING"
    run.finish()
    ended = api.run(run.path)
    assert ended.state == "FINISHED" and ended.ended_at and ended.description == "checks the model"
    with pytest.raises(lineage_client.Conflict, match="already ended"):
        run.finish(exit_code=1)


def test_each_refusal_is_raised_as_its_type(env, api, server):
    with lineage_client.init(project="acme/pyzoo", name="errors-1") as run:
        with pytest.raises(lineage_client.NotFound):
            run.use_artifact("no_such_dataset:v0")
        with pytest.raises(lineage_client.InvalidArgument, match="names use only letters"):
            run.log_artifact(Artifact("bad name", type="dataset"))

        loop = Artifact("loop", type="dataset")
        run.log_artifact(loop)
        with pytest.raises(lineage_client.CycleDetected) as cycle:
            run.use_artifact("loop:v0")
        assert "acme/pyzoo/loop:v0" in cycle.value.path and run.path in cycle.value.path

    with pytest.raises(lineage_client.Conflict, match="already exists"):
        lineage_client.init(project="acme/pyzoo", name="errors-1")

    server.graphql('mutation { createUser(input: { name: "vera" }) { name } '
                   'grantRole(input: { resource: "acme", member: "vera", role: VIEWER }) { role } }')
    vera = server.graphql('mutation { createApiKey(input: { owner: "vera", name: "py" }) { key } }')["createApiKey"]["key"]
    with pytest.raises(lineage_client.Forbidden) as forbidden:
        lineage_client.init(project="acme/pyzoo", api_key=vera)
    assert forbidden.value.code == "FORBIDDEN"

    with pytest.raises(lineage_client.Unauthenticated):
        lineage_client.init(project="acme/pyzoo", api_key="lin_000000000000_" + "y" * 40)


class StandIn:
    """A local HTTP server that plays back answers in order and notes each request's time and
    headers: for the answers a real server gives only under load (429, 503)."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.seen = []
        stand_in = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                stand_in.seen.append((time.monotonic(), dict(self.headers)))
                status, headers, body = stand_in.answers.pop(0) if stand_in.answers else (500, {}, {})
                payload = json.dumps(body).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self._server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *args):
        self._server.shutdown()


KEY = "lin_000000000000_" + "z" * 40


def test_a_write_is_retried_with_the_same_idempotency_key_and_a_read_needs_none():
    created = {"data": {"createRun": {"path": "acme/x/r"}}}
    with StandIn([(503, {}, {}), (502, {}, {}), (200, {}, created)]) as stand_in:
        api = Api(stand_in.url, KEY)
        assert api._transport.execute("mutation { createRun }", idempotency_key="k-1", write=True) == created["data"]
        keys = [headers.get("Idempotency-Key") for _, headers in stand_in.seen]
        assert keys == ["k-1", "k-1", "k-1"]

    # A write without a key is not retried: it might have been applied.
    with StandIn([(503, {}, {}), (200, {}, created)]) as stand_in:
        with pytest.raises(lineage_client.Unavailable):
            Api(stand_in.url, KEY)._transport.execute("mutation { createRun }", write=True)
        assert len(stand_in.seen) == 1


def test_rate_limited_waits_as_long_as_retry_after_says_then_goes_on():
    # 429 with Retry-After once, then an answer.
    limited = {"errors": [{"message": "rate limit", "extensions": {"code": "LIMIT_EXCEEDED", "limit": "permitsPerSecond"}}]}
    with StandIn([(429, {"Retry-After": "1"}, limited), (200, {}, {"data": {"viewer": {"name": "admin"}}})]) as stand_in:
        assert Api(stand_in.url, KEY).execute("{ viewer { name } }") == {"viewer": {"name": "admin"}}
        times = [at for at, _ in stand_in.seen]
        assert len(times) == 2 and times[1] - times[0] >= 0.9

    with StandIn([(429, {"Retry-After": "0"}, limited)] * 3) as stand_in:
        with pytest.raises(lineage_client.RateLimited) as refused:
            Api(stand_in.url, KEY, retries=2).execute("{ viewer { name } }")
        assert refused.value.retry_after == 0 and refused.value.limit == "permitsPerSecond"
        assert refused.value.message == "rate limit"
        assert len(stand_in.seen) == 3


def test_the_servers_own_rate_limit_is_waited_out(tmp_path):
    from conftest import Server, server_build

    limited = Server(server_build(), tmp_path, {"Lineage__RateLimit__Enabled": "true", "Lineage__RateLimit__PermitsPerSecond": "1", "Lineage__RateLimit__Burst": "1"})
    limited.start()
    try:
        impatient = Api(limited.url, limited.admin_key, retries=0)
        with pytest.raises(lineage_client.RateLimited) as refused:
            for _ in range(5):
                impatient.execute("{ viewer { name } }")
        assert refused.value.retry_after is not None and refused.value.retry_after > 0

        patient = Api(limited.url, limited.admin_key)
        started = time.monotonic()
        for _ in range(3):
            assert patient.execute("{ viewer { name } }")["viewer"]["name"]
        assert time.monotonic() - started >= 1
    finally:
        limited.kill()


def test_a_write_replayed_with_its_idempotency_key_is_recorded_once(api):
    key = str(uuid.uuid4())
    create = 'mutation { createRun(input: { project: "acme/pyzoo", name: "replayed-1" }) { path } }'
    first = api._transport.execute(create, idempotency_key=key, write=True)
    again = api._transport.execute(create, idempotency_key=key, write=True)
    assert first == again == {"createRun": {"path": "acme/pyzoo/replayed-1"}}
    assert len(api.runs("acme/pyzoo", filters={"name_contains": "replayed-1"})) == 1


def test_a_run_goes_on_across_a_server_restart_and_records_each_step_once(env, api, server):
    with lineage_client.init(project="acme/pyzoo", job_type="train", name="restart-1") as run:
        server.kill()
        restarted = threading.Timer(1.5, server.start)
        restarted.start()
        try:
            # The server is down when this starts: the client retries until it is back.
            logged = run.log_artifact(Artifact("restart-model", type="model"))
        finally:
            restarted.join()
        assert logged.qualified_name == "acme/pyzoo/restart-model:v0"
    assert api.run("acme/pyzoo/restart-1").state == "FINISHED"
    assert len(api.artifact("acme/pyzoo/restart-model:v0").loggers()) == 1
    assert [a.qualified_name for a in api.run("acme/pyzoo/restart-1").logged_artifacts()] == ["acme/pyzoo/restart-model:v0"]
