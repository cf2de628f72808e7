/* The speaker view: the second window present.js opens (?speaker=1), the same deck driven by messages. It shows the
   slide the room sees, the next one, this slide's notes (the page's prose and notes for presenters), the time of
   day and a timer: in a plan's deck it follows the plan's slots by the real clock, in a module's the module's
   minutes. Its buttons are the only controls a presenter needs; the wall shows none while this is open. */
((root) => {
  "use strict";
  const M = root.Mingle, el = M.el, doc = root.document;
  const REFERS = ["aria-labelledby", "aria-describedby", "href", "xlink:href", "fill", "clip-path", "mask", "filter"];

  // A copy of a slide whose ids (a picture's title, its gradients) are its own, so it can sit beside the original.
  function deckCopy(node, suffix) {
    const clone = node.cloneNode(true), all = [clone, ...clone.querySelectorAll("*")];
    const ids = new Set(all.filter((n) => n.id).map((n) => n.id));
    const move = (id) => (ids.has(id) ? `${id}-${suffix}` : id);
    for (const n of all) {
      if (n.id) n.id = move(n.id);
      for (const name of REFERS) {
        const value = n.getAttribute(name);
        if (!value) continue;
        if (value.includes("url(#")) n.setAttribute(name, value.replace(/url\(#([^)]+)\)/g, (m, id) => `url(#${move(id)})`));
        else if (value.startsWith("#")) n.setAttribute(name, `#${move(value.slice(1))}`);
        else if (name.startsWith("aria-")) n.setAttribute(name, value.split(/\s+/).map(move).join(" "));
      }
    }
    return clone;
  }

  // m:ss for a number of seconds.
  const clock = (seconds) => {
    seconds = Math.max(0, Math.floor(seconds));
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  };
  const timeOfDay = (date) => date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  const minutes = (seconds) => `${Math.round(Math.abs(seconds) / 60)} min`;

  // Where the presenter stands against the plan: the slot of this slide and its planned times, the time left in it
  // counted from when the deck reached it, when that is by the real clock, and how far ahead or behind the plan the
  // presenter is. Words only, never colour alone.
  function planTimer(slots, slot, entered, started) {
    if (!(slot >= 0 && slot < slots.length)) {
      return [`Before the first slot: the plan starts at ${slots[0]?.start || "the start"}.`, ""];
    }
    let offset = 0;
    for (let i = 0; i < slot; i++) offset += slots[i].minutes * 60;
    const here = slots[slot], now = Date.now(), left = here.minutes * 60 - (now - entered) / 1000;
    const ends = timeOfDay(new Date(entered + here.minutes * 60000));
    const drift = (entered - started) / 1000 - offset + Math.max(0, -left);
    const pace = drift > 59 ? `${minutes(drift)} behind the plan` : drift < -59 ? `${minutes(drift)} ahead of the plan`
      : "On time";
    return [`Slot ${slot + 1} of ${slots.length}: ${here.title} (planned ${here.start}–${here.end}). ` +
      (left >= 0 ? `${clock(left)} left in it; it ends at ${ends} by your clock.` : `Over by ${clock(-left)}.`), pace];
  }

  function moduleTimer(total, elapsed) {
    const left = total * 60 - elapsed;
    return [`This module: ${total} minutes. ` + (left >= 0 ? `${clock(left)} left.` : `Over by ${clock(-left)}.`), ""];
  }

  M.speakerView = (deck, width) => {
    const view = el(doc.body, "div", null, { class: "mingle-speaker", role: "region", "aria-label": "Speaker view" });
    const bar = el(view, "div", null, { class: "mingle-speaker-bar" });
    const now = el(bar, "p", null, { class: "mingle-speaker-clock" });
    const timer = el(bar, "p", null, { class: "mingle-speaker-timer", role: "timer" });
    const pace = el(bar, "p", null, { class: "mingle-speaker-pace" });
    const buttons = el(bar, "div", null, { class: "mingle-speaker-buttons" });
    const button = (label, action, attrs = {}) => el(buttons, "button", label, { type: "button", class: "md-button",
      "data-deck-action": action, ...attrs });
    button("Previous", "previous", { "aria-keyshortcuts": "ArrowLeft" });
    button("Next", "next", { "aria-keyshortcuts": "ArrowRight" });
    const blank = button("Blank the wall", "blank", { "aria-keyshortcuts": "B", "aria-pressed": "false" });
    button("End", "leave", { "aria-keyshortcuts": "Escape" });
    const current = el(view, "div", null, { class: "mingle-speaker-current" });
    current.append(deck.wall);
    const side = el(view, "div", null, { class: "mingle-speaker-side" });
    el(side, "p", "Next slide", { class: "mingle-speaker-title" });
    const preview = el(side, "div", null, { class: "mingle-speaker-preview", "aria-hidden": "true" });
    el(side, "p", "Your notes", { class: "mingle-speaker-title" });
    const notes = el(side, "div", null, { class: "mingle-speaker-notes md-typeset", tabindex: "0", role: "region",
      "aria-label": "Your notes" });
    const status = el(view, "p", null, { class: "mingle-speaker-status", role: "status" });
    // Its buttons carry data-deck-action: present.js answers them, as it does the wall's.
    const slots = deck.plan ? JSON.parse(deck.plan.dataset.slots || "[]") : [];
    const total = Number(deck.part?.dataset.minutes) || 0, entered = {};

    function update(index) {
      const next = deck.slides[index + 1];
      const canvas = el(null, "div", null, { class: "mingle-deck-wall mingle-deck-canvas" });
      if (next) {
        const copy = deckCopy(next, "next");
        for (const name of ["hidden", "aria-hidden", "style", "inert"]) copy.removeAttribute(name);
        canvas.append(copy);
        canvas.style.transform = `scale(${preview.clientWidth / width})`;
        preview.replaceChildren(canvas);
      } else {
        preview.replaceChildren(el(null, "p", "This is the last slide."));
      }
      const aside = deck.slides[index].querySelector("aside.notes");
      const words = aside ? [...aside.cloneNode(true).children] : [];
      for (const node of words) for (const n of [node, ...node.querySelectorAll("[id]")]) n.removeAttribute("id");
      notes.replaceChildren(...(words.length ? words : [el(null, "p", "No notes for this slide.")]));
      const paused = deck.reveal.isPaused();
      blank.setAttribute("aria-pressed", String(paused));
      status.textContent = `Slide ${index + 1} of ${deck.slides.length}` +
        (paused ? ". The wall is blank: press B to show the slide again." : ".");
      tick();
    }

    function tick() {
      if (!deck.reveal) return;
      const elapsed = (Date.now() - deck.started) / 1000, slide = deck.slides[deck.reveal.getIndices().h];
      const slot = Number(slide?.dataset.slot ?? -1);
      entered[slot] ||= Date.now();  // a slot's minutes count from when the deck first reaches it
      const [words, where] = deck.plan ? planTimer(slots, slot, entered[slot], deck.started)
        : moduleTimer(total, elapsed);
      now.textContent = `Now ${timeOfDay(new Date())} · ${clock(elapsed)} since you began`;
      timer.textContent = words;
      pace.textContent = where;
    }

    root.addEventListener("resize", () => deck.reveal && update(deck.reveal.getIndices().h));
    return { update, tick };
  };
  M.deckCopy = deckCopy;
})(window);
