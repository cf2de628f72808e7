/* Mingle's first script: the window.Mingle namespace, the element helper, the page hook and the one way to storage.
   Every kit script is the same shape, ((root) => { ... })(window), and adds its part to window.Mingle;
   mkdocs.yml's extra_javascript gives the load order they rely on. */
((root) => {
  "use strict";
  const doc = root.document, PREFIX = "mingle:v1:", KEEP = " Download your answers to keep a copy.";
  const BLOCKED = "This browser isn't letting the site save your work." + KEEP;
  const FULL = "This browser's storage is full, so your latest changes weren't saved." + KEEP;
  const KINDS = {};  // kind -> [longest text, shape check, notice when stored data fails it (or none), tab only?]
  // The site's root, from this script's address: right at any depth, under a sub-path and from file://. The built
  // site loads this script as the start of mingle.js (the kit's scripts joined), `make serve` as storage.js.
  const siteRoot = doc.currentScript.src.replace(/assets\/mingle\/[\w.-]+\.js([?#].*)?$/, "");

  // One element, as mingle.render.element in Python: el(parent, tag, text, {attribute: value}), appended to parent.
  function el(parent, tag, text, attrs = {}) {
    const node = doc.createElement(tag);
    if (text != null) node.textContent = text;
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    return parent ? parent.appendChild(node) : node;
  }

  // The same for a drawing's parts (a room's word cloud): an SVG element, its text set as text, never as markup.
  function svg(parent, tag, text, attrs = {}) {
    const node = doc.createElementNS("http://www.w3.org/2000/svg", tag);
    if (text != null) node.textContent = text;
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    return parent ? parent.appendChild(node) : node;
  }

  // A notice at the top of `where` (a form or block) or of the page, once per text.
  function notice(where, text) {
    const host = where || doc.querySelector(".md-content__inner") || doc.body;
    if (![...host.children].some((n) => n.textContent === text)) {
      host.prepend(el(null, "p", text, { class: "mingle-notice", role: "alert" }));
    }
  }

  // In an LMS, scorm.js sets a backend: progress lives there. A kind kept for the tab only is in sessionStorage.
  const store = (kind) => {
    try { return KINDS[kind]?.[3] ? root.sessionStorage : root.Mingle.storage.backend || root.localStorage; } catch (e) { /* blocked */ }
  };
  // Keys: mingle:v1:<kind> or mingle:v1:<kind>:<name>; a new shape of data gets a new version.
  const key = (kind, name) => PREFIX + kind + (name ? `:${name}` : "");
  const drop = (kind, name) => { try { store(kind).removeItem(key(kind, name)); } catch (e) { /* nothing to remove */ } };

  // The stored value, or null; data that is unreadable or the wrong shape is removed, with a notice.
  function get(kind, name, where) {
    const [cap, fits, lost] = KINDS[kind];
    let raw, data;
    try {
      raw = store(kind).getItem(key(kind, name));
      if (raw === null) return null;
      data = raw.length <= cap ? JSON.parse(raw) : undefined;
    } catch (e) {
      if (raw === undefined) {
        notice(null, BLOCKED);
        return null;
      }
    }
    if (fits(data)) return data;
    drop(kind, name);
    if (lost) notice(where, lost);
    return null;
  }

  function set(kind, name, data, where) {
    const raw = JSON.stringify(data);
    try {
      if (raw.length > KINDS[kind][0]) throw new RangeError(kind);
      store(kind).setItem(key(kind, name), raw);
    } catch (e) {
      notice(store(kind) ? where : null, store(kind) ? FULL : BLOCKED);
    }
  }

  // A page's key: its path from the root without .html or index ("modules/02-the-pub").
  function pagePath(address = root.location.href) {
    let path = new URL(address, root.location.href).href.split(/[?#]/)[0];
    path = path.startsWith(siteRoot) ? path.slice(siteRoot.length) : new URL(path).pathname.slice(1);
    return decodeURI(path).replace(/(^|\/)index\.html$/, "$1").replace(/(\.html|\/)$/, "") || "index";
  }

  // Whether DOMContentLoaded has fired. Scripts at the foot of the body and deferred ones (the built site's) both
  // run before it, the first while the document is "loading", the second once it is "interactive".
  function contentLoaded() {
    const load = root.performance?.getEntriesByType?.("navigation")[0];
    if (doc.readyState === "complete" || !load) return doc.readyState !== "loading";
    return load.domContentLoadedEventStart > 0;
  }

  // Run `start` on every page: on Material's document$ (instant navigation), else on DOMContentLoaded.
  function onPage(start) {
    let ran = false;
    const run = () => { ran = true; start(); };
    if (root.document$) root.document$.subscribe({ next: run });
    // From file:// with instant navigation on, Material completes document$ without ever emitting.
    const fallback = () => ran || run();
    if (contentLoaded()) fallback();
    else doc.addEventListener("DOMContentLoaded", fallback);
  }

  // What a script keeps: its longest text, the shape it must have, what to say if it is lost (null: nothing),
  // and whether it is kept for this tab only (sessionStorage) rather than for the browser.
  const define = (kind, cap, fits, lost, tabOnly = false) => { KINDS[kind] = [cap, fits, lost, tabOnly]; };
  // The learner's own work, used by several scripts; presenters' settings are defined where they are used.
  const isMap = (v) => v && typeof v === "object" && !Array.isArray(v);
  const ok = (v) => v === null || /string|boolean/.test(typeof v) || Number.isInteger(v) ||
    (Array.isArray(v) && v.every((s) => typeof s === "string"));
  define("answers", 120000, (d) => isMap(d) && isMap(d.answers) && Object.values(d.answers).every(ok) &&
    (d.score === undefined || Number.isInteger(d.score)) && typeof d.score === typeof d.max,
  "Your saved answers for this exercise couldn't be read, so we have cleared them.");
  define("checklist", 20000, (d) => Array.isArray(d) && d.every((t) => typeof t === "boolean"),
    "Your saved ticks for this checklist couldn't be read, so we have cleared them.");
  define("learner", 400, (d) => typeof d === "string", "Your saved name couldn't be read, so we have cleared it.");

  const LEARNER = /^mingle:v1:(answers:|checklist:|learner$)/;
  const keys = () => { try { return Object.keys(store()); } catch (e) { return []; } };
  root.Mingle = {
    el, svg, onPage,
    storage: {
      root: siteRoot, pagePath, key, define, get, set, drop, notice,
      learner: () => get("learner") || "",
      // Everything the learner did (answers, ticks, name); presenters' settings stay.
      clearAll: () => keys().filter((k) => LEARNER.test(k)).forEach((k) => store().removeItem(k)),
    },
  };
})(window);
