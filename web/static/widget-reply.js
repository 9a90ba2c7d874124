/* Drawing one answer (an ES module): its figures, its cited passages with the answering
 * sentence highlighted, and its feedback buttons. Server text goes in as text only.
 * `ctx` is { t: the UI strings, lang: "en" | "zh", origin: this service's origin }. */
import { el, icon } from "./widget-dom.js";
import { STRINGS } from "./widget-i18n.js";

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
function passageHref(c, origin) {
  const base = Number.isInteger(c.start) ? c.start : 0;
  const h = Array.isArray(c.highlights) && Array.isArray(c.highlights[0]) ? c.highlights[0] : null;
  const start = h ? base + (h[0] | 0) : base;
  const end = h ? base + (h[1] | 0) : (Number.isInteger(c.end) ? c.end : base);
  const path = String(c.doc_id || "").split("/").map(encodeURIComponent).join("/");
  return `${origin}/doc/${path}?start=${start}&end=${end}#hl`;
}

/** The answer `reply` as an <article>, ready to append to the conversation log. */
export function renderReply(reply, ctx) {
  const t = ctx.t;
  const msg = el("article", { class: reply.answered === false ? "msg bot unanswered" : "msg bot", "aria-label": t.answer });
  // a greeting gets no answer, but nothing was missing from the documents either
  if (reply.answered === false && reply.intent !== "small_talk") msg.append(el("p", { class: "flag" }, t.notFound));
  msg.append(el("p", { class: "answer" }, String(reply.answer || "")));
  const figures = Array.isArray(reply.figures) ? reply.figures.slice(0, 4) : [];
  if (figures.length) {
    msg.append(el("ul", { class: "figures", "aria-label": t.figures }, ...figures.map((f) => figure(f, ctx))));
  }
  const citations = Array.isArray(reply.citations) ? reply.citations : [];
  if (citations.length) {
    msg.append(el("section", { class: "sources" }, el("h3", null, t.sources),
      el("ol", { class: "cites" }, ...citations.map((c) => citation(c, ctx)))));
  }
  if (!citations.length && reply.source && typeof reply.source === "object") {
    msg.append(el("section", { class: "sources" }, el("h3", null, t.sources),
      el("ol", { class: "cites" }, record(reply.source, ctx))));
  }
  if (reply.session_id) msg.append(feedback(reply, ctx));
  return msg;
}

/** What an answer about the document itself rests on: its byline, date or credits. */
function record(s, { t, origin }) {
  const lines = [s.byline, s.published ? `${t.published} ${s.published}` : null,
    ...(Array.isArray(s.credits) ? s.credits : [])].filter((x) => typeof x === "string" && x);
  const path = String(s.doc_id || "").split("/").map(encodeURIComponent).join("/");
  return el("li", { class: "cite" },
    el("blockquote", { class: "quote" }, lines.join(" · ")),
    el("p", { class: "cite-source" },
      el("a", { href: `${origin}/doc/${path}`, target: "_blank", rel: "noopener" },
        String(s.title || s.doc_id || ""))));
}

function figure(f, { t, lang }) {
  const meta = el("span", { class: "fig-meta" });
  if (f.period) meta.append(el("span", null, String(f.period)));
  if (f.computed === true) meta.append(el("span", { class: "badge", title: t.computedTitle }, t.computed));
  return el("li", { class: "fig" },
    f.qualifier ? el("span", { class: "fig-q" }, String(f.qualifier)) : null,
    el("span", { class: "fig-value" }, formatValue(f, lang)),
    el("span", { class: "fig-label" }, String(f.label || "")),
    meta.childNodes.length ? meta : null);
}

function citation(c, { t, origin }) {
  const quote = el("blockquote", { class: "quote" });
  appendHighlighted(quote, String(c.text || ""), c.highlights);
  const source = el("p", { class: "cite-source" },
    el("a", { href: passageHref(c, origin), target: "_blank", rel: "noopener" }, String(c.title || c.doc_id || "")));
  const original = safeUrl(c.url);
  if (original) {
    source.append(el("a", { href: original, target: "_blank", rel: "noopener noreferrer" },
      t.original, icon("external")));
  }
  return el("li", { class: "cite" }, quote, source);
}

function feedback(reply, { t, origin }) {
  const note = el("span", { class: "note", "aria-live": "polite" });
  const rate = async (rating, button) => {
    up.disabled = down.disabled = true;
    button.setAttribute("aria-pressed", "true");
    try {
      const res = await fetch(`${origin}/feedback`, {
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
