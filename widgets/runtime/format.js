// Numbers as the reader sees them and types them. describe() writes what widgets.params.format_value
// writes, so a slider's value shows at once, before Python has loaded; plainNumber() reads text by the
// grammar of params.NUMBER_TEXT. The constants come from the generated contract.js, and the shared
// cases in tests/cases/contract_cases.json run against both sides (tests/js, tests/test_contract.py).
import { DEFAULT_DIGITS, MONEY_DIGITS, NUMBER_TEXT, PLURAL_UNITS } from "./contract.js";

const NUMBER = new RegExp(`^(?:${NUMBER_TEXT})$`); // the whole text, as Python's fullmatch

/** Plain decimal text ("12", " -3.5 ", "1e2") as a finite number, or null. Number() alone would also
 *  take "0x10", "0b11", "Infinity" or "" (which it reads as 0).
 *  @param {string} text
 *  @returns {number | null} */
export function plainNumber(text) {
  if (!NUMBER.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

// Made when the page is idle: building a number format loads locale data (tens of ms), which neither
// page start-up nor the reader's first slider move should wait for.
/** @type {Intl.NumberFormat | null} */
let number = null;
const numberFormat = () =>
  (number ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: DEFAULT_DIGITS }));
(globalThis.requestIdleCallback ?? setTimeout)(numberFormat); // made while idle, not on the first slider move

/** The value with its unit: 12.5%, $127.50, 18 months; `digits` fixes the decimals, as in Python.
 *  @param {number} value
 *  @param {string} unit
 *  @param {number | null} [digits] */
export function describe(value, unit, digits = null) {
  if (unit === "$") return `$${fixed(value, MONEY_DIGITS)}`;
  if (unit === "year") return value ? String(Math.floor(value + 0.5)) : "none";
  const text = digits === null ? numberFormat().format(value) : fixed(value, digits);
  if (unit === "×" || unit.startsWith("%")) return `${text}${unit}`; // 12%, 3×, 10% per year
  if (unit.startsWith("$ ")) return `$${text} ${unit.slice(2)}`;
  if (text === "1" && /** @type {readonly string[]} */ (PLURAL_UNITS).includes(unit))
    return `1 ${unit.slice(0, -1)}`; // 1 month, never "1 months"
  return `${text} ${unit}`.trim();
}

/** @type {Map<number, Intl.NumberFormat>} */
const fixedFormats = new Map(); // one formatter per number of decimals: toLocaleString makes one per call

/** A number with exactly `digits` decimals (anything else, or no digits, as text).
 *  @param {unknown} value
 *  @param {number | null} digits */
export function fixed(value, digits) {
  if (typeof value !== "number" || digits === null) return String(value);
  let format = fixedFormats.get(digits);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
    fixedFormats.set(digits, format);
  }
  return format.format(value);
}
