/* Mingle checklists: every clickable task-list box keeps its tick in this browser (labels come from the build). */
((root) => {
  "use strict";
  const S = root.Mingle.storage, doc = root.document, block = (box) => box.closest("[data-checklist]");
  const boxes = (list) => [...doc.querySelectorAll(`[data-mingle-list="${list}"]`)];
  const key = (list) => `${S.pagePath()}:${list}`;

  root.Mingle.onPage(() => {
    const lists = new Set();
    let free = 0;
    for (const box of doc.querySelectorAll(".md-content .task-list-item [type=checkbox]:enabled")) {
      // Outside a checklist block, a task list is named by its outermost list's place on the page.
      let outer = box.closest(".task-list"), up;
      while ((up = outer.parentNode.closest(".task-list"))) outer = up;
      outer.dataset.mingleTasks ||= `tasks-${++free}`;
      lists.add((box.dataset.mingleList = block(box) ? block(box).dataset.checklist : outer.dataset.mingleTasks));
    }
    for (const list of lists) {
      const ticks = S.get("checklist", key(list), block(boxes(list)[0])) || [];
      boxes(list).forEach((box, i) => (box.checked = ticks[i] === true));
    }
  });

  doc.addEventListener("change", ({ target }) => {
    const list = target.dataset.mingleList;
    if (list) S.set("checklist", key(list), boxes(list).map((b) => b.checked), block(target));
  });
})(window);
