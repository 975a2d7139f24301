"""The read side against a real server: the W&B Public API walks over the zoo example, lists
that page, lineage and impact, and every error as its type."""

from __future__ import annotations

import pytest

import lineage_client
from lineage_client import Api


@pytest.fixture(scope="module")
def api(server) -> Api:
    return Api(server.url, server.admin_key)


def test_the_four_walks_of_the_lineage_docs_run_as_they_do_on_wandb(api):
    # wandb: api.artifact(...).logged_by(), .used_by(); run.used_artifacts(), run.logged_artifacts()
    model = api.artifact("acme/zoo/zoo-ylbchv20:v0")
    producer = model.logged_by()
    assert producer.path == "acme/zoo/rural-feather-20"
    assert producer.job_type == "train"
    assert producer.config == {"epochs": 10, "lr": 0.01}
    assert [a.qualified_name for a in producer.used_artifacts()] == ["acme/zoo/split_zoo_dataset:v4"]

    dataset = producer.used_artifacts().__iter__().__next__()
    assert [r.path for r in dataset.used_by()] == ["acme/zoo/rural-feather-20"]
    assert dataset.logged_by().path == "acme/zoo/split-4"
    upstream = dataset.logged_by().used_artifacts()
    assert [a.qualified_name for a in upstream] == ["acme/zoo/zoo_raw:v0"]

    consumers = model.used_by()
    assert [r.path for r in consumers] == ["acme/zoo/eval-1"]
    assert [a.name for a in consumers[0].logged_artifacts()] == ["zoo-eval-results:v0"]
    assert consumers[-1].path == "acme/zoo/eval-1" and [r.path for r in consumers[:5]] == ["acme/zoo/eval-1"]
    with pytest.raises(IndexError):
        consumers[1]


def test_a_version_carries_what_wandb_artifacts_carry(api):
    model = api.artifact("acme/zoo/zoo-ylbchv20:candidate")
    assert (model.name, model.version, model.version_index, model.type) == ("zoo-ylbchv20:v0", "v0", 0, "model")
    assert model.digest == "sha256:model-0"
    assert set(model.aliases) == {"candidate", "latest"}
    assert model.metadata == {"accuracy": 0.93}
    assert list(model.files()) == []
    assert [r.path for r in model.loggers()] == ["acme/zoo/rural-feather-20"]

    linked = api.artifact("acme/models/zoo-classifier:production")
    assert linked.source().qualified_name == "acme/zoo/zoo-ylbchv20:v0"
    assert linked.logged_by().path == "acme/zoo/rural-feather-20"


def test_runs_filter_order_and_count_like_wandb_api_runs(api):
    runs = api.runs("acme/zoo", filters={"job_type": "preprocess"}, order="-name")
    assert len(runs) == 5
    assert [r.name for r in runs] == ["split-4", "split-3", "split-2", "split-1", "split-0"]
    assert [r.name for r in api.runs("acme/zoo", filters={"name_contains": "feather"})] == ["rural-feather-20"]
    with pytest.raises(ValueError, match="unknown run filter 'tags'"):
        api.runs("acme/zoo", filters={"tags": ["x"]})
    with pytest.raises(ValueError, match="unknown run order"):
        api.runs("acme/zoo", order="-loss")


def test_a_collection_lists_its_versions_and_its_history_newest_first(api):
    collection = api.artifact_collection("acme/models/zoo-classifier")
    assert (collection.name, collection.type) == ("zoo-classifier", "model")
    assert [v.qualified_name for v in collection.versions()] == ["acme/models/zoo-classifier:v0"]
    history = list(collection.history())
    assert [e.action for e in history][:2] == ["ALIAS_ADDED", "VERSION_LINKED"]
    assert history[0].alias == "production"
    assert [e.action for e in collection.history(actions=["version_linked"])] == ["VERSION_LINKED"]


