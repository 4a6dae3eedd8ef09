"""The JSON API's request bodies and the documented shape of its answers (for the OpenAPI schema).

Answers are the records the CLI's ``--json`` prints, returned as they are (these models document
them and are checked against real answers by the schemathesis test; they do not filter them).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

# Bounds on what one request may carry; the body-size middleware caps the bytes as well.
MAX_FIELD = 2_000_000
MAX_RECORDS = 200


class Error(BaseModel):
    detail: str = Field(description="what was wrong and how to fix it")


class ArticleIn(BaseModel):
    """One article as a JSON record: ``text`` (plain text, paragraphs split by blank lines) or ``html``,
    with optional metadata. The same record ``wiretrace index`` reads from a .jsonl line."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"anyOf": [{"required": ["text"]},
                                                                           {"required": ["html"]}]})
    # Leave a field out rather than send null: the schema says string, and so does validation.
    text: str | SkipJsonSchema[None] = Field(None, max_length=MAX_FIELD)
    html: str | SkipJsonSchema[None] = Field(None, max_length=MAX_FIELD)
    url: str | SkipJsonSchema[None] = Field(None, max_length=2000)
    title: str | SkipJsonSchema[None] = Field(None, max_length=2000)
    site: str | SkipJsonSchema[None] = Field(None, max_length=500)
    published: str | SkipJsonSchema[None] = Field(None, max_length=100,
                                                  description="publication date or time, ISO 8601 or free text")
    byline: str | SkipJsonSchema[None] = Field(None, max_length=500)
    language: str | SkipJsonSchema[None] = Field(None, max_length=20)

    @field_validator("*", mode="before")
    @classmethod
    def _no_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("null is not a value here: leave the field out")
        return value

    @model_validator(mode="after")
    def _text_or_html(self) -> ArticleIn:
        if self.text is None and self.html is None:
            raise ValueError("an article needs a 'text' or an 'html' field")
        return self


class CompareIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    a: ArticleIn
    b: ArticleIn
    lexical: bool = Field(False, description="compare words only (no embeddings): faster, blind to rewrites")


class IndexIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    records: list[ArticleIn] = Field(min_length=1, max_length=MAX_RECORDS)


class Article(BaseModel):
    id: str
    title: str | None
    url: str | None
    site: str | None
    date: str | None
    dateline: str | None
    credit: str | None
    byline: str | None
    language: str | None
    text: str | None = Field(description="the clean text (null in trace records)")
    boilerplate: list[str]
    boilerplate_rules: list[str] = Field(
        default_factory=list, description="the rule that removed each boilerplate entry, in the same order")
    signals: list[str]
    path: str | None


#: How a parent (a tree's, a trace's, a site's source) was chosen: the same words everywhere.
Direction = Annotated[Literal["decided", "by_date", "by_text", "unknown"] | None, Field(
    description="how the parent was chosen: relate decided the source, the earlier date was taken for a pair "
                "relate left open, the texts' shared changes from a common source ordered a pair relate left "
                "open or decided by the dates alone, or nothing said (drawn, not known)")]


class TreeNode(BaseModel):
    id: str
    title: str | None
    site: str | None
    date: str | None
    date_crawled: bool | None = Field(default=None, description="true where the date is when the page was "
                                      "crawled (signal date_from_crawl: online by then), not published (absent else)")
    path: str | None
    url: str | None
    relation: str | None = Field(description="how this article was derived from its parent (null at a root)")
    coverage: float | None
    direction: Direction = None
    tied_with: list[str] | None = Field(default=None, description="other articles the copy was taken from as "
                                        "closely, that neither the agency's own copy nor two known dates told "
                                        "apart from the parent: the tree picked one (absent where none)")
    why: str | None = Field(default=None, description="the strongest piece of source evidence relate gave for "
                                                      "this edge (absent where it stored none)")
    copies: list[TreeNode]


class StoryLink(BaseModel):
    a: str
    b: str
    relation: str
    a_in_b: float
    b_in_a: float
    direction: str


class StorySibling(BaseModel):
    a: str
    b: str
    of: str = Field(description="the common source relate named for both (each hangs under it in the tree)")
    relation: str = Field(description="relate's kind for the pair of siblings")
    why: str = Field(description="one plain line: \"both derive from ... , not from each other\"")


class Story(BaseModel):
    id: int
    root: TreeNode
    independent: list[TreeNode]
    size: int
    links: list[StoryLink] = Field(default_factory=list, description="derived pairs with no source decided "
                                                                     "that join this story but are not in its tree")
    siblings: list[StorySibling] | None = Field(default=None, description="pairs derived from one common source, "
                                                "one at least by translation, that relate linked to each other "
                                                "and whose texts show no copy: no source drawn between them "
                                                "(absent where none)")


class TraceSource(BaseModel):
    id: str
    relation: str
    coverage: float
    probability: float
    direction: Direction = None
    tied_with: list[str] | None = Field(default=None, description="other articles the copy was taken from as "
                                        "closely, that neither the agency's own copy nor two known dates told "
                                        "apart from the parent: the tree picked one (absent where none)")
    why: str | None = Field(default=None, description="the strongest piece of source evidence relate gave for "
                                                      "this edge (absent where it stored none)")


class TraceSibling(BaseModel):
    id: str
    of: str = Field(description="the common source both derive from")
    relation: str
    why: str


class Trace(BaseModel):
    article: Article
    story: int | None
    sources: list[TraceSource] = Field(description="the chain of sources, nearest first")
    root: str
    independent: list[str]
    copies: list[TreeNode]
    siblings: list[TraceSibling] | None = Field(default=None, description="articles derived from a common source "
                                                "with this one, not from it (see Story.siblings; absent where none)")


