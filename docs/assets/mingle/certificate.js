/* The My progress page's certificate: the learner's name, the date and the modules whose exercises are all
   checked, printed on a page of its own. */
((root) => {
  "use strict";
  const M = root.Mingle, S = M.storage, el = M.el, doc = root.document;

  // A one-page certificate of what this browser holds: the name, the date, and the modules whose exercises are all
  // checked. It is built on its own at the end of <body> so print.css can print it and nothing else.
  function certificate(box, say) {
    if (!M.exercise.named(box, say)) return;
    const done = {}, titles = {};
    let checked = 0, total = 0;
    for (const li of box.querySelectorAll("[data-exercise]")) {
      const saved = S.get("answers", li.dataset.exercise, box), m = li.dataset.module, ok = !!saved && saved.max !== undefined;
      total++;
      checked += ok;
      done[m] = (done[m] ?? true) && ok;
      titles[m] = titles[m] || li.dataset.moduleTitle;
    }
    if (!checked) return say("Check at least one exercise first: the certificate lists what you have done.");
    doc.querySelector(".mingle-certificate")?.remove();
    const finished = Object.keys(done).filter((m) => done[m]);
    const sheet = el(null, "section", null, { class: "mingle-certificate", "aria-label": "Certificate of completion" });
    el(sheet, "p", "Certificate of completion", { class: "mingle-certificate-kind" });
    el(sheet, "p", box.querySelector("input").value.trim(), { class: "mingle-certificate-name" });
    el(sheet, "p", `has worked through Mingle: social media for small business, checking ${checked} of ${total} exercises.`);
    if (finished.length) {
      el(sheet, "p", "Modules completed, every exercise checked:");
      const list = el(sheet, "ul");
      for (const m of finished) el(list, "li", `Module ${m}${titles[m] ? `: ${titles[m]}` : ""}`);
    }
    el(sheet, "p", new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" }),
      { class: "mingle-certificate-date" });
    doc.body.append(sheet);
    doc.documentElement.classList.add("mingle-printing-certificate");
    root.addEventListener("afterprint", () => {
      doc.documentElement.classList.remove("mingle-printing-certificate");
      sheet.remove();
    }, { once: true });
    say(`Your certificate is ready to print: ${checked} of ${total} exercises checked.`);
    root.print();
  }

  // One listener on the document: instant navigation swaps the page, never the document.
  doc.addEventListener("click", ({ target }) => {
    const box = target.closest('[data-progress] [data-action="certificate"]')?.closest("[data-progress]");
    if (box) certificate(box, (text) => (box.querySelector("[role=status]").textContent = text));
  });
})(window);
