/* Mingle scoring: pure functions that mirror scripts/mingle/scoring.py exactly (checked against shared vectors).
   Maxima come from the model, where the Python side's item_max put them. */
((root) => {
  "use strict";
  // Python's str.isspace() set, so text.strip() agrees with Python (JS trim() differs).
  // eslint-disable-next-line no-control-regex -- \x1c-\x1f are spaces to Python
  const SPACE = /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
  // eslint-disable-next-line no-control-regex -- the same spaces, between words
  const GAP = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  const SHOUTING = /[A-Z]{4,}|!!/;  // scoring.py's SHOUTING
  // model.py's UNSENT: a written answer a code carried without its words, where the page's verdict stands.
  const UNSENT = "(written on the learner's page, not sent with the code)";
  // Python counts and sorts strings by code point; JS .length and sort() go by UTF-16 unit.
  const points = (s) => Array.from(s, (c) => c.codePointAt(0));
  const byCodePoint = (a, b) => {
    const x = points(a), y = points(b), i = x.findIndex((c, n) => c !== y[n]);
    return i < 0 ? x.length - y.length : i < y.length ? x[i] - y[i] : 1;
  };
  const options = (ex, item) => new Map((item.kind === "match" ? ex.choices : item.options).map((o) => [o.id, o]));

  function isValid(ex, item, value) {
    const kind = item.kind, known = options(ex, item);
    if (kind === "single" || kind === "match") return typeof value === "string" && known.has(value);
    if (kind === "multiple") {
      return Array.isArray(value) && value.every((v) => known.has(v)) && new Set(value).size === value.length;
    }
    if (kind === "rating") return Number.isInteger(value) && ex.scale.min <= value && value <= ex.scale.max;
    if (kind === "check") return typeof value === "boolean";
    return typeof value === "string" && points(value).length <= 5000;
  }

  // Points for a valid value, and the feedback it earns.
  function raw(ex, item, value) {
    const kind = item.kind, tip = (id) => options(ex, item).get(id).feedback;
    if (kind === "single" || kind === "match") {
      const right = value === item.answer, said = kind === "single" ? tip(value) : right ? "" : item.feedback;
      return [right ? item.points : 0, said ? [said] : []];
    }
    if (kind === "multiple") {
      const hits = value.filter((v) => item.answer.includes(v)).length;
      return [Math.max(0, 2 * hits - value.length), value.map(tip).filter(Boolean)];
    }
    if (kind === "rating") return [item.reverse ? ex.scale.max - value : value - ex.scale.min, []];
    if (kind === "check") return [value ? item.points : 0, value || !item.feedback ? [] : [item.feedback]];
    return [0, []];
  }

  // A free-text answer counts as written: text within the limit, not blank (scoring.py's is_written).
  const isWritten = (value) => typeof value === "string" && points(value).length <= 5000 && !SPACE.test(value);

  // Whether a written answer passes every test of a checklist point the page checks (scoring.py's passes).
  function passes(auto, text) {
    const words = text.split(GAP).filter(Boolean).length, lower = text.toLowerCase();
    return (!auto.question || text.includes("?")) && words >= auto.min_words
      && (!auto.max_words || words <= auto.max_words) && (!auto.no_shouting || !SHOUTING.test(text))
      && (!auto.mentions.length || auto.mentions.some((m) => lower.includes(m.toLowerCase())));
  }

  function written(ex, id, answers) {
    const text = ex.items.find((i) => i.id === id);
    return !!text && Object.hasOwn(answers, id) && isWritten(answers[id]);
  }

  function scoreItem(ex, item, answers) {
    const value = answers[item.id], result = (score, status, feedback = []) =>
      ({ item: item.id, score, max: item.max, status, feedback });
    // A point the page checks is judged from its written answer, whatever the sheet says, unless the words stayed
    // with the learner: then the page's verdict, carried as a tick, stands.
    if (item.auto && (value == null || isValid(ex, item, value)) && written(ex, item.rubric_of, answers)
        && answers[item.rubric_of] !== UNSENT) {
      const ok = passes(item.auto, answers[item.rubric_of]);
      return result(ok ? item.points : 0, ok ? "correct" : "incorrect");
    }
    if (!Object.hasOwn(answers, item.id) || value == null) return result(0, "unanswered");
    if (!isValid(ex, item, value)) return result(0, "invalid");
    if (item.kind === "text" && SPACE.test(value)) return result(0, "unanswered");
    // A rubric point counts only when its text item has been written: a tick beside an empty box scores 0.
    if (item.rubric_of && value === true && !written(ex, item.rubric_of, answers)) {
      return result(0, "incorrect", item.feedback ? [item.feedback] : []);
    }
    const [score, feedback] = raw(ex, item, value);
    const top = item.max;
    return result(score, !top ? "answered" : score === top ? "correct" : score > 0 ? "partial" : "incorrect", feedback);
  }

  function dimensions(ex, results) {
    const found = (ex.dimensions || []).map((dim) => {
      const mine = results.filter((r, i) => ex.items[i].kind === "rating" && ex.items[i].dimension === dim.id);
      const score = mine.reduce((s, r) => s + r.score, 0), max = mine.reduce((s, r) => s + r.max, 0);
      return { id: dim.id, label: dim.label, score, max, advice: dim.advice, needs_work: score * 2 < max };
    });
    // Shares score/max compared by cross-multiplying integers, exactly as the Python scorer does.
    let weakest = found[0];
    for (const d of found) if (d.score * weakest.max < weakest.score * d.max) weakest = d;
    return [found, found.filter((d) => d.score * weakest.max === weakest.score * d.max).map((d) => d.id)];
  }

  function scoreExercise(ex, answers) {
    answers = answers && typeof answers === "object" && !Array.isArray(answers) ? answers : {};
    const items = ex.items.map((item) => scoreItem(ex, item, answers)), score = items.reduce((s, r) => s + r.score, 0);
    const ids = (status) => items.filter((r) => r.status === status).map((r) => r.item);
    const unknown = Object.keys(answers).filter((k) => !ex.items.some((i) => i.id === k)).sort(byCodePoint);
    const bands = ex.bands, last = bands[bands.length - 1];
    const [dims, weakest] = dimensions(ex, items);
    // What a pass mark or a course total counts: the items with a right answer (model.py's is_marked).
    const marked = items.reduce((s, r, i) => s + (ex.items[i].marked ? r.score : 0), 0);
    return {
      exercise: ex.id, score, max: ex.max,
      band: bands.find((b) => b.min <= score && score <= b.max) || (score > last.max ? last : bands[0]),
      unanswered: ids("unanswered"), invalid: ids("invalid").concat(unknown), items, dimensions: dims, weakest,
      marked, marked_max: ex.marked_max,
    };
  }

  const api = { isValid, isWritten, passes, scoreExercise };
  (root.Mingle ||= {}).scoring = api;
  if (typeof module === "object") module.exports = api;  // Node, for the tests' shared vectors
})(typeof window === "object" ? window : globalThis);
