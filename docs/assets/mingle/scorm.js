/* Mingle SCORM 1.2: the launcher keeps one LMS session for the whole visit; each page hands it its storage. */
((root) => {
  "use strict";
  const doc = root.document, PREFIX = "mingle:v1:", LIMIT = 4096, SAVE_AFTER = 3000;
  const LOST = "One of your written answers here is too long to keep in the LMS along with all your other work, " +
    "so it is kept only until you close the course. Download your answers to keep a copy.";
  const UNREADABLE = "Your saved progress in the LMS couldn't be read, so this visit starts afresh.";

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

  // suspend_data: "M1" + JSON [fingerprint, exercises, checklists, name, texts]. Each exercise is 0 (never saved)
  // or [score or -1, one number per item]: option place + 1, a set of options as bits, rating - min + 1, tick 1.
  // Written answers come last, whole, as many as fit; the rest stay only in this visit (LOST says so).
  function codec(course) {
    const fingerprint = root.Mingle.codes.checksum(JSON.stringify(course.exercises));
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

    function encode(records, keep) {
      const texts = [], exercises = course.exercises.map((ex, e) => {
        const record = records[`answers:${ex.id}`];
        if (!record) return 0;
        const row = [Number.isInteger(record.score) ? record.score : -1];
        ex.items.forEach((item, i) => {
          const v = record.answers[item[0]];
          if (item[1] === "text" && typeof v === "string" && v) texts.push([e, i, v]);
          row.push(number(ex, item, v) || 0);
        });
        while (row.length > 1 && !row[row.length - 1]) row.pop();
        return row;
      });
      const lists = {}, dropped = [];
      for (const [key, ticks] of Object.entries(records)) {
        if (key.startsWith("checklist:")) lists[key.slice(10)] = ticks.map(Number).join("").replace(/0+$/, "");
      }
      const pack = (name, kept) => "M1" + JSON.stringify([fingerprint, exercises, lists, name, kept]);
      const name = pack(records.learner || "", []).length <= LIMIT ? records.learner || "" : "";
      const kept = [];
      for (const text of texts) {
        if (keep && pack(name, [...kept, text]).length <= LIMIT) kept.push(text);
        else dropped.push(course.exercises[text[0]].id);
      }
      const data = pack(name, kept);
      return data.length <= LIMIT ? { data, dropped } : null;
    }

    // Anything not exactly as encode writes it is refused whole: a wrong restore is worse than none.
    function decode(data) {
      let parts;
      try { parts = data.startsWith("M1") && JSON.parse(data.slice(2)); } catch (e) { return null; }
      if (!Array.isArray(parts) || parts.length !== 5 || parts[0] !== fingerprint) return null;
      const [, exercises, lists, name, texts] = parts, records = {};
      if (!Array.isArray(exercises) || exercises.length !== course.exercises.length || !lists ||
          typeof lists !== "object" || typeof name !== "string" || !Array.isArray(texts)) return null;
      for (const [e, row] of exercises.entries()) {
        const ex = course.exercises[e];
        if (row === 0) continue;
        if (!Array.isArray(row) || !row.every(Number.isInteger) || row.length > ex.items.length + 1) return null;
        // In an exercise answered or checked, the unticked boxes are false, as the page had them.
        const answers = {}, started = row.length > 1 || row[0] >= 0;
        ex.items.forEach((item, i) => {
          const n = row[i + 1] || 0, v = n > 0 ? value(ex, item, n) : started && item[1] === "check" ? false : undefined;
          if (v !== undefined && !(Array.isArray(v) && !v.length)) answers[ex.items[i][0]] = v;
        });
        records[`answers:${ex.id}`] = row[0] >= 0 ? { answers, score: row[0], max: ex.max } : { answers };
      }
      for (const text of texts) {
        const [e, i, v] = Array.isArray(text) ? text : [], ex = course.exercises[e], record = ex && records[`answers:${ex.id}`];
        if (!record || !ex.items[i] || ex.items[i][1] !== "text" || typeof v !== "string") return null;
        record.answers[ex.items[i][0]] = v;
      }
      for (const [key, bits] of Object.entries(lists)) {
        if (typeof bits !== "string" || !/^[01]*$/.test(bits)) return null;
        records[`checklist:${key}`] = [...bits].map((b) => b === "1");
      }
      if (name) records.learner = name;
      return records;
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
    const saved = get("cmi.suspend_data"), records = saved ? decode(saved) || {} : {};
    const mastery = parseFloat(get("cmi.student_data.mastery_score")) || course.mastery;
    const notices = saved && !decode(saved) ? [UNREADABLE] : [];
    let lost = [], timer = 0, finished = false;
    if (!records.learner) {
      // SCORM 1.2 gives "Last, First": the kit's name box wants it as people write it.
      const [last, first] = get("cmi.core.student_name").split(",").map((s) => s.trim());
      if (last) records.learner = first ? `${first} ${last}` : last;
    }

    function report() {
      let score = 0, top = 0, done = true;
      for (const ex of course.exercises) {
        const record = records[`answers:${ex.id}`];
        top += ex.max;
        if (record && Number.isInteger(record.score)) score += record.score;
        else done = false;
      }
      const raw = top ? Math.round((100 * score) / top) : 0;
      put("cmi.core.score.raw", raw);
      put("cmi.core.lesson_status", !done ? "incomplete" : mastery > 0 ? (raw >= mastery ? "passed" : "failed") : "completed");
      const packed = encode(records, true);
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

    if (get("cmi.core.lesson_status") === "not attempted") put("cmi.core.lesson_status", "incomplete");
    put("cmi.core.score.min", 0);
    put("cmi.core.score.max", 100);
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
