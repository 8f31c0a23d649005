// An assignment link, read (widgets/runtime/assignment-link.js readAssignment) and written (assignmentLink):
// a link is text anyone can edit, so every name is checked against the widget's own, texts are cleaned and
// bounded, and a name the widget does not know withholds every result rather than give an answer away.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  assignmentLink,
  cleanText,
  localOnly,
  MAX,
  readAssignment,
  slug,
} from "../../widgets/runtime/assignment-link.js";

const INFO = {
  params: [{ name: "fentanyl" }, { name: "reciprocal" }, { name: "section301" }],
  figures: [
    { key: "total", label: "Total tariff", unit: "%" },
    { key: "price", label: "Price paid", unit: "$" },
  ],
  charts: [{ name: "stack" }, { name: "price_chart" }],
};
const read = (query) => readAssignment("w", INFO, query);
const results = (plan) => Object.fromEntries(plan.results);

test("a page address without an assignment asks nothing", () => {
  for (const query of ["", "?", "?utm_source=mail", "?w.fentanyl=20"]) {
    const plan = read(query);
    assert.equal(plan.active, false, query);
    assert.deepEqual(
      [plan.locked.size, plan.hidden.size, plan.results.size, plan.notes.length],
      [0, 0, 0, 0],
      query,
    );
    assert.equal(plan.predict, null);
  }
});

test("sliders are locked or hidden by name; hidden wins over locked", () => {
  const plan = read("?w.lock=fentanyl,reciprocal&w.hide=reciprocal");
  assert.equal(plan.active, true);
  assert.deepEqual([...plan.locked], ["fentanyl"]);
  assert.deepEqual([...plan.hidden], ["reciprocal"]);
  assert.deepEqual(plan.notes, []);
});

test("'charts' stands for every chart; results are hidden or shown after the prediction", () => {
  const plan = read("?w.hide=price&w.reveal=charts,price");
  assert.deepEqual(results(plan), { price: "hidden", stack: "reveal", price_chart: "reveal" });
});

test("a slider cannot be revealed, and says so", () => {
  const plan = read("?w.reveal=fentanyl");
  assert.equal(plan.results.size, 0);
  assert.match(plan.notes[0], /“fentanyl” is a slider; a slider can be locked or hidden, not revealed/);
});

test("a name the widget does not have is ignored with a note, and every result is then withheld", () => {
  const plan = read("?w.hide=old_readout&w.lock=nope");
  assert.equal(plan.hidden.size + plan.locked.size, 0);
  assert.match(plan.notes.join(" "), /“old_readout” is not a slider, read-out or chart/);
  assert.match(plan.notes.join(" "), /“nope” is not a slider/);
  // A mistyped lock alone gives nothing away; a mistyped hide may have been meant for the very answer.
  assert.deepEqual(results(plan), {
    total: "reveal",
    price: "reveal",
    stack: "reveal",
    price_chart: "reveal",
  });
  assert.equal(read("?w.lock=nope").results.size, 0);
});

test("a setting the widget no longer has is named; the version key is not a setting", () => {
  const plan = read("?w.lock=fentanyl&w.gone=3&w.v=2");
  assert.equal(plan.notes.length, 2, plan.notes.join(" | "));
  assert.match(plan.notes[0], /“gone” is not a setting of this widget/);
});

test("another widget's link is still an assignment here, and keeps results fair", () => {
  const plan = read("?other.hide=total&other.fentanyl=3");
  assert.equal(plan.active, true);
  assert.match(plan.notes[0], /settings for “other”, which is not on this page/);
  assert.equal(plan.results.size, 4);
  // Scenario values for another widget alone withhold nothing.
  assert.equal(read("?other.fentanyl=3").results.size, 0);
});

test("a prediction names a read-out, which is then withheld until it is made", () => {
  const plan = read("?w.predict=price");
  assert.equal(plan.predict?.key, "price");
  assert.deepEqual(results(plan), { price: "reveal" });
  const unknown = read("?w.predict=stack"); // a chart is not a read-out
  assert.equal(unknown.predict, null);
  assert.equal(unknown.results.size, 4);
});

test("choices are cleaned, without repeats, two to six of them", () => {
  assert.deepEqual(read("?w.choices=Up| up|Down|Up").choices, ["Up", "up", "Down"]);
  const one = read("?w.choices=Only");
  assert.deepEqual(one.choices, []);
  assert.match(one.notes[0], /at least two options/);
  const many = read(`?w.choices=${"abcdefgh".split("").join("|")}`);
  assert.deepEqual(many.choices, ["a", "b", "c", "d", "e", "f"]);
  assert.match(many.notes[0], /Only the first 6 choices/);
  assert.deepEqual(read("?w.choices=|||").choices, []);
});

