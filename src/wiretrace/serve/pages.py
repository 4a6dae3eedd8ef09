"""The server-rendered pages: stories, a story's timeline, graph and provenance tree, an article's trace,
a pair (what changed, then side by side), sites with their chart, search, and a compare form. No
JavaScript; every value goes through autoescaped templates or the escaping SVG code of report/pictures."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from wiretrace.errors import InputError, WiretraceError
from wiretrace.records import Article
from wiretrace.report.html import pair_context, sibling_rows
from wiretrace.report.pictures import named, shown_title
from wiretrace.report.when import is_crawled

from .context import Context
from .data import SEARCH_FIELDS, BusyError, NotFoundError, SearchField, TooLargeError

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def get_ctx(request: Request) -> Context:
    ctx: Context = request.app.state.ctx
    return ctx


Ctx = Annotated[Context, Depends(get_ctx)]


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


@router.get("/")
def home() -> Response:
    return redirect("/stories")


@router.get("/static/wiretrace.css")
def css(ctx: Ctx) -> Response:
    return Response(ctx.css, media_type="text/css", headers={"Cache-Control": "max-age=300"})


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)


@router.get("/stories")
def stories(ctx: Ctx) -> str:
    snap = ctx.view.snapshot()
    return ctx.render("stories.html", stories=[named(s, snap.articles) for s in snap.story_records],
                      articles=len(snap.articles),
                      unattached=len(snap.articles) - len(snap.story_of))


@router.get("/stories/{story_id}")
def story(ctx: Ctx, story_id: int) -> str:
    snap = ctx.view.snapshot()
    s = named(snap.story(story_id), snap.articles)
    siblings = [{**x, "pair": f"/pairs/{x['a']['id']}/{x['b']['id']}"} for x in sibling_rows(s, snap.articles)]
    return ctx.render("story.html", s=s, siblings=siblings)


@router.get("/articles/{article_id}")
def article(ctx: Ctx, article_id: str) -> str:
    snap = ctx.view.snapshot()
    a = snap.article(article_id)
    t = snap.trace([a.id], a.id)[0]
    t = {**t, "copies": [named(c, snap.articles) for c in t["copies"]]}
    root = snap.articles.get(t["root"]) if t.get("root") not in (None, a.id) else None
    return ctx.render("article.html", a=a, t=t, articles=snap.articles, paragraphs=a.text.split("\n\n"),
                      source_date=root.date if root and not is_crawled(root) else None)


@router.get("/trace")
def trace(ctx: Ctx, ref: Annotated[str, Query(min_length=1, max_length=4000)]) -> Response:
    ids = ctx.view.find(ref)
    if len(ids) == 1:
        return redirect(f"/articles/{ids[0]}")
    if not ids:
        raise NotFoundError(ctx.view.not_found(ref))
    return HTMLResponse(ctx.render("search.html", q=ref, field="all", fields=SEARCH_FIELDS,
                                   hits=_shown_rows(ctx, ctx.view.search(ref, "all", 200))))


@router.get("/pairs/{a}/{b}")
def pair(ctx: Ctx, a: str, b: str, lexical: bool = False) -> str:
    snap = ctx.view.snapshot()
    c = ctx.pairs.compare(snap.article(a), snap.article(b), lexical=lexical)
    story = snap.story_of.get(a) if snap.story_of.get(a) == snap.story_of.get(b) else None
    # a sibling pair (derived from one common source, not from each other): the page says so beside the source
    # relate stored for the two, which the story does not draw (review of session 25)
    rows = sibling_rows(snap.story(story), snap.articles) if story is not None else []
    sibling = next((x for x in rows if {x["a"]["id"], x["b"]["id"]} == {a, b}), None)
    return ctx.render("pair.html", **pair_context(c), stored=snap.stored_relation(a, b), story=story,
                      sibling=sibling, compared_with=ctx.pairs.cfg.embedder if not lexical else None)


@router.get("/sites")
def sites(ctx: Ctx) -> str:
    return ctx.render("sites.html", sites=ctx.view.snapshot().sites)


@router.get("/sites/{site:path}")
def site(ctx: Ctx, site: str) -> str:
    page = ctx.view.snapshot().site(site)
    return ctx.render("site.html", **{**page, "articles": _shown_rows(ctx, page["articles"])})


def _shown_rows(ctx: Ctx, rows: list[dict[str, Any]] | None) -> list[dict[str, Any]] | None:
    """``rows`` (articles as the JSON API gives them) with ``shown``, what the pages call each: an untitled one by
    the start of its text, as the trees name it (``shown_title``), not by a bare id."""
    if rows is None:
        return None
    articles = ctx.view.snapshot().articles
    return [{**r, "shown": shown_title(a) if (a := articles.get(r["id"])) else r["title"] or r["id"]} for r in rows]


@router.get("/search")
def search(ctx: Ctx, q: Annotated[str, Query(max_length=500)] = "", field: SearchField = "all") -> str:
    hits = ctx.view.search(q, field, 100) if q.strip() else None
    return ctx.render("search.html", q=q, field=field, fields=SEARCH_FIELDS, hits=_shown_rows(ctx, hits))


@router.get("/compare")
def compare_form(ctx: Ctx) -> str:
    return ctx.render("compare.html", form={}, lexical=False)


@router.post("/compare")
async def compare(ctx: Ctx, *, a_text: Annotated[str, Form()] = "",
                  b_text: Annotated[str, Form()] = "", a_file: Annotated[UploadFile | None, File()] = None,
                  b_file: Annotated[UploadFile | None, File()] = None,
                  lexical: Annotated[bool, Form()] = False) -> Response:
    form = {"a_text": a_text, "b_text": b_text}
    try:
        art_a = await _side(ctx, "a", a_text, a_file)
        art_b = await _side(ctx, "b", b_text, b_file)
        c = await run_in_threadpool(ctx.pairs.compare_sent, art_a, art_b, lexical=lexical)
    except WiretraceError as exc:
        if isinstance(exc, (NotFoundError, BusyError)):
            raise
        page = ctx.render("compare.html", form=form, lexical=lexical, error=str(exc))
        return HTMLResponse(page, status_code=413 if isinstance(exc, TooLargeError) else 422)
    return HTMLResponse(ctx.render("compare.html", form=form, lexical=lexical, **pair_context(c),
                                   compared_with=ctx.pairs.cfg.embedder if not lexical else None))


async def _side(ctx: Context, side: str, text: str, upload: UploadFile | None) -> Article:
    data = await upload.read() if upload is not None else b""
    if data:
        return ctx.article_from_upload(upload.filename if upload else None, data, side)
    if text.strip():
        return ctx.article_from_paste(text, side)
    raise InputError(f"article {side}", "paste its text or HTML, or choose a file")

