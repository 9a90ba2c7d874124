/* Building the widget's DOM (an ES module): elements and icons, never markup.
 * Strings become Text nodes; nothing here parses HTML. */

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
export function el(tag, props, ...children) {
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

export function icon(name) {
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
