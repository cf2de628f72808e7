/* Mingle live activities on a page: read a form's response, keep what is typed for the tab, and send it. */
((root) => {
  "use strict";
  const M = root.Mingle, S = M.storage, doc = root.document, ITEM = "answer";
  const NO_ROOM = "No live room is open in this tab, so nothing was sent. In a session, open the presenter's "
    + "join link and your answer goes to the screen at the front.";
  const isText = (v) => typeof v === "string" || (Array.isArray(v) && v.every((s) => typeof s === "string"));
  // What a person has typed or picked but not yet sent, for this tab only: a reload or a dropped wifi loses nothing.
  S.define("activity-draft", 4000, (v) => v === null || isText(v) || Number.isInteger(v), null, true);

  // The response as an answer sheet carries it: an option id or a list of them, a list of words, text, a point.
  function value(form) {
    const kind = form.dataset.kind, fields = [...form.elements].filter((f) => f.name === ITEM);
    if (kind === "words") return fields.map((f) => f.value.trim()).filter(Boolean);
    if (kind === "open" || kind === "qa") return fields[0].value.trim() || null;
    const picked = fields.filter((f) => f.checked).map((f) => f.value);
    if (kind === "scale") return picked.length ? Number(picked[0]) : null;
    return fields[0].type === "checkbox" ? picked : picked[0] || null;
  }

  // Put a kept draft back into the form's controls.
  function restore(form, draft) {
    const fields = [...form.elements].filter((f) => f.name === ITEM);
    if (draft === null) return;
    if (form.dataset.kind === "words") fields.forEach((f, n) => { f.value = draft[n] || ""; });
    else if (fields[0].tagName === "TEXTAREA") fields[0].value = String(draft);
    else fields.forEach((f) => { f.checked = [].concat(draft).map(String).includes(f.value); });
  }

  function say(form, text) {
    form.querySelector(".mingle-result").textContent = text;
  }

  function wire(form) {
    if (form.dataset.wired) return;
    form.dataset.wired = "1";
    const id = form.dataset.activity;
    restore(form, S.get("activity-draft", id));
    form.addEventListener("input", () => S.set("activity-draft", id, value(form)));
    form.addEventListener("submit", (event) => event.preventDefault());
    form.querySelector('[data-action="send"]').addEventListener("click", () => {
      const response = value(form);
      if (response === null || (Array.isArray(response) && !response.length)) {
        say(form, "Choose or write something first, then send it.");
        return;
      }
      // The room's phone view (room.js loads it in a tab opened from a room) takes over sending when present.
      if (M.roomActivity) M.roomActivity(form, id, response);
      else say(form, NO_ROOM);
    });
  }

  // Empty the form and its kept draft (a question once it is sent: the next one starts afresh).
  function clear(form) {
    for (const field of form.elements) {
      if (field.name === ITEM) {
        if (field.type === "radio" || field.type === "checkbox") field.checked = false;
        else field.value = "";
      }
    }
    S.drop("activity-draft", form.dataset.activity);
  }

  M.activity = { value, wire, say, clear };
  M.onPage(() => doc.querySelectorAll("form.mingle-activity").forEach(wire));
})(window);
