/* Mingle answer codes: MINGLE1.<base64url of compact JSON {"n","x","a"}>.<CRC-32 of the middle>, as codes.py makes
   them. The browser only makes codes; mingle grade (codes.py) reads them. */
((root) => {
  "use strict";
  const TABLE = Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
    return n;
  });
  const checksum = (body) => (([...body].reduce((crc, c) => TABLE[(crc ^ c.charCodeAt(0)) & 255] ^ (crc >>> 8), -1) ^ -1) >>> 0)
    .toString(16).padStart(8, "0");

  function encode(learner, exercise, answers) {
    // JSON.stringify writes what Python's json.dumps(..., ensure_ascii=False, separators=(",", ":")) does.
    const bytes = new TextEncoder().encode(JSON.stringify({ n: learner, x: exercise, a: answers }));
    const body = btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join("")).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    return `MINGLE1.${body}.${checksum(body)}`;
  }

  const api = { encode, checksum };  // checksum also fingerprints the course for the SCORM launcher
  (root.Mingle ||= {}).codes = api;
  if (typeof module === "object") module.exports = api;  // Node, for the tests' shared vectors
})(typeof window === "object" ? window : globalThis);