class SiteCount(BaseModel):
    site: str
    articles: int


class Site(BaseModel):
    site: str
    articles: int
    derived_share: float
    top_sources: list[SiteCount]
    kinds: dict[str, float]
    signals: dict[str, int]


class SiteSource(BaseModel):
    id: str
    title: str | None
    site: str
    relation: str
    coverage: float
    probability: float
    direction: Direction = None


class SiteArticle(BaseModel):
    id: str
    title: str | None
    date: str | None
    date_crawled: bool | None = Field(default=None, description="true where the date is when the page was "
                                      "crawled (signal date_from_crawl: online by then), not published (absent else)")
    url: str | None
    path: str | None
    story: int | None
    source: SiteSource | None
    copies: int


class SitePage(BaseModel):
    site: Site
    articles: list[SiteArticle]


class SearchHit(BaseModel):
    id: str
    title: str | None
    site: str
    date: str | None
    date_crawled: bool | None = Field(default=None, description="true where the date is when the page was "
                                      "crawled (signal date_from_crawl: online by then), not published (absent else)")
    url: str | None
    path: str | None
    story: int | None
    snippet: str


class Coverage(BaseModel):
    a_in_b: float
    b_in_a: float


class Relation(BaseModel):
    kind: Literal["verbatim", "edited_copy", "rewrite", "translation", "same_event", "unrelated"]
    coverage: Coverage
    source: Literal["a", "b"] | None
    source_probability: float
    evidence: list[str]
    features: dict[str, float]
    deciders: dict[str, str] = Field(default_factory=dict, description="the decider (with version) of each "
                                                                        "verdict: kind, source")


class AlignedPair(BaseModel):
    a: list[int]
    b: list[int]
    kind: Literal["exact", "edited", "paraphrase", "translated"]
    score: float
    a_sentences: list[int]
    b_sentences: list[int]


class DiffItem(BaseModel):
    op: Literal["added", "dropped", "changed"]
    type: Literal["number", "name", "date", "quote", "opinion", "claim", "negation", "qualifier", "attribution",
                  "boilerplate", "other"]
    a_text: str | None
    b_text: str | None
    a_span: list[int] | None
    b_span: list[int] | None
    material: bool = Field(default=True, description="false for rewording, listed after the findings")
    count: int = Field(default=1, description="occurrences this item stands for (a name change is listed once)")
    quoted: bool = Field(default=False, description="a sentence added or dropped that holds a quotation")


class Sentences(BaseModel):
    a: list[list[int]]
    b: list[list[int]]


class Comparison(BaseModel):
    """The JSON contract of ``wiretrace compare --json``."""

    a: Article
    b: Article
    relation: Relation
    alignment: list[AlignedPair]
    diff: list[DiffItem]
    sentences: Sentences


class Reject(BaseModel):
    path: str
    record: str
    reason: str


class SkippedKind(BaseModel):
    """Files of one suffix the folders held that are not read (not an article kind): counted, not rejects."""

    suffix: str = Field(description="the files' suffix, lower case ('' for none)")
    files: int
    reason: str
    first: str = Field(description="the first such file")


class IndexNote(BaseModel):
    """What a file read held besides its records, or read otherwise than written, without a reject: said, not
    stored."""

    path: str
    note: str = Field(description="one line, e.g. \"2 HTML pages read, 1 record of other content passed over "
                                  "(1 image/jpeg): only HTML responses are read\" or \"'source' is an object in 3 "
                                  "records (first: line 1): left out\"")


class IndexReport(BaseModel):
    """What ``wiretrace index --json`` prints, plus the ids of the articles the request carried."""

    records: int
    new_articles: int
    linked: int
    pairs_compared: int
    rejects: list[Reject]
    skipped_files: list[SkippedKind] = Field(default_factory=list)
    notes: list[IndexNote] = Field(default_factory=list, description="the files read this run that held what was "
                                   "passed over (a WARC's images) or read otherwise than written (a JSON Lines "
                                   "file's fields of odd types), one note a file and kind")
    gone: list[str] = Field(default_factory=list, description="files the folder held before and holds no more")
    unpruned: list[str] = Field(default_factory=list, description="folders indexed whose walk found no file although "
                                "files read before were under them (an unmounted drive): their gone files are in "
                                "'gone' and are never pruned")
    dropped: int = Field(0, description="articles no input holds any more, dropped")
    embedder: str | None = Field(None, description="the sentence embedder's name and version (null: words only)")
    uncovered_languages: dict[str, int] = Field(default_factory=dict, description="articles linked this run in a "
                                                "language the embedder does not cover, by language: compared by "
                                                "their words only")
    secondary_model_languages: dict[str, int] = Field(default_factory=dict, description="articles linked this run "
                                                      "that a routed embedder gave to its second model, by language")
    cpu_seconds: dict[str, float] = Field(default_factory=dict, description="CPU seconds by stage (ingest, segment, "
                                          "fingerprint, store, candidates, embed, docs, compare, other), summed over "
                                          "the index process and its workers")
    articles: list[str]


class StoreInfo(BaseModel):
    version: str
    articles: int
    relations: int
    stories: int
    rejects: int
    compare: str = Field(description="the embedder pair pages and compare use, or 'lexical'")
    writes: bool = Field(description="whether the write endpoints are enabled (a token was set, and the store's "
                                     "folder can be written)")
    writes_off: str | None = Field(None, description="why the write endpoints are off (null when they are on)")
