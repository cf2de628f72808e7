/* Present mode: a module full-screen, one H2 section per screen, clicker keys, a timer against its minutes
   that can be paused, and a blank screen for when the room should look at you. */
((root) => {
  "use strict";
  const M = root.Mingle, el = M.el, doc = root.document;
  const NEXT = ["ArrowRight", "PageDown", " "], PREVIOUS = ["ArrowLeft", "PageUp"];
  const BLANK = ["b", "B", "."];  // PowerPoint's keys, and what clickers' blank button sends
  const PAUSE = ["p", "P"], ENDS = ["Home", "End"];
  const TYPING = "input, textarea, select, [contenteditable]";
  let state = null;

  const button = (parent, label, action, attrs = {}) =>
    el(parent, "button", label, { type: "button", class: "md-button mingle-present-button", "data-present": action, ...attrs });

  // m:ss for a number of seconds.
  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
  }

  // Timer text against the module's minutes: always words, never colour alone.
  function timerText(elapsed, minutes, paused) {
    const total = minutes * 60;
    const text = `Elapsed ${clock(elapsed)} of ${minutes} min · ` +
      (elapsed <= total ? `${clock(total - elapsed)} left` : `over time by ${clock(elapsed - total)}`);
    return paused ? text + " · paused" : text;
  }

  // Seconds presented so far, leaving out the time spent paused.
  const elapsed = () => ((state.pausedAt || Date.now()) - state.started - state.pausedFor) / 1000;

  const isContent = (node) => node.nodeType === 1 || (node.nodeType === 3 && node.textContent.trim() !== "");

  // The article's nodes in groups: everything before the first H2, then one group per H2.
  function sections(nodes) {
    const groups = [[]];
    for (const node of nodes) {
      if (node.nodeType === 1 && node.tagName === "H2" && groups[groups.length - 1].some(isContent)) groups.push([]);
      groups[groups.length - 1].push(node);
    }
    return groups.filter((group) => group.some(isContent));
  }

  function heading(slide) {
    const head = slide.querySelector("h1, h2");
    return head ? head.textContent.replace(/¶/g, "").trim() : "";
  }

  function show(index) {
    const slides = state.slides;
    state.index = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach((slide, i) => { slide.hidden = i !== state.index; });
    state.stage.scrollTop = 0;
    const where = `Section ${state.index + 1} of ${slides.length}`;
    state.counter.textContent = where;
    state.where = `${where}: ${heading(slides[state.index])}`;
    state.status.textContent = state.where;
    state.upnext.textContent = state.index + 1 < slides.length ? `Next: ${heading(slides[state.index + 1])}` : "Last section";
    state.previous.disabled = state.index === 0;
    state.next.disabled = state.index === slides.length - 1;
  }

  // The time of day, as the agenda gives it (24-hour): the laptop's own clock is hidden in full screen.
  const timeOfDay = (date) => date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

  function tick() {
    const seconds = elapsed();
    state.clock.textContent = `Now ${timeOfDay(new Date())}`;
    state.timer.textContent = timerText(seconds, state.minutes, Boolean(state.pausedAt));
    state.overlay.classList.toggle("mingle-present--over", seconds > state.minutes * 60);
  }

  function togglePause() {
    if (state.pausedAt) {
      state.pausedFor += Date.now() - state.pausedAt;
      state.pausedAt = 0;
    } else {
      state.pausedAt = Date.now();
    }
    state.pause.setAttribute("aria-pressed", String(Boolean(state.pausedAt)));
    tick();
  }

  // A blank screen hides the slide from the room; any key the slides answer to brings it back.
  function blank(on) {
    state.blank = on;
    state.overlay.classList.toggle("mingle-present--blank", on);
    state.status.textContent = on ? "Screen blanked: press B or any arrow key to show it again" : state.where;
  }

  function onKey(event) {
    if (!state || event.altKey || event.ctrlKey || event.metaKey) return;
    const { target, key } = event;
    const typing = target.closest && target.closest(TYPING);
    const onButton = target.closest && target.closest("button, summary, a[href], label");
    const is = (keys) => keys.includes(key);
    if (key === "Escape") {
      leave();
    } else if (state.blank && !typing && (is(BLANK) || is(PREVIOUS) || is(NEXT) || is(ENDS))) {
      if (key === " " && onButton) return;
      blank(false);  // back to the slide the room was looking at, without moving on
    } else if (is(BLANK) && !typing) {
      blank(true);
    } else if (is(PAUSE) && !typing) {
      togglePause();
    } else if (is(PREVIOUS) || (key === " " && event.shiftKey)) {
      if (typing || (key === " " && onButton)) return;
      show(state.index - 1);
    } else if (is(NEXT)) {
      // Space presses a focused button; arrows move within a radio group or a text box.
      if (typing || (key === " " && onButton)) return;
      show(state.index + 1);
    } else if (is(ENDS) && !typing) {
      show(key === "Home" ? 0 : state.slides.length - 1);
    } else {
      // Keep Material's one-letter shortcuts (search, next page) from acting behind the slides.
      if (key.length === 1 && !typing) event.stopPropagation();
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  function onFullscreen() {
    if (!state) return;
    if (doc.fullscreenElement === state.overlay) state.fullscreen = true;
    else if (state.fullscreen) leave();  // Esc in full screen is eaten by the browser: leave with it
  }

  function enter(trigger) {
    const bar = trigger.closest("[data-mingle-toolbar]"), article = trigger.closest("article");
    if (state || !bar || !article) return;
    const original = [...article.childNodes], title = article.querySelector("h1");
    const overlay = el(null, "div", null, { class: "mingle-present", role: "dialog", "aria-modal": "true",
      "aria-label": `Present mode: ${title ? title.textContent.trim() : doc.title}`, tabindex: "-1" });

    const top = el(overlay, "div", null, { class: "mingle-present-bar" });
    const counter = el(top, "p", null, { class: "mingle-present-counter" });
    const timer = el(top, "p", null, { class: "mingle-present-timer", role: "timer" });
    const clockLine = el(top, "p", null, { class: "mingle-present-clock" });
    const pause = button(top, "Pause timer", "pause", { "aria-pressed": "false", "aria-keyshortcuts": "P" });
    button(top, "Presenter view", "presenter-view", { "data-action": "presenter-view",
      "aria-pressed": String(doc.documentElement.classList.contains("mingle-presenter")) });
    button(top, "Leave (Esc)", "leave");

    const stage = el(overlay, "div", null, { class: "mingle-present-stage md-typeset" });
    const slides = sections(original.filter((node) => node !== bar)).map((group) => {
      const slide = el(stage, "section", null, { class: "mingle-slide" });
      slide.append(...group);
      return slide;
    });

    const bottom = el(overlay, "div", null, { class: "mingle-present-nav" });
    const previous = button(bottom, "Previous", "previous");
    const upnext = el(bottom, "p", null, { class: "mingle-present-upnext" });
    const next = button(bottom, "Next", "next");
    const status = el(bottom, "p", null, { class: "mingle-present-status", role: "status" });

    const inert = [...doc.body.children].filter((child) => !child.inert);
    doc.body.append(overlay);
    for (const child of inert) child.inert = true;
    doc.documentElement.classList.add("mingle-presenting");

    const minutes = (parseInt(bar.dataset.teaching, 10) || 0) + (parseInt(bar.dataset.exercises, 10) || 0);
    state = {
      article, original, overlay, stage, slides, counter, timer, clock: clockLine, pause, status, upnext, previous,
      next, trigger, inert, minutes, started: Date.now(), pausedAt: 0, pausedFor: 0, blank: false, where: "",
      index: 0, fullscreen: false,
    };
    state.interval = root.setInterval(tick, 1000);
    tick();
    show(0);
    overlay.addEventListener("click", ({ target }) => {
      const what = target.closest("[data-present]")?.dataset.present;
      if (what === "next") show(state.index + 1);
      else if (what === "previous") show(state.index - 1);
      else if (what === "pause") togglePause();
      else if (what === "leave") leave();
    });
    root.addEventListener("keydown", onKey, true);
    overlay.focus();
    // Refused (no gesture, an iframe): the overlay still fills the window.
    overlay.requestFullscreen?.().catch(() => {});
  }

  // Put every node back where it was; `restore` is false when the page has already been replaced.
  function leave(restore) {
    if (!state) return;
    const old = state;
    state = null;
    root.clearInterval(old.interval);
    root.removeEventListener("keydown", onKey, true);
    if (restore !== false) old.article.append(...old.original);
    for (const child of old.inert) child.inert = false;
    old.overlay.remove();
    doc.documentElement.classList.remove("mingle-presenting");
    if (doc.fullscreenElement) doc.exitFullscreen?.().catch(() => {});
    if (old.trigger.isConnected) old.trigger.focus();
  }

  doc.addEventListener("click", ({ target }) => {
    const trigger = target.closest && target.closest('[data-action="present"]');
    if (trigger) enter(trigger);
  });
  doc.addEventListener("fullscreenchange", onFullscreen);

  // Instant navigation swapped the page while presenting (the back button): drop the stale slides.
  M.onPage(() => state && !state.article.isConnected && leave(false));
})(window);
