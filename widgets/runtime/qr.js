// QR codes for assignment links, drawn on the page: no image service, no request anywhere. The
// encoder is the npm package qrcode-generator (MIT, Kazuhiko Arase), vendored into the build as Vega is
// (explainers/runtime_assets.py VENDOR): QR encoding (Reed-Solomon codes, masks, versions) is a
// specification's worth of code that a tested, widely used package already gets right.
import qrcode from "../vendor/qrcode.mjs";

const QUIET = 4; // modules of white margin around the code, as the QR specification asks
const PIXELS = 8; // per module: sharp when printed or shown full screen (CSS scales it, pixelated)

/** A QR code of `text` (a link) as a <canvas>, with a text alternative. Level M: a printed code still scans
 *  with some of it smudged or folded. Type 0: the smallest version that holds the text. A canvas, not SVG:
 *  its picture is pixels, not hundreds of coordinates in the page's text.
 *  @param {string} text
 *  @param {string} label */
export function qrCode(text, label) {
  // The encoder writes one byte per character; a URL's href is ASCII already (percent-encoded).
  const ascii = /^[\x20-\x7e]*$/.test(text) ? text : encodeURI(text);
  const code = qrcode(0, "M");
  code.addData(ascii, "Byte");
  code.make();
  const count = code.getModuleCount();
  const size = (count + 2 * QUIET) * PIXELS;
  const canvas = Object.assign(document.createElement("canvas"), {
    width: size,
    height: size,
    className: "bx-qr",
  });
  canvas.setAttribute("role", "img");
  canvas.setAttribute("aria-label", label);
  canvas.dataset.text = ascii; // what the code holds, for anyone checking it
  const draw = /** @type {CanvasRenderingContext2D} */ (canvas.getContext("2d"));
  draw.fillStyle = "#fff"; // always dark on white, also in dark mode: scanners expect it
  draw.fillRect(0, 0, size, size);
  draw.fillStyle = "#000";
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) {
      if (code.isDark(row, col))
        draw.fillRect((col + QUIET) * PIXELS, (row + QUIET) * PIXELS, PIXELS, PIXELS);
    }
  }
  return canvas;
}
