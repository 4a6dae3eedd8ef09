"""``create_app``: the FastAPI app of ``wiretrace serve`` (server-rendered pages and a JSON API).

Security, all in this module: every page is a Jinja2 template with autoescape on (article text is
hostile input: ``<script>`` in a story is normal) and the pair view escapes each piece it marks; a
Content-Security-Policy header allows no script at all; request bodies are capped (413); an
optional Host check stops DNS rebinding against a loopback server; write endpoints need the token
given at start-up; errors map to HTTP statuses in one place (``_STATUS``) and never leak a trace.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Collection, MutableMapping
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException

from wiretrace.compare import CompareConfig
from wiretrace.errors import ConfigError, InputError, MissingDependencyError, WiretraceError
from wiretrace.limits import DEFAULT_COMPARE_WAIT_S, DEFAULT_MAX_BODY, DEFAULT_MAX_COMPARE_CHARS
from wiretrace.report.html import add_pictures
from wiretrace.store import SQLiteStore

from .context import AuthError, Context, writes_off
from .data import (
    BusyError,
    NotFoundError,
    PairComparer,
    StoreView,
    TooLargeError,
    WriteError,
)

__all__ = ["DEFAULT_MAX_BODY", "LOOPBACK_HOSTS", "create_app"]

#: Host header values a server bound to loopback accepts (anything else is a DNS-rebinding attempt).
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
       "frame-ancestors 'none'")
_SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
# Errors wiretrace raises on purpose -> HTTP status; the first matching class wins.
_STATUS: list[tuple[type[WiretraceError], int]] = [
    (NotFoundError, 404),
    (TooLargeError, 413),
    (BusyError, 503),
    (WriteError, 503),
    (InputError, 422),
    (ConfigError, 422),
    (MissingDependencyError, 503),
    (WiretraceError, 400),
]
log = logging.getLogger("wiretrace.serve")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def create_app(db: str | Path, *, token: str | None = None, max_body: int = DEFAULT_MAX_BODY,
               cfg: CompareConfig | None = None, allowed_hosts: Collection[str] | None = None,
               uploads: str | Path | None = None, max_compare_chars: int = DEFAULT_MAX_COMPARE_CHARS,
               compare_wait_s: float = DEFAULT_COMPARE_WAIT_S) -> FastAPI:
    """The app serving store ``db``.

    ``token``: enables the write endpoints (upload, index) for ``Authorization: Bearer <token>``;
    None leaves them answering 403. ``cfg``: how pair pages and compare run (default: the shipped
    embedder, the one ``wiretrace index`` uses, so pair pages agree with the stored trees; its
    model loads on the first pair). ``allowed_hosts``: Host header names to accept (None: any).
    ``uploads``: where uploaded files are kept (default: ``<db>.uploads`` beside the store).
    ``max_compare_chars`` / ``compare_wait_s``: the longest article anyone may send to compare (413 over
    it), and how long such a request waits for the one before it (503 after); pair pages of stored
    articles never wait on them.
    """
    from wiretrace import __version__

    from . import api, pages

    if max_body < 1:
        raise ConfigError(f"max_body must be a positive number of bytes, not {max_body}")
    cfg = cfg or CompareConfig()
    if token and Path(db).is_file() and Path(db).stat().st_size == 0:
        SQLiteStore(db).close()  # an empty file served with writes on: made an empty store to upload into
    view = StoreView(db)
    env = Environment(
        loader=ChoiceLoader([PackageLoader("wiretrace.serve", "templates"),
                             PackageLoader("wiretrace.report", "templates")]),  # the report's pair body
        autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["part"] = lambda v: quote(str(v), safe="")  # one URL path segment (a site name may hold "/")
    add_pictures(env, article_link=lambda aid: f"/articles/{quote(aid, safe='')}",
                  site_link=lambda site: f"/sites/{quote(site, safe='')}")
    css = ((files("wiretrace.report") / "templates" / "style.css").read_bytes()
           + (files("wiretrace.serve") / "static" / "serve.css").read_bytes())
    if max_compare_chars < 1:
        raise ConfigError(f"max_compare_chars must be a positive number of characters, not {max_compare_chars}")
    pairs = PairComparer(cfg, max_chars=max_compare_chars, wait_s=compare_wait_s)
    where = Path(uploads) if uploads else Path(f"{view.path}.uploads")
    ctx = Context(view=view, pairs=pairs, env=env, token=token or None, uploads=where, css=css, version=__version__,
                  read_only=writes_off(view, where) if token else None)

    app = FastAPI(title="wiretrace", version=__version__, openapi_url="/api/openapi.json", docs_url=None,
                  redoc_url=None,
                  description="Where news articles came from and where they went. The JSON answers are the "
                              "records of the CLI's `--json`. Write endpoints need `Authorization: Bearer "
                              "<token>` with the token the server was started with.")
    app.state.ctx = ctx
    app.include_router(api.router)
    app.include_router(pages.router)
    _error_handlers(app)
    hosts = None if allowed_hosts is None else frozenset(h.lower().strip("[]") for h in allowed_hosts)
    app.add_middleware(Guard, max_body=max_body, allowed_hosts=hosts)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str,
                   headers: dict[str, str] | None = None) -> Response:
    """The one shape of every error: ``{"detail": message}`` under /api/, an HTML page elsewhere."""
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    ctx: Context = request.app.state.ctx
    page = ctx.render("error.html", status=status, message=message)
    return HTMLResponse(page, status_code=status, headers=headers)


def _error_handlers(app: FastAPI) -> None:
    async def wiretrace_error(request: Request, exc: Exception) -> Response:
        if isinstance(exc, AuthError):
            headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
            return error_response(request, exc.status, str(exc), headers)
        status = next(code for cls, code in _STATUS if isinstance(exc, cls))
        busy = {"Retry-After": str(exc.retry_after)} if isinstance(exc, BusyError) else None
        return error_response(request, status, str(exc), busy)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}; the API's paths are listed in /api/openapi.json"
        elif exc.status_code == 400 and message == "There was an error parsing the body":
            message = "the request body could not be read: send UTF-8 JSON, or multipart/form-data for files"
        return error_response(request, exc.status_code, message, dict(exc.headers or {}) or None)

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, 422, describe_validation(exc.errors()))

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, 500, "internal error (logged on the server)")

    app.add_exception_handler(WiretraceError, wiretrace_error)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)


def describe_validation(errors: Any) -> str:
    """FastAPI's validation errors as one readable line: where, and what was wrong."""
    parts = []
    for e in errors[:_MAX_LISTED]:
        # a field name is what the client sent: control characters and all, so it is quoted when odd
        loc = [str(x) if str(x).isprintable() and len(str(x)) <= 80 else repr(str(x)[:80]) for x in e.get("loc", ())]
        where = f"{loc[0]} {'.'.join(loc[1:])}".strip() if loc else "request"
        parts.append(f"{where}: {e.get('msg', 'invalid')}")
    more = f"; and {len(errors) - _MAX_LISTED} more" if len(errors) > _MAX_LISTED else ""
    return "bad request: " + "; ".join(parts or ["invalid input"]) + more


