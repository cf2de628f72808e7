/* Accessibility fixes for Material's own chrome that templates cannot reach without copying them. */
(function () {
  "use strict";
  function fix() {
    // The search overlay is a dialog with no accessible name (axe: aria-dialog-name).
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (el) {
      el.setAttribute("aria-label", "Search this site");
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(fix);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fix);
  } else {
    fix();
  }
})();
