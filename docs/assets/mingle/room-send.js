/* Mingle live room, loaded by room.js only in a tab opened from a room: each check also sends the answers there. */
((root) => {
  "use strict";
  const M = root.Mingle, S = M.storage, doc = root.document, FORMAT = M.exercise.FORMAT;
  const CODE = /^[A-Z0-9]{4,8}$/, CLIENT = /^[A-Za-z0-9_-]{8,64}$/;
  const isMap = (v) => v && typeof v === "object" && !Array.isArray(v);
  let retry = 0;

  // The room's own kinds (room.js defines "room", the tab's room code). The phone's id and the answers waiting
  // to be sent are kept in the browser; that this tab has joined, for the tab only.
  S.define("room-client", 80, (v) => typeof v === "string" && CLIENT.test(v), null);
  S.define("room-joined", 10, (v) => v === true, null, true);
  S.define("room-queue", 500000, (v) => isMap(v) && Object.values(v).every((e) => isMap(e) && typeof e.learner === "string"
    && isMap(e.answers) && Number.isFinite(e.at)),
  "Answers waiting to go to the room couldn't be read, so they were cleared. Check the exercise again to send it.");

  // The room this tab was opened from: ?room=CODE, remembered for the tab so later pages keep sending.
  function roomCode() {
    const given = (new URL(root.location.href).searchParams.get("room") || "").toUpperCase();
    if (CODE.test(given)) S.set("room", "", given);
    return CODE.test(given) ? given : S.get("room") || "";
  }

  // The phone's own id in this room: random, kept, so checking again replaces rather than adds.
  function client() {
    let id = S.get("room-client");
    if (!id) {
      const bytes = root.crypto.getRandomValues(new Uint8Array(16));
      id = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
      S.set("room-client", "", id);
    }
    return id;
  }

  const queue = (code) => S.get("room-queue", code) || {};
  const keep = (code, waiting) => S.set("room-queue", code, waiting);
  const address = (code, what) => new URL(`room/${code}/${what}`, S.root).href;

  // A line of its own in the exercise's status region, below the score, so it is announced as it changes.
  function say(exercise, text) {
    const box = doc.querySelector(`form.mingle-exercise[data-exercise="${exercise}"] .mingle-result`);
    if (!box) return;
    (box.querySelector(".mingle-room") || M.el(box, "p", null, { class: "mingle-room" })).textContent = text;
  }

  async function send(code, exercise, entry) {
    const sheet = { format: FORMAT, learner: entry.learner, client: client(), answers: { [exercise]: entry.answers } };
    const response = await fetch(address(code, "answers"), {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(sheet) });
    const reply = await response.json().catch(() => ({}));
    return { status: response.status, problem: typeof reply.problem === "string" ? reply.problem : "" };
  }

  // Send every waiting exercise; what cannot reach the room stays queued for the next try.
  async function flush() {
    const code = roomCode(), waiting = code ? queue(code) : {};
    for (const [exercise, entry] of Object.entries(waiting)) {
      let sent;
      try { sent = await send(code, exercise, entry); } catch (e) { sent = { status: 0 }; }
      if (sent.status === 0 || sent.status === 429 || sent.status >= 500) {
        say(exercise, "The room can't be reached just now. Your answers are kept here and will be sent when it's back.");
        clearTimeout(retry);
        retry = setTimeout(flush, 10000);
        continue;
      }
      const now = queue(code);
      if (now[exercise] && now[exercise].at === entry.at) delete now[exercise];  // unless checked again meanwhile
      keep(code, now);
      const unnamed = entry.learner ? "" : " Type your name above so the presenter knows they are yours.";
      say(exercise, sent.status === 200
        ? `Sent to the room (${code}). Checking again replaces these answers.${unnamed}`
        : `The room didn't take these answers: ${sent.problem || "it said no"} Your score here still stands.`);
    }
  }

  function checked({ target, detail }) {
    const code = roomCode();
    if (!code) return;
    const waiting = queue(code);
    waiting[target.dataset.exercise] = { learner: S.learner().trim(), answers: detail.answers, at: Date.now() };
    keep(code, waiting);
    say(target.dataset.exercise, "Sending your answers to the room…");
    flush();
  }

  M.roomSend = checked;
  M.roomClient = client;
  doc.addEventListener("mingle:checked", checked);
  (M.roomEarly || []).splice(0).forEach(checked);
  root.addEventListener("online", flush);
  doc.addEventListener("visibilitychange", () => doc.visibilityState === "visible" && flush());

  M.onPage(() => {
    const code = roomCode();
    if (!code) return;
    if (!S.get("room-joined", code)) {
      fetch(address(code, "join"), { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ client: client() }) })
        .then((r) => r.ok && S.set("room-joined", code, true), () => { /* counted next page */ });
    }
    flush();
  });
})(window);
