/*! Yiwu Q&A chat widget: one custom element, <yiwu-chat>, no dependencies, no build step.
 *
 *   <script src="https://HOST/widget.js" async data-title="Ask about Yiwu"
 *           data-accent="#0f766e" data-position="right" data-lang="en"></script>
 *
 * adds a launcher button and a chat panel that talk to HOST/ask. A page can instead hold
 * <yiwu-chat mode="inline"></yiwu-chat> for a chat that fills its container.
 * Options, on the script tag or the element: data-title, data-accent, data-position
 * (right|left), data-lang (en|zh), data-theme (auto|light|dark), data-suggestions ("q1|q2"),
 * data-mount="none" (define the element, add no launcher).
 * CSS custom properties on the element: --yiwu-accent, --yiwu-font, --yiwu-radius.
 * Text from the server is only ever inserted as text (textContent / Text nodes).
 *
 * This file is the loader the one script tag names. From its own origin, and from nowhere
 * else, it fetches the element (widget-chat.js and the ES modules it imports) and its
 * stylesheet (widget.css) at the same time, then defines the element and adds the launcher.
 * Both are read through CORS, which the service grants any page for these public files;
 * /ask and /feedback answer only the portals named in BOT_ALLOWED_ORIGINS.
 */
(() => {
  "use strict";
  // document.currentScript is set only while this file first runs, async or not: take it now.
  const SCRIPT = document.currentScript;
  const ORIGIN = new URL(SCRIPT && SCRIPT.src ? SCRIPT.src : location.href).origin;
  const SCRIPT_OPTIONS = SCRIPT ? { ...SCRIPT.dataset } : {};
  const TAG = "yiwu-chat";
  // the element and every module it imports, requested at once rather than one by one
  const MODULES = ["widget-chat.js", "widget-reply.js", "widget-dom.js", "widget-i18n.js"];
  if (customElements.get(TAG)) return;

  /**
   * The stylesheet, fetched once for every instance. Adopted as a constructed sheet, it needs
   * nothing from the host page's style-src (only connect-src, as /ask does); where sheets
   * cannot be constructed, its text goes in a <style>; if it could not be fetched, a <link>.
   */
  async function loadStyles() {
    const href = `${ORIGIN}/widget.css`;
    try {
      const res = await fetch(href, { credentials: "omit" });
      if (!res.ok) throw new Error(String(res.status));
      const text = await res.text();
      if ("adoptedStyleSheets" in Document.prototype && "replaceSync" in CSSStyleSheet.prototype) {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        return { sheet, href };
      }
      return { text, href };
    } catch {
      return { href };
    }
  }

  // With a script tag alone, add the launcher once the page has a body (unless it has one).
  function mount() {
    if (SCRIPT_OPTIONS.mount === "none" || document.querySelector(TAG)) return;
    document.body.append(document.createElement(TAG));
  }

  // The element is defined once it can be drawn styled: no flash of unstyled widget.
  Promise.all([loadStyles(), ...MODULES.map((name) => import(`${ORIGIN}/${name}`))])
    .then(([styles, { chatElement }]) => {
      if (customElements.get(TAG)) return; // a second copy of this script got there first
      customElements.define(TAG, chatElement({ origin: ORIGIN, options: SCRIPT_OPTIONS, styles }));
      if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
      else mount();
    })
    .catch((err) => console.error(`${TAG}: the widget could not be loaded from ${ORIGIN}`, err));
})();
