// A widget's state lives in the page address (?tariff_stack.fentanyl=13), so a teacher can send a
// class to one exact scenario. Values from an address (or typed beside a slider) are untrusted: anything that is not a finite
// number is dropped (the slider keeps its starting value), anything out of range is clamped, and the
// reader is told what the page did, in the terms the slider shows.
// Nothing read here is ever inserted as HTML (callers use textContent).
// A number is read by the grammar Python reads it by (plainNumber, params.NUMBER_TEXT).
// No page needed: node --test runs it (tests/js/scenario-url.test.mjs).
import { describe, plainNumber } from "./format.js";
import { t } from "./words.js";

const MAX_SHOWN = 40; // characters of a rejected value echoed back to the reader

/** A reader's text as echoed back: at most MAX_SHOWN characters.
 *  @param {string} text */
export function shown(text) {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

/** The bounds and words of a setting, as a link or a typed value is read against them.
 *  @typedef {Pick<Param, "name" | "label" | "unit" | "minimum" | "maximum" | "step" | "default">} Setting */

/** One setting as a reader wrote it (in a link, or typed beside its slider). The value is null when the
 *  text is not a number (the slider keeps `kept`, which the note calls `keptAs`); the note is "" when the
 *  value was used as written.
 *  @param {Setting} param
 *  @param {string} raw
 *  @param {number} kept
 *  @param {string} [keptAs]
 *  @returns {{ value: number | null, note: string }} */
export function readSetting(param, raw, kept, keptAs = t("its starting value")) {
  const value = plainNumber(raw);
  if (value === null) {
    return {
      value: null,
      note: t("{setting}: “{text}” is not a usable number, so the slider keeps {kept}, {value}.", {
        setting: param.label,
        text: shown(raw),
        kept: keptAs,
        value: describe(kept, param.unit),
      }),
    };
  }
  const clamped = Math.min(Math.max(value, param.minimum), param.maximum);
  const note =
    clamped === value
      ? ""
      : t("{setting} must be between {low} and {high}; {asked} was changed to {value}.", {
          setting: param.label,
          low: describe(param.minimum, param.unit),
          high: describe(param.maximum, param.unit),
          asked: describe(value, param.unit),
          value: describe(clamped, param.unit),
        });
  return { value: clamped, note };
}

/** Settings found in the address's query (`search`) for one widget; notes are plain text. `start` is
 *  where the widget's sliders start (its defaults, or the preset a page starts it from).
 *  @param {string} key
 *  @param {Setting[]} params
 *  @param {string} search
 *  @param {Record<string, number>} [start]
 *  @returns {{ values: Record<string, number>, notes: string[] }} */
export function readScenario(key, params, search, start = {}) {
  const query = new URLSearchParams(search);
  /** @type {Record<string, number>} */
  const values = {};
  /** @type {string[]} */
  const notes = [];
  for (const param of params) {
    const raw = query.get(`${key}.${param.name}`);
    if (raw === null) continue;
    const { value, note } = readSetting(param, raw, start[param.name] ?? param.default);
    if (note) notes.push(note);
    if (value !== null) values[param.name] = value;
  }
  return { values, notes };
}

/** A note for a value the slider itself changed (it moves in steps), or "" if it kept the value.
 *  @param {Setting} param
 *  @param {number} asked
 *  @param {number} actual */
export function stepNote(param, asked, actual) {
  if (asked === actual) return "";
  return t("{setting} moves in steps of {step}; {asked} was changed to {value}.", {
    setting: param.label,
    step: describe(param.step, param.unit),
    asked: describe(asked, param.unit),
    value: describe(actual, param.unit),
  });
}

/** The page address `href` with this widget's settings (those equal to its starting values left out, to
 *  keep links short).
 *  @param {string} key
 *  @param {Setting[]} params
 *  @param {Record<string, number>} values
 *  @param {Record<string, number>} start
 *  @param {string} href */
export function scenarioUrl(key, params, values, start, href) {
  const url = new URL(href);
  for (const param of params) {
    const name = `${key}.${param.name}`;
    if (values[param.name] === start[param.name]) url.searchParams.delete(name);
    else url.searchParams.set(name, String(values[param.name]));
  }
  return url.href;
}
