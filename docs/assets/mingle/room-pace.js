/* Mingle live room, the pace switch: phones follow the presenter's slides, or move freely. It sits on the activities
   page and in the speaker view of a deck opened from the room, and works with the presenter's sign-in (the
   dashboard's cookie). A press posts the pace; the pressed button is always the room's pace as it stands, whoever
   changed it, because the switch follows the state the room sends its phones. */
((root) => {
  "use strict";
  const M = root.Mingle, doc = root.document;
  const address = (code, what) => new URL(`room/${code}/${what}`, M.storage.root).href;
  const SAID = { presenter: "Phones now follow your slides.", audience: "Phones now move freely." };
  const following = new Set();

  // Every switch for this room on the page shows its pace.
  function show(code, pace) {
    for (const button of doc.querySelectorAll(`[data-room-pace="${CSS.escape(code)}"] button[data-action=pace]`)) {
      button.setAttribute("aria-pressed", String(button.dataset.pace === pace));
    }
  }

  // The room's pace now, then each time it changes (from here, another window or the presenter's phone).
  function follow(code) {
    if (following.has(code)) return;
    following.add(code);
    const ask = () => fetch(address(code, "now"), { cache: "no-store" }).then((r) => r.json())
      .then((now) => show(code, now.pace), () => {});
    ask();
    if (!root.EventSource) return root.setInterval(ask, 3000);
    const source = new EventSource(address(code, "follow"));
    source.onmessage = (event) => show(code, JSON.parse(event.data).pace);
    return source;
  }

  function say(switcher, text) {
    const status = switcher.querySelector("[data-role=pace-status]");
    if (status) status.textContent = text;
  }

  doc.addEventListener("click", async ({ target }) => {
    const button = target.closest && target.closest("[data-room-pace] button[data-action=pace]");
    if (!button) return;
    const switcher = button.closest("[data-room-pace]"), code = switcher.dataset.roomPace;
    const response = await fetch(address(code, "pace"), { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify({ pace: button.dataset.pace }) })
      .catch(() => null);
    const reply = response ? await response.json().catch(() => ({})) : {};
    if (response && response.ok && SAID[reply.pace]) {
      show(code, reply.pace);
      say(switcher, SAID[reply.pace]);
    } else say(switcher, `Not changed: ${reply.problem || "the room can't be reached just now."}`);
  });

  // A switch made for a page that has none of its own (the speaker view), in `parent`.
  function control(parent, code) {
    const el = M.el;
    const switcher = el(parent, "div", null, { class: "room-pace", role: "group", "aria-labelledby": "room-pace-label",
      "data-room-pace": code });
    el(switcher, "span", "Phones in the room:", { id: "room-pace-label", class: "room-pace-label" });
    for (const [pace, label] of [["presenter", "Follow your slides"], ["audience", "Move freely"]]) {
      el(switcher, "button", label, { type: "button", class: "md-button", "data-action": "pace", "data-pace": pace,
        "aria-pressed": "false" });
    }
    el(switcher, "span", null, { class: "room-pace-status", role: "status", "data-role": "pace-status" });
    follow(code);
    return switcher;
  }

  // A switch already in the page (the activities page's) follows the room as soon as the page is there.
  for (const switcher of doc.querySelectorAll("[data-room-pace]")) follow(switcher.dataset.roomPace);

  M.roomPace = { control };
})(window);
