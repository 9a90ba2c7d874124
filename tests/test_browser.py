"""The widget, the embed and the figures page in real Chromium, against a real server.

Each server is ``uvicorn bot.api:create_app --factory`` in a subprocess, over an index built
with the fake embedder (fast, no model). ``docs/screenshots.py`` writes the README's pictures.
"""

from __future__ import annotations

import html
import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright import sync_api

pytestmark = pytest.mark.browser
expect = sync_api.expect

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("BOT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
QUESTION = "how many 5G base stations?"
FIGURE = re.compile(r"3,?692")
HOSTILE_DOC = """---
title: Pumpkin festival <img src=x onerror=alert(2)> report
---
Pumpkin Festival Report

In 2021, the Yiwu pumpkin festival drew 7,777 visitors <img src=x onerror=alert(1)> to the old
town. <script>window.__pwned=1</script> Organisers called the pumpkin festival a success.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _PortalPage(http.server.BaseHTTPRequestHandler):
    """A portal on another origin: one page holding the widget's script tag, with a strict
    CSP that allows no inline script or style, and of the widget's origin (``?widget=``)
    only scripts and requests. Every CSP violation is kept in ``window.__violations``."""

    def do_GET(self) -> None:
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        widget = query.get("widget", [""])[0]
        csp = (f"default-src 'none'; script-src {widget}; connect-src {widget}; "
               "style-src 'self'; img-src 'self'; base-uri 'none'; object-src 'none'")
        body = ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
                "<title>Portal</title><script>window.__inline = 1</script></head>"
                "<body><h1>A strict portal</h1>"
                f"<script src='{html.escape(widget)}/widget.js' async "
                "data-accent='#b4232a'></script></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Security-Policy", csp)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def portals() -> Iterator[tuple[str, str]]:
    """Two portals on loopback, other origins than the widget's: the first is in the
    servers' BOT_ALLOWED_ORIGINS, the second is not."""
    servers = [http.server.ThreadingHTTPServer(("127.0.0.1", 0), _PortalPage) for _ in "ab"]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tuple(f"http://localhost:{s.server_address[1]}" for s in servers)
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def start_server(tmp_path_factory, portals) -> Iterator[Callable[[Path, Path], str]]:
    """Start ``uvicorn bot.api:create_app`` over an index; returns its base URL when ready."""
    procs: list[subprocess.Popen] = []

    def start(index_dir: Path, corpus_dir: Path) -> str:
        port = _free_port()
        var = tmp_path_factory.mktemp("server")
        env = {**os.environ, "BOT_EMBEDDER": "fake", "BOT_MULTILINGUAL": "fake",
               "BOT_INDEX_DIR": str(index_dir), "BOT_CORPUS_DIR": str(corpus_dir),
               "BOT_FEEDBACK_DB": str(var / "feedback.sqlite3"), "BOT_LOG_LEVEL": "WARNING",
               "BOT_RATE_LIMIT_PER_MINUTE": "0", "BOT_SESSION_RATE_LIMIT_PER_MINUTE": "0",
               "BOT_ALLOWED_ORIGINS": portals[0]}
        log = open(var / "server.log", "w")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "bot.api:create_app", "--factory",
             "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        procs.append(proc)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"server exited: {(var / 'server.log').read_text()}")
            try:
                with urllib.request.urlopen(base + "/readyz", timeout=2) as r:
                    if r.status == 200:
                        return base
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"server not ready: {(var / 'server.log').read_text()}")

    yield start
    for proc in procs:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def base_url(start_server, fake_index_dir, corpus_dir) -> str:
    return start_server(fake_index_dir, corpus_dir)


@pytest.fixture(scope="session")
def hostile_url(start_server, tmp_path_factory, corpus_dir) -> str:
    """A server over the real article plus a document full of markup."""
    from bot.build import build
    from bot.embed import FakeEmbedder

    tmp = tmp_path_factory.mktemp("hostile")
    corpus = tmp / "corpus"
    shutil.copytree(corpus_dir, corpus)
    (corpus / "pumpkin-festival.txt").write_text(HOSTILE_DOC, encoding="utf-8")
    build(corpus, tmp / "index", embedder=FakeEmbedder(), multilingual=FakeEmbedder())
    return start_server(tmp / "index", corpus)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: `make test` installs it (apt chromium)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser) -> Iterator[Callable[..., object]]:
    contexts = []

    def make(**options):
        ctx = browser.new_context(**{"viewport": {"width": 1280, "height": 800}, **options})
        ctx.set_default_timeout(15_000)
        contexts.append(ctx)
        page = ctx.new_page()
        page.errors = []
        page.on("pageerror", lambda e: page.errors.append(str(e)))
        return page

    yield make
    for ctx in contexts:
        ctx.close()


