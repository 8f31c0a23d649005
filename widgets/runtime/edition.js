// The page's edition (explainers/languages.py lists them once; contract.js carries the list): English at the
// site's root, every other language in its own folder (ru/), told apart by the page's <html lang>. A link
// the page makes or opens leads to its own edition's page, so a Russian reader stays in Russian.
import { EDITIONS } from "./contract.js";
import { pageLanguage } from "./words.js";

/** @type {Readonly<Record<string, string>>} */
const FOLDERS = EDITIONS;

/** A language's folder under the site's root: "" for English, "ru/" for Russian; "" for a language the
 *  site has no edition of (the original is always there).
 *  @param {string} [language]  the page's when not given */
export const editionFolder = (language = pageLanguage()) =>
  Object.hasOwn(FOLDERS, language) ? (FOLDERS[language] ?? "") : "";

/** The root of a language's edition: the site's root itself for English.
 *  @param {string | URL} siteRoot  @param {string} [language]  the page's when not given */
export const editionRoot = (siteRoot, language = pageLanguage()) =>
  new URL(editionFolder(language), siteRoot);
