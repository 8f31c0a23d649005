// The language switcher (docs/assets/editions.js): the same page in the other edition, query string (a
// scenario) and hash kept, under any sub-path the site is served from.
import assert from "node:assert/strict";
import { test } from "node:test";

import { otherEdition, stemmedToo } from "../../docs/assets/editions.js";

const SITE = "https://example.org/busan/";

test("English to Russian keeps the page, the scenario and the hash", () => {
  assert.equal(
    otherEdition(`${SITE}busan-meeting/?tariff_stack.reciprocal=34#tariffs`, SITE, "", "ru/"),
    `${SITE}ru/busan-meeting/?tariff_stack.reciprocal=34#tariffs`,
  );
});

test("Russian to English, from the home page and from a page two folders down", () => {
  assert.equal(otherEdition(`${SITE}ru/`, `${SITE}ru/`, "ru/", ""), SITE);
  assert.equal(
    otherEdition(`${SITE}ru/teachers/lesson-tariffs/?x=1`, `${SITE}ru/`, "ru/", ""),
    `${SITE}teachers/lesson-tariffs/?x=1`,
  );
});

test("an address outside the edition's root is left to the link", () => {
  assert.equal(otherEdition("https://elsewhere.org/page/", SITE, "", "ru/"), null);
});

test("search: each plain word is also asked for stemmed, lunr's own syntax is left alone", () => {
  assert.equal(stemmedToo("пошлинами"), "пошлинами пошлинами^1");
  assert.equal(stemmedToo("  редкоземельные  металлы "), "редкоземельные редкоземельные^1 металлы металлы^1");
  assert.equal(stemmedToo('"Пусанское перемирие"'), '"Пусанское перемирие"');
  assert.equal(stemmedToo("title:пошлина"), "title:пошлина");
});
