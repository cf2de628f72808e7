"""Render session plans as agenda tables (element trees) for the agenda page, the guide and the PDFs."""

from __future__ import annotations

import json
import xml.etree.ElementTree as etree

from mingle.agenda import Agenda, Plan, plan_dict, schedule
from mingle.render import _el


def overrun_text(agenda: Agenda) -> str:
    """The plan's fit in words (never colour alone): on time, or by how much it overruns."""
    if agenda.overrun:
        return (f"Overrun: the slots add up to {agenda.total} minutes, {agenda.overrun} more than the "
                f"{agenda.plan.minutes} this plan allows. It would end at {agenda.end}, not {agenda.planned_end}.")
    return f"Fits: {agenda.total} of {agenda.plan.minutes} minutes, ending at {agenda.end}."


def agenda_table(agenda: Agenda) -> etree.Element:
    """One plan's agenda: a table of clock times and a line that says whether it fits."""
    box = _el(None, "div", class_="mingle-agenda-plan", data_plan=agenda.plan.id)
    if agenda.plan.summary:
        _el(box, "p", agenda.plan.summary, class_="mingle-agenda-summary")
    table = _el(box, "table", class_="mingle-agenda-table")
    _el(table, "caption", f"{agenda.plan.title} ({agenda.plan.minutes} minutes) from {agenda.start}")
    head = _el(_el(table, "thead"), "tr")
    for title in ("Time", "Minutes", "Session", "Notes"):
        _el(head, "th", title, scope="col")
    body = _el(table, "tbody")
    for row in agenda.rows:
        tr = _el(body, "tr", data_kind=row.kind, data_late="true" if row.late else None)
        _el(tr, "td", f"{row.start}–{row.end}" + (" (over time)" if row.late else ""), class_="mingle-agenda-time")
        _el(tr, "td", str(row.minutes))
        _el(tr, "td", row.title)
        _el(tr, "td", row.note)
    _el(box, "p", overrun_text(agenda), class_="mingle-agenda-fit", data_overrun=str(agenda.overrun))
    return box


def agenda_block(plans: dict[str, Plan], start: str, chosen: list[str], controls: bool) -> etree.Element:
    """The agenda for `chosen` plans from `start`; with controls the browser lets a presenter pick plan and time."""
    box = _el(None, "div", class_="mingle-agenda", data_default_start=start,
              data_plans=json.dumps([plan_dict(plans[p]) for p in chosen], ensure_ascii=False, separators=(",", ":")))
    if controls:
        form = _el(box, "div", class_="mingle-agenda-controls", hidden="hidden")
        field = _el(form, "div", class_="mingle-agenda-field")
        _el(field, "label", "Session plan", for_="mingle-agenda-plan")
        select = _el(field, "select", id="mingle-agenda-plan", data_role="agenda-plan")
        for plan_id in chosen:
            _el(select, "option", f"{plans[plan_id].title} ({plans[plan_id].minutes} minutes)", value=plan_id)
        field = _el(form, "div", class_="mingle-agenda-field")
        _el(field, "label", "Start time", for_="mingle-agenda-start")
        _el(field, "input", type="time", id="mingle-agenda-start", data_role="agenda-start", value=start,
            required="required")
        _el(form, "p", None, class_="mingle-agenda-status", role="status", aria_live="polite")
    for plan_id in chosen:
        box.append(agenda_table(schedule(plans[plan_id], start)))
    return box
