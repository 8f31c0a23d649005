// "Look inside": the widget's real Python module in an editable, highlighted text area. Run sends the
// edited code to the worker (never evaluated on the page); the chart follows it, and a table sets the
// reader's figures beside the original's. Edited code can be shared as a link (it is loaded, not run,
// until the reader presses Run) and downloaded as one .py file that runs with plain CPython.
import { highlight } from "./highlight.js";
import { standalone } from "./python.js";

const CODE_PARAM = (key) => `${key}.code`;

async function pack(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return btoa(String.fromCharCode(...bytes)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

async function unpack(packed) {
  const binary = atob(packed.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).text();
}

export function mountInside(panel, { key, widget, values, useCode }) {
  const editor = panel.querySelector("textarea");
  const painted = panel.querySelector(".bx-editor code");
  const status = panel.querySelector(".bx-code-status");
  const compare = panel.querySelector(".bx-compare tbody");
  const original = editor.defaultValue;
  const say = (text) => { status.textContent = text; };
  const paint = () => { painted.replaceChildren(...highlight(editor.value)); };
  let running = false;

  editor.addEventListener("input", paint);
  editor.addEventListener("scroll", () => {
    painted.parentElement.scrollTop = editor.scrollTop;
    painted.parentElement.scrollLeft = editor.scrollLeft;
  });
  paint();

  panel.querySelector(".bx-run").addEventListener("click", () => {
    running = true;
    say("Running your version in the Python worker…");
    useCode(editor.value);
  });
  panel.querySelector(".bx-revert").addEventListener("click", () => {
    editor.value = original;
    paint();
    compare.replaceChildren();
    useCode(null);
    say("Back to the original model.");
  });
  panel.querySelector(".bx-download").addEventListener("click", async () => {
    const reply = await standalone(editor.value).catch((error) => ({ ok: false, error: error.message }));
    if (!reply.ok) { say(reply.error); return; }
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([reply.text], { type: "text/x-python" }));
    link.download = `${widget}.py`;
    link.click();
    URL.revokeObjectURL(link.href);
    say(`Downloaded ${widget}.py: run it with “python3 ${widget}.py”.`);
  });
  panel.querySelector(".bx-share-code").addEventListener("click", async () => {
    const url = new URL(location.href);
    url.searchParams.set(CODE_PARAM(key), await pack(editor.value));
    const field = panel.querySelector(".bx-code-link");
    field.value = url.href;
    field.hidden = false;
    panel.querySelector(".bx-code-link-label").hidden = false;
    field.select();
    try { await navigator.clipboard.writeText(url.href); say("Link to your version copied."); }
    catch { say("Copy the selected link: it opens this page with your version loaded in the editor."); }
  });

  const figure = panel.closest("figure");
  figure.addEventListener("bx:result", ({ detail: { result, edited } }) => {
    if (!edited || !running) return;
    if (!result.ok) { say(`${result.error} The chart keeps its last good state.`); return; }
    say("Your version is drawn. Move the sliders: they now run your code too.");
    const rows = result.figures.map((mine, i) => {
      const tr = document.createElement("tr");
      for (const text of [mine.label, result.original[i]?.text ?? "", mine.text]) tr.insertCell().textContent = text;
      return tr;
    });
    compare.replaceChildren(...rows);
  });
  figure.addEventListener("bx:edited-stopped", ({ detail }) => {
    running = false;
    say(`${detail.message} The widget is back on the original model; your code is still in the editor.`);
  });

  // A shared link with code: load it into the editor, but run nothing until the reader asks.
  const packed = new URLSearchParams(location.search).get(CODE_PARAM(key));
  if (packed) {
    unpack(packed).then((code) => {
      editor.value = code;
      paint();
      panel.open = true;
      say("This link carries an edited version of the model. Read it, then press “Run my version” to try it.");
    }, () => say("The code in this link could not be read; the editor shows the original model."));
  }
}
