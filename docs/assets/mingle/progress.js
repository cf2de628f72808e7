/* Mingle "My progress" page: every exercise and checklist from this browser's storage; download, load, reset. */
((root) => {
  "use strict";
  const M = root.Mingle, S = M.storage, X = M.exercise, el = M.el;

  // A docs source path's address, in whichever URL style the site was built with.
  function pageUrl(src) {
    const path = src.replace(/\.md$/, "").replace(/(^|\/)index$/, "$1"), dir = !path || path.endsWith("/");
    if (/[^/]\.html$/.test(location.pathname) && !location.pathname.endsWith("/index.html")) {
      return S.root + path + (dir ? "index.html" : ".html");
    }
    return S.root + path + (dir ? "" : "/") + (location.protocol === "file:" ? "index.html" : "");
  }

  function summary(li, model, box) {
    const saved = S.get("answers", li.dataset.exercise, box), n = [0, 0, 0, 0];
    if (!saved) return `Module ${li.dataset.module}. Not started yet.`;
    M.scoring.scoreExercise(model, saved.answers).items.forEach((r, i) => {
      const box = model.items[i].kind === "check" ? 2 : 0;  // an unticked box is false: answered, not ticked
      n[box]++;
      n[box + 1] += box ? saved.answers[r.item] === true : !["unanswered", "invalid"].includes(r.status);
    });
    return [`Module ${li.dataset.module}.`, n[0] && `${n[1]} of ${n[0]} answered.`, n[2] && `${n[3]} of ${n[2]} ticked.`,
      saved.max === undefined ? "Not checked yet." : `Last score: ${saved.score} out of ${saved.max}.`].filter(Boolean).join(" ");
  }

  function render(box) {
    const row = (li, detail, after = "") => {
      li.textContent = "";
      const link = el(li, "a", li.label);
      if (li.dataset.page) link.href = pageUrl(li.dataset.page);
      li.append(after);
      el(li, "p", detail);
    };
    for (const li of box.querySelectorAll("[data-exercise]")) row(li, summary(li, li.model, box));
    for (const li of box.querySelectorAll("[data-checklist]")) {
      const ticks = S.get("checklist", `${S.pagePath(pageUrl(li.dataset.page))}:${li.dataset.checklist}`, box) || [];
      row(li, `${ticks.slice(0, +li.dataset.items).filter(Boolean).length} of ${li.dataset.items} ticked.`,
        ` (${li.dataset.pageTitle})`);
    }
  }

  function downloadAll(box, say) {
    const answers = {};
    if (!X.named(box, say)) return;
    for (const li of box.querySelectorAll("[data-exercise]")) {
      const saved = S.get("answers", li.dataset.exercise, box);
      if (saved && Object.keys(saved.answers).length) answers[li.dataset.exercise] = saved.answers;
    }
    const n = Object.keys(answers).length, learner = box.querySelector("input").value.trim();
    if (!n) return say("There are no answers to download yet. Try an exercise first.");
    X.download({ format: X.FORMAT, learner, answers }, "mingle-answers-all.json");
    say(`Your answers to ${n} exercise${n > 1 ? "s" : ""} are downloading as mingle-answers-all.json.`);
  }

  function loadAll(box, input, say) {
    X.readFile(input, (read, name) => {
      let loaded = 0, skipped = 0;
      for (const li of read.problem ? [] : box.querySelectorAll("[data-exercise]")) {
        const given = read.sheet.answers[li.dataset.exercise], kept = {};
        if (!given || typeof given !== "object" || Array.isArray(given)) continue;
        for (const [id, value] of Object.entries(given)) {
          const item = li.model.items.find((i) => i.id === id);
          if (item && M.scoring.isValid(li.model, item, value)) kept[id] = value;
          else skipped += value !== null;
        }
        S.set("answers", li.dataset.exercise, { answers: kept }, box);
        loaded++;
      }
      if (!loaded) return say((read.problem || "That file has no answers for this course.") + " Nothing has changed.");
      X.setLearnerIfEmpty(read.sheet.learner);
      render(box);
      say(`Loaded your answers to ${loaded} exercise${loaded > 1 ? "s" : ""} from ${name}.` + X.skippedNote(skipped));
    });
  }

  M.onPage(() => {
    const box = document.querySelector("[data-progress]");
    if (!box || box.mingleReady) return;
    box.mingleReady = true;
    const part = (action) => box.querySelector(`[data-action="${action}"]`), confirm = box.querySelector(".mingle-confirm");
    const say = (text) => (box.querySelector("[role=status]").textContent = text);
    for (const li of box.querySelectorAll("li")) {
      li.label = li.textContent;
      if (li.dataset.model) li.model = JSON.parse(li.dataset.model);
    }
    render(box);
    const ask = (open, text) => {
      confirm.hidden = !open;
      part(open ? "reset-no" : "reset-all").focus();
      if (text) say(text);
    };
    part("download-all").onclick = () => downloadAll(box, say);
    part("load-all").onchange = (event) => loadAll(box, event.target, say);
    part("reset-all").onclick = () => ask(true);
    part("reset-no").onclick = () => ask(false, "Nothing has been cleared.");
    part("reset-yes").onclick = () => {
      S.clearAll();
      box.querySelector("input").value = "";
      render(box);
      ask(false, "All your progress has been cleared from this browser.");
    };
  });
})(window);
