"""Write the README's screenshots: docs/widget-desktop.png, docs/widget-phone.png and
docs/figures.png.

    .venv/bin/python docs/screenshots.py

It indexes the corpus with the fake embedder (fast, no model) in a temporary directory,
starts ``uvicorn bot.api:create_app --factory`` over it on a free port, as the browser tests
do, and drives Chromium (``BOT_CHROMIUM``, else /usr/bin/chromium) with Playwright.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CHROMIUM = os.environ.get("BOT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
QUESTION = "how many 5G base stations?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(work: Path) -> Iterator[str]:
    """The service over the corpus, indexed with the fake embedder; yields its base URL."""
    from bot.build import build
    from bot.embed import FakeEmbedder

    corpus = ROOT / "corpus"
    build(corpus, work / "index", embedder=FakeEmbedder(), multilingual=FakeEmbedder())
    port = _free_port()
    env = {**os.environ, "BOT_EMBEDDER": "fake", "BOT_MULTILINGUAL": "fake",
           "BOT_INDEX_DIR": str(work / "index"), "BOT_CORPUS_DIR": str(corpus),
           "BOT_FEEDBACK_DB": str(work / "feedback.sqlite3"), "BOT_LOG_LEVEL": "WARNING",
           "BOT_RATE_LIMIT_PER_MINUTE": "0", "BOT_SESSION_RATE_LIMIT_PER_MINUTE": "0",
           "HF_HUB_OFFLINE": "1"}
    log_path = work / "server.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "bot.api:create_app", "--factory",
             "--host", "127.0.0.1", "--port", str(port)],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 90
            while True:
                if proc.poll() is not None:
                    raise RuntimeError(f"server exited: {log_path.read_text()}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"server not ready: {log_path.read_text()}")
                try:
                    with urllib.request.urlopen(base + "/readyz", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def answer_in_widget(page, base: str) -> None:
    """Open the launcher on the demo portal, ask QUESTION, wait for the highlighted quote."""
    page.goto(base + "/demo")
    page.get_by_role("button", name="Open chat", exact=True).click()
    box = page.get_by_role("textbox", name="Ask a question", exact=True)
    expect(box).to_be_focused()
    with page.expect_response(lambda r: r.url.endswith("/ask")):
        box.fill(QUESTION)
        box.press("Enter")
    expect(page.locator("yiwu-chat").locator(".cite mark").first).to_be_visible()
    page.wait_for_timeout(500)  # the panel's entrance and the scroll settle


def main() -> None:
    if not Path(CHROMIUM).exists():
        sys.exit(f"no Chromium at {CHROMIUM} (set BOT_CHROMIUM)")
    with tempfile.TemporaryDirectory() as tmp, serve(Path(tmp)) as base, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        shots = [
            ("widget-desktop.png", {"viewport": {"width": 1280, "height": 880}}),
            ("widget-phone.png", {"viewport": {"width": 390, "height": 780},
                                  "device_scale_factor": 2, "color_scheme": "dark",
                                  "has_touch": True}),
            ("figures.png", {"viewport": {"width": 1280, "height": 900}}),
        ]
        for name, options in shots:
            context = browser.new_context(**options)
            context.set_default_timeout(15_000)
            page = context.new_page()
            if name == "figures.png":
                page.goto(base + "/figures")
                page.screenshot(path=DOCS / name, full_page=True)
            else:
                answer_in_widget(page, base)
                page.screenshot(path=DOCS / name)
            context.close()
            print(DOCS / name)
        browser.close()


if __name__ == "__main__":
    main()
