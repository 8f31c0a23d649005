// "Look inside": the widget's real Python module in an editable, highlighted text area. Run sends the
// edited code to the worker (never evaluated on the page); the chart follows it, and a table sets the
// reader's figures beside the original's. Edited code can be shared as a link (it is loaded, not run,
// until the reader presses Run) and downloaded as one .py file that runs with plain CPython.
import { highlight } from "./highlight.js";
import { standalone } from "./python.js";
import { t } from "./words.js";

/** @param {string} key */
const CODE_PARAM = (key) => `${key}.code`;

/** The code, deflated and in base64url: short enough for a link.
 *  @param {string} text */
async function pack(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** @param {string} packed */
async function unpack(packed) {
  const binary = atob(packed.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).text();
}

/** Mount "look inside" on its panel (a <details> the build wrote: explainers/templates/look_inside.html).
 *  @param {HTMLDetailsElement} panel
 *  @param {{ key: string, widget: string, useCode: (code: string | null) => void }} widget  `useCode` runs
 *    the widget on the reader's code (null: the original model) */
export function mountInside(panel, { key, widget, useCode }) {
  /** @param {string} selector */
  const part = (selector) => /** @type {HTMLElement} */ (panel.querySelector(selector));
  const editor = /** @type {HTMLTextAreaElement} */ (part("textarea"));
  const painted = part(".bx-editor code");
  const status = part(".bx-code-status");
  const compare = part(".bx-compare tbody");
  const original = editor.defaultValue;
  /** @param {string} text */
  const say = (text) => {
    status.textContent = text;
  };
  const paint = () => {
    painted.replaceChildren(...highlight(editor.value));
  };
  let running = false;

  editor.addEventListener("input", paint);
  editor.addEventListener("scroll", () => {
    const box = /** @type {HTMLElement} */ (painted.parentElement);
    box.scrollTop = editor.scrollTop;
    box.scrollLeft = editor.scrollLeft;
  });
  paint();

  part(".bx-run").addEventListener("click", () => {
    running = true;
    say(t("Running your version in the Python worker…"));
    useCode(editor.value);
  });
  part(".bx-revert").addEventListener("click", () => {
    editor.value = original;
    paint();
    compare.replaceChildren();
    useCode(null);
    say(t("Back to the original model."));
  });
  part(".bx-download").addEventListener("click", async () => {
    /** @type {import("./contract.js").StandaloneReply} */
    const reply = await standalone(editor.value).catch((error) => ({ ok: false, error: error.message }));
    if (!reply.ok) {
      say(reply.error);
      return;
    }
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([reply.text], { type: "text/x-python" }));
    link.download = `${widget}.py`;
    link.click();
    URL.revokeObjectURL(link.href);
    say(t("Downloaded {file}: run it with “python3 {file}”.", { file: `${widget}.py` }));
  });
  part(".bx-share-code").addEventListener("click", async () => {
    const url = new URL(location.href);
    url.searchParams.set(CODE_PARAM(key), await pack(editor.value));
    const field = /** @type {HTMLInputElement} */ (part(".bx-code-link"));
    field.value = url.href;
    field.hidden = false;
    part(".bx-code-link-label").hidden = false;
    field.select();
    try {
      await navigator.clipboard.writeText(url.href);
      say(t("Link to your version copied."));
    } catch {
      say(t("Copy the selected link: it opens this page with your version loaded in the editor."));
    }
  });

  const figure = /** @type {HTMLElement} */ (panel.closest("figure"));
  figure.addEventListener("bx:result", ({ detail: { result, edited } }) => {
    if (!edited || !running) return;
    if (!result.ok) {
      say(`${result.error} ${t("The chart keeps its last good state.")}`);
      return;
    }
    say(t("Your version is drawn. Move the sliders: they now run your code too."));
    const original = "original" in result ? result.original : [];
    const rows = result.figures.map((mine, i) => {
      const tr = document.createElement("tr");
      for (const text of [mine.label, original[i]?.text ?? "", mine.text]) tr.insertCell().textContent = text;
      return tr;
    });
    compare.replaceChildren(...rows);
  });
  figure.addEventListener("bx:edited-stopped", ({ detail }) => {
    running = false;
    say(
      `${detail.message} ${t("The widget is back on the original model; your code is still in the editor.")}`,
    );
  });

  // A shared link with code: load it into the editor, but run nothing until the reader asks.
  const packed = new URLSearchParams(location.search).get(CODE_PARAM(key));
  if (packed) {
    unpack(packed).then(
      (code) => {
        editor.value = code;
        paint();
        panel.open = true;
        say(
          t(
            "This link carries an edited version of the model. Read it, then press “Run my version” to try it.",
          ),
        );
      },
      () => say(t("The code in this link could not be read; the editor shows the original model.")),
    );
  }
}
