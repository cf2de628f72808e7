/* Mingle "My progress" page: every exercise and checklist from this browser's storage; download, load, reset. */
(function (root) {
  "use strict";

  var M = root.Mingle, S = M.storage, doc = root.document;

  function el(tag, text, className) {
    var node = doc.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function button(text, primary) {
    var b = el("button", text, "md-button" + (primary ? " md-button--primary" : ""));
    b.type = "button";
    return b;
  }

  /** The built page's address for a docs source path, in whichever URL style this site was built with. */
  function pageUrl(src) {
    var here = root.location.pathname;
    var plainFiles = /\.html$/.test(here) && !/(^|\/)index\.html$/.test(here);
    var path = src.replace(/\.md$/, "").replace(/(^|\/)index$/, "$1");
    if (plainFiles) return S.root() + (path === "" || /\/$/.test(path) ? path + "index.html" : path + ".html");
    path = path === "" || /\/$/.test(path) ? path : path + "/";
    return S.root() + path + (root.location.protocol === "file:" ? "index.html" : "");
  }

  function readData(box) {
    var exercises = [], checklists = [];
    box.querySelectorAll(".mingle-progress-exercises > li").forEach(function (li) {
      exercises.push({ id: li.dataset.exercise, module: li.dataset.module, page: li.dataset.page,
        title: li.textContent, model: JSON.parse(li.dataset.model) });
    });
    box.querySelectorAll(".mingle-progress-checklists > li").forEach(function (li) {
      checklists.push({ id: li.dataset.checklist, page: li.dataset.page, pageTitle: li.dataset.pageTitle,
        items: parseInt(li.dataset.items, 10) || 0, label: li.textContent });
    });
    return { exercises: exercises, checklists: checklists };
  }

  function summary(ex, saved) {
    if (!saved) return "Module " + ex.module + ". Not started yet.";
    var result = M.scoring.scoreExercise(ex.model, saved.answers), asked = 0, answered = 0, boxes = 0, ticked = 0;
    ex.model.items.forEach(function (item, i) {
      var done = ["unanswered", "invalid"].indexOf(result.items[i].status) < 0;
      if (item.kind === "check") {
        boxes++;
        ticked += done && saved.answers[item.id] === true ? 1 : 0;
      } else {
        asked++;
        answered += done ? 1 : 0;
      }
    });
    var parts = ["Module " + ex.module + "."];
    if (asked) parts.push(answered + " of " + asked + " answered.");
    if (boxes) parts.push(ticked + " of " + boxes + " ticked.");
    parts.push(typeof saved.score === "number" ? "Last score: " + saved.score + " out of " + saved.max + "."
      : "Not checked yet.");
    return parts.join(" ");
  }

  function render(box, data) {
    var list = box.querySelector(".mingle-progress-list");
    list.textContent = "";
    data.exercises.forEach(function (ex) {
      var li = el("li", null, "mingle-progress-item");
      li.setAttribute("data-exercise", ex.id);
      var link = el("a", ex.title);
      if (ex.page) link.href = pageUrl(ex.page);
      li.appendChild(link);
      li.appendChild(el("p", summary(ex, S.readAnswers(ex.id, box)), "mingle-progress-detail"));
      list.appendChild(li);
    });
    var ticks = box.querySelector(".mingle-progress-ticks");
    ticks.textContent = "";
    data.checklists.forEach(function (c) {
      var saved = S.readChecklist(S.pagePath(c.page), c.id, box) || [];
      var count = saved.slice(0, c.items).filter(function (t) { return t === true; }).length;
      var li = el("li", null, "mingle-progress-item");
      li.setAttribute("data-checklist", c.id);
      var link = el("a", c.label);
      link.href = pageUrl(c.page);
      li.appendChild(link);
      li.appendChild(el("p", c.pageTitle + ". " + count + " of " + c.items + " ticked.", "mingle-progress-detail"));
      ticks.appendChild(li);
    });
  }

  function name(box) {
    var input = box.querySelector('[data-role="learner-name"]');
    return input ? input.value.trim() : "";
  }

  function downloadAll(box, data, say) {
    if (!name(box)) {
      say("Please type your name in the box above first: it goes in the file so your tutor knows whose answers they are.");
      box.querySelector('[data-role="learner-name"]').focus();
      return;
    }
    var answers = {}, count = 0;
    data.exercises.forEach(function (ex) {
      var saved = S.readAnswers(ex.id, box);
      if (saved && Object.keys(saved.answers).length) {
        answers[ex.id] = saved.answers;
        count++;
      }
    });
    if (!count) return say("There are no answers to download yet. Try an exercise first.");
    M.exercise.download({ format: M.exercise.FORMAT, learner: name(box), answers: answers }, "mingle-answers-all.json");
    say("Your answers to " + count + (count === 1 ? " exercise are" : " exercises are") +
      " downloading as mingle-answers-all.json.");
  }

  function loadAll(box, data, input, say) {
    var file = input.files && input.files[0];
    M.exercise.readFile(file, function (read) {
      input.value = "";
      if (read.problem) return say(read.problem + " Nothing has been changed.");
      var loaded = 0, skipped = 0;
      data.exercises.forEach(function (ex) {
        var given = read.sheet.answers[ex.id], kept = {};
        if (!given || typeof given !== "object" || Array.isArray(given)) return;
        Object.keys(given).forEach(function (id) {
          var item = ex.model.items.filter(function (i) { return i.id === id; })[0];
          if (given[id] === null) return;
          if (item && M.scoring.isValid(ex.model, item, given[id])) kept[id] = given[id];
          else skipped++;
        });
        S.writeAnswers(ex.id, { answers: kept }, box);
        loaded++;
      });
      if (!loaded) return say("That file has no answers for Mingle's exercises. Nothing has been changed.");
      M.exercise.setLearnerIfEmpty(read.sheet.learner);
      render(box, data);
      say("Loaded your answers to " + loaded + (loaded === 1 ? " exercise" : " exercises") + " from " + file.name + "." +
        (skipped ? " " + skipped + (skipped === 1 ? " answer didn't" : " answers didn't") +
          " fit the questions and " + (skipped === 1 ? "was" : "were") + " left out." : ""));
    });
  }

  function start() {
    var box = doc.querySelector("[data-progress]");
    if (!box || box.mingleReady) return;
    box.mingleReady = true;
    var data = readData(box);
    box.querySelectorAll(".mingle-progress-exercises, .mingle-progress-checklists").forEach(function (ul) {
      ul.hidden = true;
    });

    var actions = el("div", null, "mingle-actions");
    var download = button("Download all my answers", true);
    var load = el("label", null, "md-button mingle-load");
    load.appendChild(el("span", "Load answers"));
    var file = el("input", null, "mingle-file");
    file.type = "file";
    file.accept = ".json,application/json";
    load.appendChild(file);
    var reset = button("Reset all my progress");
    [download, load, reset].forEach(function (b) { actions.appendChild(b); });

    var confirm = el("div", null, "mingle-confirm");
    confirm.hidden = true;
    confirm.appendChild(el("p", "This clears every answer, score and tick, and your name, from this browser. " +
      "It can't be undone. Download your answers first if you might want them later."));
    var yes = button("Yes, clear everything"), no = button("No, keep my progress", true);
    confirm.appendChild(yes);
    confirm.appendChild(no);

    var status = el("div", null, "mingle-result");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var say = function (text) { status.textContent = text; };

    var heading = function (text) { return el("h2", text, "mingle-progress-heading"); };
    [actions, confirm, status, heading("Exercises"), el("ul", null, "mingle-progress-list"),
      heading("Checklists"), el("ul", null, "mingle-progress-ticks")].forEach(function (node) { box.appendChild(node); });
    render(box, data);

    download.addEventListener("click", function () { downloadAll(box, data, say); });
    file.addEventListener("change", function () { loadAll(box, data, file, say); });
    reset.addEventListener("click", function () {
      confirm.hidden = false;
      no.focus();
    });
    no.addEventListener("click", function () {
      confirm.hidden = true;
      say("Nothing has been cleared.");
      reset.focus();
    });
    yes.addEventListener("click", function () {
      S.clearAll();
      box.querySelectorAll('[data-role="learner-name"]').forEach(function (input) { input.value = ""; });
      confirm.hidden = true;
      render(box, data);
      say("All your answers, scores, ticks and your name have been cleared from this browser.");
      reset.focus();
    });
  }

  if (root.document$ && typeof root.document$.subscribe === "function") root.document$.subscribe(start);
  else if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();
})(window);
