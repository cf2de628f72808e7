/* Mingle answer codes: MINGLE2, made exactly as codes.py's encode2 makes them (read there); codes.py says why. */
((root) => {
  "use strict";
  const TABLE = Array.from({ length: 256 }, (_, n) => {
    for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
    return n;
  });
  const checksum = (body) => (([...body].reduce((crc, c) => TABLE[(crc ^ c.charCodeAt(0)) & 255] ^ (crc >>> 8), -1) ^ -1) >>> 0)
    .toString(16).padStart(8, "0");
  const A = "23456789ABCDEFGHJKMNPQRSTUVWXYZ", NAMES = " abcdefghijklmnopqrstuvwxyz-'.", B = 31;
  const mod = (n) => ((n % B) + B) % B, print = (text, m) => parseInt(checksum(text), 16) % m;
  const power = (n, e) => (e ? (power(n, e - 1) * n) % B : 1);
  // Each position's two check weights; solve(values, w) is the value that makes weight w's sum 0.
  const weight = (j, w) => (w ? power(3, j % 30) : (j % 30) + 1);
  const solve = (values, w) => mod(-values.reduce((s, v, j) => s + weight(j, w) * v, 0) * power(weight(values.length, w), 29));
  const ids = (m, i) => (i.kind === "match" ? m.choices : /single|multiple/.test(i.kind) ? i.options : []).map((o) => o.id);

  function field(m, i, v) {
    const k = i.kind, n = ids(m, i), s = m.scale || {}, none = v == null;
    if (k === "multiple") return [none ? 0 : v.reduce((t, id) => t + 2 ** n.indexOf(id), 1), 2 ** n.length + 1];
    if (k === "rating") return [none ? 0 : v - s.min + 1, s.max - s.min + 2];
    return k === "check" ? [none ? 0 : v ? 2 : 1, 3] : [n.indexOf(v) + 1, n.length + 1];
  }

  async function encode(learner, m, answers, texts) {
    const shape = [m.id, ...m.items.map((i) => `${i.id}:${i.kind}:${ids(m, i)}`), m.scale ? `${m.scale.min}..${m.scale.max}` : ""];
    const chars = [...learner.trim().normalize("NFC")].slice(0, 80), written = [];
    const fields = [[print(m.id, B * B), B * B], [print(shape.join("\n"), B ** 3), B ** 3], [chars.length, 81]];
    let before = " ", n = 0n;
    for (const c of chars) {
      const low = /[A-Z]/.test(c) ? c.toLowerCase() : c, at = NAMES.indexOf(low);
      const p = c.codePointAt(0);
      if (at < 0) fields.push(...(p >= 192 && p < 384 ? [[32, 33], [p - 192, 192]] : [[31, 33], [p, 0x110000]]));
      else {
        if (/[a-z]/.test(low) && (c !== low) !== /[ -]/.test(before)) fields.push([30, 33]);
        fields.push([at, 33]);
      }
      before = c;
    }
    for (const i of m.items) i.kind === "text" ? written.push(answers[i.id] ?? null) : fields.push(field(m, i, answers[i.id]));
    if (texts && written.some((w) => w !== null)) {
      const packed = new Blob([JSON.stringify(written)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
      const bytes = new Uint8Array(await new Response(packed).arrayBuffer());
      n = BigInt("0x01" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""));
    }
    for (const [v, r] of fields.reverse()) n = n * BigInt(r) + BigInt(v);
    const body = [...n.toString(B)].map((d) => parseInt(d, B)), size = body.length + 2;
    const values = [(size / B / B) | 0, ((size / B) | 0) % B, size % B];
    values.push(mod(-(values[0] + 2 * values[1] + 3 * values[2]) * 8), ...body);
    values.push(solve(values, 0));
    values.push(solve(values, 1));
    return ["MINGLE2", ...values.map((v) => A[v]).join("").match(/.{1,4}/g)].join("-");
  }

  const api = { encode, checksum };  // checksum also fingerprints the course for the SCORM launcher
  (root.Mingle ||= {}).codes = api;
  if (typeof module === "object") module.exports = api;  // Node, for the tests' shared vectors
})(typeof window === "object" ? window : globalThis);
