/* Mingle scoring: pure functions that mirror scripts/mingle/scoring.py exactly (checked against shared vectors). */
(function (root) {
  "use strict";

  var TEXT_LIMIT = 5000;
  // Python's str.isspace() set, so text.strip() agrees with the Python scorer (JS trim() differs).
  var SPACE = /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
  var has = function (obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); };

  function isMapping(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // Python len() counts code points; JS .length counts UTF-16 units.
  function codePoints(text) {
    var n = 0;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        var d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
      n++;
    }
    return n;
  }

  // Python sorts str by code point; JS sort() by UTF-16 unit.
  function byCodePoint(a, b) {
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return (a.length - i) - (b.length - j);
  }

  function optionsFor(exercise, item) {
    return (item.kind === "match" ? exercise.choices : item.options) || [];
  }

  function optionMap(exercise, item) {
    var map = Object.create(null);
    optionsFor(exercise, item).forEach(function (o) { map[o.id] = o; });
    return map;
  }

  function answerList(item) {
    return Array.isArray(item.answer) ? item.answer : [];
  }

  function itemMax(exercise, item) {
    if (item.kind === "multiple") return answerList(item).length;
    if (item.kind === "rating") return exercise.scale ? exercise.scale.max - exercise.scale.min : 0;
    if (item.kind === "text") return 0;
    return item.points;
  }

  function exerciseMax(exercise) {
    return exercise.items.reduce(function (sum, item) { return sum + itemMax(exercise, item); }, 0);
  }

  function isValid(exercise, item, value) {
    var kind = item.kind;
    if (kind === "single" || kind === "match") {
      return typeof value === "string" && optionMap(exercise, item)[value] !== undefined;
    }
    if (kind === "multiple") {
      if (!Array.isArray(value)) return false;
      var known = optionMap(exercise, item), seen = Object.create(null);
      for (var i = 0; i < value.length; i++) {
        if (typeof value[i] !== "string" || known[value[i]] === undefined || seen[value[i]]) return false;
        seen[value[i]] = true;
      }
      return true;
    }
    if (kind === "rating") {
      var scale = exercise.scale;
      return typeof value === "number" && Number.isInteger(value) && scale.min <= value && value <= scale.max;
    }
    if (kind === "check") return typeof value === "boolean";
    return typeof value === "string" && codePoints(value) <= TEXT_LIMIT;
  }

  function rawScore(exercise, item, value) {
    var kind = item.kind, options = optionMap(exercise, item);
    if (kind === "single" || kind === "match") {
      var right = value === item.answer;
      var tip = kind === "single" ? options[value].feedback : (right ? "" : item.feedback);
      return [right ? item.points : 0, tip ? [tip] : []];
    }
    if (kind === "multiple") {
      var answer = answerList(item);
      var hits = value.filter(function (v) { return answer.indexOf(v) >= 0; }).length;
      var misses = value.length - hits;
      var tips = value.map(function (v) { return options[v].feedback; }).filter(Boolean);
      return [Math.max(0, hits - misses), tips];
    }
    if (kind === "rating") {
      var scale = exercise.scale;
      return [item.reverse ? scale.max - value : value - scale.min, []];
    }
    if (kind === "check") {
      return [value ? item.points : 0, value || !item.feedback ? [] : [item.feedback]];
    }
    return [0, []];
  }

  function itemResult(item, score, max, status, feedback) {
    return { item: item.id, score: score, max: max, status: status, feedback: feedback || [] };
  }

  function scoreItem(exercise, item, answers) {
    var top = itemMax(exercise, item);
    if (!has(answers, item.id) || answers[item.id] === null || answers[item.id] === undefined) {
      return itemResult(item, 0, top, "unanswered");
    }
    var value = answers[item.id];
    if (!isValid(exercise, item, value)) return itemResult(item, 0, top, "invalid");
    if (item.kind === "text" && SPACE.test(value)) return itemResult(item, 0, top, "unanswered");
    var raw = rawScore(exercise, item, value), score = raw[0], status;
    if (top === 0) status = "answered";
    else status = score === top ? "correct" : score > 0 ? "partial" : "incorrect";
    return itemResult(item, score, top, status, raw[1]);
  }

  function bandFor(exercise, score) {
    var bands = exercise.bands;
    for (var i = 0; i < bands.length; i++) {
      if (bands[i].min <= score && score <= bands[i].max) return bands[i];
    }
    return score > bands[bands.length - 1].max ? bands[bands.length - 1] : bands[0];
  }

  function dimensions(exercise, results) {
    var found = (exercise.dimensions || []).map(function (dim) {
      var score = 0, top = 0;
      exercise.items.forEach(function (item) {
        if (item.kind === "rating" && item.dimension === dim.id) {
          score += results[item.id].score;
          top += results[item.id].max;
        }
      });
      return { id: dim.id, label: dim.label, score: score, max: top, advice: dim.advice, needs_work: score * 2 < top };
    });
    if (!found.length) return [[], []];
    // Compare shares score/max by cross-multiplying integers, exactly as the Python scorer does.
    var weakest = found[0];
    found.slice(1).forEach(function (d) {
      if (d.score * weakest.max < weakest.score * d.max) weakest = d;
    });
    var lowest = found.filter(function (d) { return d.score * weakest.max === weakest.score * d.max; })
      .map(function (d) { return d.id; });
    return [found, lowest];
  }

  function scoreExercise(exercise, answers) {
    answers = isMapping(answers) ? answers : {};
    var results = Object.create(null), items = [], score = 0;
    exercise.items.forEach(function (item) {
      var r = scoreItem(exercise, item, answers);
      results[item.id] = r;
      items.push(r);
      score += r.score;
    });
    var unknown = Object.keys(answers).filter(function (k) { return results[k] === undefined; }).sort(byCodePoint);
    var ids = function (status) {
      return items.filter(function (r) { return r.status === status; }).map(function (r) { return r.item; });
    };
    var dims = dimensions(exercise, results);
    return {
      exercise: exercise.id,
      score: score,
      max: exerciseMax(exercise),
      band: bandFor(exercise, score),
      unanswered: ids("unanswered"),
      invalid: ids("invalid").concat(unknown),
      items: items,
      dimensions: dims[0],
      weakest: dims[1]
    };
  }

  var api = {
    TEXT_LIMIT: TEXT_LIMIT, isValid: isValid, scoreItem: scoreItem, scoreExercise: scoreExercise,
    bandFor: bandFor, itemMax: itemMax, exerciseMax: exerciseMax, optionsFor: optionsFor
  };
  root.Mingle = root.Mingle || {};
  root.Mingle.scoring = api;
  if (typeof module !== "undefined" && module.exports) module.exports = api;
})(typeof window !== "undefined" ? window : globalThis);
