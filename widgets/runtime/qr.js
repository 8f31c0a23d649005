// QR codes for assignment links, drawn on the page as SVG: no image service, no request anywhere. The
// encoder is the npm package qrcode-generator (MIT, Kazuhiko Arase), vendored into the build as Vega is
// (explainers/runtime_assets.py VENDOR): QR encoding (Reed-Solomon codes, masks, versions) is a
// specification's worth of code that a tested, widely used package already gets right.
import qrcode from "../vendor/qrcode.mjs";

const SVG = "http://www.w3.org/2000/svg";
const QUIET = 4; // modules of white margin around the code, as the QR specification asks

/** An <svg> QR code of `text` (a link), with a text alternative. Level M: a printed code still scans with
 *  some of it smudged or folded. Type 0: the smallest version that holds the text. */
export function qrSvg(text, label) {
  // The encoder writes one byte per character; a URL's href is ASCII already (percent-encoded).
  const ascii = /^[\x20-\x7e]*$/.test(text) ? text : encodeURI(text);
  const code = qrcode(0, "M");
  code.addData(ascii, "Byte");
  code.make();
  const count = code.getModuleCount();
  const size = count + 2 * QUIET;
  let path = "";
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) if (code.isDark(row, col)) path += `M${col + QUIET} ${row + QUIET}h1v1h-1z`;
  }
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("class", "bx-qr");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.dataset.text = ascii; // what the code holds, for anyone checking it
  const back = document.createElementNS(SVG, "rect");
  back.setAttribute("width", String(size));
  back.setAttribute("height", String(size));
  back.setAttribute("fill", "#fff"); // always dark on white, also in dark mode: scanners expect it
  const dark = document.createElementNS(SVG, "path");
  dark.setAttribute("d", path);
  dark.setAttribute("fill", "#000");
  svg.append(back, dark);
  return svg;
}
