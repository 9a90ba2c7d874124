"""The web layer: the chat page, the iframe embed, the figures page, document pages, the
demo portal and the widget script. It reads the engine from ``app.state``; it answers nothing.

Every page is rendered by Jinja with autoescaping on, and sent with a Content-Security-Policy
that allows scripts from this origin only; ``/embed`` alone may be framed by the origins in
``settings.allowed_origins``. The widget's files are served at the root, readable by any page.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from . import charts
from .settings import frame_ancestors

ROOT = Path(__file__).resolve().parent.parent / "web"
STATIC = ROOT / "static"
WIDGET = STATIC / "widget.js"
# The widget, each file at /<name>: the loader a portal's one script tag names, the ES modules
# it imports (its MODULES), and its stylesheet.
WIDGET_FILES = ("widget.js", "widget-chat.js", "widget-reply.js", "widget-dom.js",
                "widget-i18n.js", "widget.css")

templates = Jinja2Templates(directory=ROOT / "templates")
templates.env.globals["format_value"] = charts.format_value
router = APIRouter(include_in_schema=False)

STARTERS = {
    "en": ["How many 5G base stations has Yiwu built?",
           "What was Yiwu's e-commerce volume in 2021?",
           "How fast did the digital economy grow?"],
    "zh": ["义乌建成了多少个5G基站？", "2021年义乌电子商务交易额是多少？", "数字经济增长了多少？"],
}
_ACCENT = re.compile(r"#[0-9A-Fa-f]{3}([0-9A-Fa-f]{3})?")
_STATIC_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*\.(css|js|svg|png)")
_MEDIA = {"css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8",
          "svg": "image/svg+xml", "png": "image/png"}


def _csp(ancestors: str = "frame-ancestors 'self'") -> str:
    return ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; "
            f"base-uri 'none'; form-action 'self'; {ancestors}")


def _page(request: Request, name: str, context: dict[str, Any] | None = None, *,
          status: int = 200, ancestors: str = "frame-ancestors 'self'") -> HTMLResponse:
    headers = {"Content-Security-Policy": _csp(ancestors), "Referrer-Policy": "same-origin",
               "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}
    return templates.TemplateResponse(request, name, {"request": request, **(context or {})},
                                      status_code=status, headers=headers)


def _engine(request: Request) -> Any | None:
    return getattr(request.app.state, "engine", None)


def _not_ready(request: Request) -> HTMLResponse:
    response = _page(request, "loading.html", status=503)
    response.headers["Retry-After"] = "5"
    return response


def _widget_options(request: Request) -> dict[str, str]:
    """Widget options an iframe may pass in its query string, validated."""
    q = request.query_params
    lang = q.get("lang") if q.get("lang") in STARTERS else "en"
    options = {"lang": lang, "title": (q.get("title") or "")[:80],
               "suggestions": "|".join(STARTERS[lang])}
    if _ACCENT.fullmatch(q.get("accent") or ""):
        options["accent"] = q["accent"]
    return options


def passage_href(doc_id: str, start: int, end: int) -> str:
    """The document page with the span ``start:end`` highlighted and scrolled into view."""
    return f"/doc/{doc_id}?start={int(start)}&end={int(end)}#hl"


@router.get("/", response_class=HTMLResponse)
def chat_page(request: Request) -> HTMLResponse:
    return _page(request, "chat.html", {"widget": _widget_options(request)})


@router.get("/embed", response_class=HTMLResponse)
def embed_page(request: Request) -> HTMLResponse:
    settings = getattr(request.app.state, "settings", None)
    ancestors = frame_ancestors(settings) if settings else "frame-ancestors 'self'"
    return _page(request, "embed.html", {"widget": _widget_options(request)},
                 ancestors=ancestors)


@router.get("/demo", response_class=HTMLResponse)
def demo_page(request: Request) -> HTMLResponse:
    return _page(request, "demo.html", {"starters": "|".join(STARTERS["en"])})


@router.get("/figures", response_class=HTMLResponse)
def figures_page(request: Request) -> HTMLResponse:
    engine = _engine(request)
    if engine is None:
        return _not_ready(request)
    figures = engine.figures()
    documents = engine.index.documents
    rows = [{**f, "shown": charts.format_value(f),
             "href": passage_href(f["doc_id"], f["start"], f["end"]),
             "doc_title": documents[f["doc_id"]].title if f["doc_id"] in documents else ""}
            for f in figures]
    money = charts.bar_chart(
        charts.bars_for(figures, "RMB"), chart_id="chart-money", title="Amounts (RMB)",
        description="Every money figure in the corpus on one linear scale, in RMB.",
        axis_label=charts.money_axis)
    growth = charts.bar_chart(
        charts.bars_for(figures, "%"), chart_id="chart-percent",
        title="Growth rates (%)",
        description="Every percentage in the corpus on one linear scale.",
        axis_label=charts.percent_axis)
    # charts.py escapes every text it draws, so its SVG is safe markup
    return _page(request, "figures.html", {
        "rows": rows, "documents": len(documents), "charts": [
            ("Amounts (RMB)", Markup(money)), ("Growth rates (%)", Markup(growth))]})


@dataclass(frozen=True)
class _Paragraph:
    heading: bool
    parts: list[tuple[str, bool]]  # (text, highlighted)
    anchor: str


def _paragraphs(doc: Any, start: int | None, end: int | None) -> list[_Paragraph]:
    """The document's cleaned text as paragraphs, with ``start:end`` marked."""
    text: str = doc.text
    headings = {(h[0], h[1]) for h in getattr(doc, "headings", ())}
    spans, pos = [], 0
    for m in re.finditer(r"\n\s*\n", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    out = []
    for a, b in spans:
        if not text[a:b].strip():
            continue
        parts = [(text[a:b], False)]
        if start is not None and end is not None and start < b and end > a:
            s, e = max(a, start), min(b, end)
            parts = [(text[a:s], False), (text[s:e], True), (text[e:b], False)]
        out.append(_Paragraph((a, b) in headings, [p for p in parts if p[0]], f"at-{a}"))
    return out


@router.get("/doc/{doc_id:path}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, start: int | None = None,
                  end: int | None = None) -> HTMLResponse:
    engine = _engine(request)
    if engine is None:
        return _not_ready(request)
    doc = engine.index.documents.get(doc_id)
    if doc is None:
        return _page(request, "not_found.html", {"what": doc_id}, status=404)
    if start is None or end is None or not 0 <= start < end <= len(doc.text):
        start = end = None
    url = doc.url if doc.url and re.match(r"https?://", doc.url) else None
    return _page(request, "doc.html", {
        "doc": doc, "url": url, "paragraphs": _paragraphs(doc, start, end),
        "quote": doc.text[start:end] if start is not None else None})


def _etag(path: Path) -> str:
    stat = path.stat()
    key = f"{path.name}:{stat.st_mtime_ns}:{stat.st_size}"
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:20] + '"'


