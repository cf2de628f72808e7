/* Mingle live room, loaded by room.js only in a tab opened from a room: each check also sends the answers there. */
((root) => {
  "use strict";
  const M = root.Mingle, S = M.storage, doc = root.document, FORMAT = "mingle.answers/1", PREFIX = "mingle:v1:";
  const CODE = /^[A-Z0-9]{4,8}$/, CLIENT = /^[A-Za-z0-9_-]{8,64}$/;
  let retry = 0;

  // Guarded storage of the room's own keys: a blocked or full store only means nothing is remembered.
  const read = (store, key) => { try { return root[store].getItem(PREFIX + key); } catch (e) { return null; } };
  const write = (store, key, value) => { try { root[store].setItem(PREFIX + key, value); } catch (e) { /* not kept */ } };

  // The room this tab was opened from: ?room=CODE, remembered for the tab so later pages keep sending.
  function roomCode() {
    const given = (new URL(root.location.href).searchParams.get("room") || "").toUpperCase();
    if (CODE.test(given)) write("sessionStorage", "room", given);
    const code = read("sessionStorage", "room");
    return code && CODE.test(code) ? code : "";
  }

  // The phone's own id in this room: random, kept, so checking again replaces rather than adds.
  function client() {
    let id = read("localStorage", "room-client");
    if (!id || !CLIENT.test(id)) {
      const bytes = root.crypto.getRandomValues(new Uint8Array(16));
      id = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
      write("localStorage", "room-client", id);
    }
    return id;
  }

  function queue(code) {
    let data = null;
    try { data = JSON.parse(read("localStorage", `room-queue:${code}`)); } catch (e) { /* judged below */ }
    return data && typeof data === "object" && !Array.isArray(data) ? data : {};
  }
  const keep = (code, waiting) => write("localStorage", `room-queue:${code}`, JSON.stringify(waiting));
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
  doc.addEventListener("mingle:checked", checked);
  (M.roomEarly || []).splice(0).forEach(checked);
  root.addEventListener("online", flush);
  doc.addEventListener("visibilitychange", () => doc.visibilityState === "visible" && flush());

  M.onPage(() => {
    const code = roomCode();
    if (!code) return;
    if (read("sessionStorage", `room-joined:${code}`) !== "yes") {
      fetch(address(code, "join"), { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ client: client() }) })
        .then((r) => r.ok && write("sessionStorage", `room-joined:${code}`, "yes"), () => { /* counted next page */ });
    }
    flush();
  });
})(window);
