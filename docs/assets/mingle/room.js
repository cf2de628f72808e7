/* Mingle live room: in a tab opened from a room (?room=CODE, remembered for the tab), load the room's scripts. */
((root) => {
  "use strict";
  const M = root.Mingle, S = M.storage, doc = root.document, CODE = /^[A-Z0-9]{4,8}$/;
  // The room this tab was opened from, kept for the tab only; a bad saved value is cleared without a word.
  S.define("room", 16, (v) => typeof v === "string" && CODE.test(v), null, true);
  const given = (new URL(root.location.href).searchParams.get("room") || "").toUpperCase();
  if (CODE.test(given)) S.set("room", "", given);
  // Most visitors are not in a room: they read nothing more and load none of the room's code.
  if (!CODE.test(given) && !S.get("room")) return;
  // A check made before room-send.js has arrived is kept for it, so no check is missed on a slow phone.
  const early = (M.roomEarly = []);
  doc.addEventListener("mingle:checked", (event) => M.roomSend || early.push(event));
  // room-send.js sends each check; room-view.js and room-wall.js put the room's results on an exercise's slide;
  // room-phone.js sends live activities' answers and, in the lobby, follows the presenter's deck; room-deck.js
  // tells the room which slide the presenter's deck is on, draws an activity's results there and puts the pace
  // switch (room-pace.js) in the presenter's speaker view.
  for (const name of ["room-send.js", "room-view.js", "room-wall.js", "room-phone.js", "wordcloud.js",
    "room-results.js", "room-pace.js", "room-deck.js"]) {
    const script = M.el(null, "script", null, { src: S.root + "assets/mingle/" + name });
    script.async = false;  // run in this order
    doc.head.append(script);
  }
})(window);
