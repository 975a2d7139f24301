"""The read side, shaped like ``wandb.Api``: artifacts, runs, collections and lineage."""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, List, Optional

from ._paging import Paged
from ._transport import Transport
from .errors import NotFound

_VERSION = "id name qualifiedName type version versionIndex digest aliases metadata size description createdAt createdBy"
_RUN = "id path name jobType state config description createdAt createdBy endedAt"
_PAGE = "totalCount pageInfo { hasNextPage endCursor }"
_EVENT = "id action actor at target position version alias tag member requestId hash"
_NODE = "id kind name path type hops"

# Run filters as wandb spells them (and as the API does), to the API's names.
_RUN_FILTERS = {
    "job_type": "jobTypes", "job_types": "jobTypes", "jobType": "jobTypes", "jobTypes": "jobTypes",
    "state": "states", "states": "states",
    "created_by": "createdBy", "createdBy": "createdBy",
    "created_after": "createdAfter", "createdAfter": "createdAfter",
    "created_before": "createdBefore", "createdBefore": "createdBefore",
    "name_contains": "nameContains", "nameContains": "nameContains",
}
_RUN_ORDERS = {"created_at": "CREATED_AT", "createdAt": "CREATED_AT", "name": "NAME", "job_type": "JOB_TYPE", "jobType": "JOB_TYPE", "state": "STATE"}


