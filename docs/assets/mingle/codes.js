/* Mingle answer codes: MINGLE2, made exactly as codes.py's encode2 makes them (read there); codes.py says why.
   The names are codes.py's own, so the two read side by side. */
((root) => {
  "use strict";
  const CRC_TABLE = Array.from({ length: 256 }, (_, byte) => {
    for (let bit = 0; bit < 8; bit++) byte = byte & 1 ? 0xedb88320 ^ (byte >>> 1) : byte >>> 1;
    return byte;
  });
  // The eight-hex-digit CRC-32 of a text, as zlib.crc32 gives it (the text's characters are ASCII here).
  const checksum = (text) => (([...text].reduce((crc, c) => CRC_TABLE[(crc ^ c.charCodeAt(0)) & 255] ^ (crc >>> 8), -1)
    ^ -1) >>> 0).toString(16).padStart(8, "0");

  const PREFIX2 = "MINGLE2", ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ", BASE = ALPHABET.length, BLOCK = 4;
  const TAGS = BASE ** 2, SHAPES = BASE ** 3, NAME_LIMIT = 80;
  const NAME_CHARS = " abcdefghijklmnopqrstuvwxyz-'.", SHIFT = 30, ESC = 31, LATIN = 32, NAME_SYMBOLS = 33;
  const LATIN_FIRST = 0xc0, LATIN_COUNT = 0xc0, UNICODE = 0x110000;
  const TEXTS = 1, WRITTEN = 2;  // the first byte after the fields: the written answers, or only which were written

  const modulo = (number) => ((number % BASE) + BASE) % BASE;
  const power = (number, exponent) => (exponent ? (power(number, exponent - 1) * number) % BASE : 1);
  const inverse = (number) => power(number, BASE - 2);  // BASE is prime: Fermat's little theorem
  // Each position's two check weights: never 0, and never the same for two neighbours (mod 31).
  const weights = (position) => [(position % (BASE - 1)) + 1, power(3, position % (BASE - 1))];
  // The check value that makes the weighted sum (first or second weights) of everything up to it 0.
  const check = (values, which) => modulo(-values.reduce((sum, value, position) => sum + weights(position)[which] * value, 0)
    * inverse(weights(values.length)[which]));
  const fingerprint = (text, size) => parseInt(checksum(text), 16) % size;
  const optionIds = (exercise, item) => (item.kind === "match" ? exercise.choices
    : /single|multiple/.test(item.kind) ? item.options : []).map((option) => option.id);

  // A free-text answer counts as written as scoring.js counts it (text within the limit, not blank).
  function isWritten(value) {
    const scoring = root.Mingle && root.Mingle.scoring ? root.Mingle.scoring : require("./scoring.js");
    return scoring.isWritten(value);
  }

  // An item's answer as [its field's value, the field's radix] (0: unanswered), as codes.py's _value and _radix.
  function field(exercise, item, value) {
    const ids = optionIds(exercise, item), scale = exercise.scale || {}, unanswered = value == null;
    if (item.kind === "multiple") {
      return [unanswered ? 0 : value.reduce((sum, id) => sum + 2 ** ids.indexOf(id), 1), 2 ** ids.length + 1];
    }
    if (item.kind === "rating") return [unanswered ? 0 : value - scale.min + 1, scale.max - scale.min + 2];
    if (item.kind === "check") return [unanswered ? 0 : value ? 2 : 1, 3];
    return [ids.indexOf(value) + 1, ids.length + 1];
  }

  // A name as fields: its length, then a symbol (or two) per character (codes.py's _name_fields).
  function nameFields(learner) {
    const chars = [...learner.trim().normalize("NFC")].slice(0, NAME_LIMIT), fields = [[chars.length, NAME_LIMIT + 1]];
    let before = " ";
    for (const c of chars) {
      const low = /[A-Z]/.test(c) ? c.toLowerCase() : c, symbol = NAME_CHARS.indexOf(low), point = c.codePointAt(0);
      if (symbol < 0) {
        fields.push(...(point >= LATIN_FIRST && point < LATIN_FIRST + LATIN_COUNT
          ? [[LATIN, NAME_SYMBOLS], [point - LATIN_FIRST, LATIN_COUNT]] : [[ESC, NAME_SYMBOLS], [point, UNICODE]]));
      } else {
        if (/[a-z]/.test(low) && (c !== low) !== /[ -]/.test(before)) fields.push([SHIFT, NAME_SYMBOLS]);
        fields.push([symbol, NAME_SYMBOLS]);
      }
      before = c;
    }
    return fields;
  }

  // What follows the fields, as a big number: the written answers raw-deflated (if sent), else which boxes were
  // written, one bit each, the first box the lowest bit; 0 when no box was written.
  async function textsNumber(written, texts) {
    let bytes;
    if (texts && written.some((text) => text !== null)) {
      const packed = new Blob([JSON.stringify(written)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
      bytes = [TEXTS, ...new Uint8Array(await new Response(packed).arrayBuffer())];
    } else if (written.some(isWritten)) {
      const bits = written.reduce((sum, text, box) => sum | (isWritten(text) ? 1n << BigInt(box) : 0n), 0n);
      const size = Math.ceil(written.length / 8);
      bytes = [WRITTEN, ...Array.from({ length: size }, (_, at) => Number((bits >> BigInt(8 * (size - 1 - at))) & 255n))];
    } else {
      return 0n;
    }
    return BigInt("0x" + bytes.map((byte) => byte.toString(16).padStart(2, "0")).join(""));
  }

  async function encode(learner, exercise, answers, texts) {
    const shape = [exercise.id, ...exercise.items.map((item) => `${item.id}:${item.kind}:${optionIds(exercise, item)}`),
      exercise.scale ? `${exercise.scale.min}..${exercise.scale.max}` : ""];
    const fields = [[fingerprint(exercise.id, TAGS), TAGS], [fingerprint(shape.join("\n"), SHAPES), SHAPES],
      ...nameFields(learner)];
    const written = [];
    for (const item of exercise.items) {
      if (item.kind === "text") written.push(answers[item.id] ?? null);
      else fields.push(field(exercise, item, answers[item.id]));
    }
    let number = await textsNumber(written, texts);
    for (const [value, radix] of fields.reverse()) number = number * BigInt(radix) + BigInt(value);
    const body = [...number.toString(BASE)].map((digit) => parseInt(digit, BASE)), length = body.length + 2;
    // The header: three digits of length and one that makes 1a + 2b + 3c + 4d = 0 (mod 31).
    const values = [Math.floor(length / BASE ** 2), Math.floor(length / BASE) % BASE, length % BASE];
    values.push(modulo(-(values[0] + 2 * values[1] + 3 * values[2]) * inverse(4)), ...body);
    values.push(check(values, 0));
    values.push(check(values, 1));
    const characters = values.map((value) => ALPHABET[value]).join("");
    return [PREFIX2, ...characters.match(new RegExp(`.{1,${BLOCK}}`, "g"))].join("-");
  }

  const api = { encode, checksum };  // checksum also fingerprints the course for the SCORM launcher
  (root.Mingle ||= {}).codes = api;
  if (typeof module === "object") module.exports = api;  // Node, for the tests' shared vectors
})(typeof window === "object" ? window : globalThis);