def open_widget(page, base: str, path: str = "/demo"):
    page.goto(base + path)
    page.get_by_role("button", name="Open chat", exact=True).click()
    box = page.get_by_role("textbox", name="Ask a question", exact=True)
    expect(box).to_be_focused()
    return page.locator("yiwu-chat"), box


def ask(page, box, question: str) -> dict:
    with page.expect_response(lambda r: r.url.endswith("/ask")) as info:
        box.fill(question)
        box.press("Enter")
    return info.value.json()


def sessions(page) -> list[str]:
    return page.evaluate("Object.keys(sessionStorage).filter(k => k.endsWith(':session'))"
                         ".map(k => sessionStorage.getItem(k))")


def test_widget_answers_with_figure_and_highlighted_citation_in_one_session(new_page, base_url):
    page = new_page()
    chat, box = open_widget(page, base_url)
    first = ask(page, box, QUESTION)
    assert first["turn"] == 1
    expect(chat.locator(".answer").last).to_contain_text(FIGURE)
    expect(chat.locator(".fig-value").first).to_have_text("3,692")
    expect(chat.locator(".cite mark").first).to_contain_text(FIGURE)
    expect(chat.locator("div.sr[aria-live=polite]")).to_contain_text(FIGURE)  # announced
    assert sessions(page) == [first["session_id"]]
    href = chat.locator(".cite-source a").first.get_attribute("href")
    assert href.startswith(base_url + "/doc/") and href.endswith("#hl")
    source = new_page()
    source.goto(href)
    expect(source.locator("mark#hl")).to_contain_text(FIGURE)

    second = ask(page, box, "and what rank is that in Zhejiang?")
    assert second["turn"] == 2 and second["session_id"] == first["session_id"]
    assert sessions(page) == [first["session_id"]]
    expect(chat.locator(".answer")).to_have_count(2)
    expect(chat.locator(".chips .chip").first).to_be_visible()  # follow-up suggestions

    page.keyboard.press("Escape")
    expect(chat.locator(".panel")).to_be_hidden()
    assert page.evaluate("document.activeElement.shadowRoot.activeElement.className") == \
        "launcher"
    page.reload()  # the conversation survives a page change within the tab
    page.get_by_role("button", name="Open chat", exact=True).click()
    expect(chat.locator(".answer")).to_have_count(2)
    assert page.errors == []


def test_new_conversation_and_feedback(new_page, base_url):
    page = new_page()
    chat, box = open_widget(page, base_url)
    first = ask(page, box, QUESTION)
    with page.expect_response(lambda r: r.url.endswith("/feedback")) as fb:
        chat.get_by_role("button", name="Helpful", exact=True).click()
    assert fb.value.status == 200
    expect(chat.get_by_text("Thanks for the feedback.")).to_be_visible()
    expect(chat.get_by_role("button", name="Helpful", exact=True)).to_have_attribute(
        "aria-pressed", "true")
    chat.get_by_role("button", name="New conversation").click()
    assert sessions(page) == []
    expect(chat.locator(".answer")).to_have_count(0)
    expect(box).to_be_focused()
    with page.expect_response(lambda r: r.url.endswith("/ask")) as info:
        chat.locator(".chip").first.click()  # a starter suggestion asks it
    again = info.value.json()
    assert again["turn"] == 1 and again["session_id"] != first["session_id"]
    expect(chat.locator(".msg.user")).to_have_count(1)


def test_iframe_embed_answers(new_page, base_url):
    page = new_page()
    page.goto(base_url + "/demo")
    frame = page.frame_locator("iframe.demo-iframe")
    box = frame.get_by_role("textbox", name="Ask a question", exact=True)
    box.fill(QUESTION)
    box.press("Enter")
    expect(frame.locator(".answer")).to_contain_text(FIGURE)
    expect(frame.locator("mark").first).to_be_visible()


def test_hostile_document_text_is_shown_as_text(new_page, hostile_url):
    page = new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    chat, box = open_widget(page, hostile_url)
    reply = ask(page, box, "how many visitors did the pumpkin festival draw?")
    assert any("<script>window.__pwned=1</script>" in c["text"] for c in reply["citations"])
    expect(chat.locator(".cite").first).to_contain_text("<script>window.__pwned=1</script>")
    expect(chat.locator(".cite").first).to_contain_text("<img src=x onerror=alert(1)>")
    expect(chat.locator(".cite-source a").first).to_contain_text("<img src=x")
    page.wait_for_timeout(300)
    inserted = page.evaluate("document.querySelector('yiwu-chat').shadowRoot"
                             ".querySelectorAll('img, script').length")
    assert inserted == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    page.goto(chat.locator(".cite-source a").first.get_attribute("href"))  # the doc page too
    expect(page.locator("mark#hl")).to_be_visible()
    page.goto(hostile_url + "/figures")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []


