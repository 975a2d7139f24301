"""The write side, shaped like ``wandb.init``: a run that uses and logs artifacts, links them
into registries and finishes. Every write carries an ``Idempotency-Key`` kept across its
retries, so a lost connection never records a step twice."""

from __future__ import annotations

import hashlib
import os
import secrets
import uuid
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

from .api import _RUN, _VERSION, Api, ArtifactVersion, Run
from .errors import Conflict, InvalidArgument

_ADJECTIVES = ["rural", "northern", "giddy", "quiet", "amber", "brisk", "dusty", "gentle", "hollow", "lucid", "misty", "sunny"]
_NOUNS = ["feather", "lake", "rain", "meadow", "river", "pine", "ember", "harbor", "comet", "field", "glade", "stone"]


def sha256_file(path: os.PathLike) -> str:
    """The ``sha256:<hex>`` digest of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(block)
    return "sha256:" + digest.hexdigest()


class Artifact:
    """An artifact to log, as ``wandb.Artifact``: a name, a type, metadata and a manifest of
    files and references. Digests are computed here; no content is uploaded."""

    def __init__(self, name: str, type: str, metadata: Optional[Dict[str, Any]] = None, description: Optional[str] = None):
        self.name = name
        self.type = type
        self.metadata: Dict[str, Any] = dict(metadata or {})
        self.description = description
        self._entries: Dict[str, Tuple[str, int]] = {}
        self._references: Dict[str, str] = {}
        self.logged: Optional[ArtifactVersion] = None

    def __repr__(self) -> str:
        return f"<Artifact {self.name} ({self.type}), {len(self._entries)} entries>"

    def add_file(self, local_path: os.PathLike, name: Optional[str] = None) -> None:
        """Adds a file under ``name`` (its file name by default), with its sha256 and size."""
        path = Path(local_path)
        if not path.is_file():
            raise InvalidArgument(f"'{path}' is not a file", "INVALID_ARGUMENT")
        self._add(name or path.name, sha256_file(path), path.stat().st_size)

    def add_dir(self, local_path: os.PathLike, name: Optional[str] = None) -> None:
        """Adds every file under a directory, named by its path inside it (under ``name/`` when given)."""
        root = Path(local_path)
        if not root.is_dir():
            raise InvalidArgument(f"'{root}' is not a directory", "INVALID_ARGUMENT")
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            relative = path.relative_to(root).as_posix()
            self._add(f"{name.rstrip('/')}/{relative}" if name else relative, sha256_file(path), path.stat().st_size)

    def add_reference(self, uri: str, name: Optional[str] = None, digest: Optional[str] = None, size: int = 0) -> None:
        """Adds content kept elsewhere (``s3://bucket/key``): its digest as given (an ETag, a
        checksum), or else the sha256 of the URI itself; the URI is kept in the metadata."""
        entry = name or uri.rstrip("/").rsplit("/", 1)[-1]
        self._add(entry, digest or "sha256:" + hashlib.sha256(uri.encode("utf-8")).hexdigest(), size)
        self._references[entry] = uri

    @property
    def manifest(self) -> List[Dict[str, Any]]:
        """The entries, in path order: ``{path, digest, size}``."""
        return [{"path": path, "digest": digest, "size": size} for path, (digest, size) in sorted(self._entries.items())]

    @property
    def digest(self) -> str:
        """The version's digest: sha256 over the manifest's lines ``<path> <digest> <size>``, in
        path order, so that the same files are the same content wherever they were logged from."""
        lines = "".join(f"{e['path']} {e['digest']} {e['size']}\n" for e in self.manifest)
        return "sha256:" + hashlib.sha256(lines.encode("utf-8")).hexdigest()

    def _add(self, path: str, digest: str, size: int) -> None:
        if path in self._entries:
            raise InvalidArgument(f"'{path}' is already in artifact '{self.name}'", "INVALID_ARGUMENT")
        self._entries[path] = (digest, size)


class LiveRun:
    """A run being recorded, as ``wandb.init`` returns it; a ``with`` block finishes it, as
    FAILED when the block raised."""

    def __init__(self, api: Api, run: Run):
        self._api = api
        self.run = run
        self.finished = False

    def __repr__(self) -> str:
        return f"<LiveRun {self.path}>"

    @property
    def path(self) -> str:
        return self.run.path

    @property
    def name(self) -> str:
        return self.run.name

    @property
    def project(self) -> str:
        return f"{self.run.entity}/{self.run.project}"

    def __enter__(self) -> "LiveRun":
        return self

    def __exit__(self, kind, value, traceback) -> None:
        if not self.finished:
            self.finish(exit_code=0 if kind is None else 1)

    def use_artifact(self, name: str) -> ArtifactVersion:
        """Records that this run used a version: ``split_zoo_dataset:v4`` (in the run's project),
        ``acme/zoo/split_zoo_dataset:latest``, or a registry's ``acme/models/zoo-classifier:production``."""
        data = self._write(
            f"mutation ($input: UseArtifactInput!) {{ useArtifact(input: $input) {{ {_VERSION} }} }}",
            {"run": self.path, "artifact": self._qualify(name)},
        )
        return ArtifactVersion(self._api, data["useArtifact"])

    def log_artifact(self, artifact: Artifact, aliases: Optional[Iterable[str]] = None) -> ArtifactVersion:
        """Logs the artifact's content as a version of it in the run's project (or records this run
        as one more logger of the same content) and gives it ``aliases``."""
        fields: Dict[str, Any] = {
            "run": self.path,
            "name": artifact.name,
            "type": artifact.type,
            "digest": artifact.digest,
            "aliases": list(aliases or []),
            "files": artifact.manifest,
        }
        metadata = dict(artifact.metadata)
        if artifact._references:
            metadata.setdefault("references", dict(artifact._references))
        if metadata:
            fields["metadata"] = metadata
        if artifact.description is not None:
            fields["description"] = artifact.description
        data = self._write(f"mutation ($input: LogArtifactInput!) {{ logArtifact(input: $input) {{ {_VERSION} }} }}", fields)
        artifact.logged = ArtifactVersion(self._api, data["logArtifact"])
        return artifact.logged

    def link_artifact(self, artifact: Any, target_path: str, aliases: Optional[Iterable[str]] = None) -> ArtifactVersion:
        """Links a version into a registry's collection (``acme/models/zoo-classifier``), logging
        the artifact first if this run has not: the linked version is answered."""
        if isinstance(artifact, Artifact):
            version = artifact.logged or self.log_artifact(artifact)
        elif isinstance(artifact, ArtifactVersion):
            version = artifact
        else:
            version = self._api.artifact(self._qualify(str(artifact)))
        data = self._write(
            f"mutation ($input: LinkArtifactInput!) {{ linkArtifact(input: $input) {{ {_VERSION} }} }}",
            {"artifact": version.qualified_name, "collection": target_path, "aliases": list(aliases or [])},
        )
        return ArtifactVersion(self._api, data["linkArtifact"])

    def finish(self, exit_code: int = 0) -> None:
        """Ends the run: FINISHED for exit code 0, FAILED otherwise."""
        self._write(
            "mutation ($input: FinishRunInput!) { finishRun(input: $input) { state } }",
            {"run": self.path, "state": "FINISHED" if exit_code == 0 else "FAILED"},
        )
        self.finished = True

    def _write(self, mutation: str, fields: Dict[str, Any]) -> Dict[str, Any]:
        return _write(self._api, mutation, fields)

    def _qualify(self, name: str) -> str:
        path = name if "/" in name else f"{self.project}/{name}"
        return path if ":" in path else f"{path}:latest"


def init(
    project: str,
    job_type: Optional[str] = None,
    config: Optional[Dict[str, Any]] = None,
    name: Optional[str] = None,
    notes: Optional[str] = None,
    base_url: Optional[str] = None,
    api_key: Optional[str] = None,
) -> LiveRun:
    """Starts a run in ``project`` (``acme/zoo``; made on first use, as ``wandb.init`` makes it),
    named ``name`` or a generated name such as ``quiet-meadow-7``."""
    api = Api(base_url, api_key)
    fields: Dict[str, Any] = {"project": project}
    if job_type is not None:
        fields["jobType"] = job_type
    if config is not None:
        fields["config"] = config
    if notes is not None:
        fields["description"] = notes
    mutation = f"mutation ($input: CreateRunInput!) {{ createRun(input: $input) {{ {_RUN} }} }}"
    if name is not None:
        return LiveRun(api, Run(api, _write(api, mutation, dict(fields, name=name))["createRun"]))

    # A generated name that another run already holds is drawn again, a few times.
    for attempt in range(5):
        try:
            return LiveRun(api, Run(api, _write(api, mutation, dict(fields, name=_generated_name()))["createRun"]))
        except Conflict:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _write(api: Api, mutation: str, fields: Dict[str, Any]) -> Dict[str, Any]:
    # One key per write, the same on every retry of it: the server answers a repeat with the first answer.
    return api._transport.execute(mutation, {"input": fields}, idempotency_key=str(uuid.uuid4()), write=True)


def _generated_name() -> str:
    return f"{secrets.choice(_ADJECTIVES)}-{secrets.choice(_NOUNS)}-{secrets.randbelow(1000)}"
