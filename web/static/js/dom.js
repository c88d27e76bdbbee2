// Small DOM helpers. Text always goes in as text nodes (never as markup),
// so nothing typed by a user can become HTML or SVG.

// h creates an element: h("p", {class: "x", onclick: f}, "text", child).
export function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

const SVG = "http://www.w3.org/2000/svg";

// s creates an SVG element, like h.
export function s(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// dark is whether the system prefers the dark theme.
export const dark = matchMedia("(prefers-color-scheme: dark)");

// $ finds one element.
export const $ = (sel, root = document) => root.querySelector(sel);

// debounce delays f until it has not been called for ms.
export function debounce(f, ms) {
  let t = 0;
  const d = (...args) => {
    clearTimeout(t);
    t = setTimeout(() => f(...args), ms);
  };
  d.cancel = () => clearTimeout(t);
  return d;
}

// accent puts a combining mark over the first character of a name, as ad
// writes ẋ1 and ȳ (precomposed where Unicode has it).
export function accent(name, mark) {
  const [first, ...rest] = Array.from(name);
  return (first + mark).normalize("NFC") + rest.join("");
}
export const DOT = "\u0307";
export const BAR = "\u0304";

// scrollIntoViewWithin scrolls container (only, never the page) so that
// el is visible: vertically, and horizontally too when asked.
export function scrollIntoViewWithin(container, el, margin = 24, horizontal = false) {
  if (!container || !el) return;
  const c = container.getBoundingClientRect();
  const r = el.getBoundingClientRect();
  if (container.scrollHeight > container.clientHeight) {
    if (r.top < c.top + margin) container.scrollTop -= c.top + margin - r.top;
    else if (r.bottom > c.bottom - margin) container.scrollTop += r.bottom - (c.bottom - margin);
  }
  if (horizontal && container.scrollWidth > container.clientWidth) {
    if (r.left < c.left + margin) container.scrollLeft -= c.left + margin - r.left;
    else if (r.right > c.right - margin) container.scrollLeft += r.right - (c.right - margin);
  }
}

// download saves text as a file.
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
