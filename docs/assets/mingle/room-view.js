/* Mingle room: the live results as the dashboard draws them, shared by the dashboard, the projector page and the
   exercise's slide in present mode. Every text goes in by textContent; names are never drawn here. */
((root) => {
  "use strict";
  const M = root.Mingle, el = M.el;  // storage.js, loaded first

  const plural = (n, one, many = one + "s") => `${n} ${n === 1 ? one : many}`;

  // How many answered and how well, in words.
  const summary = (view) => plural(view.learners, "answer") +
    (view.learners ? `, average ${view.mean} out of ${view.max}.` : "");

  // One bar per band, as long as its share of the biggest band, with its count in words on it.
  function bands(exercise, parent) {
    const list = el(parent, "ul", null, { class: "room-bands" }), most = Math.max(1, ...exercise.bands.map((b) => b.count));
    for (const band of exercise.bands) {
      const li = el(list, "li");
      el(li, "span", band.label, { class: "room-band-label" });
      el(li, "span", String(band.count), { class: "room-bar" }).style.width = `${Math.max(2, (band.count / most) * 60)}%`;
    }
    return list;
  }

  M.roomView = { plural, summary, bands };
})(window);
