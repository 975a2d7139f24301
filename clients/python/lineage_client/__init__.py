"""A client for a Lineage server, shaped like wandb's: ``Api`` reads lineage, runs, versions and
registries; errors are typed by the server's error codes."""

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

__all__ = [
    "Api", "ArtifactFile", "ArtifactVersion", "AuditEvent", "Collection", "Impact", "LineageEdge", "LineageGraph",
    "LineageNode", "Run", "Conflict", "CycleDetected", "Forbidden", "InvalidArgument", "LimitExceeded", "LineageError",
    "NotFound", "RateLimited", "Unauthenticated", "Unavailable",
]

__version__ = "0.1.0"
