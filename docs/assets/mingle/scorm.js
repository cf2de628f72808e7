/* Mingle SCORM 1.2: the launcher keeps one LMS session for the whole visit; each page hands it its storage. */
((root) => {
  "use strict";
  const doc = root.document, PREFIX = "mingle:v1:", LIMIT = 4096, SAVE_AFTER = 3000;
  const LOST = "One of your written answers here is too long to keep in the LMS along with all your other work, " +
    "so it is kept only until you close the course. Download your answers to keep a copy.";
  const UNREADABLE = "Your saved progress in the LMS comes from a version of this course that this one can't read. " +
    "It is kept as it was, so nothing you do on this visit is saved in the LMS. Download your answers to keep a copy.";
  const OLDER = "Some of your saved answers belong to an earlier version of an exercise that has changed since. " +
    "They are kept in the LMS, but they can't be shown here.";

  // The LMS's API: up the parents, then the opener and its parents (SCORM 1.2 RTE, API discovery).
  function findApi(win) {
    for (let n = 0; win && n < 10; n++) {
      try {
        if (win.API) return win.API;
        if (win.parent === win) break;
        win = win.parent;
      } catch (e) { return null; }  // a frame of another site
    }
    return null;
  }

  // CMITimespan, HHHH:MM:SS.SS (hours of two to four digits).
  const pad = (n) => String(n).padStart(2, "0");
  function timespan(ms) {
    const cs = Math.max(0, Math.round(ms / 10)), h = Math.min(9999, Math.floor(cs / 360000));
    return `${pad(h)}:${pad(Math.floor(cs / 6000) % 60)}:${pad(Math.floor(cs / 100) % 60)}.${pad(cs % 100)}`;
  }

  // suspend_data: "M2" + JSON [version, rows, checklists, name, texts]. version is the package's (the fingerprint of
  // its exercises' ids, kinds and options). rows: exercise id -> [its own fingerprint, score or -1, one number per
  // item]: option place + 1, a set of options as bits, rating - min + 1, tick 1. texts: [exercise id, item place,
  // text], as many as fit (LOST names the rest). A newer package restores each exercise whose fingerprint it shares
  // and carries the others, untouched, into what it saves. "M1" (the older packages') is still read when its
  // version is this package's: positions instead of ids, no per-exercise fingerprint.
  function codec(course) {
    const print = (value) => root.Mingle.codes.checksum(JSON.stringify(value));
    const version = print(course.exercises), prints = new Map(course.exercises.map((ex) => [ex.id, print(ex)]));
    const byId = new Map(course.exercises.map((ex) => [ex.id, ex]));
    const number = (ex, [, kind, options], v) => {
      if (kind === "multiple") {
        return Array.isArray(v) ? v.reduce((bits, id) => bits | (options.includes(id) ? 1 << options.indexOf(id) : 0), 0) : 0;
      }
      if (kind === "single" || kind === "match") return options.indexOf(v) + 1;
      if (kind === "rating") return Number.isInteger(v) ? v - ex.min + 1 : 0;
      return kind === "check" && v === true ? 1 : 0;
    };
    const value = (ex, [, kind, options], n) => {
      if (kind === "multiple") return options.filter((o, i) => n & (1 << i));
      if (kind === "single" || kind === "match") return options[n - 1];
      return kind === "rating" ? n + ex.min - 1 : kind === "check" ? true : undefined;
    };

    // records: what storage.js keeps; carried: the rows and texts of exercises this package does not know as saved.
    function encode(records, carried, keep) {
      const texts = [], rows = { ...carried.rows };
      for (const ex of course.exercises) {
        const record = records[`answers:${ex.id}`];
        if (!record) continue;
        const row = [prints.get(ex.id), Number.isInteger(record.score) ? record.score : -1];
        ex.items.forEach((item, i) => {
          const v = record.answers[item[0]];
          if (item[1] === "text" && typeof v === "string" && v) texts.push([ex.id, i, v]);
          row.push(number(ex, item, v) || 0);
        });
        while (row.length > 2 && !row[row.length - 1]) row.pop();
        rows[ex.id] = row;
      }
      const lists = {}, dropped = [];
      for (const [key, ticks] of Object.entries(records)) {
        if (key.startsWith("checklist:")) lists[key.slice(10)] = ticks.map(Number).join("").replace(/0+$/, "");
      }
      const pack = (name, kept) => "M2" + JSON.stringify([version, rows, lists, name, kept]);
      const name = pack(records.learner || "", carried.texts).length <= LIMIT ? records.learner || "" : "";
      const kept = [...carried.texts];
      for (const text of texts) {
        if (keep && pack(name, [...kept, text]).length <= LIMIT) kept.push(text);
        else dropped.push(text[0]);
      }
      const data = pack(name, kept);
      return data.length <= LIMIT ? { data, dropped } : null;
    }

    // One exercise's saved row as its record; null if it is not exactly as encode writes it.
    function restore(ex, row) {
      if (!Array.isArray(row) || !row.every(Number.isInteger) || row.length > ex.items.length + 1) return null;
      // In an exercise answered or checked, the unticked boxes are false, as the page had them.
      const answers = {}, started = row.length > 1 || row[0] >= 0;
      ex.items.forEach((item, i) => {
        const n = row[i + 1] || 0, v = n > 0 ? value(ex, item, n) : started && item[1] === "check" ? false : undefined;
        if (v !== undefined && !(Array.isArray(v) && !v.length)) answers[item[0]] = v;
      });
      return row[0] >= 0 ? { answers, score: row[0], max: ex.max } : { answers };
    }

    // Saved data as {records, carried, older}, or null when this package cannot read it (then it is left alone).
    // Anything not exactly as encode writes it is refused whole: a wrong restore is worse than none.
    function decode(data) {
      let parts;
      try { parts = /^M[12]/.test(data) && JSON.parse(data.slice(2)); } catch (e) { return null; }
      if (!Array.isArray(parts) || parts.length !== 5) return null;
      const [saved, rows, lists, name, texts] = parts, old = data.startsWith("M1");
      if (old ? saved !== version : typeof saved !== "string") return null;
      if (!rows || typeof rows !== "object" || !lists || typeof lists !== "object" || Array.isArray(lists) ||
          typeof name !== "string" || !Array.isArray(texts) || old !== Array.isArray(rows)) return null;
      const records = {}, carried = { rows: {}, texts: [] };
      let older = false;
      for (const [key, row] of Object.entries(rows)) {
        const ex = old ? course.exercises[key] : byId.get(key);
        if (old && !ex) return null;
        if (!old && (!ex || !Array.isArray(row) || row[0] !== prints.get(key))) {
          carried.rows[key] = row;  // from another version of the exercise: kept as saved, for a package that reads it
          older = true;
          continue;
        }
        if (row === 0) continue;
        const record = restore(ex, old ? row : row.slice(1));
        if (!record) return null;
        records[`answers:${ex.id}`] = record;
      }
      for (const text of texts) {
        const [at, i, v] = Array.isArray(text) ? text : [];
        const ex = old ? course.exercises[at] : byId.get(at);
        if (!old && Object.hasOwn(carried.rows, at)) {
          carried.texts.push(text);
          continue;
        }
        const record = ex && records[`answers:${ex.id}`];
        if (!record || !ex.items[i] || ex.items[i][1] !== "text" || typeof v !== "string") return null;
        record.answers[ex.items[i][0]] = v;
      }
      for (const [key, bits] of Object.entries(lists)) {
        if (typeof bits !== "string" || !/^[01]*$/.test(bits)) return null;
        records[`checklist:${key}`] = [...bits].map((b) => b === "1");
      }
      if (name) records.learner = name;
      return { records, carried, older };
    }
    return { encode, decode };
  }

  function launch(frame) {
    const course = JSON.parse(doc.getElementById("mingle-scorm-course").textContent);
    let api = findApi(root.parent !== root ? root.parent : null);
    try { api = api || (root.opener && findApi(root.opener)); } catch (e) { api = null; }
    if (!api || String(api.LMSInitialize("")) !== "true") {
      root.location.replace(frame.dataset.mingleScorm);  // no LMS: the plain offline site
      return;
    }
    const started = Date.now(), { encode, decode } = codec(course);
    const get = (name) => { try { return String(api.LMSGetValue(name) ?? ""); } catch (e) { return ""; } };
    const put = (name, value) => { try { finished || api.LMSSetValue(name, String(value)); } catch (e) { /* said no */ } };
    const saved = get("cmi.suspend_data"), read = saved ? decode(saved) : { records: {}, carried: { rows: {}, texts: [] } };
    // Saved data this package cannot read stays in the LMS as it was (a package that can read it may come back):
    // this visit writes no suspend_data over it, and the learner is told.
    const records = read ? read.records : {}, carried = read ? read.carried : null;
    const notices = !read ? [UNREADABLE] : read.older ? [OLDER] : [];
    const mastery = parseFloat(get("cmi.student_data.mastery_score")) || course.mastery;
    const settled = /^(passed|failed|completed)$/.test(get("cmi.core.lesson_status"));
    let lost = [], timer = 0, finished = false;
    if (!records.learner) {
      // SCORM 1.2 gives "Last, First": the kit's name box wants it as people write it.
      const [last, first] = get("cmi.core.student_name").split(",").map((s) => s.trim());
      if (last) records.learner = first ? `${first} ${last}` : last;
    }

    // What a score counts (model.py's is_marked): the marked items of the exercises that have them, scored by
    // scoring.js itself. Self-ratings, self-checks and the survey are never part of the pass mark, nor of "done".
    function report() {
      let marked = 0, top = 0, done = true;
      course.models.forEach((model) => {
        if (!model.marked_max) return;
        const record = records[`answers:${model.id}`];
        top += model.marked_max;
        if (record && Number.isInteger(record.score)) marked += root.Mingle.scoring.scoreExercise(model, record.answers).marked;
        else done = false;
      });
      if (!top) {
        // A course of profiles and surveys only: nothing to pass or fail, so completed once every exercise is checked.
        const checked = course.models.every((model) => Number.isInteger((records[`answers:${model.id}`] || {}).score));
        if (checked || !settled) put("cmi.core.lesson_status", checked ? "completed" : "incomplete");
      } else if (done) {
        // A score only once there is one: under a mastery score the LMS turns any raw score into passed or failed.
        const raw = Math.round((100 * marked) / top);
        put("cmi.core.score.min", 0);
        put("cmi.core.score.max", 100);
        put("cmi.core.score.raw", raw);
        put("cmi.core.lesson_status", mastery > 0 ? (raw >= mastery ? "passed" : "failed") : "completed");
      } else if (!settled) {
        put("cmi.core.lesson_status", "incomplete");  // never over a result an earlier visit reached
      }
      const packed = carried && encode(records, carried, true);
      if (packed) {
        put("cmi.suspend_data", packed.data);
        lost = packed.dropped;
      }
    }

    function commit() {
      clearTimeout(timer);
      timer = 0;
      if (!finished) try { api.LMSCommit(""); } catch (e) { /* kept for the next commit */ }
    }

    function finish() {
      if (finished) return;
      report();
      put("cmi.core.session_time", timespan(Date.now() - started));
      put("cmi.core.exit", "suspend");  // so the next visit resumes with everything saved here
      commit();
      finished = true;
      try { api.LMSFinish(""); } catch (e) { /* the LMS has gone */ }
    }

    // A Storage look-alike for storage.js: its own keys are the data, so Object.keys lists them as for localStorage.
    const store = Object.create({
      getItem: (key) => (key.startsWith(PREFIX) && key.slice(PREFIX.length) in records
        ? JSON.stringify(records[key.slice(PREFIX.length)]) : null),
      setItem(key, raw) {
        records[key.slice(PREFIX.length)] = JSON.parse(raw);
        changed();
      },
      removeItem(key) {
        delete records[key.slice(PREFIX.length)];
        changed();
      },
    });
    function changed() {
      for (const key of Object.keys(store)) delete store[key];
      for (const key of Object.keys(records)) store[PREFIX + key] = "";
      report();
      clearTimeout(timer);
      timer = setTimeout(commit, SAVE_AFTER);  // typing is saved once it pauses; checks and ticks at once
    }

    changed();
    commit();
    root.MingleScorm = {
      store, commit, lost: () => lost, notices,
      visit: (page) => put("cmi.core.lesson_location", page.slice(0, 255)),
    };
    root.addEventListener("pagehide", finish);
    root.addEventListener("beforeunload", finish);
    const place = get("cmi.core.lesson_location");
    frame.src = /^[\w-]+(\/[\w-]+)*\.html$/.test(place) ? place : frame.dataset.mingleScorm;
  }

  // A page of the site inside the launcher: its storage goes to the LMS session, and checks and ticks commit.
  function attach(host) {
    const M = root.Mingle, base = root.parent.location.href.replace(/[^/]*([?#].*)?$/, "");
    M.storage.backend = host.store;
    const tell = () => {
      for (const text of host.notices.splice(0)) M.storage.notice(null, text);
      for (const id of host.lost()) {
        const form = doc.querySelector(`form.mingle-exercise[data-exercise="${id}"]`);
        if (form) M.storage.notice(form, LOST);
      }
    };
    const commit = () => { host.commit(); tell(); };
    doc.addEventListener("click", ({ target }) => target.closest("button[data-action]") && commit());
    doc.addEventListener("change", ({ target }) => target.dataset.mingleList && commit());
    doc.addEventListener("input", tell);
    M.onPage(() => {
      const here = root.location.href.split(/[?#]/)[0];
      if (here.startsWith(base)) host.visit(here.slice(base.length));
      tell();
    });
  }

  const frame = doc.querySelector("iframe[data-mingle-scorm]");
  let host = null;
  try { host = !frame && root.parent !== root && root.parent.MingleScorm; } catch (e) { /* not our launcher */ }
  if (frame) launch(frame);
  else if (host && root.Mingle && root.Mingle.storage) attach(host);
})(window);
