// The page's numbers and dates per language against the shared cases (tests/cases/numbers_by_language.json),
// which tests/test_numbers.py runs against widgets/numbers.py and explainers/quiz.py.
// Run by tests/test_js_units.py, which puts these files beside the runtime and the generated contract.js.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { checkNumber, readAnswer } from "../../widgets/runtime/answers.js";
import {
  dayText,
  describe,
  editable,
  monthYear,
  numberRange,
  pageLanguage,
  points,
  shortDayText,
} from "../../widgets/runtime/format.js";

const CASES = JSON.parse(readFileSync(new URL("../cases/numbers_by_language.json", import.meta.url), "utf8"));
const show = (value) => JSON.stringify(value);

test("a number is written as its language writes it, as numbers.format_value writes it", () => {
  for (const { language, value, unit, digits, text } of CASES.format)
    assert.equal(describe(value, unit, digits, language), text, show({ language, value, unit, digits }));
});

test("a change in a percentage is in points, a range has one unit", () => {
  for (const { language, value, digits, text } of CASES.points)
    assert.equal(points(value, digits, language), text, show({ language, value }));
  for (const { language, low, high, unit, digits, text } of CASES.range)
    assert.equal(numberRange(low, high, unit, digits, language), text, show({ language, low, high }));
});

test("days and months are written as numbers.date and numbers.month_year write them", () => {
  for (const { language, date, text } of CASES.date) {
    const [year, month, day] = date.split("-").map(Number);
    assert.equal(dayText(year, month, day, language), text, show({ language, date }));
  }
  for (const { language, date, text } of CASES.short_date) {
    const [year, month, day] = date.split("-").map(Number);
    assert.equal(shortDayText(year, month, day, language), text, show({ language, date }));
  }
  for (const { language, year, month, text } of CASES.month_year)
    assert.equal(monthYear(year, month, language), text, show({ language, year, month }));
});

test("a typed answer is read in the page's language, as quiz.py check_number reads it", () => {
  for (const { language, given, answer, tolerance, result } of CASES.answers)
    assert.equal(checkNumber(given, answer, tolerance, language), result, show({ language, given, answer }));
});

test("a slider's value is typed back in the page's language, as numbers.editable writes it", () => {
  for (const { language, value, text } of CASES.editable)
    assert.equal(editable(String(value), language), text, show({ language, value }));
});

test("outside a page the language is English; on a page it is <html lang>", () => {
  assert.equal(pageLanguage(), "en");
  assert.equal(describe(12.5, "%"), "12.5%");
  globalThis.document = /** @type {any} */ ({ documentElement: { lang: "ru" } });
  try {
    assert.equal(pageLanguage(), "ru");
    assert.equal(describe(12.5, "%"), "12,5\u00a0%");
    assert.equal(readAnswer("148,5"), 148.5);
  } finally {
    delete globalThis.document;
  }
});
