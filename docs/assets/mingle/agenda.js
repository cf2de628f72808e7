/* Real-clock agenda: the presenter picks a plan and start time; times are redone here (mirrors mingle/agenda.py). */
(function () {
  "use strict";

  var KEY = "mingle:v1:agenda";
  var CLOCK = /^([01]?\d|2[0-3]):([0-5]\d)$/;
  var DAY = 24 * 60;

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  /* Minutes after midnight for "HH:MM" (24-hour), or null. */
  function parseTime(text) {
    var match = CLOCK.exec(String(text).trim());
    return match ? Number(match[1]) * 60 + Number(match[2]) : null;
  }

  function formatTime(minutes) {
    minutes = ((minutes % DAY) + DAY) % DAY;
    return pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60);
  }

  /* The same rows, totals and overrun as agenda.schedule() in Python. */
  function schedule(plan, start) {
    var begin = parseTime(start);
    if (begin === null) throw new Error("start time " + start + ": expected HH:MM");
    var plannedEnd = begin + plan.minutes;
    var clock = begin;
    var rows = plan.slots.map(function (slot) {
      var row = {
        start: formatTime(clock), end: formatTime(clock + slot.minutes), minutes: slot.minutes,
        title: slot.title, kind: slot.kind, note: slot.note, late: clock + slot.minutes > plannedEnd
      };
      clock += slot.minutes;
      return row;
    });
    return {
      start: formatTime(begin), end: formatTime(clock), planned_end: formatTime(plannedEnd),
      total: clock - begin, overrun: Math.max(0, clock - begin - plan.minutes), rows: rows
    };
  }

  /* Mirrors agenda_view.overrun_text(): the fit in words, not colour alone. */
  function fitText(plan, agenda) {
    if (agenda.overrun) {
      return "Overrun: the slots add up to " + agenda.total + " minutes, " + agenda.overrun + " more than the " +
        plan.minutes + " this plan allows. It would end at " + agenda.end + ", not " + agenda.planned_end + ".";
    }
    return "Fits: " + agenda.total + " of " + plan.minutes + " minutes, ending at " + agenda.end + ".";
  }

  function caption(plan, agenda) {
    return plan.title + " (" + plan.minutes + " minutes) from " + agenda.start;
  }

  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
  }

  /* Redraw one plan's table in place, all text through textContent. */
  function draw(box, plan, start) {
    var agenda = schedule(plan, start);
    box.querySelector("caption").textContent = caption(plan, agenda);
    var body = box.querySelector("tbody");
    body.textContent = "";
    agenda.rows.forEach(function (row) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-kind", row.kind);
      if (row.late) tr.setAttribute("data-late", "true");
      cell(tr, row.start + "–" + row.end + (row.late ? " (over time)" : ""), "mingle-agenda-time");
      cell(tr, String(row.minutes));
      cell(tr, row.title);
      cell(tr, row.note);
      body.appendChild(tr);
    });
    var fit = box.querySelector(".mingle-agenda-fit");
    fit.textContent = fitText(plan, agenda);
    fit.setAttribute("data-overrun", String(agenda.overrun));
  }

  function load() {
    try {
      var raw = JSON.parse(window.localStorage.getItem(KEY) || "null");
      if (raw && typeof raw === "object" && typeof raw.plan === "string" && raw.plan.length <= 40 &&
          typeof raw.start === "string" && parseTime(raw.start) !== null) {
        return { plan: raw.plan, start: raw.start };
      }
      if (raw !== null) window.localStorage.removeItem(KEY);
    } catch (err) {
      try { window.localStorage.removeItem(KEY); } catch (ignored) { /* storage blocked */ }
    }
    return null;
  }

  function save(settings) {
    try { window.localStorage.setItem(KEY, JSON.stringify(settings)); } catch (err) { /* not remembered */ }
  }

  function plansOf(block) {
    try {
      var plans = JSON.parse(block.getAttribute("data-plans"));
      return Array.isArray(plans) ? plans : [];
    } catch (err) {
      return [];
    }
  }

  /* Redo every agenda on the page for the chosen start time; the picker's block shows the chosen plan only. */
  function refresh(settings) {
    document.querySelectorAll(".mingle-agenda").forEach(function (block) {
      var plans = plansOf(block);
      var picker = block.querySelector('[data-role="agenda-plan"]');
      var chosen = picker && plans.some(function (p) { return p.id === settings.plan; }) ? settings.plan : null;
      plans.forEach(function (plan) {
        var box = block.querySelector('.mingle-agenda-plan[data-plan="' + CSS.escape(plan.id) + '"]');
        if (!box) return;
        draw(box, plan, settings.start);
        if (picker) box.hidden = chosen !== null && plan.id !== chosen;
      });
    });
  }

  function attach() {
    var blocks = document.querySelectorAll(".mingle-agenda");
    if (!blocks.length) return;
    var first = blocks[0];
    var settings = load() || { plan: "", start: first.getAttribute("data-default-start") || "09:00" };
    document.querySelectorAll(".mingle-agenda-controls").forEach(function (controls) {
      var select = controls.querySelector('[data-role="agenda-plan"]');
      var input = controls.querySelector('[data-role="agenda-start"]');
      var status = controls.querySelector(".mingle-agenda-status");
      if (!Array.prototype.some.call(select.options, function (o) { return o.value === settings.plan; })) {
        settings.plan = select.value;
      }
      select.value = settings.plan;
      input.value = settings.start;
      controls.hidden = false;
      function changed() {
        if (parseTime(input.value) === null) {
          status.textContent = "Enter a start time such as 09:30.";
          return;
        }
        settings = { plan: select.value, start: input.value };
        save(settings);
        refresh(settings);
        status.textContent = "Agenda updated: " + select.options[select.selectedIndex].textContent +
          " from " + formatTime(parseTime(settings.start)) + ".";
      }
      select.addEventListener("change", changed);
      input.addEventListener("change", changed);
    });
    refresh(settings);
  }

  window.MingleAgenda = { parseTime: parseTime, formatTime: formatTime, schedule: schedule, fitText: fitText, refresh: refresh };

  window.Mingle.onPage(attach);  // storage.js: document$, or DOMContentLoaded from file://
})();
