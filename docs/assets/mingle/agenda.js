/* Real-clock agenda: the presenter picks a plan and start time; times are redone here (mirrors course/agenda.py). */
((root) => {
  "use strict";
  const M = root.Mingle, S = M.storage, el = M.el, doc = root.document;
  const CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/, DAY = 24 * 60;

  // Minutes after midnight for "HH:MM" (24-hour), or null.
  function parseTime(text) {
    const match = CLOCK.exec(String(text).trim());
    return match ? Number(match[1]) * 60 + Number(match[2]) : null;
  }

  function formatTime(minutes) {
    minutes = ((minutes % DAY) + DAY) % DAY;
    return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  }

  S.define("agenda", 2000, (d) => d && typeof d.plan === "string" && d.plan.length <= 40 && parseTime(d.start) !== null,
    "Your saved session plan and start time couldn't be read, so the agenda shows the usual ones.");

  // The same rows, totals and overrun as agenda.schedule() in Python.
  function schedule(plan, start) {
    const begin = parseTime(start);
    if (begin === null) throw new Error(`start time ${start}: expected HH:MM`);
    const plannedEnd = begin + plan.minutes;
    let clock = begin;
    const rows = plan.slots.map((slot) => {
      const row = { start: formatTime(clock), end: formatTime(clock + slot.minutes), minutes: slot.minutes,
        title: slot.title, kind: slot.kind, note: slot.note, late: clock + slot.minutes > plannedEnd };
      clock += slot.minutes;
      return row;
    });
    return { start: formatTime(begin), end: formatTime(clock), planned_end: formatTime(plannedEnd),
      total: clock - begin, overrun: Math.max(0, clock - begin - plan.minutes), rows };
  }

  // Mirrors agenda_view.overrun_text(): the fit in words, not colour alone.
  function fitText(plan, agenda) {
    if (agenda.overrun) {
      return `Overrun: the slots add up to ${agenda.total} minutes, ${agenda.overrun} more than the ` +
        `${plan.minutes} this plan allows. It would end at ${agenda.end}, not ${agenda.planned_end}.`;
    }
    return `Fits: ${agenda.total} of ${plan.minutes} minutes, ending at ${agenda.end}.`;
  }

  // Redraw one plan's table in place, all text through textContent.
  function draw(box, plan, start) {
    const agenda = schedule(plan, start), body = box.querySelector("tbody");
    box.querySelector("caption").textContent = `${plan.title} (${plan.minutes} minutes) from ${agenda.start}`;
    body.textContent = "";
    for (const row of agenda.rows) {
      const tr = el(body, "tr", null, { "data-kind": row.kind });
      if (row.late) tr.dataset.late = "true";
      el(tr, "td", `${row.start}–${row.end}${row.late ? " (over time)" : ""}`, { class: "mingle-agenda-time" });
      el(tr, "td", String(row.minutes));
      el(tr, "td", row.title);
      el(tr, "td", row.note);
    }
    const fit = box.querySelector(".mingle-agenda-fit");
    fit.textContent = fitText(plan, agenda);
    fit.dataset.overrun = String(agenda.overrun);
    // Its deck (present.js) runs on the same clock as this table.
    for (const present of box.querySelectorAll('[data-action="present"][data-plan]')) present.dataset.start = agenda.start;
  }

  function plansOf(block) {
    try {
      const plans = JSON.parse(block.dataset.plans);
      return Array.isArray(plans) ? plans : [];
    } catch (e) {
      return [];
    }
  }

  // Redo every agenda on the page for the chosen start time; the picker's block shows the chosen plan only.
  function refresh(settings) {
    for (const block of doc.querySelectorAll(".mingle-agenda")) {
      const plans = plansOf(block), picker = block.querySelector('[data-role="agenda-plan"]');
      const chosen = picker && plans.some((p) => p.id === settings.plan) ? settings.plan : null;
      for (const plan of plans) {
        const box = block.querySelector(`.mingle-agenda-plan[data-plan="${CSS.escape(plan.id)}"]`);
        if (!box) continue;
        draw(box, plan, settings.start);
        if (picker) box.hidden = chosen !== null && plan.id !== chosen;
      }
    }
  }

  function attach() {
    const blocks = doc.querySelectorAll(".mingle-agenda");
    if (!blocks.length) return;
    let settings = S.get("agenda") || { plan: "", start: blocks[0].dataset.defaultStart || "09:00" };
    for (const controls of doc.querySelectorAll(".mingle-agenda-controls")) {
      const select = controls.querySelector('[data-role="agenda-plan"]');
      const input = controls.querySelector('[data-role="agenda-start"]');
      const status = controls.querySelector(".mingle-agenda-status");
      if (![...select.options].some((o) => o.value === settings.plan)) settings.plan = select.value;
      select.value = settings.plan;
      input.value = settings.start;
      controls.dataset.ready = "true";  // in its place from the build, invisible until it works: nothing moves
      const changed = () => {
        if (parseTime(input.value) === null) {
          status.textContent = "Enter a start time such as 09:30.";
          return;
        }
        settings = { plan: select.value, start: input.value };
        S.set("agenda", "", settings);
        refresh(settings);
        status.textContent = `Agenda updated: ${select.options[select.selectedIndex].textContent} from ` +
          `${formatTime(parseTime(settings.start))}.`;
      };
      select.addEventListener("change", changed);
      input.addEventListener("change", changed);
    }
    refresh(settings);
  }

  // For the tests, which hold them to course/agenda.py.
  M.agenda = { schedule, fitText };
  M.onPage(attach);
})(window);
