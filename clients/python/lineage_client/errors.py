"""Typed errors, one per error code the server answers with.

Every error carries the server's ``message``, its ``code`` (``extensions.code``) and the
whole ``extensions`` object, so nothing the server said is lost.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional


class LineageError(Exception):
    """An error the server answered with (or the client could not reach it)."""

    def __init__(self, message: str, code: str = "INTERNAL", extensions: Optional[Dict[str, Any]] = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.extensions: Dict[str, Any] = dict(extensions or {})

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class NotFound(LineageError):
    """NOT_FOUND: no such thing, or the key may not see it."""


class InvalidArgument(LineageError):
    """INVALID_ARGUMENT (and documents that do not parse or validate): the message names the rule."""


class Conflict(LineageError):
    """CONFLICT: the change clashes with what is stored (a run that exists, an alias moved meanwhile)."""


class CycleDetected(LineageError):
    """CYCLE_DETECTED: the write would close a cycle; ``path`` is the cycle, as the server names it."""

    @property
    def path(self) -> List[str]:
        return list(self.extensions.get("path") or [])


class Forbidden(LineageError):
    """FORBIDDEN: the key sees the thing but its role does not allow the change."""


class Unauthenticated(LineageError):
    """UNAUTHENTICATED: no key, or a malformed, unknown, revoked or expired one."""


class LimitExceeded(LineageError):
    """LIMIT_EXCEEDED: ``limit`` names the limit (``maxComplexity``, ``maxPageSize``, ...)."""

    @property
    def limit(self) -> Optional[str]:
        return self.extensions.get("limit")


class RateLimited(LimitExceeded):
    """HTTP 429: the key sent more requests than its rate allows; ``retry_after`` is in seconds."""

    def __init__(self, message: str, retry_after: Optional[float], extensions: Optional[Dict[str, Any]] = None):
        super().__init__(message, "LIMIT_EXCEEDED", extensions)
        self.retry_after = retry_after


class Unavailable(LineageError):
    """UNAVAILABLE, or the server could not be reached: nothing was written; the same call may succeed later."""


_BY_CODE = {
    "NOT_FOUND": NotFound,
    "INVALID_ARGUMENT": InvalidArgument,
    "GRAPHQL_PARSE_FAILED": InvalidArgument,
    "GRAPHQL_VALIDATION_FAILED": InvalidArgument,
    "CONFLICT": Conflict,
    "CYCLE_DETECTED": CycleDetected,
    "FORBIDDEN": Forbidden,
    "UNAUTHENTICATED": Unauthenticated,
    "LIMIT_EXCEEDED": LimitExceeded,
    "UNAVAILABLE": Unavailable,
}


def from_error(error: Dict[str, Any]) -> LineageError:
    """The typed error for one GraphQL error object."""
    extensions = error.get("extensions") or {}
    code = str(extensions.get("code") or "INTERNAL")
    return _BY_CODE.get(code, LineageError)(str(error.get("message") or code), code, extensions)
