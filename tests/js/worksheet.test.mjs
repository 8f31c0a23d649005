// Reading what students hand in (widgets/runtime/worksheet.js): a worksheet file or an answer text is
// read back whole; anything else is named with a reason and skipped.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  addToClass,
  answerText,
  classCsv,
  readAnswerTexts,
  readWorksheetFile,
  WORKSHEET,
} from "../../widgets/runtime/worksheet.js";

const sheet = {
  ...WORKSHEET,
  lesson: "Lesson 1",
  widget: "tariff_stack",
  date: "2026-12-07",
  name: "Zoë Ng",
  answer: "All of it,\npassed on.",
  prediction: { kind: "number", of: "price", value: 150, text: "$150.00", made: "2026-12-07T09:00:00.000Z" },
  model_at_prediction: {
    figure: { key: "price", label: "Price", value: 148, unit: "$", text: "$148.00 (same as the baseline)" },
  },
};

test("an answer text reads back as the worksheet it was made from", () => {
  const [{ item }] = readAnswerTexts(answerText(sheet));
  const [{ item: fromFile }] = [readWorksheetFile(JSON.stringify(sheet), "x.json")];
  for (const key of [
    "name",
    "lesson",
    "widget",
    "prediction",
    "predictionValue",
    "of",
    "time",
    "modelText",
    "modelValue",
    "unit",
    "answer",
  ]) {
    assert.deepEqual(item[key], fromFile[key], key);
  }
  assert.equal(item.modelText, "$148.00");
  assert.equal(item.answer, "All of it, passed on.");
});

test("a cut or edited answer text is damaged; several in one paste are read one by one", () => {
  const text = answerText(sheet);
  const cut = text.split("\n").slice(0, -3).join("\n");
  const edited = text.replace("Prediction value: 150", "Prediction value: 148");
  const read = readAnswerTexts(`${text}\n\nthanks!\n${cut}\n${edited}`);
  assert.equal(read.length, 3);
  assert.ok(read[0].item);
  assert.match(read[1].problem, /damaged/);
  assert.match(read[2].problem, /damaged/);
  assert.match(readAnswerTexts("hello")[0].problem, /no answer text/);
});

test("files from elsewhere, damaged, newer or duplicated are named with a reason", () => {
  assert.match(readWorksheetFile("\u0089PNG\r\n", "a.png").problem, /not a worksheet/);
  assert.match(readWorksheetFile('{"format": "other"}', "b.json").problem, /not a worksheet/);
  assert.match(readWorksheetFile(JSON.stringify(sheet).slice(0, 100), "c.json").problem, /damaged/);
  assert.match(
    readWorksheetFile(JSON.stringify({ ...sheet, version: 3 }), "d.json").problem,
    /newer version/,
  );
  assert.match(readWorksheetFile(JSON.stringify({ ...sheet, widget: 7 }), "e.json").problem, /damaged/);
  const old = { ...sheet, format: "busan-explainer worksheet, version 1" };
  delete old.version;
  assert.ok(readWorksheetFile(JSON.stringify(old), "f.json").item); // the first files handed in
  const items = [];
  const problems = addToClass(items, [
    readWorksheetFile(JSON.stringify(sheet), "g.json"),
    readWorksheetFile(JSON.stringify(sheet), "h.json"),
  ]);
  assert.equal(items.length, 1);
  assert.deepEqual(problems, [{ source: "h.json", problem: "the same work as g.json, already loaded" }]);
});

test("the CSV quotes what needs quoting and never starts a cell with a formula", () => {
  const { item } = readWorksheetFile(
    JSON.stringify({ ...sheet, name: '=HYPERLINK("x")', answer: 'a, "b"' }),
    "x.json",
  );
  const lines = classCsv([item]).split("\r\n");
  assert.ok(lines[1].startsWith('"\'=HYPERLINK(""x"")"'), lines[1]);
  assert.ok(lines[1].includes('"a, ""b"""'));
  assert.ok(lines[1].endsWith(",150,148,$"));
});
