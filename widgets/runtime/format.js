// Numbers as the reader sees them; mirrors widgets.params.format_value (a browser test holds the two
// together) so a slider's value shows at once, before Python has loaded.
// Made when the page is idle: building a number format loads locale data (tens of ms), which neither
// page start-up nor the reader's first slider move should wait for.
let number = null;
const numberFormat = () => (number ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }));
(window.requestIdleCallback ?? setTimeout)(numberFormat); // made while idle, not on the first slider move

export function describe(value, unit) {
  if (unit === "$") return `$${fixed(value, 2)}`;
  if (unit === "year") return value ? String(Math.floor(value + 0.5)) : "none";
  const text = numberFormat().format(value);
  if (unit === "×" || unit.startsWith("%")) return `${text}${unit}`; // 12%, 3×, 10% per year
  if (unit.startsWith("$ ")) return `$${text} ${unit.slice(2)}`;
  return `${text} ${unit}`.trim();
}

const fixedFormats = new Map(); // one formatter per number of decimals: toLocaleString makes one per call
export function fixed(value, digits) {
  if (typeof value !== "number" || digits === null) return String(value);
  if (!fixedFormats.has(digits)) {
    fixedFormats.set(digits, new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  }
  return fixedFormats.get(digits).format(value);
}
