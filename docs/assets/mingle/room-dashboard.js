/* Mingle room, presenter's side: the dashboard and projector views, live by server-sent events (polling if not). */
((root) => {
  "use strict";
  const doc = root.document, code = doc.body.dataset.code, part = (role) => doc.querySelector(`[data-role="${role}"]`);
  const api = (what) => `/room/${code}/${what}`;
  const percent = (share) => `${Math.round(share * 100)}%`;
  const el = root.Mingle.el;  // storage.js, loaded first by the room's templates
  const { plural, summary, bands } = root.Mingle.roomView;  // room-view.js, loaded next
  let names = false, latest = null, polling = 0;

  const tell = (text) => { if (part("notice")) part("notice").textContent = text; };

  function counts(view) {
    part("counts").textContent = view.ended ? `The room has ended: ${plural(view.answering, "phone")} answered.`
      : `${plural(view.joined, "phone")} joined, ${view.answering} answering.`;
    const end = doc.querySelector('[data-action="end"]'), reopen = doc.querySelector('[data-action="reopen"]');
    if (end && reopen) [end.hidden, reopen.hidden] = [view.ended, !view.ended];  // one of the two, as it stands
  }

  function itemLine(exercise, item) {
    const spread = (exercise.spread[item.id] || []).map(([v, n]) => `${v}: ${n}`).join(", ");
    if (item.kind === "rating") return `average ${percent(item.points)} of the scale (${spread})`;
    if (item.kind === "text") return `${item.answered} wrote something`;
    if (item.kind === "check") return `${percent(item.right)} ticked`;
    return `${percent(item.right)} right (chosen: ${spread})`;
  }

  function exercise(view, parent) {
    const section = el(parent, "section", null, { class: "room-exercise", "aria-labelledby": `room-ex-${view.id}` });
    el(section, "h2", view.title, { id: `room-ex-${view.id}` });
    el(section, "p", summary(view));
    el(section, "button", view.open ? "Close for answers" : "Open for answers", { type: "button", "data-action": "open",
      "data-exercise": view.id, "data-open": String(!view.open), "data-key": `open:${view.id}` });
    el(section, "p", view.open ? "Open: phones can send answers." : "Closed: answers are refused.", { class: "room-state" });
    if (!view.learners) return;
    bands(view, section);
    const byId = Object.fromEntries(view.items.map((i) => [i.id, i]));
    if (view.missed.length) {
      el(section, "h3", "Most missed");
      const list = el(section, "ol");
      for (const id of view.missed) el(list, "li", `${byId[id].prompt} (${percent(byId[id].right)} right)`);
    }
    const details = el(section, "details");
    el(details, "summary", "Every question");
    const list = el(details, "ul");
    for (const item of view.items) {
      const li = el(list, "li");
      el(li, "strong", item.prompt);
      li.append(` ${itemLine(view, item)}`);
    }
  }

  function show(view) {
    latest = view;
    counts(view);
    const host = part("exercises");
    if (!host) return;
    const focused = doc.activeElement && doc.activeElement.dataset.key;
    host.replaceChildren();
    for (const one of view.exercises) exercise(one, host);
    part("people").hidden = !names;
    part("names").replaceChildren(...view.people.map((p) => el(null, "li", `${p.learner}: ${p.total} out of ${p.max}`)));
    if (focused) doc.querySelector(`[data-key="${focused}"]`)?.focus();  // an update must not steal the focus
  }

  function poll() {
    clearInterval(polling);
    polling = setInterval(() => fetch(api("live")).then((r) => (r.ok ? r.json().then(show) : null), () => {}), 1000);
  }

  function listen() {
    if (!root.EventSource) return poll();
    const source = new EventSource(api("events"));
    let failures = 0;
    source.onmessage = (event) => { failures = 0; show(JSON.parse(event.data)); };
    source.onerror = () => {
      if (++failures >= 3 || source.readyState === EventSource.CLOSED) {
        source.close();
        poll();  // a proxy or an old browser that will not keep the stream open: ask once a second instead
      }
    };
  }

  async function start() {
    const response = await fetch(api("live")).catch(() => null);
    if (!response || !response.ok) {
      if (part("login")) part("login").hidden = false;
      else part("signin").hidden = false;
      return tell(response ? "" : "The room does not answer. Is it still running?");
    }
    if (part("login")) part("login").hidden = true;
    if (part("panel")) part("panel").hidden = false;
    tell("");
    show(await response.json());
    listen();
  }

  async function post(what, body) {
    const response = await fetch(api(what), { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body || {}) }).catch(() => null);
    if (!response || !response.ok) tell("That didn't work: the room did not answer. Try again.");
    return response && response.ok;
  }

  doc.addEventListener("submit", async (event) => {
    event.preventDefault();
    const key = event.target.elements.key.value.trim();
    const response = await fetch("/room/login", { method: "POST", headers: { Authorization: `Bearer ${key}` } })
      .catch(() => null);
    if (response && response.ok) return start();
    tell(response && response.status === 403 ? "That is not this room's key." : "Type the key the room printed.");
  });

  doc.addEventListener("click", async ({ target }) => {
    const button = target.closest("button[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    if (action === "names") {
      names = !names;
      button.setAttribute("aria-pressed", String(names));
      button.textContent = names ? "Hide names" : "Show names";
      if (latest) show(latest);
    } else if (action === "open") {
      const open = button.dataset.open === "true";
      if (await post(`exercises/${button.dataset.exercise}`, { open })) tell(open ? "Opened for answers." : "Closed for answers.");
    } else if (action === "clear" && root.confirm("Forget every answer and phone so far? Do this after a rehearsal.")) {
      if (await post("clear")) tell("Cleared: the room is empty again.");
    } else if (action === "end" && root.confirm("End the room? Phones can send no more answers; you can still export.")) {
      if (await post("end")) tell("The room has ended. Export what you need, then stop it with Ctrl-C.");
    } else if (action === "reopen") {
      if (await post("reopen")) tell("The room is open again: phones can send answers.");
    }
  });

  start();
})(window);
