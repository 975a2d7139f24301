"""GraphQL over HTTP with the standard library: one POST per call, errors raised as types,
connection losses and busy answers retried."""

from __future__ import annotations

import json
import random
import socket
import time
import urllib.error
import urllib.request
from typing import Any, Callable, Dict, Optional

from .errors import LineageError, RateLimited, Unauthenticated, Unavailable, from_error

# Answers that say "not now": the same request may succeed later.
_RETRIED_STATUSES = {502, 503, 504}


class Transport:
    """Sends GraphQL documents to ``<base_url>/graphql`` with the API key.

    Reads are retried freely. A write is retried only with an ``idempotency_key``, which the
    server uses to answer a repeated request with the first answer instead of applying it twice.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 30.0,
        retries: int = 5,
        backoff: float = 0.5,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if not base_url:
            raise ValueError("a base URL is needed: pass base_url or set LINEAGE_URL")
        if not api_key:
            raise ValueError("an API key is needed: pass api_key or set LINEAGE_API_KEY")
        self.base_url = base_url.rstrip("/")
        self._api_key = api_key
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._sleep = sleep

    def __repr__(self) -> str:
        # The key stays out of every representation.
        return f"Transport({self.base_url!r})"

    def execute(
        self,
        query: str,
        variables: Optional[Dict[str, Any]] = None,
        *,
        idempotency_key: Optional[str] = None,
        write: bool = False,
    ) -> Dict[str, Any]:
        """The ``data`` of the answer, or the typed error of its first error."""
        body = json.dumps({"query": query, "variables": variables or {}}).encode("utf-8")
        headers = {
            "Authorization": f"Bearer {self._api_key}",
            "Content-Type": "application/json",
            "Accept": "application/graphql-response+json, application/json",
        }
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        may_retry = not write or idempotency_key is not None
        attempt = 0
        while True:
            try:
                status, answer = self._post(body, headers)
            except RateLimited as limited:
                if attempt >= self.retries:
                    raise
                self._sleep(limited.retry_after if limited.retry_after is not None else self._delay(attempt))
                attempt += 1
                continue
            except Unavailable:
                if not may_retry or attempt >= self.retries:
                    raise
                self._sleep(self._delay(attempt))
                attempt += 1
                continue
            errors = answer.get("errors") or []
            if errors:
                raise from_error(errors[0])
            if status >= 400 or not isinstance(answer.get("data"), dict):
                raise LineageError(f"the server answered HTTP {status} with no data", "INTERNAL")
            return answer["data"]

    def _delay(self, attempt: int) -> float:
        return self.backoff * (2 ** attempt) * (0.5 + random.random() / 2)

    def _post(self, body: bytes, headers: Dict[str, str]):
        request = urllib.request.Request(self.base_url + "/graphql", data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, _json(response.read(), response.status)
        except urllib.error.HTTPError as error:
            text = error.read()
            if error.code == 429:
                message, extensions = _first_error(text, "the key sent more requests than its rate allows")
                raise RateLimited(message, _seconds(error.headers.get("Retry-After")), extensions) from None
            if error.code in _RETRIED_STATUSES:
                message, extensions = _first_error(text, f"the server answered HTTP {error.code}")
                raise Unavailable(message, "UNAVAILABLE", extensions) from None
            if error.code == 401 and not text:
                raise Unauthenticated("the server refused the API key", "UNAUTHENTICATED") from None
            return error.code, _json(text, error.code)
        except (urllib.error.URLError, ConnectionError, socket.timeout, TimeoutError) as error:
            reason = getattr(error, "reason", error)
            raise Unavailable(f"could not reach {self.base_url}: {reason}", "UNAVAILABLE") from None


def _json(text: bytes, status: int) -> Dict[str, Any]:
    try:
        answer = json.loads(text.decode("utf-8")) if text else {}
    except ValueError:
        raise LineageError(f"the server answered HTTP {status} with a body that is not JSON", "INTERNAL") from None
    return answer if isinstance(answer, dict) else {}


def _first_error(text: bytes, fallback: str):
    """The message and extensions of an answer's first error, or the fallback and none."""
    try:
        errors = json.loads(text.decode("utf-8")).get("errors") or []
        first = errors[0]
        return str(first.get("message") or fallback), dict(first.get("extensions") or {})
    except (ValueError, AttributeError, IndexError, TypeError):
        return fallback, {}


def _seconds(value: Optional[str]) -> Optional[float]:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None