def test_lineage_and_impact_answer_nodes_and_edges_by_path(api):
    graph = api.lineage("acme/zoo/zoo-eval-results:v0", direction="upstream", depth=10)
    assert not graph.truncated
    paths = {node.path: node.hops for node in graph.nodes}
    assert paths["acme/zoo/zoo-eval-results:v0"] == 0
    assert paths["acme/zoo/zoo_raw:v0"] == 6
    assert ("acme/zoo/split_zoo_dataset:v4", "acme/zoo/rural-feather-20", "USED") in {(e.source, e.target, e.kind) for e in graph.edges}
    assert api.lineage("acme/zoo/zoo-eval-results:v0", direction="upstream", depth=1, max_nodes=1).truncated

    # Impact answers the registry versions made from a version, and the runs and versions between.
    impact = api.impact("acme/zoo/split_zoo_dataset:v4")
    assert impact.start.path == "acme/zoo/split_zoo_dataset:v4"
    assert [node.path for node in impact.runs] == ["acme/zoo/rural-feather-20"]
    assert "acme/zoo/zoo-ylbchv20:v0" in {node.path for node in impact.versions}
    assert [v.qualified_name for v in impact.registry_versions] == ["acme/models/zoo-classifier:v0"]


def test_lists_page_lazily_past_a_thousand_items(api, server):
    # 1,203 runs used one version: usedBy pages through them, 500 at a time.
    server.graphql('mutation { createRun(input: { project: "acme/crowd", name: "source" }) { path } '
                   'logArtifact(input: { run: "acme/crowd/source", name: "shared", type: "dataset", digest: "sha256:shared" }) { name } }')
    for batch in range(0, 1203, 100):
        fields = " ".join(
            f'r{i}: createRun(input: {{ project: "acme/crowd", name: "reader-{i:04d}" }}) {{ path }} '
            f'u{i}: useArtifact(input: {{ run: "acme/crowd/reader-{i:04d}", artifact: "acme/crowd/shared:v0" }}) {{ name }}'
            for i in range(batch, min(batch + 100, 1203)))
        server.graphql(f"mutation {{ {fields} }}")

    readers = api.artifact("acme/crowd/shared:v0").used_by(per_page=500)
    assert len(readers) == 1203
    names = [run.name for run in readers]
    assert len(names) == 1203 and len(set(names)) == 1203
    first_three = []
    for run in api.runs("acme/crowd", order="name", per_page=2):
        first_three.append(run.name)
        if len(first_three) == 3:
            break
    assert first_three == ["reader-0000", "reader-0001", "reader-0002"]


def test_each_error_is_raised_as_its_type_with_the_servers_message_and_code(api, server):
    with pytest.raises(lineage_client.NotFound) as missing:
        api.artifact("acme/zoo/nothing:v0")
    assert missing.value.code == "NOT_FOUND" and "nothing" in missing.value.message

    with pytest.raises(lineage_client.InvalidArgument) as invalid:
        api.run("acme/zoo/bad name")
    assert "names use only letters" in invalid.value.message

    with pytest.raises(lineage_client.LimitExceeded) as limited:
        api.lineage("acme/zoo/zoo-eval-results:v0", max_nodes=10_000_000)
    assert limited.value.limit is not None

    with pytest.raises(lineage_client.Unauthenticated):
        Api(server.url, "lin_000000000000_" + "x" * 40).artifact("acme/zoo/zoo-ylbchv20:v0")

    with pytest.raises(lineage_client.Unavailable):
        Api("http://127.0.0.1:9", "lin_000000000000_" + "x" * 40, retries=1).artifact("acme/zoo/zoo-ylbchv20:v0")


def test_the_environment_names_the_server_and_the_key(server, monkeypatch):
    monkeypatch.setenv("LINEAGE_URL", server.url)
    monkeypatch.setenv("LINEAGE_API_KEY", server.admin_key)
    assert Api().run("acme/zoo/eval-1").job_type == "eval"
    monkeypatch.delenv("LINEAGE_API_KEY")
    with pytest.raises(ValueError, match="LINEAGE_API_KEY"):
        Api()
    assert server.admin_key not in repr(Api(server.url, server.admin_key))
