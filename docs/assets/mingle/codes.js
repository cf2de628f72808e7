/* Mingle answer codes: MINGLE1.<base64url of compact JSON {"n","x","a"}>.<CRC-32 of the middle>, made and read. */
((root) => {
  "use strict";
  const CODE = /MINGLE1\.([\w-]+)(?:\.([0-9A-Fa-f]{0,8}))?/g;  // as codes.py: "MINGLE1." alone is prose
  const TABLE = Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
    return n;
  });
  const checksum = (body) => (([...body].reduce((crc, c) => TABLE[(crc ^ c.charCodeAt(0)) & 255] ^ (crc >>> 8), -1) ^ -1) >>> 0)
    .toString(16).padStart(8, "0");
  const isMap = (v) => v && typeof v === "object" && !Array.isArray(v);

  function encode(learner, exercise, answers) {
    // JSON.stringify writes what Python's json.dumps(..., ensure_ascii=False, separators=(",", ":")) does.
    const bytes = new TextEncoder().encode(JSON.stringify({ n: learner, x: exercise, a: answers }));
    const body = btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join("")).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    return `MINGLE1.${body}.${checksum(body)}`;
  }

  function read([, body, sum]) {
    if (!sum || sum.length < 8) return { problem: "answer code is cut short (no checksum at its end)" };
    if (checksum(body) !== sum.toLowerCase()) return { problem: "answer code fails its checksum (mistyped or cut)" };
    let data;
    try {
      const binary = atob(body.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((body.length + 3) % 4));
      data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
    } catch (e) {
      return { problem: "answer code cannot be decoded" };
    }
    return isMap(data) && typeof data.n === "string" && typeof data.x === "string" && isMap(data.a)
      ? { learner: data.n.trim(), exercise: data.x, answers: data.a }
      : { problem: "answer code does not hold a name, an exercise and answers" };
  }

  const api = { encode, checksum, findCodes: (text) => [...String(text).matchAll(CODE)].map(read) };
  root.Mingle = Object.assign(root.Mingle || {}, { codes: api });
  if (typeof module === "object") module.exports = api;
})(typeof window === "object" ? window : globalThis);
