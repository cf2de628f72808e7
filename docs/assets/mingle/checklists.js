/* Mingle checklists: every clickable task-list box keeps its tick in this browser. */
(function (root) {
  "use strict";

  var S = root.Mingle.storage, doc = root.document;
  var BOX = "li.task-list-item > label > input[type=checkbox], li.task-list-item > input[type=checkbox]";

  function groupOf(input) {
    return input.getAttribute("data-mingle-list");
  }

  function boxes(list) {
    return Array.prototype.slice.call(doc.querySelectorAll('input[data-mingle-list="' + CSS.escape(list) + '"]'));
  }

  function blockOf(input) {
    return input.closest("[data-checklist]");  // else the notice goes at the top of the page
  }

  function start() {
    var page = S.pagePath(), free = 0, lists = {};
    var inputs = doc.querySelectorAll(".md-content " + BOX.split(", ").join(", .md-content "));
    inputs.forEach(function (input) {
      if (input.disabled || input.closest("form.mingle-exercise")) return;
      var block = input.closest("[data-checklist]"), id;
      if (block) {
        id = block.getAttribute("data-checklist");
      } else {
        // A task list outside a checklist block: numbered by its outermost list, in page order.
        var outer = input.closest("ul.task-list"), up;
        while (outer && (up = outer.parentElement && outer.parentElement.closest("ul.task-list"))) outer = up;
        if (!outer.hasAttribute("data-mingle-tasks")) outer.setAttribute("data-mingle-tasks", "tasks-" + (++free));
        id = outer.getAttribute("data-mingle-tasks");
      }
      input.setAttribute("data-mingle-list", id);  // labels come from the build (mingle.tasklabels)
      lists[id] = true;
    });
    Object.keys(lists).forEach(function (id) {
      var all = boxes(id), ticks = S.readChecklist(page, id, blockOf(all[0]));
      if (ticks) all.forEach(function (input, i) { input.checked = ticks[i] === true; });
    });
  }

  doc.addEventListener("change", function (event) {
    var input = event.target, id = input.getAttribute && groupOf(input);
    if (!id) return;
    var all = boxes(id);
    S.writeChecklist(S.pagePath(), id, all.map(function (i) { return i.checked; }), blockOf(input));
  });

  if (root.document$ && typeof root.document$.subscribe === "function") root.document$.subscribe(start);
  else if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();
})(window);