class Api:
    """A connection to a Lineage server: ``Api(base_url, api_key)``, or ``Api()`` with
    ``LINEAGE_URL`` and ``LINEAGE_API_KEY`` set in the environment."""

    def __init__(self, base_url: Optional[str] = None, api_key: Optional[str] = None, *, timeout: float = 30.0, retries: int = 5):
        self._transport = Transport(
            base_url or os.environ.get("LINEAGE_URL", ""),
            api_key or os.environ.get("LINEAGE_API_KEY", ""),
            timeout=timeout,
            retries=retries,
        )

    def __repr__(self) -> str:
        return f"Api({self._transport.base_url!r})"

    @property
    def base_url(self) -> str:
        return self._transport.base_url

    def execute(self, query: str, variables: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        """Any GraphQL document, for what the methods here do not cover: its ``data``."""
        return self._transport.execute(query, variables)

    def artifact(self, name: str) -> "ArtifactVersion":
        """A version by name: ``acme/zoo/zoo-ylbchv20:v0``, ``...:latest``, ``...:<alias>``, or a
        registry's ``acme/models/zoo-classifier:production``."""
        data = self.execute(f"query ($name: String!) {{ artifact(name: $name) {{ {_VERSION} }} }}", {"name": name})
        return ArtifactVersion(self, _required(data.get("artifact"), f"artifact version '{name}' not found"))

    def run(self, path: str) -> "Run":
        """A run by path: ``acme/zoo/rural-feather-20``."""
        data = self.execute(f"query ($path: String!) {{ run(path: $path) {{ {_RUN} }} }}", {"path": path})
        return Run(self, _required(data.get("run"), f"run '{path}' not found"))

    def runs(self, project: str, filters: Optional[Dict[str, Any]] = None, order: Optional[str] = None, per_page: int = 50) -> Paged["Run"]:
        """A project's runs, lazily. ``filters`` takes ``job_type``/``job_types``, ``state``/``states``,
        ``created_by``, ``created_after``, ``created_before`` and ``name_contains``; ``order`` is a
        field (``created_at``, ``name``, ``job_type``, ``state``), ``-`` before it for descending."""
        variables: Dict[str, Any] = {"project": project, "filter": _run_filter(filters), "order": _run_order(order)}
        query = (
            "query ($project: String!, $first: Int, $after: String, $filter: RunFilter, $order: RunOrder) {"
            f" project(path: $project) {{ runs(first: $first, after: $after, filter: $filter, orderBy: $order) {{ {_PAGE} nodes {{ {_RUN} }} }} }} }}"
        )

        def read(after: Optional[str], first: int) -> Dict[str, Any]:
            data = self.execute(query, dict(variables, first=first, after=after))
            return _required(data.get("project"), f"project '{project}' not found")["runs"]

        return Paged(read, lambda node: Run(self, node), per_page)

    def artifact_collection(self, path: str) -> "Collection":
        """A registry's collection by path: ``acme/models/zoo-classifier``."""
        data = self.execute("query ($path: String!) { collection(path: $path) { id path name type description tags } }", {"path": path})
        return Collection(self, _required(data.get("collection"), f"collection '{path}' not found"))

    def lineage(
        self,
        start: str,
        direction: str = "both",
        depth: int = 3,
        artifact_types: Optional[Iterable[str]] = None,
        job_types: Optional[Iterable[str]] = None,
        max_nodes: Optional[int] = None,
    ) -> "LineageGraph":
        """Lineage around a run or a version: ``direction`` is ``upstream``, ``downstream`` or ``both``."""
        data = self.execute(
            "query ($start: String!, $direction: LineageDirection, $depth: Int, $artifactTypes: [String!], $jobTypes: [String!], $maxNodes: Int) {"
            " lineage(start: $start, direction: $direction, depth: $depth, artifactTypes: $artifactTypes, jobTypes: $jobTypes, maxNodes: $maxNodes) {"
            f" nodes {{ {_NODE} }} edges {{ from to kind }} truncated }} }}",
            {
                "start": start,
                "direction": direction.upper(),
                "depth": depth,
                "artifactTypes": list(artifact_types) if artifact_types is not None else None,
                "jobTypes": list(job_types) if job_types is not None else None,
                "maxNodes": max_nodes,
            },
        )
        return LineageGraph(data["lineage"])

    def impact(self, start: str, depth: Optional[int] = None, max_nodes: Optional[int] = None) -> "Impact":
        """What a version reached downstream: the runs, the versions, and the registry versions made from them."""
        data = self.execute(
            "query ($start: String!, $depth: Int, $maxNodes: Int) { impact(start: $start, depth: $depth, maxNodes: $maxNodes) {"
            f" start {{ {_NODE} }} runs {{ {_NODE} }} versions {{ {_NODE} }}"
            f" registryVersions {{ hops version {{ {_VERSION} }} source {{ {_NODE} }} }} truncated }} }}",
            {"start": start, "depth": depth, "maxNodes": max_nodes},
        )
        return Impact(self, data["impact"])


class ArtifactVersion:
    """One version, as ``api.artifact(...)`` answers it."""

    def __init__(self, api: Api, fields: Dict[str, Any]):
        self._api = api
        self.id: str = fields["id"]
        self.name: str = fields["name"]
        self.qualified_name: str = fields["qualifiedName"]
        self.type: str = fields["type"]
        self.version: str = fields["version"]
        self.version_index: int = fields["versionIndex"]
        self.digest: str = fields["digest"]
        self.aliases: List[str] = list(fields.get("aliases") or [])
        self.metadata: Dict[str, Any] = dict(fields.get("metadata") or {})
        self.size: Optional[int] = fields.get("size")
        self.description: Optional[str] = fields.get("description")
        self.created_at: str = fields["createdAt"]
        self.created_by: str = fields["createdBy"]

    def __repr__(self) -> str:
        return f"<ArtifactVersion {self.qualified_name} ({self.type})>"

    def logged_by(self) -> Optional["Run"]:
        """The run that first logged this version (for a linked version, its source's)."""
        run = self._field(f"loggedBy {{ {_RUN} }}").get("loggedBy")
        return Run(self._api, run) if run else None

    def loggers(self, per_page: int = 50) -> Paged["Run"]:
        """Every run that logged this content, first logger first."""
        return self._connection("loggers", _RUN, lambda node: Run(self._api, node), per_page)

    def used_by(self, per_page: int = 50) -> Paged["Run"]:
        """The runs that used this version."""
        return self._connection("usedBy", _RUN, lambda node: Run(self._api, node), per_page)

    def files(self, per_page: int = 50) -> Paged["ArtifactFile"]:
        """The version's file manifest: path, sha256 digest and size of each file."""
        return self._connection("files", "path digest size", ArtifactFile, per_page)

    def source(self) -> Optional["ArtifactVersion"]:
        """For a registry's linked version, the project version it points at."""
        source = self._field(f"source {{ {_VERSION} }}").get("source")
        return ArtifactVersion(self._api, source) if source else None

    def _field(self, selection: str, variables: Optional[Dict[str, Any]] = None, declared: str = "") -> Dict[str, Any]:
        data = self._api.execute(
            f"query ($name: String!{declared}) {{ artifact(name: $name) {{ {selection} }} }}",
            dict(variables or {}, name=self.qualified_name),
        )
        return _required(data.get("artifact"), f"artifact version '{self.qualified_name}' not found")

    def _connection(self, field: str, selection: str, wrap, per_page: int) -> Paged:
        def read(after: Optional[str], first: int) -> Dict[str, Any]:
            return self._field(
                f"{field}(first: $first, after: $after) {{ {_PAGE} nodes {{ {selection} }} }}",
                {"first": first, "after": after},
                ", $first: Int, $after: String",
            )[field]

        return Paged(read, wrap, per_page)


class Run:
    """One run, as ``api.run(...)`` answers it."""

    def __init__(self, api: Api, fields: Dict[str, Any]):
        self._api = api
        self.id: str = fields["id"]
        self.path: str = fields["path"]
        self.name: str = fields["name"]
        self.entity, self.project = self.path.split("/")[0], self.path.split("/")[1]
        self.job_type: Optional[str] = fields.get("jobType")
        self.state: str = fields["state"]
        self.config: Dict[str, Any] = dict(fields.get("config") or {})
        self.description: Optional[str] = fields.get("description")
        self.created_at: str = fields["createdAt"]
        self.created_by: str = fields["createdBy"]
        self.ended_at: Optional[str] = fields.get("endedAt")

    def __repr__(self) -> str:
        return f"<Run {self.path} ({self.state})>"

    def logged_artifacts(self, per_page: int = 50) -> Paged[ArtifactVersion]:
        """The versions this run logged."""
        return self._connection("loggedArtifacts", per_page)

    def used_artifacts(self, per_page: int = 50) -> Paged[ArtifactVersion]:
        """The versions this run used."""
        return self._connection("usedArtifacts", per_page)

    def _connection(self, field: str, per_page: int) -> Paged[ArtifactVersion]:
        def read(after: Optional[str], first: int) -> Dict[str, Any]:
            data = self._api.execute(
                f"query ($path: String!, $first: Int, $after: String) {{ run(path: $path) {{ {field}(first: $first, after: $after) {{ {_PAGE} nodes {{ {_VERSION} }} }} }} }}",
                {"path": self.path, "first": first, "after": after},
            )
            return _required(data.get("run"), f"run '{self.path}' not found")[field]

        return Paged(read, lambda node: ArtifactVersion(self._api, node), per_page)


class Collection:
    """A registry's collection, as ``api.artifact_collection(...)`` answers it."""

    def __init__(self, api: Api, fields: Dict[str, Any]):
        self._api = api
        self.id: str = fields["id"]
        self.path: str = fields["path"]
        self.name: str = fields["name"]
        self.type: str = fields["type"]
        self.description: Optional[str] = fields.get("description")
        self.tags: List[str] = list(fields.get("tags") or [])

    def __repr__(self) -> str:
        return f"<Collection {self.path} ({self.type})>"

    def versions(self, per_page: int = 50) -> Paged[ArtifactVersion]:
        """The linked versions, oldest first."""
        return self._connection("versions", {}, _VERSION, lambda node: ArtifactVersion(self._api, node), per_page)

    def history(
        self,
        actions: Optional[Iterable[str]] = None,
        actor: Optional[str] = None,
        since: Optional[str] = None,
        until: Optional[str] = None,
        per_page: int = 50,
    ) -> Paged["AuditEvent"]:
        """The collection's audit history, newest first, filtered as the API filters it."""
        arguments = {
            "actions": [a.upper() for a in actions] if actions is not None else None,
            "actor": actor,
            "since": since,
            "until": until,
        }
        return self._connection("history", arguments, _EVENT, AuditEvent, per_page)

    def _connection(self, field: str, arguments: Dict[str, Any], selection: str, wrap, per_page: int) -> Paged:
        declared = {"actions": "[AuditAction!]", "actor": "String", "since": "DateTime", "until": "DateTime"}
        given = {name: value for name, value in arguments.items() if value is not None}
        parameters = "".join(f", ${name}: {declared[name]}" for name in given)
        passed = "".join(f", {name}: ${name}" for name in given)
        query = (
            f"query ($path: String!, $first: Int, $after: String{parameters}) {{ collection(path: $path) {{"
            f" {field}(first: $first, after: $after{passed}) {{ {_PAGE} nodes {{ {selection} }} }} }} }}"
        )

        def read(after: Optional[str], first: int) -> Dict[str, Any]:
            data = self._api.execute(query, dict(given, path=self.path, first=first, after=after))
            return _required(data.get("collection"), f"collection '{self.path}' not found")[field]

        return Paged(read, wrap, per_page)


class ArtifactFile:
    """One entry of a version's file manifest."""

    def __init__(self, fields: Dict[str, Any]):
        self.path: str = fields["path"]
        self.digest: str = fields["digest"]
        self.size: int = fields["size"]

    def __repr__(self) -> str:
        return f"<ArtifactFile {self.path} ({self.size} bytes)>"


class AuditEvent:
    """One event of an audit history."""

    def __init__(self, fields: Dict[str, Any]):
        self.id: str = fields["id"]
        self.action: str = fields["action"]
        self.actor: str = fields["actor"]
        self.at: str = fields["at"]
        self.target: str = fields["target"]
        self.position: int = fields["position"]
        self.version: Optional[str] = fields.get("version")
        self.alias: Optional[str] = fields.get("alias")
        self.tag: Optional[str] = fields.get("tag")
        self.member: Optional[str] = fields.get("member")
        self.request_id: Optional[str] = fields.get("requestId")
        self.hash: str = fields["hash"]

    def __repr__(self) -> str:
        return f"<AuditEvent {self.action} by {self.actor} at {self.at}>"


class LineageNode:
    """A run or a version in a lineage answer, with its distance in hops from the start."""

    def __init__(self, fields: Dict[str, Any]):
        self.id: str = fields["id"]
        self.kind: str = fields["kind"]
        self.name: str = fields["name"]
        self.path: str = fields["path"]
        self.type: Optional[str] = fields.get("type")
        self.hops: int = fields["hops"]

    def __repr__(self) -> str:
        return f"<LineageNode {self.kind} {self.path} at {self.hops} hops>"


class LineageEdge:
    """An edge of a lineage answer, the way data flows: version → run (USED), run → version (LOGGED)."""

    def __init__(self, fields: Dict[str, Any], paths: Dict[str, str]):
        self.kind: str = fields["kind"]
        self.source: str = paths[fields["from"]]
        self.target: str = paths[fields["to"]]

    def __repr__(self) -> str:
        return f"<LineageEdge {self.source} -{self.kind}-> {self.target}>"


class LineageGraph:
    """A lineage answer: nodes, edges between them (by path), and whether a budget cut it short."""

    def __init__(self, fields: Dict[str, Any]):
        self.nodes: List[LineageNode] = [LineageNode(node) for node in fields["nodes"]]
        paths = {node.id: node.path for node in self.nodes}
        self.edges: List[LineageEdge] = [LineageEdge(edge, paths) for edge in fields["edges"]]
        self.truncated: bool = fields["truncated"]

    def __repr__(self) -> str:
        return f"<LineageGraph {len(self.nodes)} nodes, {len(self.edges)} edges{', truncated' if self.truncated else ''}>"


class Impact:
    """What a version reached downstream."""

    def __init__(self, api: Api, fields: Dict[str, Any]):
        self.start = LineageNode(fields["start"])
        self.runs: List[LineageNode] = [LineageNode(node) for node in fields["runs"]]
        self.versions: List[LineageNode] = [LineageNode(node) for node in fields["versions"]]
        self.registry_versions: List[ArtifactVersion] = [ArtifactVersion(api, entry["version"]) for entry in fields["registryVersions"]]
        self.truncated: bool = fields["truncated"]

    def __repr__(self) -> str:
        return f"<Impact of {self.start.path}: {len(self.runs)} runs, {len(self.versions)} versions, {len(self.registry_versions)} registry versions>"


def _required(value: Optional[Dict[str, Any]], message: str) -> Dict[str, Any]:
    if value is None:
        raise NotFound(message, "NOT_FOUND")
    return value


def _run_filter(filters: Optional[Dict[str, Any]]) -> Optional[Dict[str, Any]]:
    if not filters:
        return None
    result: Dict[str, Any] = {}
    for key, value in filters.items():
        if key not in _RUN_FILTERS:
            raise ValueError(f"unknown run filter '{key}': use one of {', '.join(sorted(set(_RUN_FILTERS)))}")
        name = _RUN_FILTERS[key]
        if name in ("jobTypes", "states"):
            value = [value] if isinstance(value, str) else list(value)
            if name == "states":
                value = [state.upper() for state in value]
        result[name] = value
    return result


def _run_order(order: Optional[str]) -> Optional[Dict[str, str]]:
    if not order:
        return None
    descending = order.startswith("-")
    field = order.lstrip("+-")
    if field not in _RUN_ORDERS:
        raise ValueError(f"unknown run order '{order}': use one of {', '.join(sorted(_RUN_ORDERS))}, with '-' before it for descending")
    return {"field": _RUN_ORDERS[field], "direction": "DESC" if descending else "ASC"}
