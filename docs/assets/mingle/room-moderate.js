/* Mingle live room, the presenter's activities page: what phones show now, and every live activity's answers, words
   and questions with the one-click decisions (let through, hide, answered); its pace switch is room-pace.js's.
   Signed in by the dashboard's cookie. Learners' text goes in as text. */
((root) => {
  "use strict";
  const M = root.Mingle, el = M.el, doc = root.document, code = doc.body.dataset.code;
  const box = doc.querySelector("[data-role=moderate]"), models = JSON.parse(box.dataset.activities);
  const notice = doc.querySelector("[data-role=notice]"), list = doc.querySelector("[data-role=list]");
  const STATE = { waiting: "waiting", shown: "on the wall", hidden: "hidden", answered: "answered" };
  let now = { pace: "audience", activity: "" };

  async function send(what, body) {
    const response = await fetch(`/room/${code}/${what}`, { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }).catch(() => null);
    const reply = response ? await response.json().catch(() => ({})) : {};
    notice.textContent = response && response.ok ? "" : `Not done: ${reply.problem || "the room can't be reached."}`;
    return Boolean(response && response.ok);
  }

  const button = (parent, text, attrs) => el(parent, "button", text, { type: "button", ...attrs });

  function decisions(parent, activity, item, label, states) {
    const row = el(parent, "li");
    el(row, "span", label, { class: "room-item-text" });
    el(row, "span", ` (${STATE[item.state]})`, { class: "room-state" });
    for (const [state, text] of states) {
      if (item.state !== state) button(row, text, { "data-action": "decide", "data-activity": activity, "data-item": item.id, "data-state": state });
    }
  }

  function section(activity, result) {
    const part = el(list, "section", null, { class: "room-exercise", "aria-labelledby": `room-act-${activity.id}` });
    el(part, "h2", activity.question, { id: `room-act-${activity.id}` });
    el(part, "p", `${result.responses} ${result.responses === 1 ? "response" : "responses"}.`);
    button(part, now.activity === activity.id ? "On phones now" : "Put on phones", { "data-action": "slide",
      "data-activity": activity.id, "aria-pressed": String(now.activity === activity.id) });
    const items = el(part, "ul", null, { class: "room-moderation" });
    if (activity.kind === "open") {
      for (const answer of result.answers) decisions(items, activity.id, answer, answer.text, [["shown", "Show on the wall"], ["hidden", "Hide"]]);
    } else if (activity.kind === "qa") {
      for (const q of result.questions) {
        decisions(items, activity.id, q, `${q.text} (${q.votes} ${q.votes === 1 ? "vote" : "votes"})`,
          [["shown", "Show on the wall"], ["answered", "Mark answered"], ["hidden", "Hide"]]);
      }
    } else if (activity.kind === "words") {
      for (const [word, n] of Object.entries(result.words)) decisions(items, activity.id, { id: word, state: "shown" }, `${word} (${n})`, [["hidden", "Hide"]]);
      for (const word of result.hidden) decisions(items, activity.id, { id: word, state: "hidden" }, word, [["shown", "Show again"]]);
    }
  }

  async function refresh() {
    const [found, where] = await Promise.all([`/room/${code}/activities`, `/room/${code}/now`].map((a) =>
      fetch(a, { credentials: "same-origin", cache: "no-store" }).then((r) => (r.ok ? r.json() : null), () => null)));
    if (!found) {
      notice.textContent = "Sign in on the dashboard in this browser first, then open this page again.";
      return;
    }
    now = where || now;
    doc.querySelector("[data-role=on-phones]").textContent = models[now.activity] ? models[now.activity].question : now.activity || "nothing";
    const focused = doc.activeElement && doc.activeElement.dataset.item;
    list.replaceChildren();
    for (const activity of Object.values(models)) section(activity, found[activity.id]);
    if (focused) (list.querySelector(`[data-item="${CSS.escape(focused)}"]`) || list).focus?.();
  }

  doc.addEventListener("click", async ({ target }) => {
    const b = target.closest("button[data-action]");
    if (!b || b.dataset.action === "pace") return;  // the pace switch is room-pace.js's
    const done = b.dataset.action === "slide" ? await send("slide", { activity: now.activity === b.dataset.activity ? "" : b.dataset.activity, title: models[b.dataset.activity].question })
      : await send(`activities/${b.dataset.activity}/decide`, { item: b.dataset.item, state: b.dataset.state });
    if (done) refresh();
  });
  refresh();
  if (root.EventSource) new EventSource(`/room/${code}/events`).onmessage = refresh;
})(window);
