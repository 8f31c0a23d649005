// A number as a reader types it as an answer (widgets/runtime/answers.js): in a quiz, and as an assignment's
// prediction. The shared cases (contract.test.mjs) hold it to Python's quiz.py; these are its edges.
import assert from "node:assert/strict";
import { test } from "node:test";

import { checkNumber, readAnswer } from "../../widgets/runtime/answers.js";

test("a number with what readers write around it is read", () => {
  const cases = [
    ["42", 42],
    ["$148", 148],
    ["US$ 148", 148],
    ["€5", 5],
    ["1,200 t", 1200],
    ["16 years", 16],
    ["42 %", 42],
    ["3×", 3],
    ["  -7.5\u00a0", -7.5],
    ["1e3", 1000],
    ["$1,234.50", 1234.5],
  ];
  for (const [text, value] of cases) assert.equal(readAnswer(text), value, text);
});

test("anything else is not a number, however Number() would read it", () => {
  for (const text of [
    "",
    "  ",
    "$",
    "%",
    "years",
    "0x45",
    "Infinity",
    "-Infinity",
    "NaN",
    "1e999",
    "12 34",
    "1.2.3",
    "--5",
    "5-",
    "$$5",
    "5 %%",
    "five",
    "٤٢",
    "42 years old",
  ]) {
    assert.equal(readAnswer(text), null, JSON.stringify(text));
  }
});

test("a numeric answer is right within the tolerance, inclusive, and wrong just outside it", () => {
  assert.equal(checkNumber("148", 150, 2), "right");
  assert.equal(checkNumber("152", 150, 2), "right");
  assert.equal(checkNumber("152.01", 150, 2), "wrong");
  assert.equal(checkNumber("150", 150, 0), "right");
  assert.equal(checkNumber(" \t", 150, 2), "empty");
  assert.equal(checkNumber("about 150", 150, 2), "not a number");
});
