// A scenario link (widgets/runtime/scenario-url.js): what a reader or a teacher wrote in an address, or typed
// beside a slider, is untrusted. A value that is not a plain number is refused (the slider keeps its value),
// one out of range is clamped, and the reader is told which, in the slider's own terms.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  readScenario,
  readSetting,
  scenarioUrl,
  shown,
  stepNote,
} from "../../widgets/runtime/scenario-url.js";

const RATE = {
  name: "rate",
  label: "Tariff rate",
  unit: "%",
  minimum: 0,
  maximum: 100,
  step: 5,
  default: 20,
};
const MONTHS = {
  name: "pause",
  label: "Pause",
  unit: "months",
  minimum: 1,
  maximum: 24,
  step: 1,
  default: 12,
};

test("a plain number is used as written, with no note", () => {
  for (const [raw, value] of [
    ["35", 35],
    [" 35 ", 35],
    ["+35", 35],
    ["3.5e1", 35],
    ["0", 0],
    ["100", 100],
    [".5", 0.5],
  ]) {
    assert.deepEqual(readSetting(RATE, raw, 20), { value, note: "" }, raw);
  }
});

test("text that is not a plain number is refused, and the slider keeps its value", () => {
  for (const raw of [
    "",
    " ",
    "abc",
    "0x10",
    "0b11",
    "Infinity",
    "NaN",
    "1e999",
    "1,5",
    "35%",
    "3 5",
    "--3",
    "1e",
    "٣",
  ]) {
    const { value, note } = readSetting(RATE, raw, 20);
    assert.equal(value, null, raw);
    assert.match(
      note,
      /^Tariff rate: “.*” is not a usable number, so the slider keeps its starting value, 20%\.$/s,
      raw,
    );
  }
  const typed = readSetting(MONTHS, "soon", 6, "its value");
  assert.equal(typed.note, "Pause: “soon” is not a usable number, so the slider keeps its value, 6 months.");
});

test("a number out of range is clamped to the nearer end, and the note says both", () => {
  assert.deepEqual(readSetting(RATE, "250", 20), {
    value: 100,
    note: "Tariff rate must be between 0% and 100%; 250% was changed to 100%.",
  });
  assert.equal(readSetting(RATE, "-1e300", 20).value, 0);
  assert.equal(
    readSetting(MONTHS, "0", 12).note,
    "Pause must be between 1 month and 24 months; 0 months was changed to 1 month.",
  );
});

test("a rejected value is echoed back at most forty characters long", () => {
  const { note } = readSetting(RATE, "9".repeat(30) + "x".repeat(300), 20);
  assert.ok(note.includes(`“${"9".repeat(30)}${"x".repeat(10)}…”`), note);
  assert.equal(shown("short"), "short");
  assert.equal(shown("y".repeat(41)), `${"y".repeat(40)}…`);
});

test("an address is read for this widget's settings only; the rest is left alone", () => {
  const search = "?w.rate=45&w.pause=99&other.rate=5&w.unknown=3&rate=7&w.rate=50";
  const { values, notes } = readScenario("w", [RATE, MONTHS], search, { rate: 10, pause: 6 });
  assert.deepEqual(values, { rate: 45, pause: 24 }); // the first of a repeated key, as URLSearchParams gives it
  assert.deepEqual(notes, [
    "Pause must be between 1 month and 24 months; 99 months was changed to 24 months.",
  ]);
  assert.deepEqual(readScenario("w", [RATE], "", {}), { values: {}, notes: [] });
  // A refused value's note names where the slider starts on this page, not the model's default.
  assert.match(
    readScenario("w", [RATE], "?w.rate=lots", { rate: 10 }).notes[0],
    /keeps its starting value, 10%\.$/,
  );
  assert.match(readScenario("w", [RATE], "?w.rate=lots").notes[0], /keeps its starting value, 20%\.$/);
});

test("a value the slider moved to its step is told; one it kept is not", () => {
  assert.equal(stepNote(RATE, 42, 40), "Tariff rate moves in steps of 5%; 42% was changed to 40%.");
  assert.equal(stepNote(RATE, 40, 40), "");
});

test("a scenario's address leaves out what equals the start, and reads back as the same scenario", () => {
  const start = { rate: 20, pause: 12 };
  const href = "https://site.example/busan/?w.rate=99&w.pause=3&keep=1#chart";
  const url = new URL(scenarioUrl("w", [RATE, MONTHS], { rate: 35, pause: 12 }, start, href));
  assert.equal(url.searchParams.get("w.rate"), "35");
  assert.equal(
    url.searchParams.has("w.pause"),
    false,
    "a value at its start is dropped, even if the address had one",
  );
  assert.equal(url.searchParams.get("keep"), "1");
  assert.equal(url.hash, "#chart");
  assert.deepEqual(readScenario("w", [RATE, MONTHS], url.search, start), { values: { rate: 35 }, notes: [] });
  assert.equal(scenarioUrl("w", [RATE], { rate: 20 }, start, "https://s/p/"), "https://s/p/");
});
