"""Render session plans as agenda tables (element trees) for the agenda page, the guide and the PDFs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree

from mingle.render import element
from mingle.course.agenda import Agenda, Plan, plan_dict, schedule


def overrun_text(agenda: Agenda) -> str:
    """The plan's fit in words (never colour alone): on time, or by how much it overruns."""
    if agenda.overrun:
        return (f"Overrun: the slots add up to {agenda.total} minutes, {agenda.overrun} more than the "
                f"{agenda.plan.minutes} this plan allows. It would end at {agenda.end}, not {agenda.planned_end}.")
    return f"Fits: {agenda.total} of {agenda.plan.minutes} minutes, ending at {agenda.end}."


def agenda_table(agenda: Agenda) -> etree.Element:
    """One plan's agenda: a table of clock times and a line that says whether it fits."""
    box = element(None, "div", class_="mingle-agenda-plan", data_plan=agenda.plan.id)
    if agenda.plan.summary:
        element(box, "p", agenda.plan.summary, class_="mingle-agenda-summary")
    table = element(box, "table", class_="mingle-agenda-table")
    element(table, "caption", f"{agenda.plan.title} ({agenda.plan.minutes} minutes) from {agenda.start}")
    head = element(element(table, "thead"), "tr")
    for title in ("Time", "Minutes", "Session", "Notes"):
        element(head, "th", title, scope="col")
    body = element(table, "tbody")
    for row in agenda.rows:
        tr = element(body, "tr", data_kind=row.kind, data_late="true" if row.late else None)
        element(tr, "td", f"{row.start}–{row.end}" + (" (over time)" if row.late else ""), class_="mingle-agenda-time")
        element(tr, "td", str(row.minutes))
        element(tr, "td", row.title)
        element(tr, "td", row.note)
    element(box, "p", overrun_text(agenda), class_="mingle-agenda-fit", data_overrun=str(agenda.overrun))
    versions(box, agenda.plan)
    return box


def versions(box: etree.Element, plan: Plan) -> None:
    """The plan's online and hybrid versions as two short lists, when the plan gives them."""
    for label, lines in (("Online", plan.online), ("Hybrid", plan.hybrid)):
        if lines:
            part = element(box, "div", class_="mingle-agenda-version", data_version=label.lower())
            element(part, "p", f"{label}: {plan.title}", class_="mingle-agenda-version-title")
            listing = element(part, "ul")
            for line in lines:
                element(listing, "li", line)


def agenda_block(plans: dict[str, Plan], start: str, chosen: list[str], controls: bool) -> etree.Element:
    """The agenda for `chosen` plans from `start`; with controls the browser lets a presenter pick plan and time.

    With controls the page is built as the browser first shows it, so nothing moves once agenda.js runs: the
    picker takes its place at once (invisible until the script makes it work) and only the first plan shows."""
    box = element(None, "div", class_="mingle-agenda", data_default_start=start,
              data_plans=json.dumps([plan_dict(plans[p]) for p in chosen], ensure_ascii=False, separators=(",", ":")))
    if controls:
        form = element(box, "div", class_="mingle-agenda-controls")
        field = element(form, "div", class_="mingle-agenda-field")
        element(field, "label", "Session plan", for_="mingle-agenda-plan")
        select = element(field, "select", id="mingle-agenda-plan", data_role="agenda-plan")
        for plan_id in chosen:
            element(select, "option", f"{plans[plan_id].title} ({plans[plan_id].minutes} minutes)", value=plan_id)
        field = element(form, "div", class_="mingle-agenda-field")
        element(field, "label", "Start time", for_="mingle-agenda-start")
        element(field, "input", type="time", id="mingle-agenda-start", data_role="agenda-start", value=start,
            required="required")
        element(form, "p", None, class_="mingle-agenda-status", role="status", aria_live="polite")
    for n, plan_id in enumerate(chosen):
        agenda = schedule(plans[plan_id], start)
        table = agenda_table(agenda)
        # The plan as one deck (present.js opens it on the Slides page) from the start this agenda shows, which
        # agenda.js changes with the presenter's; on the site only, not in the handouts.
        element(table, "button", "Present this plan", type="button", class_="md-button",
                data_action="present", data_plan=plan_id, data_start=agenda.start)
        if controls and n:
            table.set("hidden", "hidden")
        box.append(table)
    return box
