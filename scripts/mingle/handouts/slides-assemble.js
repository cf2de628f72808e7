/* Fill the slides handout: fetch each module's built page and make its slides with the site's own slides.js, so
   paper shows what the wall shows; each slide sits beside lines for notes and shrinks its type, never its words,
   until it fits its box. Needs storage.js and slides.js (the skeleton loads them) and built-page.js. */
((root) => {
  "use strict";
  const M = root.Mingle, H = M.handouts, el = M.el, doc = root.document;

  async function fill(part, number) {
    const article = await H.builtArticle(part.getAttribute("data-slides-src"));
    article.querySelectorAll(".mingle-toolbar, .headerlink, .md-content__button").forEach((n) => n.remove());
    const groups = M.slides.sections(Array.from(article.childNodes));
    groups.forEach((group, i) => {
      const row = el(part, "div", null, { class: "slides-row" });
      const slide = el(row, "div", null, { class: "slides-slide" });
      el(slide, "p", `Slide ${i + 1} of ${groups.length}`, { class: "slides-number" });
      const wall = M.slides.wall(group, `m${number}s${i}`, part.getAttribute("data-address"));
      wall.classList.add("md-typeset");
      slide.appendChild(wall);
      const notes = el(row, "div", null, { class: "slides-notes", "aria-label": "Notes" });
      el(notes, "p", "Notes", { class: "slides-notes-title" });
      for (let n = 0; n < Number(part.getAttribute("data-lines")); n++) el(notes, "div", null, { class: "slides-line" });
    });
  }

  // Shrink the type of a slide that would overflow its box, a step at a time; true when it fits.
  function shrink(wall, smallest) {
    const box = wall.parentElement;
    let size = 9;
    wall.style.fontSize = "";
    while (box.scrollHeight > box.clientHeight + 1 && size > smallest) {
      size -= 0.5;
      wall.style.fontSize = `${size}pt`;
    }
    return box.scrollHeight <= box.clientHeight + 1;
  }

  async function slides() {
    const parts = Array.from(doc.querySelectorAll("[data-slides-src]"));
    await Promise.all(parts.map(fill));
    await doc.fonts.ready;
    // A slide still too full gets a row twice as tall, and shrinks again from the start; report any that still
    // would not fit.
    const crowded = [];
    for (const wall of doc.querySelectorAll(".slides-slide .mingle-slide-wall")) {
      if (shrink(wall, 6.5)) continue;
      wall.closest(".slides-row").classList.add("slides-row--tall");
      if (!shrink(wall, 5)) crowded.push(`${wall.parentElement.querySelector(".slides-number").textContent} of ` +
        wall.closest(".slides-module").querySelector(".slides-module-title").textContent);
    }
    return { slides: doc.querySelectorAll(".slides-row").length, modules: parts.length, crowded,
             tall: doc.querySelectorAll(".slides-row--tall").length };
  }

  H.slides = slides;
})(window);
