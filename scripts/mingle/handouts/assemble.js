/* Fill a handout skeleton in the browser: fetch each built page, keep its article, drop what paper cannot use. */
window.mingleAssemble = async function (options) {
  "use strict";
  var learnerOnly = ".mingle-facilitator, [data-audience='presenter'], .mingle-answer-key, .mingle-answer-keys";
  var screenOnly = ".mingle-toolbar, .mingle-exercise, .mingle-agenda-controls, .md-source-file, .headerlink, " +
    ".md-content__button, script, noscript";

  async function fill(part) {
    var url = part.getAttribute("data-src");
    var article = await window.mingleBuiltArticle(url), doc = article.ownerDocument;
    article.querySelectorAll(screenOnly).forEach(function (node) { node.remove(); });
    // The page shows one plan by the picker (gone on paper); paper shows every plan.
    article.querySelectorAll(".mingle-agenda-plan[hidden]").forEach(function (node) { node.removeAttribute("hidden"); });
    if (!options.presenter) {
      article.querySelectorAll(learnerOnly).forEach(function (node) { node.remove(); });
      // A heading left with nothing under it ("For presenters") would print as a stray line.
      article.querySelectorAll("h2").forEach(function (head) {
        var next = head.nextElementSibling;
        if (!next || next.tagName === "H2") head.remove();
      });
    }
    article.querySelectorAll("details").forEach(function (details) { details.open = true; });
    // Links to other pages mean nothing on paper: keep their words, drop the link.
    article.querySelectorAll("a[href]").forEach(function (link) {
      var span = doc.createElement("span");
      span.append.apply(span, Array.from(link.childNodes));
      link.replaceWith(span);
    });
    // Every page reuses heading ids such as "over-to-you"; the booklet needs none of them.
    article.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    Array.from(article.childNodes).forEach(function (node) { part.appendChild(document.importNode(node, true)); });
  }

  await Promise.all(Array.from(document.querySelectorAll("[data-src]")).map(fill));
  // The personal action plan starts a fresh page, heading and all, so it can be torn out and pinned up.
  document.querySelectorAll('[data-worksheet="' + options.tearOut + '"]').forEach(function (sheet) {
    var node = sheet.closest(".handout-part > *");
    while (node && node.tagName !== "H2") node = node.previousElementSibling;
    (node || sheet).classList.add("handout-new-page");
  });
  if (window.Mingle && window.Mingle.agenda && options.start) window.Mingle.agenda.refresh({ plan: "", start: options.start });
  await document.fonts.ready;
  return {
    parts: document.querySelectorAll(".handout-part").length,
    presenterBits: document.querySelectorAll(learnerOnly).length
  };
};