_MAX_LISTED = 10


class _TooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over the {limit:,}-byte limit (serve --max-body)")


class Guard:
    """ASGI middleware: Host check, body-size cap (413, also for bodies without Content-Length),
    security headers (CSP with no script, nosniff, no framing, no referrer) on every response, and HEAD
    answered as GET without its body (FastAPI's routes answer GET only: HEAD was 405)."""

    def __init__(self, app: ASGIApp, *, max_body: int, allowed_hosts: frozenset[str] | None) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        path = str(scope.get("path", ""))
        head = scope.get("method") == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *_SECURITY_HEADERS]
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        if self.allowed_hosts is not None:
            host = _hostname(headers.get("host", ""))
            if host not in self.allowed_hosts:
                await _plain(send_secure, path, 400, f"Host {host!r} is not served here (DNS rebinding "
                             f"protection); the server answers to: {', '.join(sorted(self.allowed_hosts))}")
                return
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                await _plain(send_secure, path, 400, "bad Content-Length header")
                return
            if int(length) > self.max_body:
                await _plain(send_secure, path, 413, _TooLarge(self.max_body).detail)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge(self.max_body)
            return message

        await self.app(scope, counted, send_secure)


def _hostname(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


async def _plain(send: Send, path: str, status: int, message: str) -> None:
    """An error answered by the middleware itself (before the app): JSON under /api/, HTML elsewhere."""
    if path.startswith("/api/"):
        body, ctype = json.dumps({"detail": message}).encode(), b"application/json"
    else:
        body = (f"<!doctype html><title>{status}</title><h1>{status}</h1><p>{escape(message)}</p>").encode()
        ctype = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
