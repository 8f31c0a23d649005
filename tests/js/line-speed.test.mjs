// The line-speed estimate that chooses a first visit's boot (worker-boot.js), from the streams as a
// worker reads them: what WebKit leaves it with, since inside a worker its Resource Timing gives no
// sizes (Node.js has no resource entries either, so these samples are all it has).
import assert from "node:assert/strict";
import { test } from "node:test";

import { FAST_MBIT, lineSpeed } from "../../widgets/runtime/worker-boot.js";

// 0.70 s from asking for both to the last chunk on a 50 Mbit/s line: the standard library (a zip, sent as it
// is) and the WebAssembly, gzipped by the host (3.55 MB on the wire, 9.6 MB once decoded).
const stdlib = {
  url: "https://site/python_stdlib.zip",
  asked: 1000,
  last: 1150,
  bytes: 856_380,
  encoded: false,
  length: 856_380,
};
const wasm = {
  url: "https://site/pyodide.asm.wasm",
  asked: 1000,
  last: 1700,
  bytes: 9_598_218,
  encoded: true,
  length: 3_546_122,
};

test("the line is timed by the bytes that crossed it, not the bytes decoded", () => {
  const mbit = lineSpeed([stdlib, wasm]);
  assert.ok(mbit > 49 && mbit < 52, `read ${mbit} Mbit/s on a 50 Mbit/s line`);
  assert.ok(mbit >= FAST_MBIT, "a 50 Mbit/s line is fast enough for the build's snapshot");
});

test("the same downloads over five times as long read a line too slow for the snapshot", () => {
  const slow = [stdlib, wasm].map((s) => ({
    ...s,
    asked: s.asked * 5,
    last: s.asked * 5 + (s.last - s.asked) * 5,
  }));
  const mbit = lineSpeed(slow);
  assert.ok(mbit > 9 && mbit < 11 && mbit < FAST_MBIT, `read ${mbit} Mbit/s on a 10 Mbit/s line`);
});

test("a compressed file sent without its length is left out; with nothing left, there is no estimate", () => {
  // the standard library alone: 0.86 MB from the ask to its last chunk, 150 ms
  const alone = lineSpeed([stdlib, { ...wasm, length: NaN }]);
  assert.ok(Math.abs(alone - (856_380 * 8) / 150 / 1000) < 0.5, `read ${alone}`);
  assert.equal(lineSpeed([{ ...wasm, length: NaN }]), null);
  assert.equal(lineSpeed([{ ...stdlib, bytes: 0 }]), null); // nothing arrived
});
