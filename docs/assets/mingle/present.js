/* Present mode: a module full-screen, one H2 section per screen, clicker keys, a timer against its minutes
   that can be paused, and a blank screen for when the room should look at you. */
(function () {
  "use strict";

  var NEXT = { ArrowRight: true, PageDown: true, " ": true };
  var PREVIOUS = { ArrowLeft: true, PageUp: true };
  var BLANK = { b: true, B: true, ".": true };  // PowerPoint's keys, and what clickers' blank button sends
  var PAUSE = { p: true, P: true };
  var TYPING = "input, textarea, select, [contenteditable]";
  var state = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function button(label, action) {
    var node = el("button", "md-button mingle-present-button", label);
    node.type = "button";
    node.setAttribute("data-present", action);
    return node;
  }

  /* m:ss for a number of seconds. */
  function clock(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var rest = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  /* Timer text against the module's minutes: always words, never colour alone. */
  function timerText(elapsed, minutes, paused) {
    var total = minutes * 60;
    var text = "Elapsed " + clock(elapsed) + " of " + minutes + " min";
    text += elapsed <= total ? " · " + clock(total - elapsed) + " left" : " · over time by " + clock(elapsed - total);
    return paused ? text + " · paused" : text;
  }

  /* Seconds presented so far, leaving out the time spent paused. */
  function elapsed() {
    var now = state.pausedAt || Date.now();
    return (now - state.started - state.pausedFor) / 1000;
  }

  /* The article's nodes in groups: everything before the first H2, then one group per H2. */
  function sections(nodes) {
    var groups = [[]];
    nodes.forEach(function (node) {
      if (node.nodeType === 1 && node.tagName === "H2" && groups[groups.length - 1].some(isContent)) groups.push([]);
      groups[groups.length - 1].push(node);
    });
    return groups.filter(function (group) { return group.some(isContent); });
  }

  function isContent(node) {
    return node.nodeType === 1 || (node.nodeType === 3 && node.textContent.trim() !== "");
  }

  function heading(slide) {
    var head = slide.querySelector("h1, h2");
    return head ? head.textContent.replace(/¶/g, "").trim() : "";
  }

  function show(index) {
    var slides = state.slides;
    state.index = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (slide, i) { slide.hidden = i !== state.index; });
    state.stage.scrollTop = 0;
    var where = "Section " + (state.index + 1) + " of " + slides.length;
    state.counter.textContent = where;
    state.where = where + ": " + heading(slides[state.index]);
    state.status.textContent = state.where;
    state.upnext.textContent = state.index + 1 < slides.length ? "Next: " + heading(slides[state.index + 1]) : "Last section";
    state.previous.disabled = state.index === 0;
    state.next.disabled = state.index === slides.length - 1;
  }

  /* The time of day, as the agenda gives it (24-hour): the laptop's own clock is hidden in full screen. */
  function timeOfDay(date) {
    return date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  }

  function tick() {
    var seconds = elapsed();
    state.clock.textContent = "Now " + timeOfDay(new Date());
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
    state.pause.setAttribute("aria-pressed", state.pausedAt ? "true" : "false");
    tick();
  }

  /* A blank screen hides the slide from the room; any key the slides answer to brings it back. */
  function blank(on) {
    state.blank = on;
    state.overlay.classList.toggle("mingle-present--blank", on);
    state.status.textContent = on ? "Screen blanked: press B or any arrow key to show it again" : state.where;
  }

  function onKey(event) {
    if (!state || event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    var typing = target.closest && target.closest(TYPING);
    var onButton = target.closest && target.closest("button, summary, a[href], label");
    var key = event.key;
    if (key === "Escape") {
      leave();
    } else if (state.blank && !typing && (BLANK[key] || PREVIOUS[key] || NEXT[key] || key === "Home" || key === "End")) {
      if (key === " " && onButton) return;
      blank(false);  // back to the slide the room was looking at, without moving on
    } else if (BLANK[key] && !typing) {
      blank(true);
    } else if (PAUSE[key] && !typing) {
      togglePause();
    } else if (PREVIOUS[key] || (key === " " && event.shiftKey)) {
      if (typing || (key === " " && onButton)) return;
      show(state.index - 1);
    } else if (NEXT[key]) {
      // Space presses a focused button; arrows move within a radio group or a text box.
      if (typing || (key === " " && onButton)) return;
      show(state.index + 1);
    } else if (key === "Home" && !typing) {
      show(0);
    } else if (key === "End" && !typing) {
      show(state.slides.length - 1);
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
    if (document.fullscreenElement === state.overlay) state.fullscreen = true;
    else if (state.fullscreen) leave();  // Esc in full screen is eaten by the browser: leave with it
  }

  function enter(trigger) {
    if (state) return;
    var bar = trigger.closest("[data-mingle-toolbar]");
    var article = trigger.closest("article");
    if (!bar || !article) return;
    var original = Array.prototype.slice.call(article.childNodes);
    var nodes = original.filter(function (node) { return node !== bar; });
    var title = article.querySelector("h1");
    var overlay = el("div", "mingle-present");
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", "Present mode: " + (title ? title.textContent.trim() : document.title));
    overlay.tabIndex = -1;

    var top = el("div", "mingle-present-bar");
    var counter = el("p", "mingle-present-counter");
    var timer = el("p", "mingle-present-timer");
    timer.setAttribute("role", "timer");
    var clock = el("p", "mingle-present-clock");
    var view = button("Presenter view", "presenter-view");
    view.setAttribute("data-action", "presenter-view");
    view.setAttribute("aria-pressed", document.documentElement.classList.contains("mingle-presenter") ? "true" : "false");
    var pause = button("Pause timer", "pause");
    pause.setAttribute("aria-pressed", "false");
    pause.setAttribute("aria-keyshortcuts", "P");
    var leaveButton = button("Leave (Esc)", "leave");
    top.append(counter, timer, clock, pause, view, leaveButton);

    var stage = el("div", "mingle-present-stage md-typeset");
    var slides = sections(nodes).map(function (group) {
      var slide = el("section", "mingle-slide");
      group.forEach(function (node) { slide.appendChild(node); });
      stage.appendChild(slide);
      return slide;
    });

    var bottom = el("div", "mingle-present-nav");
    var previous = button("Previous", "previous");
    var next = button("Next", "next");
    var upnext = el("p", "mingle-present-upnext");
    var status = el("p", "mingle-present-status");
    status.setAttribute("role", "status");
    bottom.append(previous, upnext, next, status);

    overlay.append(top, stage, bottom);
    var inert = Array.prototype.filter.call(document.body.children, function (child) { return !child.inert; });
    document.body.appendChild(overlay);
    inert.forEach(function (child) { child.inert = true; });
    document.documentElement.classList.add("mingle-presenting");

    var minutes = (parseInt(bar.getAttribute("data-teaching"), 10) || 0) + (parseInt(bar.getAttribute("data-exercises"), 10) || 0);
    state = {
      article: article, original: original, overlay: overlay, stage: stage, slides: slides, counter: counter,
      timer: timer, clock: clock, pause: pause, status: status, upnext: upnext, previous: previous, next: next, trigger: trigger,
      inert: inert, minutes: minutes, started: Date.now(), pausedAt: 0, pausedFor: 0, blank: false, where: "",
      index: 0, fullscreen: false
    };
    state.interval = window.setInterval(tick, 1000);
    tick();
    show(0);
    overlay.addEventListener("click", function (event) {
      var action = event.target.closest("[data-present]");
      if (!action) return;
      var what = action.getAttribute("data-present");
      if (what === "next") show(state.index + 1);
      else if (what === "previous") show(state.index - 1);
      else if (what === "pause") togglePause();
      else if (what === "leave") leave();
    });
    window.addEventListener("keydown", onKey, true);
    overlay.focus();
    if (overlay.requestFullscreen) {
      overlay.requestFullscreen().catch(function () { /* refused (no gesture, iframe): the overlay still fills the window */ });
    }
  }

  /* Put every node back where it was; `restore` is false when the page has already been replaced. */
  function leave(restore) {
    if (!state) return;
    var old = state;
    state = null;
    window.clearInterval(old.interval);
    window.removeEventListener("keydown", onKey, true);
    if (restore !== false) old.original.forEach(function (node) { old.article.appendChild(node); });
    old.inert.forEach(function (child) { child.inert = false; });
    old.overlay.remove();
    document.documentElement.classList.remove("mingle-presenting");
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    if (old.trigger.isConnected) old.trigger.focus();
  }

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest && event.target.closest('[data-action="present"]');
    if (trigger) enter(trigger);
  });
  document.addEventListener("fullscreenchange", onFullscreen);

  function attach() {
    // Instant navigation swapped the page while presenting (the back button): drop the stale slides.
    if (state && !state.article.isConnected) leave(false);
  }

  window.MinglePresent = { timerText: timerText, sections: sections, leave: leave };

  window.Mingle.onPage(attach);  // storage.js: document$, or DOMContentLoaded from file://
})();
