/* Decks: a module's or a session plan's slides, shown by reveal.js at one size and scaled to the window. The build
   puts every deck's slides on the Slides page (mingle.site.deck); "Present" anywhere opens that page with ?module=N
   or ?plan=ID, and this script picks the deck's slides out of it. The wall shows only the slide; its few controls
   wait until the mouse moves, and leave altogether while the speaker view (speaker.js) is open. Either window moves
   both: they tell each other over a BroadcastChannel and, where that is missing (file://), storage events. */
((root) => {
  "use strict";
  const M = root.Mingle, S = M.storage, el = M.el, doc = root.document;
  const SIZES = { "16:9": [1280, 720], "4:3": [960, 720] };
  const QUIET = 3000;  // how long the wall's controls stay after the mouse stops
  const me = Math.random().toString(36).slice(2);
  let deck = null, channel = null, seq = 0;

  S.define("deck", 1000, (d) => d && typeof d.deck === "string" && typeof d.from === "string" &&
    typeof d.type === "string" && Number.isInteger(d.seq),
  "The message between your two slide windows couldn't be read; move the slides again to put them in step.");

  // --- opening a deck from any page -------------------------------------------------------------------

  // The deck's address: this page's own on the Slides page, else the one the toolbar names.
  function deckAddress(trigger, extra = {}) {
    const home = doc.querySelector("[data-deck]") ? root.location.href
      : doc.querySelector("[data-deck-href]")?.dataset.deckHref;
    if (!home) return null;
    const address = new URL(home, root.location.href);
    address.search = "";
    address.hash = "";
    const module = trigger.dataset.module || trigger.closest("[data-module]")?.dataset.module;
    if (trigger.dataset.plan) {
      address.searchParams.set("plan", trigger.dataset.plan);
      if (trigger.dataset.start) address.searchParams.set("start", trigger.dataset.start);  // the Agenda page's clock
    } else if (module) address.searchParams.set("module", module);
    for (const [name, value] of Object.entries(extra)) address.searchParams.set(name, value);
    return address.href;
  }

  doc.addEventListener("click", ({ target }) => {
    const trigger = target.closest && target.closest('[data-action="present"], .mingle-toolbar [data-action="speaker-view"]');
    if (!trigger) return;
    const address = deckAddress(trigger);
    if (!address) return;
    // The toolbar's speaker view opens both at once: the speaker's window first, while the click still allows it.
    if (trigger.dataset.action === "speaker-view") openWindow(deckAddress(trigger, { speaker: "1" }));
    root.location.assign(address);
  });

  const openWindow = (address) => {
    try { return root.open(address, "mingle-speaker", "popup,width=1200,height=800"); } catch (e) { return null; }
  };

  // --- the deck's slides ------------------------------------------------------------------------------

  // The slides of the deck the address asks for, moved out of the page's hidden source, or null.
  function chosen(source, params) {
    const module = (n) => source.querySelector(`[data-deck-module="${CSS.escape(n)}"]`);
    if (params.has("plan")) {
      const plan = source.querySelector(`[data-deck-plan="${CSS.escape(params.get("plan"))}"]`);
      if (!plan) return null;
      const used = new Set(), slides = [];
      for (const node of [...plan.children]) {
        const number = node.dataset.deckUseModule;
        if (number === undefined) { slides.push(node); continue; }
        const part = module(number);
        if (!part) continue;
        // A module a plan runs twice gets a copy the second time (its pictures' ids made its own).
        const parts = used.has(number) ? [...part.children].map((s, i) => M.deckCopy(s, `again${slides.length}-${i}`))
          : [...part.children];
        used.add(number);
        for (const slide of parts) { slide.dataset.slot = node.dataset.slot; slides.push(slide); }
      }
      return { slides, title: plan.dataset.title, plan };
    }
    const part = params.has("module") && module(params.get("module"));
    return part ? { slides: [...part.children], title: part.dataset.title, plan: null, part } : null;
  }

  // A plan's deck from the start the presenter chose on the Agenda page (?start=HH:MM): its agenda, breaks and the
  // speaker view's slots run on that clock instead of the one the site was built with (event.yml's start, else the
  // plans' default), by the agenda's own reckoning (agenda.js). A start that is not a time changes nothing.
  function retime(picked, start) {
    let slots, agenda;
    try {
      slots = JSON.parse(picked.plan.dataset.slots);
      agenda = M.agenda.schedule({ minutes: Number(picked.plan.dataset.minutes), slots }, start);
    } catch (e) {
      return;
    }
    picked.plan.dataset.start = agenda.start;
    picked.plan.dataset.slots = JSON.stringify(slots.map((slot, n) => ({ ...slot, start: agenda.rows[n].start,
      end: agenda.rows[n].end })));
    for (const slide of picked.slides) {
      for (const clock of slide.querySelectorAll("[data-deck-clock]")) {
        const row = clock.dataset.deckSlot === undefined ? agenda : agenda.rows[Number(clock.dataset.deckSlot)];
        if (row && /^(start|end)$/.test(clock.dataset.deckClock)) clock.textContent = row[clock.dataset.deckClock];
      }
    }
  }

  // Where learners open each exercise: its module's page on this site.
  function addresses(source) {
    for (const part of source.querySelectorAll("[data-deck-module]")) {
      for (const slot of part.querySelectorAll("[data-deck-address]")) slot.textContent = new URL(part.dataset.page, S.root).href;
    }
  }

  // In a deck opened from a live room (room.js keeps its code for the tab), exercises and activities say how to answer
  // there: the room's QR code, address and code, which the room gives (only it knows the address phones reach it at).
  // Anywhere else (another server, file://) the request fails and the slides keep the page's address.
  async function joinRoom(wall) {
    const room = S.get("room");
    if (!room) return;
    const response = await fetch(new URL(`room/${room}/join`, S.root).href, { cache: "no-store" }).catch(() => null);
    const join = response && response.ok ? await response.json().catch(() => null) : null;
    if (!join || typeof join.qr !== "string" || !join.qr.startsWith("data:image/svg+xml;") ||
      typeof join.short !== "string" || typeof join.code !== "string" || !deck || deck.wall !== wall) return;
    for (const card of wall.querySelectorAll("[data-deck-join]")) {
      const frame = card.querySelector("[data-deck-join-qr]");
      frame.replaceChildren(el(null, "img", null, { src: join.qr, alt: frame.dataset.deckJoinQr, width: "260", height: "260" }));
      card.querySelector("[data-deck-join-code]").textContent = join.code;
      card.querySelector("[data-deck-join-address]").textContent = join.short;
    }
    for (const part of wall.querySelectorAll("[data-deck-in-room]")) part.hidden = false;
    for (const part of wall.querySelectorAll("[data-deck-outside-room]")) part.hidden = true;
    if (deck.reveal) deck.speakerView?.update(deck.reveal.getIndices().h);  // the next slide's preview with them
  }

  function loadReveal(base, done) {
    if (root.Reveal) { done(); return; }
    el(doc.head, "link", null, { rel: "stylesheet", href: `${base}reveal.css` });
    const script = el(doc.head, "script", null, { src: `${base}reveal.js` });
    script.addEventListener("load", done);
    script.addEventListener("error", () => S.notice(null, "The slides' engine (reveal.js) is missing from this " +
      "copy of the site: build it again with make build or make offline."));
  }

  // --- the two windows in step ------------------------------------------------------------------------

  function send(type, extra = {}) {
    const message = { deck: deck.key, from: me, seq: ++seq, type, ...extra };
    try { channel?.postMessage(message); } catch (e) { /* closed: storage still carries it */ }
    S.set("deck", "", message);
  }
  const share = () => deck?.reveal && send("state", { index: deck.reveal.getIndices().h, blank: deck.reveal.isPaused(),
    started: deck.started });

  const seen = {};  // the newest message from each other window: the same message by both routes counts once
  function receive(message) {
    if (!deck || !message || message.from === me || message.deck !== deck.key) return;
    if ((seen[message.from] || 0) >= message.seq) return;
    seen[message.from] = message.seq;
    // A speaker view says hello when it opens (again on the wall's first word, if the wall was still loading) and
    // bye when it closes: meanwhile the wall shows no control, even when it did not open that window itself.
    if (message.type === "hello") {
      share();
      deck.paired = true;
      if (deck.bar) deck.bar.hidden = true;
    } else if (message.type === "bye") {
      deck.paired = false;
      if (deck.bar && !deck.popup) deck.bar.hidden = false;
    } else if (message.type === "leave") leave(false);
    else if (message.type === "state" && deck.reveal) {  // before reveal.js is ready, its own start says hello
      if (deck.speakerView && !deck.greeted) send("hello");
      deck.greeted = true;
      deck.following = true;  // what the other window says is not said back
      if (Number.isInteger(message.started) && message.started < deck.started) deck.started = message.started;
      if (Number.isInteger(message.index) && message.index !== deck.reveal.getIndices().h) deck.reveal.slide(message.index);
      if (Boolean(message.blank) !== deck.reveal.isPaused()) deck.reveal.togglePause(Boolean(message.blank));
      deck.changed?.();
      deck.following = false;
    }
  }
  root.addEventListener("storage", (event) => event.key === S.key("deck") && event.newValue && receive(S.get("deck")));
  // Material's own shortcuts (F and S search, . and N the next page) listen on the window: a deck's keys stop short.
  doc.addEventListener("keydown", (event) => deck && event.stopPropagation());

  // --- the wall -----------------------------------------------------------------------------------------

  function controls(wall) {
    const bar = el(wall, "div", null, { class: "mingle-deck-controls", role: "toolbar", "aria-label": "Slides" });
    const button = (label, action, attrs = {}) => el(bar, "button", label, { type: "button", class: "md-button",
      "data-deck-action": action, ...attrs });
    button("Previous", "previous", { "aria-keyshortcuts": "ArrowLeft" });
    button("Next", "next", { "aria-keyshortcuts": "ArrowRight" });
    button("Blank", "blank", { "aria-keyshortcuts": "B", "aria-pressed": "false" });
    button("Full screen", "full", { "aria-keyshortcuts": "F" });
    button("Speaker view", "speaker", { "data-action": "speaker-view" });
    button("Leave", "leave", { "aria-keyshortcuts": "Escape" });
    let timer = 0;
    // Hidden until the mouse moves or a key reaches them, then gone again once the mouse rests.
    const wake = () => {
      bar.classList.add("mingle-deck-controls--awake");
      root.clearTimeout(timer);
      timer = root.setTimeout(() => bar.matches(":focus-within") || bar.classList.remove("mingle-deck-controls--awake"), QUIET);
    };
    doc.addEventListener("mousemove", wake);
    bar.addEventListener("focusin", wake);
    return bar;
  }

  // The buttons of the wall and of the speaker view alike.
  doc.addEventListener("click", ({ target }) => {
    const what = deck?.reveal && target.closest && target.closest("[data-deck-action]")?.dataset.deckAction;
    if (what === "next") deck.reveal.next();
    else if (what === "previous") deck.reveal.prev();
    else if (what === "blank") deck.reveal.togglePause();
    else if (what === "full") full();
    else if (what === "speaker") speaker();
    else if (what === "leave") leave(true);
  });

  function full() {
    if (doc.fullscreenElement) doc.exitFullscreen?.().catch(() => {});
    else doc.documentElement.requestFullscreen?.().catch(() => {});
  }

  // The speaker's window: this deck again with ?speaker=1. While it is open the wall shows no control at all.
  function speaker() {
    const address = new URL(root.location.href);
    address.searchParams.set("speaker", "1");
    deck.popup = openWindow(address.href);
    deck.bar.hidden = Boolean(deck.popup);
    if (!deck.popup) {
      S.notice(deck.wall, "The browser would not open a second window. Allow pop-ups for this site to use the speaker view.");
    }
  }

  // Whether this window answers the presenter's remote: the speaker view while there is one, else the wall (both
  // windows hear each press, and each moves the other, so only one may act on it).
  M.deckLeads = () => Boolean(deck && (deck.speakerView || !deck.paired));

  // The slide's number, kind and activity: on the deck's element for tests and tools, and as an event for the room.
  function changed() {
    const { reveal, slides, wall } = deck;
    const index = reveal.getIndices().h, slide = slides[index];
    wall.dataset.slide = String(index);
    wall.dataset.slides = String(slides.length);
    for (const box of slide.querySelectorAll(".mingle-slide-room:not([data-room-exercise])")) {
      const exercise = slide.dataset.activity;
      if (M.roomWall && exercise) M.roomWall(box, exercise);
    }
    deck.blanker?.setAttribute("aria-pressed", String(reveal.isPaused()));
    countdown();
    if (!deck.following) share();
    deck.speakerView?.update(index);
    // Kept too for a script that arrives after the deck has started (the room's, in the speaker's new window).
    M.deckSlide = { index, kind: slide.dataset.slideKind, activity: slide.dataset.activity || "" };
    doc.dispatchEvent(new CustomEvent("mingle:slide", { detail: M.deckSlide }));
  }

  // A break's countdown runs while its slide is up.
  function countdown() {
    const slide = deck.slides[deck.reveal.getIndices().h], clock = slide?.querySelector("[data-countdown]");
    if (!clock) { deck.breakStarted = 0; return; }
    deck.breakStarted ||= Date.now();
    const left = Math.max(0, Number(clock.dataset.countdown) - Math.floor((Date.now() - deck.breakStarted) / 1000));
    clock.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  }

  function present(host, params) {
    const source = host.querySelector(".mingle-deck-source"), picked = source && chosen(source, params);
    if (!picked || !picked.slides.length) {
      S.notice(host, "There is no such deck here: choose one from the lists below.");
      return;
    }
    addresses(source);
    if (picked.plan && params.has("start")) retime(picked, params.get("start"));
    const speakerMode = params.has("speaker");
    const [width, height] = SIZES[params.get("ratio")] || SIZES["16:9"];
    const wall = el(null, "div", null, { class: "reveal mingle-deck-wall", role: "region",
      "aria-roledescription": "slides", "aria-label": `Slides: ${picked.title}` });
    const stage = el(wall, "div", null, { class: "slides" });
    stage.append(...picked.slides);
    source.remove();  // what this deck did not take: its ids must not meet the deck's own
    for (const child of doc.body.children) child.inert = true;
    doc.documentElement.classList.add("mingle-presenting");
    const key = params.has("plan") ? `plan:${params.get("plan")}` : `module:${params.get("module")}`;
    deck = { key, wall, slides: picked.slides, plan: picked.plan, part: picked.part, started: Date.now(), following: false };
    if (speakerMode) {
      deck.speakerView = M.speakerView(deck, width);
    } else {
      doc.body.append(wall);
      deck.bar = controls(wall);
      deck.blanker = deck.bar.querySelector('[data-deck-action="blank"]');
    }
    loadReveal(`${S.root}assets/vendor/reveal/`, () => start(width, height, speakerMode));
    joinRoom(wall);
  }

  function start(width, height, speakerMode) {
    deck.reveal = new root.Reveal(deck.wall, {
      width, height, margin: 0, minScale: 0.1, maxScale: 3, center: true, embedded: speakerMode,
      controls: false, progress: false, slideNumber: false, hash: false, history: false, respondToHashChanges: false,
      overview: false, help: false, jumpToSlide: false, transition: "none", backgroundTransition: "none",
      touch: true, pause: true, fragments: false, autoAnimate: false, hideInactiveCursor: !speakerMode,
      keyboard: { 27: () => leave(true) },  // Escape leaves (reveal.js would open its overview)
    });
    deck.reveal.initialize().then(() => {
      deck.changed = changed;
      for (const type of ["slidechanged", "paused", "resumed"]) deck.reveal.on(type, changed);
      deck.interval = root.setInterval(() => {
        countdown();
        deck.speakerView?.tick();
        if (deck.popup && deck.popup.closed) {  // the speaker view was closed: the wall's controls come back
          deck.popup = null;
          deck.paired = false;
          deck.bar.hidden = false;
        }
      }, 1000);
      changed();
      if (speakerMode) {
        send("hello");
        root.addEventListener("pagehide", () => send("bye"));
      }
    });
  }

  // Back to where the deck was opened from (the module page, the Agenda page), or to the Slides page's lists.
  function leave(both) {
    if (!deck) return;
    if (both) send("leave");
    root.clearInterval(deck.interval);
    const speakerMode = Boolean(deck.speakerView);
    deck.reveal?.destroy?.();
    doc.querySelector(".mingle-speaker")?.remove();
    deck.wall.remove();
    for (const child of doc.body.children) child.inert = false;
    deck = null;
    M.deckSlide = null;
    doc.documentElement.classList.remove("mingle-presenting");
    if (speakerMode && root.opener) { root.setTimeout(() => root.close(), 250); return; }
    if (doc.referrer && root.history.length > 1) root.history.back();
    else root.location.search = "";
  }

  M.onPage(() => {
    const host = doc.querySelector("[data-deck]"), params = new URLSearchParams(root.location.search);
    if (host && !deck && (params.has("module") || params.has("plan"))) {
      if (root.BroadcastChannel && !channel) {
        try {
          channel = new BroadcastChannel("mingle-deck");
          channel.onmessage = (event) => receive(event.data);
        } catch (e) { channel = null; /* an opaque origin: storage events only */ }
      }
      present(host, params);
    }
  });
})(window);
