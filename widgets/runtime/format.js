// Numbers as the reader sees them; mirrors widgets.params.format_value (a browser test holds the two
// together) so a slider's value shows at once, before Python has loaded.
// Made on first use: building a number format loads locale data (tens of ms) that page start-up can skip.
let number = null;
const numberFormat = () => (number ??= new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }));

export function describe(value, unit) {
  if (unit === "$") return `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (unit === "year") return value ? String(Math.floor(value + 0.5)) : "none";
  const text = numberFormat().format(value);
  if (unit === "×" || unit.startsWith("%")) return `${text}${unit}`; // 12%, 3×, 10% per year
  if (unit.startsWith("$ ")) return `$${text} ${unit.slice(2)}`;
  return `${text} ${unit}`.trim();
}

export function fixed(value, digits) {
  if (typeof value !== "number" || digits === null) return String(value);
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