def test_host_page_css_does_not_reach_the_widget(new_page, base_url):
    page = new_page()
    page.goto(base_url + "/demo")
    host_p = page.locator(".demo-article p").first
    assert host_p.evaluate("e => getComputedStyle(e).fontSize") == "30px"  # the CSS is hostile
    chat, box = open_widget(page, base_url)
    ask(page, box, QUESTION)
    expect(chat.locator(".answer")).to_contain_text(FIGURE)
    for sel in (".answer", ".launcher", "input", ".head h2", ".quote", ".fig-label"):
        style = chat.locator(sel).first.evaluate(
            "e => { const s = getComputedStyle(e); return [s.fontSize, s.color, s.fontFamily,"
            " s.textTransform, s.borderStyle, s.backgroundColor]; }")
        size, color, family, transform, border, background = style
        assert size != "30px" and float(size[:-2]) < 24, (sel, style)
        assert color != "rgb(255, 0, 0)" and family.strip() != "serif", (sel, style)
        assert transform == "none" and border != "dashed", (sel, style)
        assert background not in ("rgb(0, 255, 0)", "rgb(255, 255, 0)"), (sel, style)
    mark = chat.locator(".cite mark").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert mark != "rgb(0, 0, 0)"


def test_phone_viewport_fills_the_screen(new_page, base_url):
    page = new_page(viewport={"width": 375, "height": 667}, has_touch=True)
    chat, box = open_widget(page, base_url)
    panel = chat.locator(".panel").bounding_box()
    assert panel == {"x": 0, "y": 0, "width": 375, "height": 667}
    ask(page, box, QUESTION)
    expect(chat.locator(".answer")).to_contain_text(FIGURE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    for _ in range(12):  # full screen: Tab stays inside the panel
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.tagName") == "YIWU-CHAT"
    chat.get_by_role("button", name="Close chat").click()
    expect(chat.get_by_role("button", name="Open chat", exact=True)).to_be_focused()


def test_keyboard_only_conversation(new_page, base_url):
    page = new_page()
    page.goto(base_url + "/demo")
    # A locator, not wait_for_function: its polling compiles a string, which the demo
    # page's CSP (no 'unsafe-eval') may refuse.
    expect(page.get_by_role("button", name="Open chat", exact=True)).to_be_visible()
    focused = "(document.activeElement.shadowRoot || {}).activeElement?.className"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate(focused) == "launcher":
            break
    else:
        pytest.fail("Tab never reached the launcher")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.shadowRoot.activeElement"
                         ".getAttribute('aria-label')") == "Ask a question"
    with page.expect_response(lambda r: r.url.endswith("/ask")):
        page.keyboard.type(QUESTION)
        page.keyboard.press("Enter")
    chat = page.locator("yiwu-chat")
    expect(chat.locator(".answer")).to_contain_text(FIGURE)
    page.keyboard.press("Escape")
    assert page.evaluate(focused) == "launcher"


def test_rate_limit_server_error_and_offline_states(new_page, base_url):
    page = new_page()
    chat, box = open_widget(page, base_url)
    error = chat.locator(".msg.error")
    retry = chat.get_by_role("button", name="Retry")

    page.route("**/ask", lambda route: route.fulfill(
        status=429, headers={"Retry-After": "2", "Access-Control-Expose-Headers": "Retry-After"},
        content_type="application/json", body='{"error": {"code": "rate_limited"}}'))
    box.fill(QUESTION)
    box.press("Enter")
    expect(error).to_contain_text("ask again in 2 s")
    expect(retry).to_be_disabled()
    expect(error).to_contain_text("You can ask again now", timeout=5000)
    page.unroute("**/ask")
    retry.click()
    expect(chat.locator(".answer")).to_contain_text(FIGURE)
    expect(error).to_have_count(0)

    page.route("**/ask", lambda route: route.fulfill(status=500, body="boom"))
    box.fill("and the rank?")
    box.press("Enter")
    expect(error).to_contain_text("Something went wrong on our side (500)")
    page.unroute("**/ask")
    retry.click()
    expect(chat.locator(".answer")).to_have_count(2)

    page.context.set_offline(True)
    expect(chat.locator(".banner")).to_be_visible()
    box.fill(QUESTION)
    box.press("Enter")
    expect(error).to_contain_text("You are offline")
    page.context.set_offline(False)
    expect(chat.locator(".banner")).to_be_hidden()
    retry.click()
    expect(chat.locator(".answer")).to_have_count(3)
    expect(chat.locator(".msg.user")).to_have_count(3)  # a retry does not repeat the question


