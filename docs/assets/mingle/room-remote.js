/* Mingle live room, the presenter's phone as a remote: the key once (swapped for the room's cookie, as the dashboard
   does), then Previous and Next for the deck opened from the room, the current slide's title and notes, and a timer
   from when the remote was opened. */
((root) => {
  "use strict";
  const doc = root.document, code = doc.body.dataset.code;
  const part = (role) => doc.querySelector(`[data-role="${role}"]`);
  const started = Date.now();
  let source = null;

  function tick() {
    const seconds = Math.floor((Date.now() - started) / 1000);
    part("timer").textContent = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  }

  function show(view) {
    part("title").textContent = view.title || "Open the slides from the room on the laptop";
    part("notes").textContent = view.notes || "";
  }

  function open() {
    part("login").hidden = true;
    part("panel").hidden = false;
    source = new EventSource(`/room/${code}/remote`);
    source.onmessage = (event) => show(JSON.parse(event.data));
    root.setInterval(tick, 1000);
  }

  part("login").addEventListener("submit", async (event) => {
    event.preventDefault();
    const key = part("login").elements.key.value.trim();
    const response = await fetch("/room/login", { method: "POST", headers: { Authorization: `Bearer ${key}` } }).catch(() => null);
    if (response && response.ok) open();
    else part("notice").textContent = response ? "That is not this room's key." : "The room can't be reached just now.";
  });

  doc.addEventListener("click", async ({ target }) => {
    const button = target.closest("button[data-action=go]");
    if (!button) return;
    const response = await fetch(`/room/${code}/remote`, { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify({ go: button.dataset.go }) }).catch(() => null);
    part("notice").textContent = response && response.ok ? "" : "Not sent: the room can't be reached just now.";
  });

  // Signed in already (the cookie from an earlier visit)? Then straight to the remote; else ask for the key.
  fetch(`/room/${code}/activities`, { credentials: "same-origin" })
    .then((r) => { if (r.ok) open(); else part("login").hidden = false; }, () => { part("login").hidden = false; });
})(window);
