/*! Yiwu Q&A chat widget: one custom element, <yiwu-chat>, no dependencies, no build step.
 *
 *   <script src="https://HOST/widget.js" async data-title="Ask about Yiwu"
 *           data-accent="#0f766e" data-position="right" data-lang="en"></script>
 *
 * adds a launcher button and a chat panel that talk to HOST/ask. A page can instead hold
 * <yiwu-chat mode="inline"></yiwu-chat> for a chat that fills its container.
 * Options, on the script tag or the element: data-title, data-accent, data-position
 * (right|left), data-lang (en|zh), data-theme (auto|light|dark), data-suggestions ("q1|q2").
 * CSS custom properties on the element: --yiwu-accent, --yiwu-font, --yiwu-radius.
 * Text from the server is only ever inserted as text (textContent / Text nodes).
 */
(() => {
  "use strict";
  // document.currentScript is set only while this file first runs, async or not: take it now.
  const SCRIPT = document.currentScript;
  const ORIGIN = new URL(SCRIPT && SCRIPT.src ? SCRIPT.src : location.href).origin;
  const SCRIPT_OPTIONS = SCRIPT ? { ...SCRIPT.dataset } : {};
  const TAG = "yiwu-chat";
  const MAX_QUESTION = 1000;
  const TIMEOUT_MS = 30000;
  const MAX_TRANSCRIPT = 30;
  if (customElements.get(TAG)) return;

  const STRINGS = {
    en: {
      title: "Ask about Yiwu", subtitle: "Answers quote their sources",
      open: "Open chat", close: "Close chat", newChat: "New conversation",
      ask: "Ask a question", placeholder: "Ask about a figure…", send: "Send",
      welcomeTitle: "Hello!",
      welcome: "Ask about the documents. Every figure comes with the passage it is quoted from.",
      thinking: "Looking it up…", sources: "Sources", original: "Original",
      figures: "Figures", computed: "computed", computedTitle: "Computed from the cited figures",
      notFound: "Not in the documents", helpful: "Helpful", notHelpful: "Not helpful",
      thanks: "Thanks for the feedback.", feedbackFailed: "Feedback could not be sent.",
      offline: "You are offline. Check your connection, then retry.",
      offlineBanner: "Offline — questions will work again once you reconnect.",
      rateLimited: (s) => `Too many questions at once. You can ask again in ${s} s.`,
      rateReady: "You can ask again now.",
      serverError: (code) => `Something went wrong on our side (${code}). Please retry.`,
      networkError: "The service could not be reached. Please retry.",
      timeout: "The answer took too long. Please retry.",
      tooLong: `Please keep the question under ${MAX_QUESTION} characters.`,
      retry: "Retry", conversation: "Conversation", you: "You", answer: "Answer",
      newStarted: "New conversation started.", suggestions: "Suggested questions",
      footnote: "Check the highlighted passage behind each answer.",
      years: (n) => `${n} year${n === "1" ? "" : "s"}`,
    },
    zh: {
      title: "问问义乌", subtitle: "每个回答都注明出处",
      open: "打开聊天", close: "关闭聊天", newChat: "新对话",
      ask: "输入问题", placeholder: "询问文档中的数据…", send: "发送",
      welcomeTitle: "您好！", welcome: "请就文档内容提问，每个数字都附有出处段落。",
      thinking: "正在查找…", sources: "来源", original: "原文",
      figures: "数据", computed: "计算值", computedTitle: "根据引用的数据计算得出",
      notFound: "文档中没有答案", helpful: "有帮助", notHelpful: "没有帮助",
      thanks: "感谢您的反馈。", feedbackFailed: "反馈发送失败。",
      offline: "网络已断开，请检查连接后重试。",
      offlineBanner: "离线：恢复网络连接后即可继续提问。",
      rateLimited: (s) => `提问过于频繁，请在 ${s} 秒后再试。`,
      rateReady: "现在可以再次提问了。",
      serverError: (code) => `服务出错（${code}），请重试。`,
      networkError: "无法连接服务，请重试。", timeout: "回答超时，请重试。",
      tooLong: `问题请控制在 ${MAX_QUESTION} 个字符以内。`,
      retry: "重试", conversation: "对话", you: "您", answer: "回答",
      newStarted: "已开始新对话。", suggestions: "推荐问题",
      footnote: "请核对每个回答所引用的原文段落。",
      years: (n) => `${n} 年`,
    },
  };

  const ICONS = {
    chat: "M4 6.5A2.5 2.5 0 0 1 6.5 4h11A2.5 2.5 0 0 1 20 6.5v7a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4.2A2.5 2.5 0 0 1 4 13.5z",
    close: "M6 6l12 12M18 6 6 18",
    reset: "M4 12a8 8 0 1 0 2.4-5.7M4 4v5h5",
    send: "M12 19V5m-6 6 6-6 6 6",
    up: "M7 11v9H4v-9zm0 0 4-7.5a2 2 0 0 1 3.6 1.6L13.5 10H19a2 2 0 0 1 2 2.4l-1.4 6A2 2 0 0 1 17.6 20H7",
    down: "M17 13V4h3v9zm0 0-4 7.5a2 2 0 0 1-3.6-1.6l1.1-4.9H5a2 2 0 0 1-2-2.4l1.4-6A2 2 0 0 1 6.4 4H17",
    external: "M14 4h6v6m0-6-9 9m8 1v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1h5",
  };

  /** Build an element. Strings among `children` become Text nodes, never markup. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  function icon(name) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "icon");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", ICONS[name]);
    svg.append(path);
    return svg;
  }

  const store = {
    get(key) { try { return sessionStorage.getItem(key); } catch { return null; } },
    set(key, value) { try { sessionStorage.setItem(key, value); } catch { /* storage off */ } },
    del(key) { try { sessionStorage.removeItem(key); } catch { /* storage off */ } },
  };

  function number(x, lang, digits = 2) {
    return new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-US",
      { maximumFractionDigits: digits }).format(x);
  }

  function ordinal(n) {
    const k = n % 100;
    const suffix = k >= 11 && k <= 13 ? "th" : ({ 1: "st", 2: "nd", 3: "rd" }[n % 10] || "th");
    return `${n}${suffix}`;
  }

  /** A figure's value with its unit, as a reader writes it: "45 bn RMB", "66.7%", "16th". */
  function formatValue(fig, lang) {
    const v = fig.value;
    if (fig.unit === "date") return String(fig.date || fig.text || "");
    if (typeof v !== "number" || !Number.isFinite(v)) return String(fig.text || "");
    const zh = lang === "zh";
    switch (fig.unit) {
      case "RMB":
        if (zh) {
          if (Math.abs(v) >= 1e8) return `${number(v / 1e8, lang, 3)} 亿元`;
          if (Math.abs(v) >= 1e4) return `${number(v / 1e4, lang)} 万元`;
          return `${number(v, lang)} 元`;
        }
        for (const [div, suffix] of [[1e12, "tn"], [1e9, "bn"], [1e6, "m"]]) {
          if (Math.abs(v) >= div) return `${number(v / div, lang, 3)} ${suffix} RMB`;
        }
        return `${number(v, lang)} RMB`;
      case "%": return `${number(v, lang)}%`;
      case "rank": return zh ? `第${number(v, lang, 0)}` : ordinal(Math.round(v));
      case "years": return STRINGS[zh ? "zh" : "en"].years(number(v, lang));
      default: return number(v, lang);
    }
  }

  /** Append `text` to `parent`, wrapping the [start, end) spans of `highlights` in <mark>. */
  function appendHighlighted(parent, text, highlights) {
    const spans = (Array.isArray(highlights) ? highlights : [])
      .filter((h) => Array.isArray(h) && Number.isInteger(h[0]) && Number.isInteger(h[1]))
      .map(([s, e]) => [Math.max(0, s), Math.min(text.length, e)])
      .filter(([s, e]) => s < e)
      .sort((a, b) => a[0] - b[0]);
    let pos = 0;
    for (const [s, e] of spans) {
      if (e <= pos) continue;
      const from = Math.max(s, pos);
      if (from > pos) parent.append(text.slice(pos, from));
      parent.append(el("mark", null, text.slice(from, e)));
      pos = e;
    }
    if (pos < text.length) parent.append(text.slice(pos));
  }

  function safeUrl(url) {
    try {
      const u = new URL(String(url));
      return u.protocol === "https:" || u.protocol === "http:" ? u.href : null;
    } catch { return null; }
  }

  /** This service's page for the citation's document, its answering sentence highlighted. */
  function passageHref(c) {
    const base = Number.isInteger(c.start) ? c.start : 0;
    const h = Array.isArray(c.highlights) && Array.isArray(c.highlights[0]) ? c.highlights[0] : null;
    const start = h ? base + (h[0] | 0) : base;
    const end = h ? base + (h[1] | 0) : (Number.isInteger(c.end) ? c.end : base);
    const path = String(c.doc_id || "").split("/").map(encodeURIComponent).join("/");
    return `${ORIGIN}/doc/${path}?start=${start}&end=${end}#hl`;
  }

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

  let sheet = null; // one constructed stylesheet shared by every instance (CSP-friendly)
  function styles() {
    if (sheet === null && "adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLE);
    }
    return sheet;
  }

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
      return own !== undefined && own !== "" ? own : SCRIPT_OPTIONS[name];
    }

    get inline() { return this.getAttribute("mode") === "inline"; }

    _build() {
      const wanted = (this._opt("lang") || document.documentElement.lang || "en").toLowerCase();
      this._lang = wanted.startsWith("zh") ? "zh" : "en";
      const t = (this._t = STRINGS[this._lang]);
      const scope = this.inline ? "page" : "widget";
      this._key = `yiwu-chat:${ORIGIN}:${scope}`;
      this._starters = String(this._opt("suggestions") || "").split("|")
        .map((s) => s.trim().slice(0, 200)).filter(Boolean).slice(0, 4);

      const s = styles();
      if (s) this._shadow.adoptedStyleSheets = [s];
      else this._shadow.append(el("style", null, STYLE));

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
      if (q.length > MAX_QUESTION) { this._showError({ message: t.tooLong }); return; }
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
        res = await fetch(`${ORIGIN}/ask`, {
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
      const t = this._t;
      const msg = el("article", { class: reply.answered === false ? "msg bot unanswered" : "msg bot", "aria-label": t.answer });
      if (reply.answered === false) msg.append(el("p", { class: "flag" }, t.notFound));
      msg.append(el("p", { class: "answer" }, String(reply.answer || "")));
      const figures = Array.isArray(reply.figures) ? reply.figures.slice(0, 4) : [];
      if (figures.length) {
        msg.append(el("ul", { class: "figures", "aria-label": t.figures }, ...figures.map((f) => this._figure(f))));
      }
      const citations = Array.isArray(reply.citations) ? reply.citations : [];
      if (citations.length) {
        msg.append(el("section", { class: "sources" }, el("h3", null, t.sources),
          el("ol", { class: "cites" }, ...citations.map((c) => this._citation(c)))));
      }
      if (reply.session_id) msg.append(this._feedback(reply));
      this._ui.log.append(msg);
      if (chips && Array.isArray(reply.suggestions)) this._addChips(reply.suggestions);
      if (announce) this._announce(String(reply.answer || ""));
      this._scrollToReply(msg);
    }

    _figure(f) {
      const t = this._t;
      const meta = el("span", { class: "fig-meta" });
      if (f.period) meta.append(el("span", null, String(f.period)));
      if (f.computed === true) meta.append(el("span", { class: "badge", title: t.computedTitle }, t.computed));
      return el("li", { class: "fig" },
        f.qualifier ? el("span", { class: "fig-q" }, String(f.qualifier)) : null,
        el("span", { class: "fig-value" }, formatValue(f, this._lang)),
        el("span", { class: "fig-label" }, String(f.label || "")),
        meta.childNodes.length ? meta : null);
    }

    _citation(c) {
      const quote = el("blockquote", { class: "quote" });
      appendHighlighted(quote, String(c.text || ""), c.highlights);
      const source = el("p", { class: "cite-source" },
        el("a", { href: passageHref(c), target: "_blank", rel: "noopener" }, String(c.title || c.doc_id || "")));
      const original = safeUrl(c.url);
      if (original) {
        source.append(el("a", { href: original, target: "_blank", rel: "noopener noreferrer" },
          this._t.original, icon("external")));
      }
      return el("li", { class: "cite" }, quote, source);
    }

    _feedback(reply) {
      const t = this._t;
      const note = el("span", { class: "note", "aria-live": "polite" });
      const rate = async (rating, button) => {
        up.disabled = down.disabled = true;
        button.setAttribute("aria-pressed", "true");
        try {
          const res = await fetch(`${ORIGIN}/feedback`, {
            method: "POST", credentials: "omit", headers: { "Content-Type": "application/json" },
            body: JSON.stringify({ session_id: reply.session_id, turn: reply.turn, rating }),
          });
          if (!res.ok) throw new Error(String(res.status));
          note.textContent = t.thanks;
        } catch {
          note.textContent = t.feedbackFailed;
          button.setAttribute("aria-pressed", "false");
          up.disabled = down.disabled = false;
        }
      };
      const up = el("button", { type: "button", class: "icon-btn small", "aria-label": t.helpful,
        title: t.helpful, "aria-pressed": "false", onclick: () => rate("up", up) }, icon("up"));
      const down = el("button", { type: "button", class: "icon-btn small", "aria-label": t.notHelpful,
        title: t.notHelpful, "aria-pressed": "false", onclick: () => rate("down", down) }, icon("down"));
      return el("div", { class: "actions" }, up, down, note);
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

  const STYLE = `
:host { all: initial !important; }
:host([mode="inline"]) { display: block !important; width: 100% !important; height: 100% !important; }
.root {
  --accent: var(--yiwu-accent, #0f766e);
  --on-accent: var(--yiwu-on-accent, #ffffff);
  --radius: var(--yiwu-radius, 16px);
  --font: var(--yiwu-font, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif);
  --bg: #ffffff; --fg: #1b2430; --muted: #5b6675; --surface: #f4f6f8; --border: #e3e6eb;
  --mark: #fde68a; --mark-fg: #1b2430; --warn-bg: #fef3c7; --warn-fg: #78350f; --danger: #dc2626;
  --link: color-mix(in srgb, var(--accent) 82%, #000);
  --shadow: 0 24px 60px rgb(16 24 40 / .18), 0 4px 12px rgb(16 24 40 / .08);
  font-family: var(--font); font-size: 15px; font-weight: 400; font-style: normal; line-height: 1.5;
  color: var(--fg); letter-spacing: normal; text-transform: none; text-align: left;
  text-indent: 0; word-spacing: normal; white-space: normal; direction: ltr; visibility: visible;
  cursor: auto; -webkit-font-smoothing: antialiased;
}
.root.inline { height: 100%; }
@media (prefers-color-scheme: dark) {
  .root:not([data-theme="light"]) {
    --bg: #161b22; --fg: #e6e9ee; --muted: #9aa4b2; --surface: #1f252e; --border: #2f3742;
    --mark: #a16207; --mark-fg: #ffffff; --warn-bg: #422006; --warn-fg: #fde68a; --danger: #f87171;
    --link: color-mix(in srgb, var(--accent) 55%, #fff); --shadow: 0 24px 60px rgb(0 0 0 / .55);
  }
}
.root[data-theme="dark"] {
  --bg: #161b22; --fg: #e6e9ee; --muted: #9aa4b2; --surface: #1f252e; --border: #2f3742;
  --mark: #a16207; --mark-fg: #ffffff; --warn-bg: #422006; --warn-fg: #fde68a; --danger: #f87171;
  --link: color-mix(in srgb, var(--accent) 55%, #fff); --shadow: 0 24px 60px rgb(0 0 0 / .55);
}
*, *::before, *::after { box-sizing: border-box; }
p, h2, h3, ul, ol, blockquote { margin: 0; padding: 0; }
button, input { font: inherit; color: inherit; letter-spacing: inherit; text-transform: none; margin: 0; }
button { cursor: pointer; -webkit-tap-highlight-color: transparent; }
button:disabled { cursor: default; }
:focus { outline: none; }
:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
.icon { width: 20px; height: 20px; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; flex: none; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
[hidden] { display: none !important; }

.launcher {
  position: fixed; z-index: 2147483000; bottom: 20px; right: 20px; width: 58px; height: 58px;
  display: grid; place-items: center; padding: 0; border: 0; border-radius: 50%;
  background: var(--accent); color: var(--on-accent); box-shadow: var(--shadow);
  transition: transform .15s ease, box-shadow .15s ease;
}
.launcher .icon { width: 26px; height: 26px; }
.launcher:hover { transform: translateY(-2px) scale(1.04); }
.launcher:focus-visible { outline: 3px solid var(--accent); outline-offset: 3px; }
.root[data-position="left"] .launcher, .root[data-position="left"] .panel { right: auto; left: 20px; }
.root.open .launcher { display: none; }

.panel {
  position: fixed; z-index: 2147483000; bottom: 20px; right: 20px; width: 400px;
  height: min(680px, calc(100vh - 40px)); display: flex; flex-direction: column; overflow: hidden;
  background: var(--bg); color: var(--fg); border: 1px solid var(--border);
  border-radius: var(--radius); box-shadow: var(--shadow); animation: rise .18s ease-out;
}
.inline .panel { position: relative; inset: auto; width: 100%; height: 100%; border: 0; border-radius: 0; box-shadow: none; animation: none; }
@keyframes rise { from { opacity: 0; transform: translateY(12px) scale(.98); } }

.head { display: flex; align-items: center; gap: 4px; padding: 12px 10px 12px 18px; background: var(--accent); color: var(--on-accent); }
.head-text { flex: 1; min-width: 0; }
.head h2 { font-size: 16px; font-weight: 650; line-height: 1.3; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.subtitle { font-size: 12.5px; opacity: .85; }
.icon-btn { display: grid; place-items: center; width: 36px; height: 36px; padding: 0; border: 0; border-radius: 10px; background: transparent; color: inherit; }
.icon-btn:hover { background: color-mix(in srgb, currentColor 14%, transparent); }
.head .icon-btn:focus-visible { outline-color: var(--on-accent); outline-offset: -3px; }

.banner { padding: 8px 18px; font-size: 13px; background: var(--warn-bg); color: var(--warn-fg); }
.log:focus-visible { outline-offset: -3px; }
.log { flex: 1; min-height: 0; overflow-y: auto; overscroll-behavior: contain; padding: 16px; display: flex; flex-direction: column; gap: 12px; scroll-behavior: smooth; }
.welcome { padding: 4px 2px; color: var(--muted); }
.welcome-title { font-size: 17px; font-weight: 650; color: var(--fg); margin-bottom: 2px; }

.msg { max-width: 100%; overflow-wrap: anywhere; }
.user { align-self: flex-end; max-width: 85%; padding: 9px 14px; border-radius: 18px 18px 4px 18px; background: var(--accent); color: var(--on-accent); white-space: pre-wrap; }
.bot { align-self: stretch; display: flex; flex-direction: column; gap: 12px; padding: 14px; border-radius: 4px 18px 18px 18px; background: var(--surface); border: 1px solid var(--border); }
.answer { font-size: 15px; }
.flag { font-size: 11.5px; font-weight: 650; letter-spacing: .05em; text-transform: uppercase; color: var(--muted); }
.unanswered .answer { color: var(--muted); }

.figures { list-style: none; display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; }
.fig { display: flex; flex-direction: column; gap: 1px; padding: 9px 12px; border-radius: 12px; background: var(--bg); border: 1px solid var(--border); border-left: 4px solid var(--accent); }
.fig-q { font-size: 12px; color: var(--muted); }
.fig-value { font-size: 21px; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; letter-spacing: -.01em; }
.fig-label { font-size: 13px; line-height: 1.35; }
.fig-meta { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 3px; font-size: 12px; color: var(--muted); }
.badge { padding: 0 8px; border-radius: 999px; font-size: 11px; font-weight: 650; line-height: 18px; background: color-mix(in srgb, var(--accent) 15%, transparent); color: var(--link); }

.sources h3 { font-size: 11.5px; font-weight: 650; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); margin-bottom: 6px; }
.cites { list-style: none; display: flex; flex-direction: column; gap: 10px; }
.quote { font-size: 13.5px; line-height: 1.55; padding-left: 10px; border-left: 3px solid var(--border); }
mark { background: var(--mark); color: var(--mark-fg); border-radius: 3px; padding: 1px 2px; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.cite-source { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 5px; padding-left: 13px; font-size: 12.5px; }
a { color: var(--link); text-decoration: underline; text-underline-offset: 2px; display: inline-flex; align-items: center; gap: 3px; }
a .icon { width: 13px; height: 13px; }

.actions { display: flex; align-items: center; gap: 2px; margin: -4px 0 -6px -8px; color: var(--muted); }
.icon-btn.small { width: 32px; height: 32px; }
.icon-btn.small .icon { width: 17px; height: 17px; }
.icon-btn[aria-pressed="true"] { color: var(--link); background: color-mix(in srgb, var(--accent) 14%, transparent); }
.note { font-size: 12.5px; margin-left: 6px; }

.chips { display: flex; flex-wrap: wrap; gap: 8px; }
.chip { padding: 7px 13px; border-radius: 999px; font-size: 13.5px; line-height: 1.35; text-align: left; background: var(--bg); color: var(--link); border: 1px solid color-mix(in srgb, var(--accent) 45%, var(--border)); }
.chip:hover { background: color-mix(in srgb, var(--accent) 9%, var(--bg)); }

.typing { align-self: flex-start; flex-direction: row; gap: 5px; padding: 14px 16px; }
.dot { width: 7px; height: 7px; border-radius: 50%; background: var(--muted); animation: bounce 1.2s infinite ease-in-out; }
.dot:nth-child(3) { animation-delay: .15s; }
.dot:nth-child(4) { animation-delay: .3s; }
@keyframes bounce { 0%, 80%, 100% { transform: translateY(0); opacity: .35; } 40% { transform: translateY(-4px); opacity: 1; } }

.error { display: flex; align-items: center; justify-content: space-between; gap: 12px; padding: 10px 12px; font-size: 14px; border-radius: 12px; border: 1px solid color-mix(in srgb, var(--danger) 45%, var(--border)); background: color-mix(in srgb, var(--danger) 8%, var(--bg)); }
.btn { flex: none; padding: 7px 14px; border: 0; border-radius: 9px; font-size: 14px; font-weight: 650; background: var(--accent); color: var(--on-accent); }
.btn:disabled { opacity: .5; }

.composer { display: flex; gap: 8px; padding: 12px 12px 8px; border-top: 1px solid var(--border); background: var(--bg); }
.composer input { flex: 1; min-width: 0; height: 44px; padding: 0 14px; border-radius: 12px; border: 1px solid var(--border); background: var(--surface); color: var(--fg); font-size: 15px; }
.composer input::placeholder { color: var(--muted); opacity: 1; }
.composer input:focus-visible { outline: none; border-color: var(--accent); box-shadow: 0 0 0 3px color-mix(in srgb, var(--accent) 25%, transparent); }
.send { display: grid; place-items: center; width: 44px; height: 44px; padding: 0; border: 0; border-radius: 12px; background: var(--accent); color: var(--on-accent); }
.send:disabled { opacity: .5; }
.foot { padding: 0 12px 10px; font-size: 11.5px; text-align: center; color: var(--muted); background: var(--bg); }

@media (max-width: 480px) {
  .root:not(.inline) .panel { inset: 0; width: 100%; height: 100%; border: 0; border-radius: 0; animation: none; }
  .composer input { font-size: 16px; }
  .figures { grid-template-columns: 1fr 1fr; }
}
@media (prefers-reduced-motion: reduce) {
  .panel, .launcher, .dot { animation: none; transition: none; }
  .log { scroll-behavior: auto; }
}
`;

  customElements.define(TAG, YiwuChat);

  // With a script tag alone, add the launcher once the page has a body (unless it has one).
  function mount() {
    if (SCRIPT_OPTIONS.mount === "none" || document.querySelector(TAG)) return;
    document.body.append(document.createElement(TAG));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
