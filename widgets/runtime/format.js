// Numbers as the reader sees them; mirrors widgets.params.format_value (a browser test holds the two
// together) so a slider's value shows at once, before Python has loaded.
const NUMBER = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

export function describe(value, unit) {
  if (unit === "$") return `$${value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const text = NUMBER.format(value);
  return unit === "%" ? `${text}%` : `${text} ${unit}`.trim();
}

export function fixed(value, digits) {
  if (typeof value !== "number" || digits === null) return String(value);
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
