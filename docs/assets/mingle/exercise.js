/* Mingle exercise wiring: restore and save answers, check, download, answer code, clear and load. */
(function (root) {
  "use strict";

  var M = root.Mingle, S = M.storage, scoring = M.scoring, codes = M.codes, doc = root.document;
  var FORMAT = "mingle.answers/1";
  var FILE_CAP = 1024 * 1024;
  var MARK = {
    correct: "✓ Right", partial: "◐ Partly right", incorrect: "✗ Not quite", answered: "✓ Answered",
    unanswered: "○ Not answered", invalid: "✗ Not a valid answer"
  };

  function model(form) {
    if (!form.mingleModel) form.mingleModel = JSON.parse(form.getAttribute("data-model"));
    return form.mingleModel;
  }

  function controls(form, name) {
    return Array.prototype.slice.call(form.querySelectorAll('[name="' + CSS.escape(name) + '"]'));
  }

  function el(tag, text, className) {
    var node = doc.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  /** The form's answers as an answer-sheet mapping (unticked checks and blank boxes are left out). */
  function collect(form) {
    var answers = {};
    model(form).items.forEach(function (item) {
      var inputs = controls(form, item.id);
      if (item.kind === "match" || item.kind === "text") {
        if (inputs[0] && inputs[0].value !== "") answers[item.id] = inputs[0].value;
        return;
      }
      var ticked = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
      if (!ticked.length) return;
      if (item.kind === "multiple") answers[item.id] = ticked;
      else if (item.kind === "rating") answers[item.id] = parseInt(ticked[0], 10);
      else if (item.kind === "check") answers[item.id] = true;
      else answers[item.id] = ticked[0];
    });
    return answers;
  }

  function clearControls(form) {
    model(form).items.forEach(function (item) {
      controls(form, item.id).forEach(function (input) {
        if (input.type === "radio" || input.type === "checkbox") input.checked = false;
        else input.value = "";
      });
    });
  }

  /** Put valid answers into the form; returns how many were used and how many did not fit. */
  function apply(form, answers) {
    var m = model(form), used = 0, skipped = 0;
    clearControls(form);
    Object.keys(answers).forEach(function (id) {
      var item = m.items.filter(function (i) { return i.id === id; })[0], value = answers[id];
      if (value === null) return;
      if (!item || !scoring.isValid(m, item, value)) {
        skipped++;
        return;
      }
      used++;
      var inputs = controls(form, id);
      if (item.kind === "match" || item.kind === "text") {
        inputs[0].value = value;
        return;
      }
      var wanted = item.kind === "multiple" ? value : item.kind === "check" ? [value ? "true" : ""] : [String(value)];
      inputs.forEach(function (input) { input.checked = wanted.indexOf(input.value) >= 0; });
    });
    return { used: used, skipped: skipped };
  }

  function statusRegion(form) {
    return form.querySelector(".mingle-result");
  }

  /** A one-line message at the top of the status region, leaving any score below it alone. */
  function say(form, text) {
    var region = statusRegion(form), line = region.querySelector(".mingle-message");
    if (!line) {
      line = el("p", null, "mingle-message");
      region.insertBefore(line, region.firstChild);
    }
    line.textContent = text;
  }

  function clearResult(form) {
    statusRegion(form).textContent = "";
    delete form.dataset.score;
    delete form.dataset.max;
    form.querySelectorAll("[data-feedback]").forEach(function (slot) {
      slot.textContent = "";
      slot.hidden = true;
      slot.removeAttribute("data-status");
    });
  }

  function learnerName(form) {
    var input = form.querySelector('[data-role="learner-name"]');
    return input ? input.value.trim() : "";
  }

  function save(form) {
    var id = form.dataset.exercise, old = S.readAnswers(id, form) || {}, record = { answers: collect(form) };
    if (typeof old.score === "number") {
      record.score = old.score;
      record.max = old.max;
    }
    S.writeAnswers(id, record, form);
    var code = form.querySelector(".mingle-code");
    if (code && !code.hidden) code.querySelector('[data-role="answer-code"]').value =
      codes.encode(learnerName(form), id, record.answers);
  }

  function marker(item, r) {
    if (item.kind === "rating") return r.score + " out of " + r.max + (r.max === 1 ? " point" : " points");
    if (item.kind === "check") return r.status === "correct" ? "✓ Ticked" : r.status === "unanswered" ? "○ Not ticked" : MARK[r.status];
    if (item.kind === "multiple" && r.status === "partial") return MARK.partial + ": " + r.score + " out of " + r.max;
    return MARK[r.status];
  }

  function showFeedback(form, m, result) {
    result.items.forEach(function (r) {
      var item = m.items.filter(function (i) { return i.id === r.item; })[0];
      var slot = form.querySelector('[data-feedback="' + CSS.escape(r.item) + '"]');
      if (!slot) return;
      slot.textContent = "";
      slot.setAttribute("data-status", r.status);
      slot.appendChild(el("p", marker(item, r), "mingle-mark"));
      var tips = r.feedback.slice();
      // The schema's check-item tip is "shown when not ticked"; unticked boxes are left out of the answers.
      if (item.kind === "check" && r.status === "unanswered" && item.feedback) tips.push(item.feedback);
      tips.forEach(function (tip) { slot.appendChild(el("p", tip, "mingle-tip")); });
      // The why is kept back until there is an answer, so checking early gives nothing away.
      if (item.explain && r.status !== "unanswered") slot.appendChild(el("p", item.explain, "mingle-explain"));
      slot.hidden = false;
    });
  }

  function showResult(form, m, result) {
    var region = statusRegion(form);
    region.textContent = "";
    var score = el("p", null, "mingle-score");
    score.appendChild(el("strong", "Your score: " + result.score + " out of " + result.max));
    region.appendChild(score);
    var band = el("p", null, "mingle-band");
    band.appendChild(el("strong", result.band.label + ". "));
    band.appendChild(doc.createTextNode(result.band.advice));
    region.appendChild(band);
    if (result.dimensions.length) {
      region.appendChild(el("p", "Your profile:", "mingle-profile-title"));
      var list = el("ul", null, "mingle-profile");
      result.dimensions.forEach(function (d) {
        var li = el("li");
        li.appendChild(el("strong", d.label + ": " + d.score + " out of " + d.max));
        if (d.needs_work) li.appendChild(el("p", d.advice, "mingle-advice"));
        list.appendChild(li);
      });
      region.appendChild(list);
      var weakest = result.dimensions.filter(function (d) { return result.weakest.indexOf(d.id) >= 0; })
        .map(function (d) { return d.label; });
      region.appendChild(el("p", "Most room to grow: " + weakest.join("; ") + ".", "mingle-weakest"));
    }
    var open = m.items.filter(function (i) { return i.kind !== "check" && result.unanswered.indexOf(i.id) >= 0; });
    if (open.length) {
      region.appendChild(el("p", open.length === 1 ? "1 question is not answered yet." :
        open.length + " questions are not answered yet.", "mingle-open"));
    }
  }

  function check(form) {
    var m = model(form), answers = collect(form), result = scoring.scoreExercise(m, answers);
    form.dataset.score = String(result.score);
    form.dataset.max = String(result.max);
    showResult(form, m, result);
    showFeedback(form, m, result);
    S.writeAnswers(form.dataset.exercise, { answers: answers, score: result.score, max: result.max }, form);
    return result;
  }

  /** Offer data as a file download (nothing leaves the browser). */
  function download(data, filename) {
    var url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" }));
    var link = el("a");
    link.href = url;
    link.download = filename;
    link.hidden = true;
    doc.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function needName(form) {
    if (learnerName(form)) return false;
    say(form, "Please type your name in the box above first: it goes with your answers so your tutor knows whose they are.");
    var input = form.querySelector('[data-role="learner-name"]');
    if (input) input.focus();
    return true;
  }

  function exportSheet(form) {
    if (needName(form)) return;
    var id = form.dataset.exercise, answers = {};
    answers[id] = collect(form);
    download({ format: FORMAT, learner: learnerName(form), answers: answers }, "mingle-answers-" + id + ".json");
    say(form, "Your answers are downloading as mingle-answers-" + id + ".json.");
  }

  function showCode(form) {
    if (needName(form)) return;
    var box = form.querySelector(".mingle-code"), area = box.querySelector('[data-role="answer-code"]');
    area.value = codes.encode(learnerName(form), form.dataset.exercise, collect(form));
    box.hidden = false;
    area.focus();
    area.select();
    var copied = function () { say(form, "Your answer code is below, and a copy is on your clipboard."); };
    var manual = function () { say(form, "Your answer code is below. Select it and copy it to send it."); };
    try {
      if (root.navigator.clipboard && root.isSecureContext) root.navigator.clipboard.writeText(area.value).then(copied, manual);
      else manual();
    } catch (e) {
      manual();
    }
  }

  function reset(form) {
    clearControls(form);
    S.removeAnswers(form.dataset.exercise);
    clearResult(form);
    var box = form.querySelector(".mingle-code");
    if (box) {
      box.hidden = true;
      box.querySelector('[data-role="answer-code"]').value = "";
    }
    say(form, "Your answers to this exercise have been cleared.");
  }

  /** Parse an answer sheet's text: { sheet } or { problem } (a sentence for the learner). */
  function readSheet(text) {
    var data;
    try {
      // Python reads 3.0 as a float, which no item accepts; JSON.parse would make it 3, so mark it unusable.
      data = JSON.parse(text, function (key, value, context) {
        var source = context && context.source;
        return typeof value === "number" && typeof source === "string" && /[.eE]/.test(source) ? NaN : value;
      });
    } catch (e) {
      return { problem: /^\s*(format|learner|answers)\s*:/m.test(text) ?
        "That looks like a YAML file. The browser reads JSON answer files, like the ones Download my answers makes." :
        "That file isn't a Mingle answers file: it could not be read as JSON." };
    }
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
      return { problem: "That file isn't a Mingle answers file (it should say format " + FORMAT + ")." };
    }
    if (!data.answers || typeof data.answers !== "object" || Array.isArray(data.answers)) {
      return { problem: "That answers file has no answers in it." };
    }
    return { sheet: data };
  }

  function readFile(file, done) {
    if (!file) return;
    if (file.size > FILE_CAP) return done({ problem: "That file is too big to be a Mingle answers file." });
    file.text().then(function (text) { done(readSheet(text)); },
      function () { done({ problem: "That file could not be read." }); });
  }

  function setLearnerIfEmpty(name) {
    if (typeof name !== "string" || !name.trim() || S.readLearner()) return;
    S.writeLearner(name.trim());
    syncLearner(doc, name.trim());
  }

  function load(form, input) {
    var file = input.files && input.files[0];
    if (!file) return;
    readFile(file, function (read) {
      input.value = "";
      if (read.problem) return say(form, read.problem + " Nothing has been changed.");
      var forms = Array.prototype.slice.call(doc.querySelectorAll("form.mingle-exercise[data-exercise]"));
      var mine = forms.filter(function (f) {
        var a = read.sheet.answers[f.dataset.exercise];
        return a && typeof a === "object" && !Array.isArray(a);
      });
      if (!mine.length) return say(form, "That file has no answers for the exercises on this page. Nothing has been changed.");
      var skipped = 0;
      mine.forEach(function (f) {
        clearResult(f);
        skipped += apply(f, read.sheet.answers[f.dataset.exercise]).skipped;
        S.writeAnswers(f.dataset.exercise, { answers: collect(f) }, f);
      });
      setLearnerIfEmpty(read.sheet.learner);
      say(form, "Loaded your answers from " + file.name + "." + (skipped ?
        " " + skipped + (skipped === 1 ? " answer didn't" : " answers didn't") + " fit these questions and " +
        (skipped === 1 ? "was" : "were") + " left out." : ""));
    });
  }

  function syncLearner(scope, name, except) {
    scope.querySelectorAll('[data-role="learner-name"]').forEach(function (input) {
      if (input !== except && input.value !== name) input.value = name;
    });
  }

  function restore(scope) {
    syncLearner(scope, S.readLearner());
    scope.querySelectorAll("form.mingle-exercise[data-exercise]").forEach(function (form) {
      if (form.mingleRestored) return;
      form.mingleRestored = true;
      var saved = S.readAnswers(form.dataset.exercise, form);
      if (saved) apply(form, saved.answers);
    });
  }

  var ACTIONS = { check: check, export: exportSheet, code: showCode, reset: reset };

  function formOf(target) {
    return target && target.closest ? target.closest("form.mingle-exercise[data-exercise]") : null;
  }

  // Listeners sit on the document once: instant navigation swaps the content, never the document.
  doc.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-action]");
    var form = formOf(button);
    if (form && ACTIONS[button.dataset.action]) {
      event.preventDefault();
      ACTIONS[button.dataset.action](form);
    }
  });
  doc.addEventListener("submit", function (event) {
    if (formOf(event.target)) event.preventDefault();
  });
  doc.addEventListener("input", function (event) {
    var target = event.target;
    if (target.matches && target.matches('[data-role="learner-name"]')) {
      S.writeLearner(target.value);
      syncLearner(doc, target.value, target);
      return;
    }
    var form = formOf(target);
    if (form && target.name && target.tagName === "TEXTAREA") save(form);
  });
  doc.addEventListener("change", function (event) {
    var target = event.target, form = formOf(target);
    if (!form) return;
    if (target.matches('[data-action="load"]')) return load(form, target);
    if (target.name) save(form);
  });

  M.exercise = { collect: collect, apply: apply, check: check, readSheet: readSheet, readFile: readFile,
    download: download, setLearnerIfEmpty: setLearnerIfEmpty, FORMAT: FORMAT };

  function start() { restore(doc); }
  if (root.document$ && typeof root.document$.subscribe === "function") root.document$.subscribe(start);
  else if (doc.readyState === "loading") doc.addEventListener("DOMContentLoaded", start);
  else start();
})(window);
