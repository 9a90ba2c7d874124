/* The <yiwu-chat> custom element (an ES module, imported by widget.js): a launcher and a
 * chat panel, or an inline chat, that talk to this service's /ask and keep the conversation
 * in sessionStorage. Text from the server is only ever inserted as text. */
import { el, icon } from "./widget-dom.js";
import { STRINGS } from "./widget-i18n.js";
import { renderReply } from "./widget-reply.js";

const MAX_QUESTION = 1000;
const TIMEOUT_MS = 30000;
const MAX_TRANSCRIPT = 30;

const store = {
  get(key) { try { return sessionStorage.getItem(key); } catch { return null; } },
  set(key, value) { try { sessionStorage.setItem(key, value); } catch { /* storage off */ } },
  del(key) { try { sessionStorage.removeItem(key); } catch { /* storage off */ } },
};

function retryAfterSeconds(res, body) {
  const header = res.headers.get("Retry-After");
  let secs = header === null ? NaN : Number(header);
  if (header !== null && Number.isNaN(secs)) secs = (Date.parse(header) - Date.now()) / 1000;
  if (Number.isNaN(secs) && body && body.error) secs = Number(body.error.retry_after);
  return Math.min(Math.max(Math.ceil(Number.isFinite(secs) ? secs : 10), 1), 3600);
}

/** Black or white, whichever reads better on a #rgb / #rrggbb accent. */
function inkFor(color) {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const hex = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
  const lin = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
  return lum > 0.4 ? "#111827" : "#ffffff";
}

/**
 * The element class, for `customElements.define`. `origin` is this service's origin,
 * `options` the data-* options of the widget's script tag (an element's own win), and
 * `styles` its stylesheet: { sheet } to adopt, else { text } for a <style>, else { href }.
 */
