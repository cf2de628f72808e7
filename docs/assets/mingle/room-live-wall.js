/* Mingle live room, the wall: the question of the activity the deck is on, and its results as they arrive, large
   enough for the back of the room; each change of count said politely to screen readers. It needs the presenter's
   sign-in from the dashboard (a cookie): the wall's results are the presenter's to show. */
((root) => {
  "use strict";
  const M = root.Mingle, doc = root.document, code = doc.body.dataset.code;
  const wall = doc.querySelector("[data-role=wall]"), models = JSON.parse(wall.dataset.activities);
  const question = doc.querySelector("[data-role=question]"), said = doc.querySelector("[data-role=said]");
  const box = doc.querySelector("[data-room-results]");
  let now = { activity: "", title: "" }, results = {};

  function redraw() {
    const activity = models[now.activity];
    box.dataset.roomResults = activity ? activity.id : "";
    if (!activity) {
      question.textContent = now.title || "Look up: the next question is on its way.";
      box.replaceChildren();
      return;
    }
    question.textContent = activity.question;
    const line = M.roomResults.draw(box, activity, results[activity.id]);
    if (said.textContent !== line) said.textContent = line;
  }

  // Listen to one of the room's streams; if it cannot be opened, ask once to say why.
  function listen(what, take) {
    const source = new EventSource(`/room/${code}/${what}`);
    source.onmessage = (event) => { take(JSON.parse(event.data)); redraw(); };
    source.onerror = () => fetch(`/room/${code}/${what === "wall" ? "activities" : "now"}`).then((r) => {
      if (r.status === 401 || r.status === 403) {
        source.close();
        question.textContent = "Sign in on the dashboard in this browser first, then open the wall again.";
      }
    }, () => null);
  }

  listen("follow", (view) => { now = view; });
  listen("wall", (view) => { results = view; });
})(window);
