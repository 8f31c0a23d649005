// A small Python highlighter for the "look inside" editor: comments, strings, numbers, keywords,
// definitions. Returns DOM nodes (text only, never HTML), painted under a transparent textarea.
const KEYWORDS = new Set(
  (
    "False None True and as assert async await break class continue def del elif else " +
    "except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield"
  ).split(" "),
);
const TOKEN =
  /(#[^\n]*)|("""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?)|(\b\d[\d_]*(?:\.\d*)?(?:e[-+]?\d+)?\b)|([A-Za-z_]\w*)/g;

/** @param {string} className  @param {string} text */
function span(className, text) {
  const node = document.createElement("span");
  node.className = className;
  node.textContent = text;
  return node;
}

/** The source as text nodes and highlighted spans, in order.
 *  @param {string} source */
export function highlight(source) {
  /** @type {Node[]} */
  const nodes = [];
  let last = 0;
  for (const match of source.matchAll(TOKEN)) {
    if (match.index > last) nodes.push(document.createTextNode(source.slice(last, match.index)));
    const [text, comment, string, number, word] = match;
    if (comment) nodes.push(span("bx-c", text));
    else if (string) nodes.push(span("bx-s", text));
    else if (number) nodes.push(span("bx-n", text));
    else if (word && KEYWORDS.has(word)) nodes.push(span("bx-k", text));
    else nodes.push(document.createTextNode(text));
    last = match.index + text.length;
  }
  nodes.push(document.createTextNode(`${source.slice(last)}\n`)); // keeps the last line's height
  return nodes;
}