test("a link names at most forty names of each kind", () => {
  const names = Array.from({ length: 50 }, (_, i) => `n${i}`);
  const plan = read(`?w.lock=${names.join(",")}`);
  assert.equal(plan.notes.filter((n) => n.startsWith("lock:")).length, MAX.names);
});

test("texts from a link lose control and direction-override characters and are bounded", () => {
  assert.equal(cleanText("a\u0000b\u202Ec\u2066d\nline\ttwo", 100), "a b c d line two");
  assert.equal(cleanText(null, 10), "");
  assert.equal(cleanText(undefined, 10), "");
  assert.equal(cleanText("x".repeat(500), 300).length, 300);
  assert.ok(cleanText("x".repeat(500), 300).endsWith("…"));
  const plan = read(`?w.q=${encodeURIComponent("Why?\u202E".repeat(100))}&w.lesson=%E0%A4%A`);
  assert.equal(plan.question.length, MAX.q);
  assert.ok(!plan.question.includes("\u202E"));
  assert.equal(plan.lesson, "\uFFFD%A"); // a malformed escape is read as text, never an exception
});

test("a link the builder writes reads back as the same assignment", () => {
  const widget = {
    widget: "w",
    page: "assign/w/",
    version: 3,
    params: [
      { name: "fentanyl", default: 10 },
      { name: "reciprocal", default: 10 },
      { name: "section301", default: 25 },
    ],
    charts: INFO.charts,
  };
  const choices = {
    values: { fentanyl: 20, reciprocal: 10, section301: 25 },
    sliders: { fentanyl: "lock", reciprocal: "hide", section301: "free" },
    results: { total: "shown", price: "reveal", stack: "reveal", price_chart: "reveal" },
    predict: "price",
    kind: "choice",
    choices: ["Up, a lot", "Down | a bit"],
    question: "What happens to the price?",
    lesson: "Lesson 1: Tariffs",
  };
  const link = assignmentLink(widget, choices, "https://school.example/site/");
  const url = new URL(link);
  assert.equal(url.origin + url.pathname, "https://school.example/site/assign/w/");
  assert.equal(url.searchParams.get("w.fentanyl"), "20");
  assert.equal(url.searchParams.get("w.reciprocal"), null, "a value at its default is left out");
  assert.equal(url.searchParams.get("w.reveal"), "price,charts", "all charts alike are written as 'charts'");
  assert.equal(url.searchParams.get("w.v"), "3");
  const plan = readAssignment("w", INFO, url.search);
  assert.deepEqual([...plan.locked], ["fentanyl"]);
  assert.deepEqual([...plan.hidden], ["reciprocal"]);
  assert.deepEqual(results(plan), { price: "reveal", stack: "reveal", price_chart: "reveal" });
  assert.equal(plan.predict?.key, "price");
  assert.deepEqual(plan.choices, ["Up, a lot", "Down / a bit"]); // "|" separates options: one inside becomes "/"
  assert.equal(plan.question, choices.question);
  assert.equal(plan.lesson, choices.lesson);
  assert.deepEqual(plan.notes, []);
  const plain = { ...choices, sliders: {}, results: {}, predict: "", choices: [], question: "", lesson: "" };
  assert.equal(
    assignmentLink(
      widget,
      { ...plain, values: { fentanyl: 10, reciprocal: 10, section301: 25 } },
      "https://s/",
    ),
    "https://s/assign/w/",
    "nothing asked: the page itself, with no version",
  );
});

test("a link to this computer is told apart from one a student's device can open", () => {
  for (const address of [
    "http://localhost:8000/",
    "http://127.0.0.1/",
    "http://127.3.4.5/",
    "http://[::1]:8000/",
    "http://0.0.0.0/",
    "http://pack.localhost/",
    "file:///home/t/site/index.html",
  ]) {
    assert.equal(localOnly(new URL(address)), true, address);
  }
  for (const address of ["http://192.168.1.20:8000/", "https://school.example/", "http://10.0.0.7/"]) {
    assert.equal(localOnly(new URL(address)), false, address);
  }
});

test("a worksheet's file name is a plain slug, never empty", () => {
  assert.equal(slug("Lesson 1: Tariffs"), "lesson-1-tariffs");
  assert.equal(slug("Économie — « déjà vu »"), "economie-deja-vu");
  assert.equal(slug("Урок 1: пошлины"), "urok-1-poshliny"); // a Russian lesson, in Latin letters
  assert.equal(slug("Щёлочь, ЮЖНЫЙ объём"), "shcheloch-yuzhnyy-obem");
  assert.equal(slug("!!!"), "worksheet");
  assert.equal(slug(""), "worksheet");
  const long = slug(`${"word ".repeat(30)}`);
  assert.ok(long.length <= 60 && !long.endsWith("-"), long);
});
