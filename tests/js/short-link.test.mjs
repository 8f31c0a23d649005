// Short codes of assignment links (widgets/runtime/short-link.js): read back, a code is the very link it
// was made from, for any assignment; a code with a character mistyped, missing or extra is refused with a
// plain reason, never opened as another assignment.
import assert from "node:assert/strict";
import { test } from "node:test";

import { encode } from "../../widgets/runtime/assignment-link.js";
import { editionFolder, editionRoot } from "../../widgets/runtime/edition.js";
import { CodeError, compactText, expandText, readCode, shortCode } from "../../widgets/runtime/short-link.js";

const BASE = "https://example.org/site/";
const WIDGETS = {
  tariff_stack: [
    "mfn",
    "section301",
    "section232",
    "fentanyl",
    "reciprocal",
    "section122",
    "others_reciprocal",
    "china_share",
    "switching",
    "pass_through",
    "elasticity",
  ],
  rare_earth_supply: [
    "china_share",
    "home_use",
    "withheld",
    "start_month",
    "duration",
    "stockpile",
    "other_growth",
  ],
  central_asia_pipeline: [
    "investment",
    "lead_time",
    "output_per_bn",
    "processed_share",
    "world_growth",
    "oxide_price",
  ],
};
const FIGURES = ["price", "total", "volume", "revenue", "peak_shortfall", "first_output", "charts"];

// A deterministic generator (mulberry32): a failure names its seed and happens again.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Anything a teacher may type in a question or a lesson's name, the awkward characters included.
const LETTERS = [
  "a",
  "b",
  "Z",
  " ",
  " ",
  "e",
  "?",
  "&",
  "=",
  "#",
  "%",
  "+",
  "~",
  "'",
  '"',
  ",",
  "|",
  ":",
  "/",
  "$",
  "é",
  "ß",
  "中",
  "😀",
  "\n",
  "<",
  ".",
];

function randomLink(next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const some = (list) => list.filter(() => next() < 0.4);
  const widget = pick(Object.keys(WIDGETS));
  const params = WIDGETS[widget];
  const parts = [];
  const add = (name, value) => {
    if (value !== "") parts.push(`${widget}.${name}=${encode(String(value))}`);
  };
  for (const param of some(params)) add(param, Math.round(next() * 2000) / 10);
  add("lock", some(params).join(","));
  add("hide", [...some(params), ...some(FIGURES)].join(","));
  add("reveal", some(FIGURES).join(","));
  if (next() < 0.6) add("predict", pick(FIGURES));
  if (next() < 0.2) add("choices", ["Up", "Down", "No change"].join("|"));
  const text = (length) => Array.from({ length }, () => pick(LETTERS)).join("");
  if (next() < 0.6) add("q", text(Math.floor(next() * 200)));
  if (next() < 0.5) add("lesson", text(Math.floor(next() * 60)));
  if (parts.length) add("v", 1 + Math.floor(next() * 4));
  return `${BASE}assign/${widget}/${parts.length ? `?${parts.join("&")}` : ""}`;
}

const same = (path, link) => new URL(path, BASE).href === new URL(link).href;

test("every assignment link reads back from its code as the very same link, and the code is shorter", async () => {
  const next = random(20261206);
  for (let i = 0; i < 500; i += 1) {
    const link = randomLink(next);
    const code = await shortCode(link, BASE);
    assert.ok(code, `no code for ${link}`);
    assert.ok(same(await readCode(code), link), `#${i}: ${link}\n${code}`);
    assert.ok(`${BASE}go/#${code}`.length < link.length || link.length < 60, `#${i}: not shorter: ${link}`);
  }
});

test("an assignment has the same code in every edition, and each edition's go/ page opens its own page", async () => {
  // explainers/languages.py: English at the root (links already shared unchanged), Russian under ru/.
  assert.equal(editionFolder("en"), "");
  assert.equal(editionFolder("ru"), "ru/");
  assert.equal(editionFolder("xx"), ""); // no such edition: the original
  assert.equal(editionFolder("constructor"), ""); // a name every object has is no edition either
  assert.equal(editionRoot(BASE, "en").href, BASE);
  const russian = editionRoot(BASE, "ru");
  assert.equal(russian.href, `${BASE}ru/`);
  const next = random(26);
  for (let i = 0; i < 100; i += 1) {
    const link = randomLink(next);
    const inRussian = `${BASE}ru/${link.slice(BASE.length)}`; // the Russian builder's: the same query
    const code = await shortCode(inRussian, russian);
    assert.equal(code, await shortCode(link, BASE), `#${i}: ${link}`);
    // go.js: the code's path, from the root of the edition the go/ page belongs to.
    assert.equal(new URL(await readCode(code), russian).href, new URL(inRussian).href, `#${i}`);
    assert.equal(new URL(await readCode(code), editionRoot(BASE, "en")).href, new URL(link).href, `#${i}`);
  }
});

