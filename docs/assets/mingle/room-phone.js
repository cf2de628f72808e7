/* Mingle live room on a phone, loaded by room.js in a tab opened from a room: sends answers to live activities,
   and in the room's lobby follows the presenter's deck, showing the form of the activity on the screen (presenter
   pace) or a word to look up between activities. A phone that joins late, reloads or loses the wifi asks where the
   room is and comes back to it; what was typed is kept in the browser, never lost. */
((root) => {
  "use strict";
  const M = root.Mingle, S = M.storage, doc = root.document, FORMAT = "mingle.answers/1";
  const code = S.get("room") || "";  // kept for the tab by room.js
  const address = (what) => new URL(`room/${code}/${what}`, S.root).href;
  const client = () => M.roomClient();  // room-send.js's: one id per phone, whatever it sends
  let shown = null, source = null, retry = 0;
  // The questions this phone has voted for, for the tab: a vote shows as pressed after a reload too.
  S.define("room-votes", 4000, (v) => Array.isArray(v) && v.every((s) => typeof s === "string"), null, true);

  async function post(what, body) {
    const response = await fetch(address(what), { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body) });
    const reply = await response.json().catch(() => ({}));
    return { ok: response.ok, problem: typeof reply.problem === "string" ? reply.problem : "" };
  }

  // activity.js hands a live activity's response here to send (on a module page or in the lobby alike).
  M.roomActivity = async (form, id, response) => {
    M.activity.say(form, "Sending…");
    const sheet = { format: FORMAT, learner: S.learner().trim(), client: client(), answers: { [id]: { answer: response } } };
    let sent;
    try { sent = await post("answers", sheet); } catch (e) { sent = { ok: false, problem: "" }; }
    M.activity.say(form, sent.ok
      ? (form.dataset.kind === "qa" ? "Sent. The presenter will read it; ask another if you like." : "Sent. Sending again replaces your answer.")
      : `Not sent: ${sent.problem || "the room can't be reached just now. Your answer is kept here; try again in a moment."}`);
    if (sent.ok && form.dataset.kind === "qa") M.activity.clear(form);
  };

  // Put the form of the room's current activity in the lobby, or the words to look up between activities.
  function show(now) {
    const area = doc.querySelector("[data-room-activity]");
    const wanted = now.pace === "presenter" ? now.activity : "";
    const template = wanted && doc.querySelector(`template[data-room-form="${CSS.escape(wanted)}"]`);
    const id = template ? wanted : "";
    if (id && now.questions) questions(area, id, now.questions);
    if (id === shown && id) return;
    shown = id;
    area.dataset.roomActivity = id;
    if (!template) {
      const words = now.pace === "presenter"
        ? (now.title ? `Look up at the screen: ${now.title}` : "Look up at the screen: the next question will appear here.")
        : "Go at your own pace: open the course below, and your answers still reach the room.";
      area.replaceChildren(M.el(null, "p", words, { class: "room-look-up", "data-room-look-up": "" }));
      return;
    }
    area.replaceChildren(doc.importNode(template.content, true));
    if (now.questions) questions(area, id, now.questions);
    const form = area.querySelector("form");
    for (const input of form.querySelectorAll("[data-role=learner-name]")) input.value = S.learner();
    if (form.matches("form.mingle-activity")) M.activity.wire(form);
    else {
      const saved = S.get("answers", id, form);
      if (saved) M.exercise.apply(form, saved.answers);
    }
  }

  // The questions the presenter has put on the screen, each with a button to vote for it once.
  function questions(area, id, list) {
    const voted = S.get("room-votes", code) || [];
    let box = area.querySelector(".room-questions");
    if (!box) {
      box = M.el(area, "section", null, { class: "room-questions", "aria-labelledby": "room-questions-title" });
      M.el(box, "h3", "Questions on the screen", { id: "room-questions-title" });
      M.el(box, "ul");
    }
    const items = list.filter((q) => !q.answered).map((q) => {
      const item = M.el(null, "li");
      M.el(item, "span", q.text, { class: "room-question-text" });
      const mine = voted.includes(q.id);
      M.el(item, "button", mine ? `Voted (${q.votes})` : `Vote (${q.votes})`, { type: "button",
        "data-action": "vote", "data-activity": id, "data-question": q.id, "aria-pressed": String(mine) });
      return item;
    });
    box.querySelector("ul").replaceChildren(...items);
    box.hidden = !items.length;
  }

  doc.addEventListener("click", async ({ target }) => {
    const button = target.closest("button[data-action=vote]");
    if (!button || button.getAttribute("aria-pressed") === "true") return;
    const sent = await post(`activities/${button.dataset.activity}/vote`, { client: client(), question: button.dataset.question })
      .catch(() => ({ ok: false }));
    if (!sent.ok) return;
    const question = button.dataset.question;
    S.set("room-votes", code, [...(S.get("room-votes", code) || []), question]);
    // The list may have been drawn again while the vote was on its way (the room tells every phone the new count),
    // so mark the button on show now, not only the one pressed.
    for (const shown of doc.querySelectorAll(`button[data-action=vote][data-question="${CSS.escape(question)}"]`)) {
      if (shown.getAttribute("aria-pressed") === "true") continue;
      shown.setAttribute("aria-pressed", "true");
      shown.textContent = shown.textContent.replace("Vote", "Voted");
    }
  });

  // Follow the room: events as it moves; without them, or when they drop, ask again every few seconds.
  function follow() {
    const ask = () => fetch(address("now"), { cache: "no-store" }).then((r) => r.json()).then(show, () => null);
    ask();
    if (root.EventSource) {
      source = new EventSource(address("follow"));
      source.onmessage = (event) => show(JSON.parse(event.data));
      source.onerror = () => { clearTimeout(retry); retry = setTimeout(ask, 3000); };
    } else root.setInterval(ask, 3000);
    root.addEventListener("online", ask);
    doc.addEventListener("visibilitychange", () => doc.visibilityState === "visible" && ask());
  }

  M.onPage(() => {
    const lobby = doc.querySelector("[data-room-lobby]");
    if (!lobby || source) return;
    const joined = lobby.querySelector("[data-room-joined]");
    post("join", { client: client() }).then(
      (r) => { joined.textContent = r.ok ? "You're in. Keep this page open: each question appears here when the presenter gets to it." : `Not joined: ${r.problem}`; },
      () => { joined.textContent = "The room can't be reached just now. Check you're on the same wifi as the presenter."; });
    follow();
  });
})(window);
