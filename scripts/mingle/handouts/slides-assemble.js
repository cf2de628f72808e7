/* Fill the slides handout: fetch each module's built page and make its slides with the site's own slides.js, so
   paper shows what the wall shows; each slide sits beside lines for notes and shrinks its type, never its words,
   until it fits its box. */
window.mingleSlides = async function () {
  "use strict";
  var M = window.Mingle;

  async function fill(part, number) {
    var url = part.getAttribute("data-slides-src");
    var article = await window.mingleBuiltArticle(url);
    article.querySelectorAll(".mingle-toolbar, .headerlink, .md-content__button").forEach(function (n) { n.remove(); });
    var groups = M.slides.sections(Array.from(article.childNodes));
    groups.forEach(function (group, i) {
      var row = M.el(part, "div", null, { class: "slides-row" });
      var slide = M.el(row, "div", null, { class: "slides-slide" });
      M.el(slide, "p", "Slide " + (i + 1) + " of " + groups.length, { class: "slides-number" });
      var wall = M.slides.wall(group, "m" + number + "s" + i, part.getAttribute("data-address"));
      wall.classList.add("md-typeset");
      slide.appendChild(wall);
      var notes = M.el(row, "div", null, { class: "slides-notes", "aria-label": "Notes" });
      M.el(notes, "p", "Notes", { class: "slides-notes-title" });
      for (var n = 0; n < Number(part.getAttribute("data-lines")); n++) M.el(notes, "div", null, { class: "slides-line" });
    });
  }

  var parts = Array.from(document.querySelectorAll("[data-slides-src]"));
  await Promise.all(parts.map(fill));
  await document.fonts.ready;
  // Shrink the type of a slide that would overflow its box, a step at a time; a slide still too full gets a row
  // twice as tall, and shrinks again from the start. Report any that still would not fit.
  var crowded = [];
  function shrink(wall, smallest) {
    var box = wall.parentElement, size = 9;
    wall.style.fontSize = "";
    while (box.scrollHeight > box.clientHeight + 1 && size > smallest) {
      size -= 0.5;
      wall.style.fontSize = size + "pt";
    }
    return box.scrollHeight <= box.clientHeight + 1;
  }
  document.querySelectorAll(".slides-slide .mingle-slide-wall").forEach(function (wall) {
    if (shrink(wall, 6.5)) return;
    wall.closest(".slides-row").classList.add("slides-row--tall");
    if (!shrink(wall, 5)) crowded.push(wall.parentElement.querySelector(".slides-number").textContent + " of " +
      wall.closest(".slides-module").querySelector(".slides-module-title").textContent);
  });
  return { slides: document.querySelectorAll(".slides-row").length, modules: parts.length, crowded: crowded, tall: document.querySelectorAll(".slides-row--tall").length };
};
