/* Mingle word cloud: a room's words drawn as SVG by the kit's own code, the most given biggest, spiralling out from
   the middle; a word that finds no room is left off rather than drawn over another. */
((root) => {
  "use strict";
  const M = root.Mingle;
  const WIDTH = 960, HEIGHT = 540, SMALLEST = 22, BIGGEST = 96, GAP = 6, STEP = 5;

  const overlaps = (a, b) => a.x < b.x + b.w + GAP && b.x < a.x + a.w + GAP && a.y < b.y + b.h + GAP && b.y < a.y + a.h + GAP;
  const inside = (r) => r.x >= 0 && r.y >= 0 && r.x + r.w <= WIDTH && r.y + r.h <= HEIGHT;

  // Draw [word, count] pairs (most given first) into `parent`, replacing what it held; returns the words drawn.
  function draw(parent, words, label) {
    const cloud = M.svg(null, "svg", null, { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: "mingle-cloud", role: "img",
      "aria-label": label });
    parent.replaceChildren(cloud);  // in the page, so each word can be measured as it is placed
    const most = words.length ? words[0][1] : 1, taken = [], drawn = [];
    words.forEach(([word, count], n) => {
      const size = Math.round(SMALLEST + (BIGGEST - SMALLEST) * (count / most));
      const text = M.svg(cloud, "text", word, { "font-size": size, "text-anchor": "middle", "aria-hidden": "true",
        class: `mingle-cloud-word mingle-cloud-word--${n % 4}` });
      let box = text.getBBox();
      if (box.width > WIDTH - 2 * GAP) {  // a long word at the top: as big as the wall allows, not left off
        text.setAttribute("font-size", String(Math.floor(size * (WIDTH - 2 * GAP) / box.width)));
        box = text.getBBox();
      }
      // An Archimedean spiral, wider than tall as the wall is, walked in steps of a few pixels at any reach.
      for (let angle = 0, reach = 0; reach < WIDTH; angle += Math.min(0.3, STEP / Math.max(reach, 1))) {
        reach = 2.5 * angle;
        const x = WIDTH / 2 + reach * Math.cos(angle) * 1.6, y = HEIGHT / 2 + reach * Math.sin(angle);
        const spot = { x: x - box.width / 2, y: y - box.height / 2, w: box.width, h: box.height };
        if (inside(spot) && !taken.some((other) => overlaps(spot, other))) {
          // Set the text's middle on the spot's middle: its box starts box.y above its baseline.
          text.setAttribute("x", String(Math.round(x)));
          text.setAttribute("y", String(Math.round(spot.y - box.y)));
          taken.push(spot);
          drawn.push(word);
          return;
        }
      }
      text.remove();
    });
    return drawn;
  }

  M.wordcloud = { draw };
})(window);
