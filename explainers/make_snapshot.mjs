// Build step (run by explainers/snapshot.py): boot Pyodide in Node.js, import the widget models,
// and write the memory snapshot the browser's worker starts from.
//   node make_snapshot.mjs <pyodide dir> <widgets.zip> <output file> <python_stdlib.zip> <models dir> <boot code>
// The last two are explainers/snapshot.py MODELS_DIR and BOOT_PYTHON, which the browser's worker.js runs too.
// The snapshot remembers the standard library zip's table of contents (zipimport caches it), so it
// must be made with the very zip the site ships.
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pyodideDir, archive, output, stdlib, modelsDir, bootPython] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ _makeSnapshot: true, stdLibURL: stdlib });
// The same steps as widgets/runtime/worker.js, so the snapshot holds exactly what a boot would.
pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: modelsDir });
pyodide.runPython(bootPython);
writeFileSync(output, pyodide.makeMemorySnapshot());
