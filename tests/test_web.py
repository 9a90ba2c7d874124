"""The pages, the widget script and the SVG charts, without a browser (``bot/web.py``,
``bot/charts.py``, ``web/``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot import charts, web
from bot.models import Document
from bot.settings import Settings

HOSTILE = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>window.__pwned=1</script>"


@dataclass
class _Index:
    documents: dict[str, Document]


@dataclass
class StubEngine:
    """What the pages use of an engine: its figures and its documents."""

    documents: dict[str, Document]
    figure_list: list[dict[str, Any]] = field(default_factory=list)

    @property
    def index(self) -> _Index:
        return _Index(self.documents)

    def figures(self) -> list[dict[str, Any]]:
        return self.figure_list


def make_app(engine: Any, **settings: Any) -> FastAPI:
    app = FastAPI()
    app.state.settings = Settings(**settings)
    app.state.engine = engine
    app.include_router(web.router)
    return app


def _figure(i: int, label: str, value: float | None, unit: str, text: str, doc: Document,
            **extra: Any) -> dict[str, Any]:
    start = doc.text.index(text)
    return {"id": f"f{i}", "label": label, "value": value, "unit": unit, "text": text,
            "qualifier": None, "period": "2021", "date": None, "doc_id": doc.id,
            "start": start, "end": start + len(text), **extra}


@pytest.fixture(scope="module")
def hostile_engine() -> StubEngine:
    text = (f"Hostile {HOSTILE} heading\n\nThe fair drew 7,777 visitors {HOSTILE} in 2021. "
            f"{SCRIPT} Sales were 12 bn RMB, up 8.5% on the year.")
    doc = Document(id="evil/doc", title=f"Evil {SCRIPT} title", text=text,
                   url="javascript:alert(1)", headings=((0, len(text.split("\n")[0]), ""),))
    label = f"visitors {SCRIPT}"
    return StubEngine({doc.id: doc}, [
        _figure(0, label, 7777, "count", "7,777", doc),
        _figure(1, f"sales {HOSTILE}", 12e9, "RMB", "12 bn RMB", doc, qualifier="over"),
        _figure(2, f"growth {SCRIPT}", 8.5, "%", "8.5%", doc),
    ])


@pytest.fixture(scope="module")
def client(fake_engine) -> TestClient:
    return TestClient(make_app(fake_engine, allowed_origins=["https://portal.example"]))


def test_chat_embed_and_demo_pages_render_the_widget(client):
    for path in ("/", "/embed", "/demo"):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        assert '<script src="/widget.js"' in r.text
        assert "script-src 'self'" in r.headers["content-security-policy"]
        assert re.search(r"<title>[^<]+</title>", r.text)
    assert '<yiwu-chat mode="inline"' in client.get("/").text
    assert '<yiwu-chat mode="inline"' in client.get("/embed").text
    demo = client.get("/demo").text
    assert "font: 30px serif !important" in demo  # the hostile host stylesheet
    assert re.search(r'<script src="/widget\.js" async data-title="[^"]+" data-accent="#', demo)
    assert '<iframe class="demo-iframe" src="/embed"' in demo


WIDGET_JS = [name for name in web.WIDGET_FILES if name.endswith(".js")]


def _widget_text(name: str) -> str:
    return (web.STATIC / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("name", web.WIDGET_FILES)
def test_widget_files_are_served_cacheable_and_readable_from_any_origin(client, name):
    r = client.get(f"/{name}", headers={"Origin": "https://elsewhere.example"})
    assert r.status_code == 200
    wanted = ("text/css",) if name.endswith(".css") else ("text/javascript",
                                                          "application/javascript")
    assert r.headers["content-type"].split(";")[0] in wanted
    assert "max-age=" in r.headers["cache-control"]
    assert r.headers["cross-origin-resource-policy"] == "cross-origin"
    assert r.headers["access-control-allow-origin"] == "*"  # modules and fetch() need CORS
    assert r.headers["x-content-type-options"] == "nosniff"
    again = client.get(f"/{name}", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert r.text == _widget_text(name)


def test_widget_is_a_loader_its_modules_and_a_stylesheet(client):
    loader = client.get("/widget.js").text
    assert 'const TAG = "yiwu-chat"' in loader and "customElements.define(TAG" in loader
    assert "document.currentScript" in loader  # options come from the one script tag
    assert "export " not in loader and "import {" not in loader  # a classic script
    # it asks for every module at once; each module imports only its siblings, by name
    modules = re.search(r"const MODULES = \[([^\]]*)\]", loader).group(1)
    assert sorted(re.findall(r'"([^"]+)"', modules)) == sorted(
        n for n in WIDGET_JS if n != "widget.js")
    for name in WIDGET_JS:
        for imported in re.findall(r'^import .* from "([^"]+)";$', _widget_text(name), re.M):
            assert imported.startswith("./") and imported[2:] in web.WIDGET_FILES, imported
    assert '"Open chat"' in _widget_text("widget-i18n.js")
    assert '"Ask a question"' in _widget_text("widget-i18n.js")
    assert "sessionStorage" in _widget_text("widget-chat.js")
    css = client.get("/widget.css").text
    assert ":host { all: initial !important; }" in css and "--yiwu-accent" in css
    assert "`" not in css  # the stylesheet is plain CSS, no longer a string in the script
    assert not any(".launcher {" in _widget_text(n) for n in WIDGET_JS)
    on_disk = {p.name for p in web.STATIC.glob("widget*")}
    assert on_disk == set(web.WIDGET_FILES)  # every widget file is served, and only those
    for name in web.WIDGET_FILES:
        assert len(_widget_text(name).splitlines()) < 400, name  # one concept per file


def test_widget_never_parses_markup():
    """The policy: server text goes in as text only; nothing in the widget parses HTML."""
    for name in WIDGET_JS:
        js = _widget_text(name)
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                     "eval(", "new Function", "DOMParser", "createContextualFragment"):
            assert sink not in js, (name, sink)
        assert "http://" not in js.replace('"http://www.w3.org/2000/svg"', "").replace(
            '"http:"', ""), name  # no third-party requests: every URL is built from ORIGIN
        assert "https://" not in js.replace("https://HOST/", ""), name


def test_embed_may_be_framed_by_allowed_origins_only(client):
    embed = client.get("/embed").headers["content-security-policy"]
    assert "frame-ancestors 'self' https://portal.example" in embed
    page = client.get("/").headers["content-security-policy"]
    assert page.endswith("frame-ancestors 'self'")
    bare = TestClient(make_app(None)).get("/embed").headers["content-security-policy"]
    assert bare.endswith("frame-ancestors 'self'")


def test_embed_options_are_validated_and_escaped(client):
    r = client.get("/embed", params={"accent": "red;}</style>", "lang": "zh",
                                     "title": "<b>Hi</b>"})
    assert "data-accent" not in r.text
    assert 'data-lang="zh"' in r.text and '<html lang="zh">' in r.text
    assert "<b>Hi</b>" not in r.text and "&lt;b&gt;Hi&lt;/b&gt;" in r.text
    ok = client.get("/embed", params={"accent": "#0a7", "lang": "xx"}).text
    assert 'data-accent="#0a7"' in ok and 'data-lang="en"' in ok


def test_figures_page_has_a_row_and_a_working_link_per_figure(client, fake_engine):
    figures = fake_engine.figures()
    assert figures, "the corpus should hold figures"
    r = client.get("/figures")
    assert r.status_code == 200
    rows = re.findall(r'<tr id="figure-([^"]+)">(.*?)</tr>', r.text, re.S)
    assert [fid for fid, _ in rows] == [f["id"] for f in figures]
    for fig, (_, row) in zip(figures, rows, strict=True):
        assert charts.format_value(fig).replace("&", "&amp;") in row
        href = re.search(r'<a href="([^"]+)"', row).group(1).replace("&amp;", "&")
        assert href == web.passage_href(fig["doc_id"], fig["start"], fig["end"])
    fig = next(f for f in figures if f["unit"] == "count")
    doc = client.get(web.passage_href(fig["doc_id"], fig["start"], fig["end"]))
    assert doc.status_code == 200
    assert re.search(r'<mark id="hl">' + re.escape(fig["text"]) + "</mark>", doc.text)


def test_figures_page_draws_money_and_rates_as_two_accessible_svg_charts(client, fake_engine):
    page = client.get("/figures").text
    svgs = re.findall(r"<svg\b[^>]*class=\"chart\".*?</svg>", page, re.S)
    assert len(svgs) == 2
    money, rates = svgs
    for svg in svgs:
        assert 'role="img"' in svg and "aria-label=" in svg and "<title " in svg
    figures = fake_engine.figures()
    n_money = len(charts.bars_for(figures, "RMB"))
    n_rates = len(charts.bars_for(figures, "%"))
    assert n_money >= 2 and n_rates >= 2
    assert money.count('class="bar"') == n_money and rates.count('class="bar"') == n_rates
    assert "bn RMB" in money and "%" in rates and "RMB" not in rates
    assert "<script" not in page  # readable with JavaScript off: no script on this page


def test_templates_escape_hostile_document_text(hostile_engine):
    c = TestClient(make_app(hostile_engine))
    figures_page = c.get("/figures").text
    doc_id = "evil/doc"
    fig = hostile_engine.figures()[0]
    doc_page = c.get(web.passage_href(doc_id, fig["start"], fig["end"])).text
    for page in (figures_page, doc_page):
        assert "<script>window.__pwned" not in page
        assert "<img src=x" not in page
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in doc_page
    assert "javascript:" not in doc_page  # a non-http source URL is not linked
    assert '<mark id="hl">7,777</mark>' in doc_page
    assert "<h2" in doc_page  # the heading span is rendered as a heading


def test_document_page_ranges_and_unknown_documents(hostile_engine):
    c = TestClient(make_app(hostile_engine))
    assert "<mark" not in c.get("/doc/evil/doc", params={"start": 5, "end": 10**6}).text
    assert "<mark" not in c.get("/doc/evil/doc", params={"start": 9, "end": 3}).text
    assert c.get("/doc/evil/doc").status_code == 200
    assert c.get("/doc/no/such").status_code == 404


def test_pages_that_need_the_index_say_it_is_loading():
    c = TestClient(make_app(None))
    for path in ("/figures", "/doc/anything"):
        r = c.get(path)
        assert r.status_code == 503 and r.headers["retry-after"] == "5"
        assert "still loading" in r.text
    assert c.get("/").status_code == 200  # the chat page itself does not wait


def test_static_files_are_served_by_name_only(client):
    assert client.get("/static/site.css").headers["content-type"].startswith("text/css")
    for bad in ("/static/../../bot/web.py", "/static/.env", "/static/nope.css"):
        assert client.get(bad).status_code == 404


@pytest.mark.parametrize(("fig", "shown"), [
    ({"value": 45e9, "unit": "RMB"}, "45 bn RMB"),
    ({"value": 4e8, "unit": "RMB"}, "400 m RMB"),
    ({"value": 8.714e9, "unit": "RMB"}, "8.714 bn RMB"),
    ({"value": 66.7, "unit": "%"}, "66.7%"),
    ({"value": 3692, "unit": "count"}, "3,692"),
    ({"value": 16, "unit": "rank"}, "16th"),
    ({"value": 1, "unit": "rank"}, "1st"),
    ({"value": 12, "unit": "rank"}, "12th"),
    ({"value": 7, "unit": "years"}, "7 years"),
    ({"value": 104.81, "unit": "index"}, "104.81"),
    ({"value": None, "unit": "date", "date": "2021-12-15", "text": "December 15, 2021"},
     "2021-12-15"),
    ({"value": None, "unit": "count", "text": "dozens"}, "dozens"),
])
def test_format_value(fig, shown):
    assert charts.format_value(fig) == shown


def test_bar_chart_scale_dedupe_and_escaping():
    figs = [{"label": "a <b>", "value": 300e9, "unit": "RMB", "period": "2021"},
            {"label": "a <b>", "value": 300e9, "unit": "RMB", "period": "2021"},  # twice
            {"label": "c", "value": 4e8, "unit": "RMB", "qualifier": "more than"},
            {"label": "b", "value": 150e9, "unit": "RMB"},
            {"label": "d", "value": 12.0, "unit": "%"}]
    bars = charts.bars_for(figs, "RMB")
    assert [(b.label, b.shown) for b in bars] == [("A <b> (2021)", "300 bn RMB"),
                                                  ("B", "150 bn RMB"),
                                                  ("C", "more than 400 m RMB")]
    svg = charts.bar_chart(bars, chart_id="x", title="T & U", description="d",
                           axis_label=charts.money_axis)
    assert "<b>" not in svg and "A &lt;b&gt; (2021)" in svg and "T &amp; U" in svg
    widths = [float(w) for w in re.findall(r'class="bar"[^>]*width="([\d.]+)"', svg)]
    # one linear scale from zero; a tiny value keeps a visible 2 px stub
    assert widths[0] == pytest.approx(2 * widths[1], abs=0.2) and widths[2] == 2.0
    assert charts.nice_ticks(371.5e9)[-1] >= 371.5e9
    assert charts.nice_ticks(107.2) == [0, 25, 50, 75, 100, 125]
    empty = charts.bar_chart([], chart_id="e", title="E", description="",
                             axis_label=charts.percent_axis)
    assert "No figures" in empty


def test_chart_labels_wrap_in_two_lines_at_most():
    assert charts.wrap("short label", 20) == ["short label"]
    assert charts.wrap("one two three four five six", 10) == ["one two", "three fou…"]
    long = charts.bar_chart([charts.Bar("word " * 40, 1.0, "1")], chart_id="w", title="W",
                            description="", axis_label=charts.percent_axis)
    assert long.count('class="label"') == 2 and "…" in long


def test_the_api_app_serves_the_pages_with_their_headers(fake_engine, tmp_path):
    """Through ``bot.api.create_app`` and its middleware, not only this router."""
    from bot.api import create_app

    settings = Settings(allowed_origins=["https://portal.example"],
                        feedback_db=tmp_path / "feedback.sqlite3")
    with TestClient(create_app(settings, engine=fake_engine)) as c:
        embed = c.get("/embed")
        assert embed.status_code == 200
        assert "frame-ancestors 'self' https://portal.example" in \
            embed.headers["content-security-policy"]
        assert "frame-ancestors 'self' https" not in c.get("/").headers[
            "content-security-policy"]
        assert c.get("/widget.js").headers["content-type"].startswith("text/javascript")
        assert c.get("/figures").status_code == 200
        # the widget's files: an allowed portal gets its name back, any other page "*";
        # the API itself still answers allowed origins only
        portal = {"Origin": "https://portal.example"}
        other = {"Origin": "https://elsewhere.example"}
        for name in web.WIDGET_FILES:
            assert c.get(f"/{name}", headers=portal).headers[
                "access-control-allow-origin"] == "https://portal.example"
            assert c.get(f"/{name}", headers=other).headers[
                "access-control-allow-origin"] == "*"
        assert "access-control-allow-origin" not in c.get("/readyz", headers=other).headers
