/* Fill the slides handout: each module's slides from the built Slides page, the deck's own canvas (1280×720, the
   site's deck.css) at a fixed print size (slides.css) beside lines for notes, so paper shows exactly what the wall shows. A slide
   whose canvas overflows is reported, never shrunk. Needs storage.js (the skeleton loads it) and built-page.js. */
((root) => {
  "use strict";
  const M = root.Mingle, H = M.handouts, el = M.el, doc = root.document;
  const WIDTH = 1280, HEIGHT = 720;
  const decks = {};  // the Slides page, fetched once for every module

  async function fill(part) {
    const src = part.getAttribute("data-slides-src");
    decks[src] ||= H.builtArticle(src);
    const module = (await decks[src]).querySelector(`[data-deck-module="${CSS.escape(part.dataset.deckModule)}"]`);
    const slides = module ? [...module.children] : [];
    slides.forEach((section, i) => {
      const row = el(part, "div", null, { class: "slides-row" });
      const slide = el(row, "div", null, { class: "slides-slide" });
      el(slide, "p", `Slide ${i + 1} of ${slides.length}`, { class: "slides-number" });
      const frame = el(slide, "div", null, { class: "slides-frame" });
      const canvas = el(frame, "div", null, { class: "mingle-deck-wall mingle-deck-canvas" });
      for (const address of section.querySelectorAll("[data-deck-address]")) address.textContent = part.dataset.address;
      canvas.append(doc.adoptNode(section));
      const notes = el(row, "div", null, { class: "slides-notes", "aria-label": "Notes" });
      el(notes, "p", "Notes", { class: "slides-notes-title" });
      for (let n = 0; n < Number(part.getAttribute("data-lines")); n++) el(notes, "div", null, { class: "slides-line" });
    });
  }

  async function slides() {
    const parts = Array.from(doc.querySelectorAll("[data-slides-src]"));
    await Promise.all(parts.map(fill));
    await doc.fonts.ready;
    const crowded = [];
    for (const canvas of doc.querySelectorAll(".slides-frame .mingle-deck-canvas")) {
      const section = canvas.firstElementChild;
      if (section.scrollHeight > HEIGHT + 1 || section.scrollWidth > WIDTH + 1) {
        crowded.push(`${canvas.closest(".slides-slide").querySelector(".slides-number").textContent} of ` +
          canvas.closest(".slides-module").querySelector(".slides-module-title").textContent);
      }
    }
    return { slides: doc.querySelectorAll(".slides-row").length, modules: parts.length, crowded };
  }

  H.slides = slides;
})(window);
