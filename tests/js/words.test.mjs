// The runtime's words (widgets/runtime/words.js): a message in the page's language, its placeholders
// filled; a count in the right plural form, by the same rule as Python's (the shared plural cases).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { pluralIndex, t, tn, useWords, wordsForPython } from "../../widgets/runtime/words.js";

const CASES = JSON.parse(readFileSync(new URL("../cases/plural_cases.json", import.meta.url), "utf8"));

test("each language's plural rule matches the shared cases", () => {
  for (const [language, forms] of Object.entries(CASES.forms)) {
    assert.deepEqual(
      CASES.counts.map((/** @type {number} */ n) => pluralIndex(language, n)),
      forms,
      language,
    );
  }
});

test("English is the code's own words, placeholders filled", () => {
  useWords("");
  assert.equal(t("Reset"), "Reset");
  assert.equal(t("{count} settings changed", { count: 3 }), "3 settings changed");
  assert.equal(tn("{count} setting changed", "{count} settings changed", 1), "1 setting changed");
  assert.deepEqual(wordsForPython(), { language: "en", text: "" });
});

test("Russian words, with three plural forms", () => {
  const catalog = {
    language: "ru",
    messages: { Reset: "Сбросить", "Line {line}": "Строка {line}" },
    plurals: {
      "{count} setting changed": [
        "изменён {count} параметр",
        "изменено {count} параметра",
        "изменено {count} параметров",
      ],
    },
  };
  useWords(JSON.stringify(catalog));
  assert.equal(t("Reset"), "Сбросить");
  assert.equal(t("Line {line}", { line: 7 }), "Строка 7");
  assert.equal(t("Not translated"), "Not translated");
  const said = [1, 2, 5, 11, 21, 22, 25].map((n) =>
    tn("{count} setting changed", "{count} settings changed", n),
  );
  assert.deepEqual(said, [
    "изменён 1 параметр",
    "изменено 2 параметра",
    "изменено 5 параметров",
    "изменено 11 параметров",
    "изменён 21 параметр",
    "изменено 22 параметра",
    "изменено 25 параметров",
  ]);
  assert.equal(wordsForPython().language, "ru");
  useWords("");
});
