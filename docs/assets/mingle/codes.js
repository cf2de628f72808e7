/* Mingle answer codes (MINGLE1): encode a learner's answers as a checksummed token, and read one back. */
(function (root) {
  "use strict";

  var PREFIX = "MINGLE1";
  var CODE = /MINGLE1\.([A-Za-z0-9_-]+)(?:\.([0-9A-Fa-f]{0,8}))?/g;  // as codes.py: "MINGLE1." alone is prose
  var TABLE = (function () {
    var table = [];
    for (var n = 0; n < 256; n++) {
      var c = n;
      for (var k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table.push(c >>> 0);
    }
    return table;
  })();

  function checksum(body) {
    var crc = 0xffffffff;
    for (var i = 0; i < body.length; i++) crc = TABLE[(crc ^ body.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
    return ("0000000" + ((crc ^ 0xffffffff) >>> 0).toString(16)).slice(-8);
  }

  function toBase64url(bytes) {
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function fromBase64url(body) {
    var binary = atob(body.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((body.length + 3) % 4));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function encode(learner, exercise, answers) {
    // Same compact JSON as Python's json.dumps(..., ensure_ascii=False, separators=(",", ":")).
    var data = JSON.stringify({ n: learner, x: exercise, a: answers });
    var body = toBase64url(new TextEncoder().encode(data));
    return PREFIX + "." + body + "." + checksum(body);
  }

  function decodeOne(body, sum) {
    if (!body || typeof sum !== "string" || sum.length !== 8) {
      return { problem: "answer code is cut short (no checksum at its end)" };
    }
    if (checksum(body) !== sum.toLowerCase()) return { problem: "answer code fails its checksum (mistyped or cut)" };
    var data;
    try {
      data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(fromBase64url(body)));
    } catch (e) {
      return { problem: "answer code cannot be decoded" };
    }
    if (!(data && typeof data === "object" && !Array.isArray(data) && typeof data.n === "string" &&
          typeof data.x === "string" && data.a && typeof data.a === "object" && !Array.isArray(data.a))) {
      return { problem: "answer code does not hold a name, an exercise and answers" };
    }
    return { learner: data.n.trim(), exercise: data.x, answers: data.a };
  }

  function findCodes(text) {
    var found = [], match;
    CODE.lastIndex = 0;
    while ((match = CODE.exec(text)) !== null) found.push(decodeOne(match[1] || "", match[2]));
    return found;
  }

  function decode(code) {
    return findCodes(String(code))[0] || { problem: "no answer code found" };
  }

  var api = { PREFIX: PREFIX, checksum: checksum, encode: encode, decode: decode, findCodes: findCodes };
  root.Mingle = root.Mingle || {};
  root.Mingle.codes = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
