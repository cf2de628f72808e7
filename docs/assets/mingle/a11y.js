/* Accessibility fixes for Material's own chrome that templates cannot reach without copying them. */
(function () {
  "use strict";
  function fix() {
    // The search overlay is a dialog with no accessible name (axe: aria-dialog-name).
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (el) {
      el.setAttribute("aria-label", "Search this site");
    });
  }
  window.Mingle.onPage(fix);  // storage.js: document$, or DOMContentLoaded from file://
})();
