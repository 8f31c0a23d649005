// Vega's expressions, compiled at build time (explainers/vega_compiled.py runs this with Node.js).
//
// Vega turns each expression of a spec (an encoder, a formula, a filter) into a JavaScript function with
// `new Function`, which the site's Content-Security-Policy refuses; so the page runs Vega with its AST
// interpreter, which is several times slower per data point, and a redraw of the widgets' charts spends
// most of its time there. Here Node.js parses the same Vega specs with Vega's own code generator and records
// each function it builds; the build writes them into an ordinary module (assets/runtime/vega-compiled.js),
// from which charts.js hands Vega the same functions, loaded as code from the site like any script.
//
//   node explainers/vega_compile.mjs < specs.json > vega-compiled.js
import * as vega from "vega";

const specs = JSON.parse(
  await new Promise((resolve) => {
    let text = "";
    process.stdin
      .on("data", (chunk) => {
        text += chunk;
      })
      .on("end", () => resolve(text));
  }),
);

// The key of one expression: what charts.js can read from the parsed spec in the browser (kind and code,
// or for an encoder its mark type and its channels' code), so both sides name the same function.
const key = (kind, expr) =>
  kind === "encode"
    ? `encode\n${expr.marktype}\n${JSON.stringify(Object.entries(expr.channels).map(([name, channel]) => [name, channel.code]))}`
    : `${kind}\n${expr.code}`;

// Vega's own code generator (the one a page without a strict policy would use), watched: each function it
// builds while a key is pending is recorded under that key, with its parameters and body as Vega made them.
const generator = new vega.View(vega.parse({}), { renderer: "none" })._runtime.expr;
const compiled = new Map();
let pending = null;
const NativeFunction = globalThis.Function;
globalThis.Function = new Proxy(NativeFunction, {
  apply(target, self, args) {
    if (pending !== null && !compiled.has(pending))
      compiled.set(pending, { params: args.slice(0, -1), body: args.at(-1) });
    return Reflect.apply(target, self, args);
  },
});
const watched = Object.fromEntries(
  ["operator", "parameter", "event", "handler", "encode"].map((kind) => [
    kind,
    (ctx, expr) => {
      pending = key(kind, expr);
      try {
        return generator[kind](ctx, expr);
      } finally {
        pending = null;
      }
    },
  ]),
);
watched.codegen = generator.codegen;

// Run, not only built: marks inside a facet (one group per series) get their encoders when the data arrives.
for (const spec of specs) {
  const view = new vega.View(vega.parse(spec, {}, { ast: true }), { renderer: "none", expr: watched });
  await view.runAsync();
  view.finalize();
}
globalThis.Function = NativeFunction;

const entries = [...compiled]
  .sort(([a], [b]) => (a < b ? -1 : 1))
  .map(
    ([name, { params, body }]) => `  [${JSON.stringify(name)}, function (${params.join(", ")}) {${body}}],`,
  );
process.stdout.write(
  [
    "// Generated at build by explainers/vega_compiled.py (explainers/vega_compile.mjs): Vega's own compiled",
    `// expressions for the widgets' charts (Vega ${vega.version}), by the key charts.js computes. Do not edit.`,
    `export const key = ${key};`,
    "export const COMPILED = new Map([",
    ...entries,
    "]);",
    "",
  ].join("\n"),
);
