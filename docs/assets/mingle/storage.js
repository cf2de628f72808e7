/* Mingle storage: answers, ticks and name in localStorage only, checked on read; and the page hook. */
((root) => {
  "use strict";
  const doc = root.document, PREFIX = "mingle:v1:", KEEP = " Download your answers to keep a copy.";
  const SAY = {
    answers: "Your saved answers for this exercise couldn't be read, so we have cleared them.",
    checklist: "Your saved ticks for this checklist couldn't be read, so we have cleared them.",
    learner: "Your saved name couldn't be read, so we have cleared it.",
    blocked: "This browser isn't letting the site save your work." + KEEP,
    full: "This browser's storage is full, so your latest changes weren't saved." + KEEP,
  };
  const isMap = (v) => v && typeof v === "object" && !Array.isArray(v);
  const count = (n) => n === undefined || Number.isInteger(n);
  const ok = (v) => v === null || /string|boolean/.test(typeof v) || Number.isInteger(v) ||
    (Array.isArray(v) && v.every((s) => typeof s === "string"));
  // Each kind of key: its longest text, and the shape it must have.
  const SHAPES = {
    answers: [120000, (d) => isMap(d) && isMap(d.answers) && Object.values(d.answers).every(ok) &&
      count(d.score) && typeof d.score === typeof d.max],
    checklist: [20000, (d) => Array.isArray(d) && d.every((t) => typeof t === "boolean")],
    learner: [400, (d) => typeof d === "string"],
  };
  // The site's root, from this script's address: right at any depth, under a sub-path and from file://.
  const siteRoot = doc.currentScript.src.replace(/assets\/mingle\/storage\.js.*$/, "");

  function el(tag, text, className) {
    const node = doc.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  // A notice at the top of `where` (a form or block) or of the page, once per text.
  function notice(where, text) {
    const host = where || doc.querySelector(".md-content__inner") || doc.body;
    if ([...host.children].some((n) => n.textContent === text)) return;
    const note = host.insertBefore(el("p", text, "mingle-notice"), host.firstChild);
    note.setAttribute("role", "alert");
  }

  // In an LMS, scorm.js sets a backend: progress lives there.
  const store = () => { try { return root.Mingle.storage.backend || root.localStorage; } catch (e) { /* blocked */ } };
  const drop = (key) => { try { store().removeItem(PREFIX + key); } catch (e) { /* nothing to remove */ } };

  // Keys: answers:<exercise>, checklist:<page>:<id>, learner. Bad data is removed, with a notice.
  function get(kind, name, where) {
    const key = kind === "learner" ? kind : `${kind}:${name}`, [cap, fits] = SHAPES[kind];
    let raw, data;
    try {
      raw = store().getItem(PREFIX + key);
      if (raw === null) return null;
      data = raw.length <= cap && JSON.parse(raw);
    } catch (e) {
      if (raw === undefined) {
        notice(null, SAY.blocked);
        return null;
      }
    }
    if (fits(data)) return data;
    drop(key);
    notice(where, SAY[kind]);
    return null;
  }

  function set(kind, name, data, where) {
    const raw = JSON.stringify(data);
    try {
      if (raw.length > SHAPES[kind][0]) throw new RangeError(kind);
      store().setItem(PREFIX + (kind === "learner" ? kind : `${kind}:${name}`), raw);
    } catch (e) {
      notice(store() ? where : null, store() ? SAY.full : SAY.blocked);
    }
  }

  // A page's key: its path from the root without .html or index ("modules/02-the-pub").
  function pagePath(address = root.location.href) {
    let path = new URL(address, root.location.href).href.split(/[?#]/)[0];
    path = path.startsWith(siteRoot) ? path.slice(siteRoot.length) : new URL(path).pathname.slice(1);
    return decodeURI(path).replace(/(^|\/)index\.html$/, "$1").replace(/(\.html|\/)$/, "") || "index";
  }

  // Run `start` on every page: on Material's document$ (instant navigation), else on DOMContentLoaded.
  function onPage(start) {
    let ran = false;
    const run = () => { ran = true; start(); };
    if (root.document$) root.document$.subscribe({ next: run });
    // From file:// with instant navigation on, Material completes document$ without ever emitting.
    const fallback = () => ran || run();
    if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", fallback);
    else fallback();
  }

  const keys = () => { try { return Object.keys(store()); } catch (e) { return []; } };
  root.Mingle = Object.assign(root.Mingle || {}, {
    el, onPage,
    storage: {
      root: siteRoot, pagePath, notice, get, set, drop,
      learner: () => get("learner") || "",
      clearAll: () => keys().filter((k) => /^mingle:v1:(answers:|checklist:|learner$)/.test(k))
        .forEach((k) => drop(k.slice(PREFIX.length))),
    },
  });
})(window);