def test_chinese_ui_strings(new_page, base_url):
    page = new_page()
    page.goto(base_url + "/embed?lang=zh")
    expect(page.get_by_role("textbox", name="输入问题")).to_be_visible()
    expect(page.get_by_role("button", name="新对话")).to_be_visible()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_figures_page_table_and_charts(new_page, base_url, js):
    page = new_page(java_script_enabled=js)
    page.goto(base_url + "/figures")
    with urllib.request.urlopen(base_url + "/api/figures") as r:
        figures = json.load(r)
    expect(page.locator("table.figures tbody tr")).to_have_count(len(figures))
    charts = page.locator("svg.chart[role=img]")
    expect(charts).to_have_count(2)
    for i in range(2):
        assert charts.nth(i).bounding_box()["width"] > 300
        assert charts.nth(i).locator("rect.bar").count() >= 2
    page.locator("table.figures a", has_text="passage").first.click()
    expect(page.locator("mark#hl")).to_have_text(figures[0]["text"])


@pytest.mark.parametrize("allowed", [True, False], ids=["allowed-origin", "other-origin"])
def test_cross_origin_portal_with_a_strict_csp(new_page, base_url, portals, allowed):
    """One script tag on another origin whose CSP allows no inline script or style, and of
    the widget's origin only scripts and requests: the widget loads and is styled on any
    portal, and answers where BOT_ALLOWED_ORIGINS names the portal."""
    page = new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script("window.__violations = []; document.addEventListener("
                         "'securitypolicyviolation', e => window.__violations.push("
                         "e.effectiveDirective + ' ' + e.blockedURI));")
    portal = portals[0] if allowed else portals[1]
    chat, box = open_widget(page, portal, "/?" + urllib.parse.urlencode({"widget": base_url}))
    assert page.evaluate("window.__inline") is None  # the CSP is enforced
    expect(chat.locator(".panel")).to_have_css("position", "fixed")
    expect(chat.locator(".head")).to_have_css("background-color", "rgb(180, 35, 42)")
    box.fill(QUESTION)
    box.press("Enter")
    if allowed:
        expect(chat.locator(".answer")).to_contain_text(FIGURE)
        expect(chat.locator(".cite mark").first).to_be_visible()
        # no console error but the portal's own inline script, counted below
        assert [e for e in errors if "Content Security Policy" not in e] == []
    else:
        expect(chat.locator(".msg.error")).to_contain_text("could not be reached")
    # the only violation is the portal's own inline script: none from the widget
    assert page.evaluate("window.__violations") == ["script-src-elem inline"]
    assert page.errors == []


@pytest.mark.parametrize("fallback", ["style", "link"])
def test_stylesheet_fallbacks(new_page, base_url, fallback):
    """Without constructable stylesheets the fetched CSS goes in a <style>; when it cannot
    be fetched, a <link> asks for it. Either way the widget looks the same."""
    page = new_page()
    if fallback == "style":
        page.add_init_script("delete Document.prototype.adoptedStyleSheets")
    else:
        page.route("**/widget.css", lambda route: route.abort()
                   if route.request.resource_type == "fetch" else route.fallback())
    chat, box = open_widget(page, base_url)
    assert chat.evaluate(f"e => e.shadowRoot.querySelectorAll('{fallback}').length") == 1
    assert chat.evaluate("e => (e.shadowRoot.adoptedStyleSheets || []).length") == 0
    expect(chat.locator(".panel")).to_have_css("position", "fixed")
    expect(chat.locator(".head")).to_have_css("background-color", "rgb(180, 35, 42)")
    expect(chat.locator("input")).to_have_css("font-size", "15px")
    assert page.errors == []


def test_an_answer_about_the_article_shows_its_byline_as_the_source(new_page, base_url):
    page = new_page()
    chat, box = open_widget(page, base_url)
    reply = ask(page, box, "Who wrote the article?")
    assert reply["answered"] and reply["source"]["field"] == "author"
    expect(chat.locator(".answer").last).to_contain_text("Ding Fenggang and Wang Ting")
    expect(chat.locator(".cite .quote").last).to_contain_text("translated by Jin Haiqiong")
    href = chat.locator(".cite-source a").last.get_attribute("href")
    assert href.startswith(base_url + "/doc/")
    assert page.errors == []


def test_a_greeting_is_not_flagged_as_missing_from_the_documents(new_page, base_url):
    page = new_page()
    chat, box = open_widget(page, base_url)
    reply = ask(page, box, "hello")
    assert reply["intent"] == "small_talk"
    expect(chat.locator(".msg.bot").last).to_contain_text("Ask me about")
    expect(chat.locator(".msg.bot").last.locator(".flag")).to_have_count(0)
    reply = ask(page, box, "How many hospitals are in Yiwu?")
    expect(chat.locator(".msg.bot").last.locator(".flag")).to_have_count(1)