test("a mistyped code is refused in plain words, never read as another assignment", async () => {
  const next = random(7);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~=&?%+,";
  let refused = 0;
  for (let i = 0; i < 150; i += 1) {
    const link = randomLink(next);
    const code = await shortCode(link, BASE);
    for (let j = 0; j < 8; j += 1) {
      const at = Math.floor(next() * code.length);
      const letter = alphabet[Math.floor(next() * alphabet.length)];
      const damaged = [
        code.slice(0, at) + letter + code.slice(at + 1), // one character mistyped
        code.slice(0, at) + code.slice(at + 1), // one left out
        code.slice(0, at) + letter + code.slice(at), // one too many
        code.slice(0, at) + code[at + 1] + code[at] + code.slice(at + 2), // two swapped
      ][j % 4];
      if (damaged === code) continue;
      try {
        const path = await readCode(damaged);
        // Only a change that means nothing (base64's unused last bits) may still read, as the same link.
        assert.ok(same(path, link), `#${i}: ${damaged} read as another assignment: ${path}`);
      } catch (error) {
        assert.ok(error instanceof CodeError, `${damaged}: ${error}`);
        assert.match(error.message, /does not read right|Type the code/);
        refused += 1;
      }
    }
  }
  assert.ok(refused > 1000, `${refused} refused`);
});

test("an assignment whose words repeat is deflated; a short one stays readable", async () => {
  // Lesson 1's first assignment: "tariff", "fentanyl" and "Busan" come back in its question and name.
  const long = `${BASE}assign/tariff_stack/?tariff_stack.fentanyl=20&tariff_stack.lock=mfn,section301,section232,reciprocal,section122,others_reciprocal,china_share,switching,pass_through,elasticity&tariff_stack.reveal=charts&tariff_stack.predict=price&tariff_stack.q=Before+Busan+the+fentanyl+tariff+was+20%25.+Predict+the+duty-paid+price+of+the+%24100+good%2C+then+set+the+fentanyl+tariff+to+10%25+as+after+Busan.&tariff_stack.lesson=Lesson+1,+step+3:+before+and+after+Busan&tariff_stack.v=3`;
  const packed = await shortCode(long, BASE);
  assert.match(packed, /^z\.[A-Za-z0-9_-]+~[A-Za-z0-9_-]{3}$/);
  assert.ok(packed.length < compactText(long, BASE).length * 0.9);
  const short = `${BASE}assign/tariff_stack/?tariff_stack.fentanyl=20&tariff_stack.predict=price&tariff_stack.v=3`;
  assert.match(await shortCode(short, BASE), /^tariff_stack\?fentanyl=20&P=price&V=3~[A-Za-z0-9_-]{3}$/);
});

test("the whole go/ address pasted reads as its code; an empty one asks for the code", async () => {
  const link = `${BASE}assign/tariff_stack/?tariff_stack.predict=price&tariff_stack.v=3`;
  const code = await shortCode(link, BASE);
  assert.ok(same(await readCode(` ${BASE}go/#${code} `), link));
  await assert.rejects(
    readCode("  "),
    (error) => error instanceof CodeError && /Type the code/.test(error.message),
  );
  await assert.rejects(readCode("tariff_stack?P=price"), CodeError); // no check characters
});

test("a link that is not this site's assignment link has no code: it stays long", async () => {
  for (const link of [
    "https://elsewhere.example/site/assign/tariff_stack/?tariff_stack.v=3", // another site
    `${BASE}busan-meeting/?tariff_stack.fentanyl=20`, // a scenario link, not an assignment
    `${BASE}assign/tariff_stack/?utm_source=mail&tariff_stack.v=3`, // a key of no widget
    `${BASE}assign/tariff_stack/?rare_earth_supply.lock=home_use`, // another widget's key
    `${BASE}assign/tariff_stack/?tariff_stack.lock`, // a key without a value
    `${BASE}assign/tariff_stack/?tariff_stack.v=3#top`,
  ]) {
    assert.equal(await shortCode(link, BASE), null, link);
  }
  assert.throws(() => expandText("Tariff?P=price"), CodeError);
});
