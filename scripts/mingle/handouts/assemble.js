/* Fill a handout skeleton in the browser: fetch each built page, keep its article, drop what paper cannot use.
   Needs built-page.js. */
((root) => {
  "use strict";
  const H = root.Mingle.handouts, doc = root.document;
  const LEARNER_ONLY = ".mingle-facilitator, [data-audience='presenter'], .mingle-answer-key, .mingle-answer-keys";
  const SCREEN_ONLY = ".mingle-toolbar, .mingle-exercise, .mingle-activity, .mingle-agenda-controls, .md-source-file, " +
    ".headerlink, .md-content__button, script, noscript";

  async function fill(part, presenter) {
    const article = await H.builtArticle(part.getAttribute("data-src"));
    article.querySelectorAll(SCREEN_ONLY).forEach((node) => node.remove());
    // The page shows one plan by the picker (gone on paper); paper shows every plan.
    article.querySelectorAll(".mingle-agenda-plan[hidden]").forEach((node) => node.removeAttribute("hidden"));
    if (!presenter) {
      article.querySelectorAll(LEARNER_ONLY).forEach((node) => node.remove());
      // A heading left with nothing under it ("For presenters") would print as a stray line.
      for (const head of article.querySelectorAll("h2")) {
        const next = head.nextElementSibling;
        if (!next || next.tagName === "H2") head.remove();
      }
    }
    article.querySelectorAll("details").forEach((details) => { details.open = true; });
    // Links to other pages mean nothing on paper: keep their words, drop the link.
    article.querySelectorAll("a[href]").forEach((link) => link.replaceWith(...link.childNodes));
    // Every page reuses heading ids such as "over-to-you"; the booklet needs none of them.
    article.querySelectorAll("[id]").forEach((node) => node.removeAttribute("id"));
    for (const node of Array.from(article.childNodes)) part.appendChild(doc.importNode(node, true));
  }

  async function assemble(options) {
    await Promise.all(Array.from(doc.querySelectorAll("[data-src]")).map((part) => fill(part, options.presenter)));
    // The personal action plan starts a fresh page, heading and all, so it can be torn out and pinned up.
    for (const sheet of doc.querySelectorAll(`[data-worksheet="${options.tearOut}"]`)) {
      let node = sheet.closest(".handout-part > *");
      while (node && node.tagName !== "H2") node = node.previousElementSibling;
      (node || sheet).classList.add("handout-new-page");
    }
    await doc.fonts.ready;
    return {
      parts: doc.querySelectorAll(".handout-part").length,
      presenterBits: doc.querySelectorAll(LEARNER_ONLY).length,
    };
  }

  H.assemble = assemble;
})(window);
