/* Mingle exercise wiring: restore and save answers, check, download, answer code, clear and load. */
((root) => {
  "use strict";
  const M = root.Mingle, S = M.storage, el = M.el, doc = root.document, FORMAT = "mingle.answers/1";
  const MARK = { correct: "✓ Right", partial: "◐ Partly right", incorrect: "✗ Not quite", answered: "✓ Answered",
    unanswered: "○ Not answered", invalid: "✗ Not a valid answer" };
  const NAME = "[data-role=learner-name]", FORMS = "form.mingle-exercise[data-exercise]";
  const model = (form) => form.mingleModel || (form.mingleModel = JSON.parse(form.dataset.model));
  const inputs = (form, name) => [...form.querySelectorAll(`[name="${name}"]`)];
  const learner = (form) => form.querySelector(NAME).value.trim();
  const isBox = (input) => /radio|checkbox/.test(input.type);

  // Blank and unpicked answers are left out (unanswered), but in an exercise the learner has started (answered
  // anything, or checked, or restored) an unticked box is the answer false, as a blank tick box on a paper roster is.
  function collect(form, checking) {
    const answers = {}, boxes = [];
    for (const { id, kind, auto, rubric_of: text } of model(form).items) {
      // A point the page checks: its verdict on the written answer, so a code sent without the words still
      // carries it (the text item comes before its points).
      if (auto) {
        if (M.scoring.isWritten(answers[text])) answers[id] = M.scoring.passes(auto, answers[text]);
        else boxes.push(id);  // false once the exercise is started, as an unticked box (and a blank roster cell)
        continue;
      }
      const controls = inputs(form, id), ticked = controls.filter((i) => i.checked).map((i) => i.value);
      const value = !isBox(controls[0]) ? controls[0].value : kind === "multiple" ? ticked
        : kind === "rating" ? +ticked[0] : kind === "check" ? true : ticked[0];
      if (isBox(controls[0]) ? ticked.length : value) answers[id] = value;
      else if (kind === "check") boxes.push(id);
    }
    if (checking) form.mingleStarted = true;
    if (form.mingleStarted || Object.keys(answers).length) for (const id of boxes) answers[id] = false;
    return answers;
  }

  function apply(form, answers) {
    const m = model(form), name = form.querySelector(NAME).value;
    let skipped = 0;
    form.mingleStarted = Object.keys(answers).length > 0;
    form.reset();
    form.querySelector(NAME).value = name;
    for (const [id, value] of Object.entries(answers)) {
      const item = m.items.find((i) => i.id === id), controls = inputs(form, id);
      if (value === null) continue;
      if (!item || !M.scoring.isValid(m, item, value)) skipped++;
      else if (item.auto) continue;  // the page checks it again from the written answer
      else if (!isBox(controls[0])) controls[0].value = value;
      else for (const c of controls) c.checked = [].concat(value).map(String).includes(c.value);
    }
    return skipped;
  }

  // A message line at the top of the status region, above any score.
  function say(form, text) {
    const box = form.querySelector(".mingle-result");
    (box.querySelector(".mingle-message") || box.insertBefore(el(null, "p", null, { class: "mingle-message" }), box.firstChild))
      .textContent = text;
  }

  function clearResult(form) {
    form.querySelector(".mingle-result").textContent = "";
    delete form.dataset.score;
    delete form.dataset.max;
    for (const slot of form.querySelectorAll("[data-feedback], .mingle-code")) slot.hidden = true;
  }

  function save(form, record = { answers: collect(form) }) {
    const old = S.get("answers", form.dataset.exercise, form) || {};
    S.set("answers", form.dataset.exercise, { score: old.score, max: old.max, ...record }, form);
  }

  function marker(item, r, answers) {
    if (item.auto && r.status !== "invalid") {
      return r.score ? "✓ The page found this in your answer" : "○ The page did not find this in your answer yet";
    }
    if (item.kind === "rating" && r.status !== "unanswered") return `${r.score} out of ${r.max} points`;
    // A rubric point ticked beside an empty box scores nothing (scoring.js): say why.
    if (item.rubric_of && answers[item.id] === true && !r.score) {
      return "✗ Ticked, but it counts once you write your answer";
    }
    if (item.kind === "check" && r.status !== "invalid") return r.score ? "✓ Ticked" : "○ Not ticked";
    return MARK[r.status] + (r.status === "partial" ? `: ${r.score} out of ${r.max}` : "");
  }

  function check(form) {
    const m = model(form), answers = collect(form, true), result = M.scoring.scoreExercise(m, answers);
    const box = form.querySelector(".mingle-result");
    Object.assign(form.dataset, { score: result.score, max: result.max });
    box.textContent = "";
    el(el(box, "p"), "strong", `Your score: ${result.score} out of ${result.max}`);
    el(el(box, "p"), "strong", result.band.label + ". ").after(result.band.advice);
    if (result.dimensions.length) {
      const list = el(box, "ul");
      for (const d of result.dimensions) {
        const li = el(list, "li");
        el(li, "strong", `${d.label}: ${d.score} out of ${d.max}`);
        if (d.needs_work) el(li, "p", d.advice);
      }
      const weakest = result.dimensions.filter((d) => result.weakest.includes(d.id)).map((d) => d.label);
      el(box, "p", `Most room to grow: ${weakest.join("; ")}.`);
    }
    const open = m.items.filter((i) => i.kind !== "check" && result.unanswered.includes(i.id)).length;
    if (open) el(box, "p", `Not answered yet: ${open} question${open > 1 ? "s" : ""}.`);
    result.items.forEach((r, i) => {
      const item = m.items[i], slot = form.querySelector(`[data-feedback="${r.item}"]`);
      slot.textContent = "";
      slot.dataset.status = r.status;
      el(slot, "p", marker(item, r, answers), { class: "mingle-mark" });
      r.feedback.forEach((tip) => el(slot, "p", tip));
      // The why waits for an answer: checking early gives nothing away.
      if (item.explain && r.status !== "unanswered") el(slot, "p", item.explain, { class: "mingle-explain" });
      slot.hidden = false;
    });
    save(form, { answers, score: result.score, max: result.max });
    form.dispatchEvent(new CustomEvent("mingle:checked", { bubbles: true, detail: { answers, result } }));
  }

  function download(data, filename) {
    const link = el(doc.body, "a");
    link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }));
    link.download = filename;
    link.click();
    link.remove();
  }

  function named(form, say) {
    if (learner(form)) return true;
    say("Please type your name above first, so your tutor knows whose answers these are.");
    form.querySelector(NAME).focus();
  }

  /** A name as a safe file-name part: "Ada Lovelace" -> "ada-lovelace" (accents dropped, 40 characters at most). */
  const slug = (name) => name.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "");

  const ACTIONS = {
    check,
    export(form, tell) {
      if (!named(form, tell)) return;
      // Named after learner and exercise, so a tutor can drop a whole room's files into one folder.
      const id = form.dataset.exercise, file = `${slug(learner(form)) || "learner"}-${id}.json`;
      download({ format: FORMAT, learner: learner(form), answers: { [id]: collect(form) } }, file);
      tell(`Your answers are downloading as ${file}.`);
    },
    async code(form, tell) {
      const box = form.querySelector(".mingle-code"), area = box.querySelector("textarea"), send = form.querySelector("[data-role=send-text]");
      if (!named(form, tell)) return;
      area.value = await M.codes.encode(learner(form), model(form), collect(form), send && send.checked);
      box.hidden = false;
      area.focus();
      area.select();
      const copy = navigator.clipboard ? navigator.clipboard.writeText(area.value) : Promise.reject();
      copy.then(() => tell("Your answer code is below, and copied."), () => tell("Copy your answer code below."));
    },
    reset(form, tell) {
      apply(form, {});
      S.drop("answers", form.dataset.exercise);
      clearResult(form);
      tell("Your answers to this exercise have been cleared.");
    },
  };

  function readSheet(text) {
    let data;
    try {
      // Python reads 3.0 as a float, which no item takes; JSON.parse would make it 3.
      data = JSON.parse(text, (k, v, context) => (typeof v === "number" && /[.eE]/.test(context?.source || "") ? NaN : v));
    } catch (e) { /* judged below */ }
    return data && data.format === FORMAT && data.answers && typeof data.answers === "object" ? { sheet: data }
      : { problem: `That isn't a Mingle answers file (${FORMAT}).` };
  }

  function readFile(input, done) {
    const file = input.files[0];
    if (file) file.text().then((text) => {
      input.value = "";
      done(readSheet(text.length < 1e6 && text), file.name);
    });
  }

  function setLearnerIfEmpty(name) {
    if (typeof name === "string" && name.trim() && !S.learner()) syncLearner(name.trim());
  }

  const skippedNote = (n) => (n ? ` Answers left out, as they didn't fit the questions: ${n}.` : "");

  function load(form, input) {
    readFile(input, (read, name) => {
      const given = (f) => {
        const a = read.sheet && read.sheet.answers[f.dataset.exercise];
        return a && typeof a === "object" && !Array.isArray(a) && a;
      };
      const mine = [...doc.querySelectorAll(FORMS)].filter(given);
      if (!mine.length) {
        return say(form, (read.problem || "That file has no answers for this page.") + " Nothing has changed.");
      }
      let skipped = 0;
      for (const f of mine) {
        clearResult(f);
        skipped += apply(f, given(f));
        S.set("answers", f.dataset.exercise, { answers: collect(f) }, f);  // new answers: no score yet
      }
      setLearnerIfEmpty(read.sheet.learner);
      say(form, `Loaded your answers from ${name}.` + skippedNote(skipped));
    });
  }

  function syncLearner(name, except) {
    S.set("learner", "", name);
    for (const input of doc.querySelectorAll(NAME)) if (input !== except) input.value = name;
  }

  // Listeners sit on the document: instant navigation swaps the content, never the document.
  const formOf = (target) => target.closest(FORMS);
  doc.addEventListener("click", ({ target }) => {
    const button = target.closest("button[data-action]"), form = button && formOf(button);
    if (form && ACTIONS[button.dataset.action]) ACTIONS[button.dataset.action](form, (text) => say(form, text));
  });
  // Enter in the lone name box would submit the form and reload the page.
  doc.addEventListener("submit", (event) => formOf(event.target) && event.preventDefault());
  doc.addEventListener("input", ({ target }) => {
    const form = formOf(target);
    if (target.matches(NAME)) syncLearner(target.value, target);
    else if (form && (target.name || target.dataset.role === "send-text")) {
      save(form);
      form.querySelector(".mingle-code").hidden = true;  // it would no longer match
    }
  });
  doc.addEventListener("change", ({ target }) => target.dataset.action === "load" && load(formOf(target), target));

  // collect and apply for the tests; the rest for progress.js and certificate.js.
  M.exercise = { collect, apply, readFile, download, named, setLearnerIfEmpty, skippedNote, FORMAT };
  M.onPage(() => {
    const name = S.learner();
    for (const input of doc.querySelectorAll(NAME)) input.value = name;
    for (const form of doc.querySelectorAll(FORMS)) {
      const saved = !form.mingleRestored && S.get("answers", form.dataset.exercise, form);
      form.mingleRestored = true;
      if (saved) apply(form, saved.answers);
    }
  });
})(window);
