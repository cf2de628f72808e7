/* Present mode: a module as slides, one H2 section each (slides.js makes them), clicker keys, a timer against the
   minutes the chosen session plan gives the module, a blank screen, and a speaker view in a second window.
   Either window moves both: they tell each other over a BroadcastChannel and, where that is missing, storage
   events. Where a second window cannot open, the one window shows the slides and, in presenter view, the script. */
((root) => {
  "use strict";
  const M = root.Mingle, S = M.storage, el = M.el, doc = root.document;
  const NEXT = ["ArrowRight", "PageDown", " "], PREVIOUS = ["ArrowLeft", "PageUp"];
  const BLANK = ["b", "B", "."];  // PowerPoint's keys, and what clickers' blank button sends
  const PAUSE = ["p", "P"], ENDS = ["Home", "End"], FULL = ["f", "F"];
  const TYPING = "input, textarea, select, [contenteditable]";
  const SPEAKER = "mingle-speaker";  // ?mingle-speaker in the second window's address
  const me = Math.random().toString(36).slice(2);
  let state = null, channel = null, seq = 0;

  S.define("present", 1000, (d) => d && typeof d.page === "string" && typeof d.from === "string" &&
    typeof d.type === "string" && Number.isInteger(d.seq),
  "The message between your two present-mode windows couldn't be read; move the slides again to put them in step.");

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

  // The minutes to count: what the session plan chosen on the Agenda page gives this module (the build writes
  // every plan's minutes per module, from the same slots the agenda lays out), else the module's own minutes.
  function planMinutes(bar, article) {
    const full = (parseInt(bar.dataset.teaching, 10) || 0) + (parseInt(bar.dataset.exercises, 10) || 0);
    const module = bar.dataset.module, chosen = (S.get("agenda") || {}).plan;
    let plans = [];
    try {
      plans = JSON.parse(article.querySelector("[data-plan-minutes]")?.dataset.planMinutes || "[]");
    } catch (e) { /* a page without the plans' minutes: the module's own time */ }
    const plan = Array.isArray(plans) ? plans.find((p) => p && p.id === chosen) : null;
    if (!plan) return { minutes: full, plan: `Timing the module's full ${full} minutes: no session plan chosen on the Agenda page.` };
    const minutes = plan.modules && Number.isInteger(plan.modules[module]) ? plan.modules[module] : null;
    if (minutes === null) return { minutes: full, plan: `${plan.title} leaves this module out: timing its full ${full} minutes.` };
    return { minutes, plan: `${plan.title}: ${minutes} of this module's ${full} minutes.` };
  }

  // Seconds presented so far, leaving out the time spent paused.
  const elapsed = () => ((state.pausedAt || Date.now()) - state.started - state.pausedFor) / 1000;

  // --- the two windows in step ------------------------------------------------------------------------

  function send(type, extra = {}) {
    const message = { page: S.pagePath(), from: me, seq: ++seq, type, ...extra };
    try { channel?.postMessage(message); } catch (e) { /* closed: storage still carries it */ }
    S.set("present", "", message);
  }

  const snapshot = () => ({ index: state.index, blank: state.blank, started: state.started,
    pausedAt: state.pausedAt, pausedFor: state.pausedFor });
  const share = () => state && send("state", snapshot());

  const seen = {};  // the newest message from each other window: the same message by both routes counts once
  function receive(message) {
    if (!message || message.from === me || message.page !== S.pagePath()) return;
    if ((seen[message.from] || 0) >= message.seq) return;
    seen[message.from] = message.seq;
    if (!state) return;
    if (message.type === "hello" && !state.speaker) share();
    else if (message.type === "state") follow(message);
    else if (message.type === "leave") leave();
  }

  function follow(message) {
    const number = (v) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
    state.started = number(message.started) || state.started;
    state.pausedAt = number(message.pausedAt);
    state.pausedFor = number(message.pausedFor);
    state.pause.setAttribute("aria-pressed", String(Boolean(state.pausedAt)));
    if (Number.isInteger(message.index)) show(message.index, false);
    if (Boolean(message.blank) !== state.blank) blank(Boolean(message.blank), false);
    if (state.speaker) state.linked.textContent = "In step with the slides window.";
    tick();
  }

  function listen() {
    if (root.BroadcastChannel && !channel) {
      try {
        channel = new BroadcastChannel("mingle-present");
        channel.onmessage = (event) => receive(event.data);
      } catch (e) { channel = null; /* an opaque origin: storage events only */ }
    }
  }
  root.addEventListener("storage", (event) => event.key === S.key("present") && event.newValue && receive(S.get("present")));

  // --- showing slides ---------------------------------------------------------------------------------

  function show(index, tell = true) {
    const slides = state.slides;
    state.index = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach((slide, i) => { slide.hidden = i !== state.index; });
    state.stage.scrollTop = 0;
    state.stage.dataset.slide = String(state.index);
    const where = `Slide ${state.index + 1} of ${slides.length}`;
    state.counter.textContent = where;
    state.where = `${where}: ${state.headings[state.index]}`;
    state.status.textContent = state.where;
    const last = state.index + 1 >= slides.length;
    state.upnext.textContent = last ? "Last slide" : `Next: ${state.headings[state.index + 1]}`;
    state.previous.disabled = state.index === 0;
    state.next.disabled = last;
    if (state.preview) {
      state.preview.replaceChildren(last ? el(null, "p", "This is the last slide.")
        : M.slides.wall(state.groups[state.index + 1], "next"));
    }
    if (tell) share();
  }

  // The time of day, as the agenda gives it (24-hour): the laptop's own clock is hidden in full screen.
  const timeOfDay = (date) => date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

  function tick() {
    if (state.popup && state.popup.closed) {  // the speaker view was closed: the wall gets its own controls back
      state.popup = null;
      state.overlay.classList.remove("mingle-present--linked");
      state.status.textContent = "The speaker view was closed: the timer and buttons are back on this screen.";
    }
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
    share();
  }

  // A blank screen hides the slide from the room; any key the slides answer to brings it back. The speaker
  // view keeps its notes in sight and says that the room's screen is blank.
  function blank(on, tell = true) {
    state.blank = on;
    state.overlay.classList.toggle("mingle-present--blank", on);
    state.blanker.setAttribute("aria-pressed", String(on));
    const words = state.speaker ? "The room's screen is blank: press B or any arrow key to show the slide again"
      : "Screen blanked: press B or any arrow key to show it again";
    state.status.textContent = on ? words : state.where;
    if (tell) share();
  }

  function fullScreen() {
    if (doc.fullscreenElement) {
      state.fullscreen = false;  // leaving full screen by F keeps the slides up
      doc.exitFullscreen?.().catch(() => {});
    }
    else state.overlay.requestFullscreen?.().catch(() => {});
  }

  function onKey(event) {
    if (!state || event.altKey || event.ctrlKey || event.metaKey) return;
    const { target, key } = event;
    const typing = target.closest && target.closest(TYPING);
    const onButton = target.closest && target.closest("button, summary, a[href], label");
    const is = (keys) => keys.includes(key);
    if (key === "Escape") {
      leave(true, true);
    } else if (state.blank && !typing && (is(BLANK) || is(PREVIOUS) || is(NEXT) || is(ENDS))) {
      if (key === " " && onButton) return;
      blank(false);  // back to the slide the room was looking at, without moving on
    } else if (is(BLANK) && !typing) {
      blank(true);
    } else if (is(PAUSE) && !typing) {
      togglePause();
    } else if (is(FULL) && !typing && !state.speaker) {
      fullScreen();
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
    else if (state.fullscreen) leave(true, true);  // Esc in full screen is eaten by the browser: leave with it
  }

  // The second window: this page again, with ?mingle-speaker, which starts in the speaker view.
  function openSpeaker() {
    const address = new URL(root.location.href);
    address.hash = "";
    address.searchParams.set(SPEAKER, "1");
    let opened = null;
    try {
      opened = root.open(address.href, "mingle-speaker", "popup,width=1100,height=760");
    } catch (e) { /* refused */ }
    state.status.textContent = opened ? "Speaker view opened in a second window. Move this window to the projector " +
      "and press F for full screen; either window moves both."
      : "The browser would not open a second window, so the slides stay in this one. Allow pop-ups for this site " +
      "to use the speaker view; meanwhile Presenter view shows your notes here.";
    // With the timer and buttons on the laptop, the wall shows the slide alone (the keys still work there).
    state.popup = opened;
    state.overlay.classList.toggle("mingle-present--linked", Boolean(opened));
    if (opened) root.setTimeout(share, 0);
  }

  function enter(trigger, speaker = false) {
    const bar = trigger.closest("[data-mingle-toolbar]"), article = trigger.closest("article");
    if (state || !bar || !article) return;
    listen();
    const original = [...article.childNodes], title = article.querySelector("h1");
    const name = title ? title.textContent.replace(/¶/g, "").trim() : doc.title;
    const overlay = el(null, "div", null, { class: "mingle-present" + (speaker ? " mingle-present--speaker" : ""),
      role: "dialog", "aria-modal": "true", "aria-label": `${speaker ? "Speaker view" : "Present mode"}: ${name}`,
      tabindex: "-1" });

    const top = el(overlay, "div", null, { class: "mingle-present-bar" });
    const counter = el(top, "p", null, { class: "mingle-present-counter" });
    const timer = el(top, "p", null, { class: "mingle-present-timer", role: "timer" });
    const clockLine = el(top, "p", null, { class: "mingle-present-clock" });
    const pause = button(top, "Pause timer", "pause", { "aria-pressed": "false", "aria-keyshortcuts": "P" });
    const blanker = button(top, "Blank screen", "blank", { "aria-pressed": "false", "aria-keyshortcuts": "B" });
    if (!speaker) {
      button(top, "Speaker view", "speaker", { "data-action": "speaker-view" });
      button(top, "Presenter view", "presenter-view", { "data-action": "presenter-view",
        "aria-pressed": String(doc.documentElement.classList.contains("mingle-presenter")) });
    }
    button(top, speaker ? "End (Esc)" : "Leave (Esc)", "leave");
    const { minutes, plan } = planMinutes(bar, article);
    const planLine = el(top, "p", plan, { class: "mingle-present-plan" });

    const body = el(overlay, "div", null, { class: "mingle-present-body" });
    // A region that can take the focus, so a long slide scrolls from the keyboard too.
    const stage = el(body, "div", null, { class: "mingle-present-stage md-typeset", role: "region", tabindex: "0",
      "aria-label": speaker ? "This slide, with your notes and script" : "Slides" });
    const groups = M.slides.sections(original.filter((node) => node !== bar));
    const slides = groups.map((group, i) => {
      const slide = el(stage, "section", null, { class: "mingle-slide" });
      slide.append(M.slides.wall(group, `slide${i}`));
      const script = el(slide, "div", null, { class: "mingle-slide-script" });
      el(script, "p", speaker ? "Your notes and script" : "Your script (presenter view only)",
        { class: "mingle-slide-script-title" });
      // Notes first on the speaker's screen: they are what the presenter looks down for.
      const notes = group.filter((n) => n.nodeType === 1 && n.matches(".mingle-facilitator"));
      script.append(...notes, ...group.filter((n) => !notes.includes(n)));
      return slide;
    });
    stage.dataset.slides = String(slides.length);
    let preview = null, linked = null;
    if (speaker) {
      const side = el(body, "aside", null, { class: "mingle-speaker-next md-typeset", "aria-label": "Next slide",
        tabindex: "0" });
      el(side, "p", "Next slide", { class: "mingle-speaker-next-title" });
      preview = el(side, "div", null, { class: "mingle-speaker-preview" });
      linked = el(side, "p", "Waiting for the slides window…", { class: "mingle-speaker-linked" });
    }

    const bottom = el(overlay, "div", null, { class: "mingle-present-nav" });
    const previous = button(bottom, "Previous", "previous");
    const upnext = el(bottom, "p", null, { class: "mingle-present-upnext" });
    const next = button(bottom, "Next", "next");
    const status = el(bottom, "p", null, { class: "mingle-present-status", role: "status", "aria-live": "polite" });

    // The page's toolbar leaves while presenting (it comes back in its place): its buttons are the slides' now, so
    // [data-action="speaker-view"] or "presenter-view" finds the one a presenter can press.
    bar.remove();
    const inert = [...doc.body.children].filter((child) => !child.inert);
    doc.body.append(overlay);
    for (const child of inert) child.inert = true;
    doc.documentElement.classList.add("mingle-presenting");

    state = {
      article, original, overlay, stage, slides, groups, headings: groups.map(M.slides.headingOf), counter, timer,
      clock: clockLine, pause, blanker, status, upnext, previous, next, trigger, inert, minutes, planLine, preview,
      linked, speaker, popup: null, started: Date.now(), pausedAt: 0, pausedFor: 0, blank: false, where: "", index: 0,
      fullscreen: false,
    };
    state.interval = root.setInterval(tick, 1000);
    tick();
    show(0, false);
    overlay.addEventListener("click", ({ target }) => {
      const what = target.closest("[data-present]")?.dataset.present;
      if (what === "next") show(state.index + 1);
      else if (what === "previous") show(state.index - 1);
      else if (what === "pause") togglePause();
      else if (what === "blank") blank(!state.blank);
      else if (what === "speaker") openSpeaker();
      else if (what === "leave") leave(true, true);
    });
    root.addEventListener("keydown", onKey, true);
    overlay.focus();
    if (speaker) {
      send("hello");
    } else {
      // Refused (no gesture, an iframe): the overlay still fills the window.
      overlay.requestFullscreen?.().catch(() => {});
    }
  }

  // Put every node back where it was; `restore` is false when the page has already been replaced. `both` ends
  // present mode in the other window too (the speaker view closes itself).
  function leave(restore, both) {
    if (!state) return;
    const old = state;
    state = null;
    if (both) send("leave");
    root.clearInterval(old.interval);
    root.removeEventListener("keydown", onKey, true);
    if (restore !== false) old.article.append(...old.original);
    for (const child of old.inert) child.inert = false;
    old.overlay.remove();
    doc.documentElement.classList.remove("mingle-presenting");
    if (doc.fullscreenElement) doc.exitFullscreen?.().catch(() => {});
    // The speaker view closes itself, a moment after its last message so that the message still gets out.
    if (old.speaker && root.opener) root.setTimeout(() => root.close(), 250);
    if (old.trigger.isConnected) old.trigger.focus();
  }

  doc.addEventListener("click", ({ target }) => {
    const trigger = target.closest && target.closest('[data-action="present"], .mingle-toolbar [data-action="speaker-view"]');
    if (!trigger) return;
    // The toolbar's speaker view button opens both: the slides here, the speaker view in a second window.
    if (trigger.dataset.action === "speaker-view") {
      enter(trigger);
      if (state) openSpeaker();
    } else {
      enter(trigger);
    }
  });
  doc.addEventListener("fullscreenchange", onFullscreen);

  M.onPage(() => {
    // Instant navigation swapped the page while presenting (the back button): drop the stale slides.
    if (state && !state.article.isConnected) leave(false, true);
    // The second window opens straight into the speaker view.
    if (!state && new URL(root.location.href).searchParams.has(SPEAKER)) {
      const trigger = doc.querySelector('article [data-action="present"]');
      if (trigger) enter(trigger, true);
    }
  });
})(window);
