// Short codes for assignment links, for any static host: there is no server to keep a table of short
// links (the classroom pack's start script keeps one; a static host cannot), so the code IS the assignment,
// written compactly, and the site's go/ page (go.js) turns it back into the long link, character for
// character, and opens it. The assignment page then reads exactly the link the builder made.
//
// The compact text: the widget's name, "?", then the link's settings without the widget's prefix, with
// one capital for each assignment key (widget and setting names are small letters, so a capital is never a
// name):  tariff_stack?fentanyl=20&L=mfn,section301&P=price&V=3 . Values stay as the link wrote them
// (percent-encoded). When deflate (CompressionStream "deflate-raw") and base64url make it clearly shorter,
// the code is "z." and those characters instead. Either way a "~" and three characters of checksum end it: a
// mistyped code is refused with a plain reason, never opened as some other assignment.
// Pure functions, no page: node --test runs them (tests/js/short-link.test.mjs).
import { ASSIGN_FOLDER, VERSION_KEY } from "./contract.js";
import { t } from "./words.js";
import { checksum } from "./worksheet.js";

// Each assignment key (README, "Assignment links") as one capital. A key missing here still round-trips,
// written in full: the table only makes codes shorter, never decides what they mean.
/** @type {Record<string, string>} */
const CAPITALS = {
  lock: "L",
  hide: "H",
  reveal: "R",
  predict: "P",
  choices: "C",
  q: "Q",
  lesson: "N",
  [VERSION_KEY]: "V",
};
const KEYS = Object.fromEntries(Object.entries(CAPITALS).map(([key, capital]) => [capital, key]));
const NAME = /^[a-z][a-z0-9_]*$/;
const PACKED = "z.";
const CHECK_CHARS = 3; // 18 bits: one mistyped code in 262,144 passes the check
const CLEARLY_SHORTER = 0.9; // deflated only when a tenth shorter: the plain form can be read and checked by eye
const MAX_TEXT = 20_000; // characters: an assignment's compact text is a few hundred
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Why a code could not be read, in words for the student who typed it. */
export class CodeError extends Error {}

const mistyped = () =>
  t(
    "This code does not read right: a character may be missing, extra or mistyped. Check it against the " +
      "one your teacher gave you (capital and small letters are different), then try again.",
  );

/** @param {Uint8Array} bytes */
const base64url = (bytes) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** @param {string} text */
function fromBase64url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) throw new CodeError(mistyped());
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The checksum of a compact text, as the code's last CHECK_CHARS characters.
 *  @param {string} text */
function check(text) {
  const bits = parseInt(checksum(text), 16) & ((1 << (6 * CHECK_CHARS)) - 1);
  return Array.from({ length: CHECK_CHARS }, (_, i) => B64[(bits >> (6 * (CHECK_CHARS - 1 - i))) & 63]).join(
    "",
  );
}

/** `bytes` through a (de)compression stream, refused once the output grows past what an assignment takes.
 *  @param {Uint8Array<ArrayBuffer>} bytes  @param {CompressionStream | DecompressionStream} transform
 *  @returns {Promise<Uint8Array<ArrayBuffer>>} */
async function through(bytes, transform) {
  const reader = new Blob([bytes]).stream().pipeThrough(transform).getReader();
  /** @type {Uint8Array<ArrayBuffer>[]} */
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_TEXT * 4) {
      reader.cancel();
      throw new CodeError(mistyped());
    } // not an assignment
    parts.push(value);
  }
  return new Uint8Array(await new Blob(parts).arrayBuffer());
}

/** The compact text of an assignment link made for the site at `base`, or null when the link is not an
 *  assignment link of that site that this can shorten (then there is no short code, only the long link).
 *  @param {string} link  @param {string | URL} base  the site's root  @returns {string | null} */
export function compactText(link, base) {
  const url = new URL(link);
  const root = new URL(base);
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname) || url.hash) return null;
  const found = new RegExp(`^${ASSIGN_FOLDER}/([^/]+)/$`).exec(url.pathname.slice(root.pathname.length));
  const widget = found?.[1];
  if (!widget || !NAME.test(widget)) return null;
  const pairs = [];
  for (const pair of url.search ? url.search.slice(1).split("&") : []) {
    const equals = pair.indexOf("=");
    const name = pair.slice(0, Math.max(equals, 0));
    const setting = name.slice(widget.length + 1);
    if (equals < 0 || !name.startsWith(`${widget}.`) || !NAME.test(setting)) return null; // a hand-made link: kept long
    pairs.push(`${CAPITALS[setting] ?? setting}=${pair.slice(equals + 1)}`);
  }
  return `${widget}?${pairs.join("&")}`;
}

/** A compact text back to the link's path and query, relative to the site's root.
 *  @param {string} text  @returns {string} */
export function expandText(text) {
  const mark = text.indexOf("?");
  const widget = text.slice(0, mark);
  if (mark < 0 || !NAME.test(widget)) throw new CodeError(mistyped());
  const pairs = text.slice(mark + 1) ? text.slice(mark + 1).split("&") : [];
  const query = pairs.map((pair) => {
    const equals = pair.indexOf("=");
    const short = pair.slice(0, Math.max(equals, 0));
    const setting = KEYS[short] ?? short;
    if (equals < 0 || !NAME.test(setting)) throw new CodeError(mistyped());
    return `${widget}.${setting}=${pair.slice(equals + 1)}`;
  });
  return `${ASSIGN_FOLDER}/${widget}/${query.length ? `?${query.join("&")}` : ""}`;
}

/** The short code of an assignment link, or null when it has none. It is checked before it is given:
 *  read back, it must be the very same link.
 *  @param {string} link  @param {string | URL} base  the site's root  @returns {Promise<string | null>} */
export async function shortCode(link, base) {
  const text = compactText(link, base);
  if (text === null) return null;
  let payload = text;
  try {
    const packed =
      PACKED + base64url(await through(new TextEncoder().encode(text), new CompressionStream("deflate-raw")));
    if (packed.length < text.length * CLEARLY_SHORTER) payload = packed;
  } catch {
    /* a browser without CompressionStream: the plain form, which every browser reads */
  }
  const code = `${payload}~${check(text)}`;
  return new URL(await readCode(code), base).href === new URL(link).href ? code : null;
}

/** A code (or a whole go/#… address pasted) -> the link's path and query, relative to the site's root.
 *  Throws a CodeError that says, in plain words, why it cannot be read.
 *  @param {unknown} typed  @returns {Promise<string>} */
export async function readCode(typed) {
  const code = String(typed ?? "")
    .trim()
    .replace(/^[^#]*#/, "");
  const cut = code.length - CHECK_CHARS - 1;
  if (!code) throw new CodeError(t("Type the code your teacher gave you."));
  if (cut < 1 || code[cut] !== "~" || code.length > MAX_TEXT) throw new CodeError(mistyped());
  let text = code.slice(0, cut);
  if (text.startsWith(PACKED)) {
    if (typeof DecompressionStream !== "function") {
      throw new CodeError(
        t(
          "This browser is too old to open codes of this kind: scan the QR code, or open the long link your teacher gave you.",
        ),
      );
    }
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(
        await through(fromBase64url(text.slice(PACKED.length)), new DecompressionStream("deflate-raw")),
      );
    } catch {
      throw new CodeError(mistyped());
    }
  }
  if (check(text) !== code.slice(cut + 1)) throw new CodeError(mistyped());
  return expandText(text);
}