export function chatElement({ origin, options, styles }) {
  class YiwuChat extends HTMLElement {
    static get observedAttributes() {
      return ["data-accent", "data-position", "data-theme"];
    }

    constructor() {
      super();
      this._shadow = this.attachShadow({ mode: "open" });
      this._busy = false;
      this._ctrl = null;
      this._countdown = null;
    }

    connectedCallback() {
      if (!this._ui) this._build();
      this._applyTheme();
    }

    disconnectedCallback() {
      window.removeEventListener("online", this._onNetwork);
      window.removeEventListener("offline", this._onNetwork);
      this._ui = null;
      this._shadow.replaceChildren();
    }

    attributeChangedCallback() {
      if (this._ui) this._applyTheme();
    }

    _opt(name) {
      const own = this.dataset[name];
      return own !== undefined && own !== "" ? own : options[name];
    }

    get inline() { return this.getAttribute("mode") === "inline"; }

    _build() {
      const wanted = (this._opt("lang") || document.documentElement.lang || "en").toLowerCase();
      this._lang = wanted.startsWith("zh") ? "zh" : "en";
      const t = (this._t = STRINGS[this._lang]);
      const scope = this.inline ? "page" : "widget";
      this._key = `yiwu-chat:${origin}:${scope}`;
      this._starters = String(this._opt("suggestions") || "").split("|")
        .map((s) => s.trim().slice(0, 200)).filter(Boolean).slice(0, 4);

      if (styles.sheet) this._shadow.adoptedStyleSheets = [styles.sheet];
      else if (styles.text) this._shadow.append(el("style", null, styles.text));
      else this._shadow.append(el("link", { rel: "stylesheet", href: styles.href }));

      const title = String(this._opt("title") || t.title).slice(0, 80);
      const ui = (this._ui = {});
      ui.launcher = el("button", {
        type: "button", class: "launcher", "aria-label": t.open, title: t.open,
        "aria-expanded": "false", "aria-controls": "panel", onclick: () => this.open(),
      }, icon("chat"));
      ui.input = el("input", {
        type: "text", name: "question", "aria-label": t.ask, placeholder: t.placeholder,
        maxlength: MAX_QUESTION, autocomplete: "off", enterkeyhint: "send",
      });
      ui.send = el("button", { type: "submit", class: "send", "aria-label": t.send, title: t.send }, icon("send"));
      ui.log = el("div", { class: "log", role: "log", "aria-live": "off", "aria-label": t.conversation, tabindex: "0" });
      ui.live = el("div", { class: "sr", "aria-live": "polite", "aria-atomic": "true" });
      ui.banner = el("div", { class: "banner", role: "status", hidden: true }, t.offlineBanner);
      const header = el("header", { class: "head" },
        el("div", { class: "head-text" },
          el("h2", { id: "title" }, title), el("p", { class: "subtitle" }, t.subtitle)),
        el("button", { type: "button", class: "icon-btn", "aria-label": t.newChat, title: t.newChat,
          onclick: () => this.reset() }, icon("reset")),
        this.inline ? null : el("button", { type: "button", class: "icon-btn", "aria-label": t.close,
          title: t.close, onclick: () => this.close() }, icon("close")));
      const form = el("form", { class: "composer", onsubmit: (e) => {
        e.preventDefault();
        this.ask(ui.input.value);
      } }, ui.input, ui.send);
      ui.panel = el("section", {
        class: "panel", id: "panel", role: this.inline ? "region" : "dialog",
        "aria-labelledby": "title", hidden: !this.inline,
        onkeydown: (e) => this._onKey(e),
      }, header, ui.banner, ui.log, form, el("p", { class: "foot" }, t.footnote));
      ui.root = el("div", { class: this.inline ? "root inline" : "root", lang: this._lang },
        this.inline ? null : ui.launcher, ui.panel, ui.live);
      this._shadow.append(ui.root);

      this._onNetwork = () => { ui.banner.hidden = navigator.onLine !== false; };
      window.addEventListener("online", this._onNetwork);
      window.addEventListener("offline", this._onNetwork);
      this._onNetwork();
      this._restore();
    }

    _applyTheme() {
      const root = this._ui.root;
      const accent = this._opt("accent");
      if (accent && window.CSS && CSS.supports("color", accent)) {
        this.style.setProperty("--yiwu-accent", accent);
        const ink = inkFor(accent);
        if (ink) this.style.setProperty("--yiwu-on-accent", ink);
      }
      root.dataset.position = this._opt("position") === "left" ? "left" : "right";
      const theme = this._opt("theme");
      root.dataset.theme = theme === "light" || theme === "dark" ? theme : "auto";
    }

    _onKey(e) {
      if (this.inline) return;
      if (e.key === "Escape") {
        e.stopPropagation();
        this.close();
      } else if (e.key === "Tab" && window.matchMedia("(max-width: 480px)").matches) {
        // full screen, the page behind is out of sight: keep Tab inside the panel
        const stops = [...this._ui.panel.querySelectorAll("button:not([disabled]), input, a[href], [tabindex='0']")];
        const at = stops.indexOf(this._shadow.activeElement);
        if (e.shiftKey && at <= 0) { e.preventDefault(); stops[stops.length - 1].focus(); }
        else if (!e.shiftKey && at === stops.length - 1) { e.preventDefault(); stops[0].focus(); }
      }
    }

    /** Open the panel and put the cursor in the question box. */
    open() {
      if (this.inline || !this._ui) return;
      const ui = this._ui;
      ui.panel.hidden = false;
      ui.root.classList.add("open");
      ui.launcher.setAttribute("aria-expanded", "true");
      this._scrollToEnd();
      ui.input.focus();
    }

    /** Close the panel and give focus back to the launcher. */
    close() {
      if (this.inline || !this._ui) return;
      const ui = this._ui;
      ui.panel.hidden = true;
      ui.root.classList.remove("open");
      ui.launcher.setAttribute("aria-expanded", "false");
      ui.launcher.focus();
    }

    /** Forget the session and the transcript, and start over. */
    reset() {
      if (this._ctrl) this._ctrl.abort();
      this._ctrl = null;
      this._setBusy(false);
      this._stopCountdown();
      store.del(`${this._key}:session`);
      store.del(`${this._key}:transcript`);
      this._ui.log.replaceChildren();
      this._welcome();
      this._announce(this._t.newStarted);
      this._ui.input.value = "";
      this._ui.input.focus();
    }

    _transcript() {
      try { return JSON.parse(store.get(`${this._key}:transcript`)) || []; } catch { return []; }
    }

    _restore() {
      const past = this._transcript();
      if (!past.length) { this._welcome(); return; }
      past.forEach((turn, i) => {
        this._addUser(turn.question);
        this._addReply(turn.reply, { chips: i === past.length - 1, announce: false });
      });
    }

    _welcome() {
      const t = this._t;
      this._ui.log.append(el("div", { class: "welcome" },
        el("p", { class: "welcome-title" }, t.welcomeTitle), el("p", null, t.welcome)));
      this._addChips(this._starters);
    }

    /** Ask `question` in this conversation (what the form and the suggestion chips call). */
    async ask(question, { retry = false } = {}) {
      const t = this._t;
      const ui = this._ui;
      const q = String(question || "").trim();
      if (!q || this._busy) return;
      this._clearError();
      if (q.length > MAX_QUESTION) { this._showError({ message: t.tooLong(MAX_QUESTION) }); return; }
      ui.log.querySelectorAll(".chips").forEach((n) => n.remove());
      if (!retry) { this._addUser(q); ui.input.value = ""; }
      if (navigator.onLine === false) { this._showError({ message: t.offline, question: q }); return; }
      this._setBusy(true);
      const ctrl = (this._ctrl = new AbortController());
      let timedOut = false;
      const timer = setTimeout(() => { timedOut = true; ctrl.abort(); }, TIMEOUT_MS);
      let res;
      let body = null;
      try {
        res = await fetch(`${origin}/ask`, {
          method: "POST", credentials: "omit", signal: ctrl.signal,
          headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ question: q, session_id: store.get(`${this._key}:session`) || null }),
        });
        body = await res.json().catch(() => null);
      } catch {
        if (this._ctrl !== ctrl) return; // the conversation was reset meanwhile
        this._ctrl = null;
        this._setBusy(false);
        const message = timedOut ? t.timeout : navigator.onLine === false ? t.offline : t.networkError;
        this._showError({ message, question: q });
        return;
      } finally {
        clearTimeout(timer);
      }
      if (this._ctrl !== ctrl) return;
      this._ctrl = null;
      this._setBusy(false);
      if (res.ok && body && typeof body.answer === "string") {
        if (typeof body.session_id === "string") store.set(`${this._key}:session`, body.session_id);
        this._remember(q, body);
        this._addReply(body, { chips: true, announce: true });
      } else if (res.status === 429) {
        this._showError({ wait: retryAfterSeconds(res, body), question: q });
      } else if (res.status >= 500 || res.ok) {
        this._showError({ message: t.serverError(res.status), question: q });
      } else {
        const said = body && body.error && typeof body.error.message === "string" ? body.error.message : "";
        this._showError({ message: said || t.serverError(res.status) });
      }
    }

    _remember(question, reply) {
      const past = this._transcript();
      past.push({ question, reply });
      store.set(`${this._key}:transcript`, JSON.stringify(past.slice(-MAX_TRANSCRIPT)));
    }

    _setBusy(busy) {
      const ui = this._ui;
      this._busy = busy;
      ui.send.disabled = busy;
      ui.log.setAttribute("aria-busy", String(busy));
      ui.log.querySelectorAll(".typing").forEach((n) => n.remove());
      if (busy) {
        ui.log.append(el("div", { class: "msg bot typing" },
          el("span", { class: "sr" }, this._t.thinking),
          el("span", { class: "dot", "aria-hidden": "true" }),
          el("span", { class: "dot", "aria-hidden": "true" }),
          el("span", { class: "dot", "aria-hidden": "true" })));
        this._scrollToEnd();
      }
    }

    _addUser(question) {
      this._ui.log.append(el("div", { class: "msg user" },
        el("span", { class: "sr" }, `${this._t.you}: `), String(question)));
      this._scrollToEnd();
    }

    _addReply(reply, { chips, announce }) {
      const msg = renderReply(reply, { t: this._t, lang: this._lang, origin });
      this._ui.log.append(msg);
      if (chips && Array.isArray(reply.suggestions)) this._addChips(reply.suggestions);
      if (announce) this._announce(String(reply.answer || ""));
      this._scrollToReply(msg);
    }

    _addChips(questions) {
      const list = questions.map((q) => String(q)).filter(Boolean).slice(0, 4);
      if (!list.length) return;
      this._ui.log.append(el("div", { class: "chips", role: "group", "aria-label": this._t.suggestions },
        ...list.map((q) => el("button", { type: "button", class: "chip", onclick: () => this.ask(q) }, q))));
    }

    _showError({ message, question, wait }) {
      const t = this._t;
      const text = el("p", null, wait ? t.rateLimited(wait) : message);
      const box = el("div", { class: "msg error" }, text);
      if (question) {
        const retry = el("button", { type: "button", class: "btn", onclick: () => {
          this._stopCountdown();
          this.ask(question, { retry: true });
        } }, t.retry);
        box.append(retry);
        if (wait) this._startCountdown(wait, text, retry);
      }
      this._ui.log.append(box);
      this._announce(text.textContent);
      this._scrollToEnd();
    }

    _startCountdown(seconds, text, button) {
      const t = this._t;
      let left = seconds;
      button.disabled = true;
      this._countdown = setInterval(() => {
        left -= 1;
        if (left > 0) { text.textContent = t.rateLimited(left); return; }
        this._stopCountdown();
        text.textContent = t.rateReady;
        button.disabled = false;
        this._announce(t.rateReady);
      }, 1000);
    }

    _stopCountdown() {
      if (this._countdown) clearInterval(this._countdown);
      this._countdown = null;
    }

    _clearError() {
      this._stopCountdown();
      this._ui.log.querySelectorAll(".error").forEach((n) => n.remove());
    }

    _announce(text) {
      const live = this._ui.live;
      live.textContent = "";
      // a change after a tick is announced even when the text repeats
      setTimeout(() => { live.textContent = text; }, 50);
    }

    _scrollToEnd() {
      const log = this._ui.log;
      log.scrollTop = log.scrollHeight;
    }

    _scrollToReply(msg) {
      const log = this._ui.log;
      const top = msg.offsetTop - log.offsetTop - 12;
      log.scrollTop = msg.offsetHeight > log.clientHeight ? top : log.scrollHeight;
    }
  }
  return YiwuChat;
}
