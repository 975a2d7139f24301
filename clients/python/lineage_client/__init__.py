"""A client for a Lineage server, shaped like wandb's: ``Api`` reads lineage, runs, versions and
registries; ``init`` starts a run that uses, logs and links ``Artifact``s; errors are typed by
the server's error codes."""

from .api import Api, ArtifactFile, ArtifactVersion, AuditEvent, Collection, Impact, LineageEdge, LineageGraph, LineageNode, Run
from .errors import (
    Conflict,
    CycleDetected,
    Forbidden,
    InvalidArgument,
    LimitExceeded,
    LineageError,
    NotFound,
    RateLimited,
    Unauthenticated,
    Unavailable,
)

from .sdk import Artifact, LiveRun, init, sha256_file

__all__ = [
    "Artifact", "LiveRun", "init", "sha256_file",
    "Api", "ArtifactFile", "ArtifactVersion", "AuditEvent", "Collection", "Impact", "LineageEdge", "LineageGraph",
    "LineageNode", "Run", "Conflict", "CycleDetected", "Forbidden", "InvalidArgument", "LimitExceeded", "LineageError",
    "NotFound", "RateLimited", "Unauthenticated", "Unavailable",
]

__version__ = "0.1.0"
