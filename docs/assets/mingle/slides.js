/* Slides from a module page: each H2 section's wall (what the room sees) from the parts the build marked with
   data-slide-part, copied so the page itself never changes; the rest of the section is the speaker's script. */
((root) => {
  "use strict";
  const M = root.Mingle, el = M.el;
  const PICTURES = "figure, svg, img, picture";
  // Raw HTML (an SVG or a <figure> written into the Markdown) reaches the page unmarked: it is a picture too.
  const PART = "[data-slide-part], figure, svg, picture";
  const REFERS = ["for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "headers"];
  const CONTROLS = "input, textarea, select, button, .headerlink, .mingle-build-error";

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

  const headingOf = (nodes) => {
    const head = nodes.find((n) => n.nodeType === 1 && /^H[12]$/.test(n.tagName));
    return head ? head.textContent.replace(/¶/g, "").trim() : "";
  };

  // A copy fit for the wall: the page keeps its ids, so the copy's ids get a suffix (and what points at them
  // follows, an SVG's title included); no form controls or permalinks, which belong to the page.
  function copy(node, suffix) {
    const clone = node.cloneNode(true);
    for (const gone of clone.querySelectorAll(CONTROLS)) gone.remove();
    const all = [clone, ...clone.querySelectorAll("*")];
    const ids = new Set(all.filter((n) => n.id).map((n) => n.id));
    const move = (id) => (ids.has(id) ? `${id}-${suffix}` : id);
    for (const n of all) {
      if (n.id) n.id = move(n.id);
      for (const name of REFERS) {
        if (n.hasAttribute(name)) n.setAttribute(name, n.getAttribute(name).split(/\s+/).map(move).join(" "));
      }
      for (const attr of [...n.attributes]) {
        if (/^#/.test(attr.value) && ids.has(attr.value.slice(1))) attr.value = `#${move(attr.value.slice(1))}`;
        else if (attr.value.includes("url(#")) attr.value = attr.value.replace(/url\(#([^)]+)\)/g, (m, id) => `url(#${move(id)})`);
      }
      n.removeAttribute("data-checklist");
    }
    return clone;
  }

  // A scene is told aloud: the wall shows its picture, if it has one, and its title as the caption.
  function sceneCard(block, suffix) {
    const card = el(null, "figure", null, { class: "mingle-slide-card mingle-slide-scene" });
    const pictures = [...block.querySelectorAll(PICTURES)].filter((p) => !p.parentElement.closest(PICTURES));
    for (const picture of pictures) card.append(copy(picture, suffix));
    if (!pictures.length) card.classList.add("mingle-slide-card--words");
    const title = block.querySelector(".mingle-block-title");
    el(card, "figcaption", title ? title.textContent : "A scene");
    return card;
  }

  // The exercise's prompt: its title and what it asks; the room's results or how to send an answer follow.
  function exerciseCard(block, address) {
    const form = block.querySelector("form.mingle-exercise");
    const card = el(null, "div", null, { class: "mingle-slide-card mingle-slide-exercise" });
    if (!form) return card;
    card.dataset.exercise = form.dataset.exercise;
    el(card, "p", form.querySelector(".mingle-title")?.textContent || "Exercise", { class: "mingle-slide-exercise-title" });
    el(card, "p", form.querySelector(".mingle-intro")?.textContent || "");
    const room = el(card, "div", null, { class: "mingle-slide-room" });
    el(room, "p", "Answer on your own phone or laptop:", { class: "mingle-slide-room-title" });
    const steps = el(room, "ol");
    el(steps, "li", `Open ${address}`);
    el(steps, "li", "Answer the questions, then press Check.");
    el(steps, "li", "Copy your answer code and send it to your presenter, in the chat, a form or an email.");
    if (M.roomWall) M.roomWall(room, form.dataset.exercise);
    return card;
  }

  function part(node, suffix, address) {
    const kind = node.dataset.slidePart || "figure";
    if (kind === "scene") return sceneCard(node, suffix);
    if (kind === "exercise") return exerciseCard(node, address);
    return copy(node, suffix);
  }

  // What the room sees of one section: its marked parts, in page order. `address` is where learners open the
  // page (this page's, unless the printed slides name it).
  function wall(nodes, suffix, address = root.location.href.split(/[?#]/)[0]) {
    const box = el(null, "div", null, { class: "mingle-slide-wall" });
    for (const node of nodes) if (node.nodeType === 1 && node.matches(PART)) box.append(part(node, suffix, address));
    return box;
  }

  M.slides = { sections, headingOf, wall };
})(window);
