// The page's JavaScript against the shared cases (tests/cases/contract_cases.json), which
// tests/test_contract.py runs against Python: the number grammar, format_value/describe, quiz answers.
// Run by tests/test_js_units.py, which puts these files beside the runtime and the generated contract.js.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { checkNumber } from "../../widgets/runtime/answers.js";
import { describe, plainNumber } from "../../widgets/runtime/format.js";
import { readScenario } from "../../widgets/runtime/scenario-url.js";

const CASES = JSON.parse(readFileSync(new URL("../cases/contract_cases.json", import.meta.url), "utf8"));
const show = (value) => JSON.stringify(value);

test("a text is a number, or not, as in Python", () => {
  for (const { text, number } of CASES.numbers) assert.equal(plainNumber(text), number, show(text));
});

test("a shared link's value is kept (clamped to the range) exactly when it is a number", () => {
  const param = { name: "x", label: "X", unit: "%", minimum: -100, maximum: 100, step: 1, default: 5 };
  for (const { text, number } of CASES.numbers) {
    const { values, notes } = readScenario("w", [param], `?${new URLSearchParams({ "w.x": text })}`);
    if (number === null) {
      assert.deepEqual(values, {}, show(text));
      assert.match(
        notes[0],
        /is not a usable number, so the slider keeps its starting value, 5%\.$/,
        show(text),
      );
    } else {
      assert.equal(values.x, Math.min(Math.max(number, -100), 100), show(text));
      assert.equal(notes.length, Math.abs(number) > 100 ? 1 : 0, show(text));
    }
  }
});

test("a number is written as format_value writes it", () => {
  for (const { value, unit, digits, text } of CASES.format) {
    assert.equal(describe(value, unit, digits), text, show({ value, unit, digits }));
  }
});

test("a quiz answer is judged as quiz.py check_number judges it", () => {
  for (const { given, answer, tolerance, result } of CASES.quiz) {
    assert.equal(checkNumber(given, answer, tolerance), result, show({ given, answer, tolerance }));
  }
});

test("the number grammar is one RegExp source both engines read alike", async () => {
  const { NUMBER_TEXT } = await import("../../widgets/runtime/contract.js");
  const whole = new RegExp(`^(?:${NUMBER_TEXT})$`);
  for (const { text, grammar } of CASES.numbers) assert.equal(whole.test(text), grammar, show(text));
  assert.doesNotThrow(() => new RegExp(NUMBER_TEXT, "u")); // also under the stricter Unicode-mode syntax
});

test("a number in a downloaded CSV is written as download_csv.py plain_number writes it", async () => {
  const { plainNumber } = await import("../../widgets/runtime/reuse.js");
  for (const { value, text } of CASES.csv) assert.equal(plainNumber(value), text, show(value));
});
