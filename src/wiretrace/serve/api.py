"""The JSON API under /api: the same records as the CLI's ``--json`` (stories, trace, sites, compare),
plus articles, search, pairs and the two write endpoints (upload, index) behind the token."""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from wiretrace.errors import InputError
from wiretrace.limits import DEFAULT_TRACE_LIMIT

from . import schemas as s
from .context import Context
from .data import NotFoundError, SearchField

__all__ = ["router"]

router = APIRouter(prefix="/api", tags=["api"])
_bearer = HTTPBearer(auto_error=False, description="the token `wiretrace serve` was started with")

Id = Annotated[str, Path(min_length=1, max_length=200, description="article id (16 hex characters)")]


def get_ctx(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


def require_token(ctx: Annotated[Context, Depends(get_ctx)],
                  creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    ctx.check_token(creds.credentials if creds else None)


Ctx = Annotated[Context, Depends(get_ctx)]


def _doc(model: Any, *errors: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI: the 200 answer's shape, and which errors (all ``{"detail": str}``) a route gives."""
    text = {400: "unreadable body, bad header, or a Host the server does not answer to", 401: "no token given",
            403: "writes disabled, or wrong token",
            404: "no such story, article, site or pair",
            413: "request body too large, or an article longer than the server compares",
            422: "bad input: the message says what and where",
            503: "the compare lane stayed busy; retry after the seconds in Retry-After"}
    out: dict[int | str, dict[str, Any]] = {200: {"model": model}}
    for code in sorted({*errors, 400, 422}):
        out[code] = {"model": s.Error, "description": text[code]}
    return out


def _json(data: Any) -> JSONResponse:
    return JSONResponse(data)


@router.get("/store", responses=_doc(s.StoreInfo), summary="what the store holds, how pairs are compared")
def store_info(ctx: Ctx) -> JSONResponse:
    snap = ctx.view.snapshot()
    store = ctx.view.open()
    try:
        counts = store.counts()
    finally:
        store.close()
    return _json({"version": ctx.version, "articles": len(snap.articles), "relations": len(snap.relations),
                  "stories": len(snap.stories), "rejects": counts["rejects"],
                  "compare": ctx.pairs.cfg.embedder or "lexical", "writes": bool(ctx.token) and not ctx.read_only,
                  "writes_off": ctx.read_only if ctx.token else "no --token"})


@router.get("/stories", responses=_doc(list[s.Story]),
            summary="stories with provenance trees (`wiretrace stories --json`)")
def stories(ctx: Ctx) -> JSONResponse:
    return _json(ctx.view.snapshot().story_records)


@router.get("/stories/{story_id}", responses=_doc(s.Story, 404), summary="one story")
def story(ctx: Ctx, story_id: int) -> JSONResponse:
    return _json(ctx.view.snapshot().story(story_id))


@router.get("/articles/{article_id}", responses=_doc(s.Article, 404), summary="one article with its clean text")
def article(ctx: Ctx, article_id: Id) -> JSONResponse:
    return _json(ctx.view.snapshot().article(article_id).to_dict())


_TRACE_HEADERS = {
    "X-Total-Count": {"description": "how many articles the reference names (the list holds at most `limit`)",
                      "schema": {"type": "integer", "minimum": 0}},
    "Link": {"description": "`</api/trace?ref=..&limit=..&offset=..>; rel=\"next\"` where more remain",
             "schema": {"type": "string"}, "required": False},
}


def _traced() -> dict[int | str, dict[str, Any]]:
    out = _doc(list[s.Trace], 404)
    out[200]["headers"] = _TRACE_HEADERS  # declared, so clients and schema checks see them (not only described)
    return out


@router.get("/trace", responses=_traced(),
            summary="where an article came from and where it went (`wiretrace trace REF --json`)",
            description=f"A path names every article read from it (a dump: one a record); at most `limit` "
                        f"(default {DEFAULT_TRACE_LIMIT}) are traced, from `offset` on. The header "
                        "`X-Total-Count` says how many the reference names, and `Link` (rel=\"next\") asks for the "
                        "next ones; one record of a dump is `ref=FILE:line N`.")
def trace(ctx: Ctx, ref: Annotated[str, Query(min_length=1, max_length=4000,
                                               description="article id, id prefix (8+), url, path or FILE:line N")],
          limit: Annotated[int, Query(ge=1, le=1000)] = DEFAULT_TRACE_LIMIT,
          offset: Annotated[int, Query(ge=0)] = 0) -> JSONResponse:
    ids = ctx.view.find(ref)
    if not ids:
        raise NotFoundError(ctx.view.not_found(ref))
    out = _json(ctx.view.snapshot().trace(ids, ref, offset=offset, limit=limit))
    out.headers["X-Total-Count"] = str(len(ids))
    if offset + limit < len(ids):
        nxt = urlencode({"ref": ref, "limit": limit, "offset": offset + limit})
        out.headers["Link"] = f'</api/trace?{nxt}>; rel="next"'
    return out


@router.get("/sites", responses=_doc(list[s.Site]), summary="per-site reuse table (`wiretrace sites --json`)")
def sites(ctx: Ctx) -> JSONResponse:
    return _json(ctx.view.snapshot().sites)


# No control characters: the router's path pattern ends at a newline, so "x\n" would be read as "x" (a site
# name never holds one).
_Site = Annotated[str, Path(min_length=1, max_length=500, pattern=r"^[^\x00-\x1f\x7f]+$")]


@router.get("/sites/{site:path}", responses=_doc(s.SitePage, 404), summary="one site: its row and its articles")
def site(ctx: Ctx, site: _Site) -> JSONResponse:
    return _json(ctx.view.snapshot().site(site))


@router.get("/search", responses=_doc(list[s.SearchHit]), summary="articles by text, title, url or site")
def search(ctx: Ctx, q: Annotated[str, Query(min_length=1, max_length=500)],
           field: SearchField = "all", limit: Annotated[int, Query(ge=1, le=200)] = 50) -> JSONResponse:
    return _json(ctx.view.search(q, field, limit))


@router.get("/pairs/{a}/{b}", responses=_doc(s.Comparison, 404),
            summary="two stored articles compared (the `wiretrace compare --json` record)")
def pair(ctx: Ctx, a: Id, b: Id, lexical: bool = False) -> JSONResponse:
    snap = ctx.view.snapshot()
    return _json(ctx.pairs.compare(snap.article(a), snap.article(b), lexical=lexical).to_dict())


@router.post("/compare", responses=_doc(s.Comparison, 413, 503),
             summary="compare two articles given as JSON records (`wiretrace compare --json`)")
def compare(ctx: Ctx, body: s.CompareIn) -> JSONResponse:
    a = ctx.article_from_record(body.a.model_dump(exclude_none=True), "a")
    b = ctx.article_from_record(body.b.model_dump(exclude_none=True), "b")
    return _json(ctx.pairs.compare_sent(a, b, lexical=body.lexical).to_dict())


@router.post("/compare/upload", responses=_doc(s.Comparison, 400, 413, 503),
             summary="compare two uploaded article files (HTML, text or JSON), as `wiretrace compare --json A B`")
async def compare_upload(ctx: Ctx, a: Annotated[UploadFile, File()], b: Annotated[UploadFile, File()],
                         lexical: Annotated[bool, Form()] = False) -> JSONResponse:
    art_a = ctx.article_from_upload(a.filename, await a.read(), "a")
    art_b = ctx.article_from_upload(b.filename, await b.read(), "b")
    c = await run_in_threadpool(ctx.pairs.compare_sent, art_a, art_b, lexical=lexical)
    return _json(c.to_dict())


@router.post("/upload", responses=_doc(s.IndexReport, 400, 401, 403, 413),
             dependencies=[Depends(require_token)],
             summary="store and index uploaded files (articles, .jsonl dumps, WARC); needs the token")
async def upload(ctx: Ctx, files: Annotated[list[UploadFile], File(description="article files")]) -> JSONResponse:
    items = [(f.filename or "upload", await f.read()) for f in files]
    return _json(await run_in_threadpool(ctx.index_files, items))


@router.post("/index", responses=_doc(s.IndexReport, 401, 403, 413), dependencies=[Depends(require_token)],
             summary="store and index JSON records (as lines of a .jsonl dump); needs the token")
def index_records(ctx: Ctx, body: s.IndexIn) -> JSONResponse:
    lines = "".join(json.dumps(r.model_dump(exclude_none=True), ensure_ascii=False) + "\n" for r in body.records)
    if not lines.strip():
        raise InputError("records", "no records")
    return _json(ctx.index_files([("records.jsonl", lines.encode("utf-8"))]))
