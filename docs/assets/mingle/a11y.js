/* Accessibility fixes for Material's own chrome that templates cannot reach without copying them. */
((root) => {
  "use strict";
  // The search overlay is a dialog with no accessible name (axe: aria-dialog-name).
  root.Mingle.onPage(() => {
    for (const dialog of root.document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])')) {
      dialog.setAttribute("aria-label", "Search this site");
    }
  });
})(window);