def _static(request: Request, path: Path, media_type: str, max_age: int, *,
            public: bool = False) -> Response:
    etag = _etag(path)
    headers = {"ETag": etag, "X-Content-Type-Options": "nosniff",
               "Cache-Control": f"public, max-age={max_age}, stale-while-revalidate=86400",
               # a portal on another origin loads the widget: let it, even under COEP
               "Cross-Origin-Resource-Policy": "cross-origin"}
    if public:
        # Module scripts and fetch() read cross-origin files through CORS. These are public,
        # fetched without credentials, so any page may read them (an allowed origin gets its
        # own name back from OriginPolicy instead); the API keeps to the allowed origins.
        headers["Access-Control-Allow-Origin"] = "*"
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return FileResponse(path, media_type=media_type, headers=headers)


def _widget_file(name: str) -> Callable[[Request], Response]:
    path, media_type = STATIC / name, _MEDIA[name.rsplit(".", 1)[1]]

    def widget_file(request: Request) -> Response:
        """A file of the embeddable widget. Its URL carries no version: caches revalidate
        hourly."""
        return _static(request, path, media_type, 3600, public=True)

    return widget_file


for _name in WIDGET_FILES:
    router.add_api_route(f"/{_name}", _widget_file(_name), methods=["GET"],
                         name=f"widget:{_name}")


@router.get("/static/{name}")
def static_file(request: Request, name: str) -> Response:
    path = STATIC / name
    if not _STATIC_NAME.fullmatch(name) or not path.is_file():
        raise HTTPException(status_code=404, detail="not found")
    return _static(request, path, _MEDIA[name.rsplit(".", 1)[1]], 3600)
