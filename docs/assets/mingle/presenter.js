/* Presenter view: a remembered toggle that shows the facilitator notes; collapsed blocks open for printing. */
((root) => {
  "use strict";
  const M = root.Mingle, S = M.storage, doc = root.document, CLASS = "mingle-presenter";
  const TOGGLES = '[data-action="presenter-view"]';
  S.define("presenter", 10, (d) => typeof d === "boolean",
    "Your saved presenter view setting couldn't be read, so it is off for now.");

  function apply(on) {
    doc.documentElement.classList.toggle(CLASS, on);
    for (const button of doc.querySelectorAll(TOGGLES)) button.setAttribute("aria-pressed", String(on));
  }

  // One delegated listener survives instant navigation and covers buttons added later (present mode's own).
  doc.addEventListener("click", ({ target }) => {
    if (!target.closest(TOGGLES)) return;
    const on = !doc.documentElement.classList.contains(CLASS);
    apply(on);
    S.set("presenter", "", on);
  });

  // Another tab switched the view: follow it.
  root.addEventListener("storage", (event) => event.key === S.key("presenter") && apply(S.get("presenter") === true));

  // Collapsed blocks print open, then close again (Chromium does not print a closed <details>' body).
  let opened = [];
  root.addEventListener("beforeprint", () => {
    opened = [...doc.querySelectorAll("details:not([open])")];
    for (const details of opened) details.open = true;
  });
  root.addEventListener("afterprint", () => {
    for (const details of opened) details.open = false;
    opened = [];
  });

  // As soon as this runs, ahead of the other scripts' work on the page (the built site defers the scripts, so on a
  // slow phone the page may be drawn first, as it always could be); again on every page.
  apply(S.get("presenter") === true);
  M.onPage(() => apply(S.get("presenter") === true));
})(window);
