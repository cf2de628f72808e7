/* Mingle live room: in a tab opened from a room (?room=CODE, remembered for the tab), load room-send.js. */
((root) => {
  "use strict";
  const doc = root.document, CODE = /^[A-Z0-9]{4,8}$/, KEY = "mingle:v1:room";
  let code = (new URL(root.location.href).searchParams.get("room") || "").toUpperCase();
  try {
    if (CODE.test(code)) root.sessionStorage.setItem(KEY, code);
    code = root.sessionStorage.getItem(KEY) || "";
  } catch (e) { /* storage blocked: only this page knows the room */ }
  // Most visitors are not in a room: they load none of the room's code.
  if (!CODE.test(code)) return;
  // A check made before room-send.js has arrived is kept for it, so no check is missed on a slow phone.
  const early = (root.Mingle.roomEarly = []);
  doc.addEventListener("mingle:checked", (event) => root.Mingle.roomSend || early.push(event));
  const script = doc.createElement("script");
  script.src = root.Mingle.storage.root + "assets/mingle/room-send.js";
  doc.head.appendChild(script);
})(window);
