/* Mingle storage: the learner's answers, ticks and name in localStorage only (versioned keys, checked on read). */
(function (root) {
  "use strict";

  var PREFIX = "mingle:v1:";
  var CAP = { answers: 120000, checklist: 20000, learner: 400 };
  var ID = /^[a-z0-9][a-z0-9-]*$/;
  var SAY = {
    answers: "We couldn't read the answers this browser saved for this exercise, so we have cleared them. " +
      "Sorry: you will need to answer again.",
    checklist: "We couldn't read the ticks this browser saved for this checklist, so we have cleared them.",
    learner: "We couldn't read the name this browser saved for you, so we have cleared it. Please type it again.",
    blocked: "Your browser is not letting this site save anything, so your answers will be lost when you " +
      "leave the page. Use Download my answers to keep a copy.",
    full: "Your browser's storage is full, so your latest changes were not saved. " +
      "Use Download my answers to keep a copy."
  };

  // The site's root URL, from this script's own address (…/assets/mingle/storage.js): works at any depth,
  // under a sub-path and from file://, and stays right across instant navigation.
  var here = root.document && root.document.currentScript && root.document.currentScript.src;
  var siteRoot = here ? here.replace(/assets\/mingle\/storage\.js(?:[?#].*)?$/, "") : "";

  function store() {
    try {
      return root.localStorage || null;
    } catch (e) {
      return null;
    }
  }

  function isMapping(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function isAnswerValue(value) {
    if (value === null || typeof value === "string" || typeof value === "boolean") return true;
    if (typeof value === "number") return Number.isInteger(value);
    return Array.isArray(value) && value.length <= 100 && value.every(function (v) { return typeof v === "string"; });
  }

  var SHAPES = {
    answers: function (data) {
      if (!isMapping(data) || !isMapping(data.answers)) return false;
      var keys = Object.keys(data.answers);
      if (keys.length > 1000 || !keys.every(function (k) { return isAnswerValue(data.answers[k]); })) return false;
      var counted = function (n) { return n === undefined || (typeof n === "number" && Number.isInteger(n) && n >= 0); };
      return counted(data.score) && counted(data.max) && ((data.score === undefined) === (data.max === undefined));
    },
    checklist: function (data) {
      return Array.isArray(data) && data.length <= 500 && data.every(function (v) { return typeof v === "boolean"; });
    },
    learner: function (data) { return typeof data === "string" && data.length <= 200; }
  };

  /** Show a notice (role=alert) at the top of `where` (a form or block), or at the top of the page. */
  function notice(where, text) {
    var doc = root.document;
    var host = where || doc.querySelector(".md-content__inner") || doc.querySelector("main") || doc.body;
    var existing = host.querySelectorAll(":scope > .mingle-notice");
    for (var i = 0; i < existing.length; i++) if (existing[i].textContent === text) return existing[i];
    var el = doc.createElement("p");
    el.className = "mingle-notice";
    el.setAttribute("role", "alert");
    el.textContent = text;
    var before = where && where.matches("form") ? where.querySelector(".mingle-learner") : null;
    host.insertBefore(el, before && before.parentNode === host ? before : host.firstChild);
    return el;
  }

  var warnedBlocked = false;
  function blocked() {
    if (!warnedBlocked && root.document) {
      warnedBlocked = true;
      notice(null, SAY.blocked);
    }
    return null;
  }

  /** Read and check one stored value: corrupt or foreign data is removed and a notice shown. */
  function read(kind, key, where) {
    var ls = store();
    if (!ls) return blocked();
    var raw;
    try {
      raw = ls.getItem(PREFIX + key);
    } catch (e) {
      return blocked();
    }
    if (raw === null) return null;
    var data, ok = false;
    try {
      if (raw.length <= CAP[kind]) {
        data = JSON.parse(raw);
        ok = SHAPES[kind](data);
      }
    } catch (e) {
      ok = false;
    }
    if (ok) return data;
    remove(key);
    if (root.document) notice(where, SAY[kind]);
    return null;
  }

  function write(kind, key, data, where) {
    var ls = store();
    if (!ls) return blocked();
    var raw = JSON.stringify(data);
    if (raw.length > CAP[kind]) {
      notice(where, SAY.full);
      return false;
    }
    try {
      ls.setItem(PREFIX + key, raw);
      return true;
    } catch (e) {
      notice(where, SAY.full);
      return false;
    }
  }

  function remove(key) {
    var ls = store();
    try {
      if (ls) ls.removeItem(PREFIX + key);
    } catch (e) { /* nothing stored, nothing to remove */ }
  }

  /** Every stored key under a family (`answers:`, `checklist:`), without the prefix. */
  function keys(family) {
    var ls = store(), found = [];
    try {
      for (var i = 0; ls && i < ls.length; i++) {
        var key = ls.key(i);
        if (key && key.indexOf(PREFIX + family) === 0) found.push(key.slice(PREFIX.length));
      }
    } catch (e) { /* storage blocked: nothing to list */ }
    return found;
  }

  /** A page's key: its source path without `.md` ("modules/02-the-pub"), from a URL or a docs path. */
  function pagePath(address) {
    var path;
    if (address && /\.md$/.test(address)) {
      path = address.replace(/\.md$/, "").replace(/(^|\/)index$/, "");
    } else {
      var url = new URL(address || root.location.href, root.location.href);
      path = url.href.split(/[?#]/)[0];
      if (siteRoot && path.indexOf(siteRoot) === 0) path = path.slice(siteRoot.length);
      else path = url.pathname.replace(/^\//, "");
      try {
        path = decodeURIComponent(path);
      } catch (e) { /* keep it encoded */ }
      path = path.replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "").replace(/\/$/, "");
    }
    return path || "index";
  }

  var api = {
    PREFIX: PREFIX,
    root: function () { return siteRoot; },
    pagePath: pagePath,
    notice: notice,
    available: function () { return !!store(); },
    readAnswers: function (id, where) { return ID.test(id) ? read("answers", "answers:" + id, where) : null; },
    writeAnswers: function (id, record, where) { return write("answers", "answers:" + id, record, where); },
    removeAnswers: function (id) { remove("answers:" + id); },
    answerIds: function () {
      return keys("answers:").map(function (k) { return k.slice(8); }).filter(function (id) { return ID.test(id); });
    },
    readChecklist: function (page, id, where) { return read("checklist", "checklist:" + page + ":" + id, where); },
    writeChecklist: function (page, id, ticks, where) {
      return write("checklist", "checklist:" + page + ":" + id, ticks, where);
    },
    readLearner: function (where) { return read("learner", "learner", where) || ""; },
    writeLearner: function (name) { return write("learner", "learner", String(name).slice(0, 200)); },
    clearAll: function () {
      keys("answers:").concat(keys("checklist:"), keys("learner")).forEach(remove);
    }
  };
  root.Mingle = root.Mingle || {};
  root.Mingle.storage = api;
})(window);
