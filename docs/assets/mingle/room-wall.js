/* Mingle live room on the wall: loaded by room.js in a tab opened from a room. An exercise's slide shows the room's
   live results for it, names hidden, drawn as the dashboard draws them (room-view.js). The results need the
   presenter's sign-in cookie from the dashboard, which learners' phones never have: there the slide keeps its
   steps for sending an answer. The key itself never reaches a page. */
((root) => {
  "use strict";
  const M = root.Mingle, el = M.el, CODE = /^[A-Z0-9]{4,8}$/;
  const boxes = new Set();
  const code = M.storage.get("room") || "";  // kept for the tab by room.js
  let source = null, latest = null, asked = false;
  const address = (what) => new URL(`room/${code}/${what}`, M.storage.root).href;

  // One exercise's results in its slide's box: a heading line, the count and average, a bar per band.
  function draw(box) {
    const view = latest && latest.exercises.find((one) => one.id === box.dataset.roomExercise);
    if (!view) return;
    const fresh = el(null, "div", null, { class: "mingle-slide-room-live" });
    el(fresh, "p", `Live from room ${code}`, { class: "mingle-slide-room-title" });
    el(fresh, "p", M.roomView.summary(view));
    if (view.learners) M.roomView.bands(view, fresh);
    box.replaceChildren(fresh);
  }

  function show(view) {
    latest = view;
    for (const box of [...boxes]) {
      if (box.isConnected) draw(box);
      else boxes.delete(box);  // present mode has ended: that slide is gone
    }
    if (!boxes.size && source) {
      source.close();
      source = null;
      asked = false;
    }
  }

  async function start() {
    asked = true;
    const response = await fetch(address("live"), { credentials: "same-origin" }).catch(() => null);
    if (!response || !response.ok) return;  // not the presenter's browser: the steps stay
    show(await response.json());
    if (root.EventSource && boxes.size) {
      source = new EventSource(address("events"));
      source.onmessage = (event) => show(JSON.parse(event.data));
    }
  }

  // Called by present.js when an exercise's slide comes up.
  M.roomWall = (box, exercise) => {
    if (!CODE.test(code) || !M.roomView) return;
    box.dataset.roomExercise = exercise;
    boxes.add(box);
    if (latest) draw(box);
    if (!asked) start();
  };
})(window);
