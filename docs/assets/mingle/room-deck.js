/* Mingle live room, the presenter's deck: loaded by room.js in a tab opened from a room. Each time the deck reaches
   a slide (present.js's "mingle:slide" event) it tells the room which exercise or activity the slide carries, so
   phones in presenter pace follow; a live activity's slide shows the room's results as they arrive, and the speaker
   view has the pace switch. Only the presenter's browser, signed in on the dashboard, may move the room: anywhere
   else the first refusal ends it. */
((root) => {
  "use strict";
  const M = root.Mingle, doc = root.document, code = M.storage.get("room") || "";
  const address = (what) => new URL(`room/${code}/${what}`, M.storage.root).href;
  let refused = false, source = null, results = {};
  const ON_A_SLIDE = 3;  // answers or questions a slide shows, each cut to two lines; the wall shows them all

  // The results boxes of the slides on show, each drawn from the latest results the wall may show.
  function draw() {
    for (const box of doc.querySelectorAll("[data-room-results][data-activity-model]")) {
      const activity = JSON.parse(box.dataset.activityModel);
      M.roomResults.draw(box, activity, results[activity.id], ON_A_SLIDE);
    }
  }

  function listen() {
    if (source || !root.EventSource) return;
    source = new EventSource(address("wall"));
    source.onmessage = (event) => { results = JSON.parse(event.data); draw(); };
  }

  // The presenter's remote: each press (numbered) moves the deck once, by its own Previous and Next controls, in
  // the one window that leads (the speaker view while it is open).
  let remote = null, pressed = -1;
  function obey() {
    if (remote || !root.EventSource) return;
    remote = new EventSource(address("remote"));
    remote.onmessage = (event) => {
      const view = JSON.parse(event.data);
      if (pressed >= 0 && view.press > pressed && view.go && M.deckLeads?.() !== false) {
        doc.querySelector(`[data-deck-action="${view.go}"]`)?.click();
      }
      pressed = view.press;
    };
  }

  async function reached(detail) {
    if (refused || !code) return;
    const slide = doc.querySelectorAll("[data-slide-kind]")[detail.index];
    const heading = slide && slide.querySelector("[role=heading], h1, h2");
    const notes = slide && slide.querySelector("aside.notes");
    const response = await fetch(address("slide"), { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ activity: detail.activity, title: heading ? heading.textContent.trim() : "",
        notes: notes ? notes.textContent.trim() : "" }) }).catch(() => null);
    if (response && (response.status === 401 || response.status === 403)) {
      refused = true;  // a learner's copy of the deck: it follows nobody and moves nothing
      return;
    }
    if (!response || !response.ok) return;
    // The presenter's speaker view gets the pace switch; the wall never shows one.
    const bar = doc.querySelector(".mingle-speaker-bar");
    if (bar && !bar.querySelector("[data-room-pace]")) M.roomPace.control(bar, code);
    obey();
    if (detail.kind === "activity") {
      listen();
      draw();
    }
  }

  doc.addEventListener("mingle:slide", ({ detail }) => reached(detail));
  if (M.deckSlide) reached(M.deckSlide);  // the deck started before this script arrived
})(window);
