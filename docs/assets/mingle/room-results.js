/* Mingle live room: one live activity's results drawn for the wall, from the room's own figures: bars for polls
   and scales, a word cloud, and the answers and questions the presenter has let through, in large type. Names are
   never in what the room sends; every text goes in as text. */
((root) => {
  "use strict";
  const M = root.Mingle, el = M.el;
  const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

  // [label, count] for each option or point, in the activity's own order.
  function rows(activity, result) {
    if (activity.kind === "poll") return activity.options.map((o) => [o.text, result.counts[o.id] || 0]);
    return activity.labels.map((label, n) => [label, result.counts[String(activity.min + n)] || 0]);
  }

  function bars(box, activity, result) {
    const list = el(box, "ul", null, { class: "room-result-bars" }), counted = rows(activity, result);
    const most = Math.max(1, ...counted.map(([, n]) => n));
    for (const [label, n] of counted) {
      const row = el(list, "li");
      el(row, "span", label, { class: "room-result-label" });
      const track = el(row, "span", null, { class: "room-result-track" });
      el(track, "span", null, { class: "room-result-bar", style: `width: ${Math.round((n / most) * 100)}%` });
      el(row, "span", String(n), { class: "room-result-count" });
    }
  }

  // The first `most` of a list's items, then a line saying how many more the wall shows.
  function some(list, items, most, add) {
    for (const item of items.slice(0, most)) add(item);
    if (items.length > most) {
      el(list.parentNode, "p", `and ${plural(items.length - most, "more")} on the wall`, { class: "room-result-more" });
    }
  }

  // Draw one activity's results into `box` (replacing what it held); returns a line saying how many have answered.
  // A slide, with a fixed canvas, passes `most`: how many answers or questions it has room for.
  function draw(box, activity, result, most = Infinity) {
    box.replaceChildren();
    const count = result ? result.responses : 0;
    if (!count) {
      el(box, "p", "No answers yet.", { class: "room-result-empty" });
      return "No answers yet.";
    }
    if (activity.kind === "poll" || activity.kind === "scale") bars(box, activity, result);
    else if (activity.kind === "words") {
      const words = Object.entries(result.words);
      const cloud = el(box, "div", null, { class: "room-result-cloud" });
      M.wordcloud.draw(cloud, words, `Word cloud: ${words.slice(0, 10).map(([w]) => w).join(", ")}`);
    } else if ((activity.kind === "open" ? result.answers : result.questions).length === 0) {
      el(box, "p", `${activity.kind === "open" ? "Answers" : "Questions"} appear here once the presenter has read them.`,
        { class: "room-result-empty" });
    } else if (activity.kind === "open") {
      const list = el(box, "ul", null, { class: "room-result-answers" });
      some(list, result.answers, most, (answer) => el(list, "li", answer.text));
    } else {
      const list = el(box, "ol", null, { class: "room-result-questions" });
      some(list, result.questions, most, (question) => {
        const item = el(list, "li", null, question.answered ? { class: "room-result-answered" } : {});
        el(item, "span", question.text, { class: "room-result-text" });
        el(item, "span", ` ${plural(question.votes, "vote")}${question.answered ? ", answered" : ""}`,
          { class: "room-result-votes" });
      });
    }
    return activity.kind === "qa" ? `${plural(count, "question")} so far.` : `${plural(count, "answer")} so far.`;
  }

  M.roomResults = { draw };
})(window);
