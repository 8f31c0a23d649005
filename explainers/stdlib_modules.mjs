// Build step and test helper (explainers/stdlib.py): boot Pyodide in Node.js with a given standard
// library zip, exercise every model and the sandbox (explainers/stdlib_exercise.py), and print as JSON
// the standard-library modules Python loaded from the zip, and the modules built into the interpreter.
//   node stdlib_modules.mjs <pyodide dir> <python_stdlib.zip> <widgets.zip> <exercise.py> <JSON list of modules>
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pyodideDir, stdlib, archive, exercise, readerModules] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const pyodide = await loadPyodide({ stdLibURL: stdlib });
// Where worker.js unpacks the models (widgets/runtime/worker.js, MODELS_DIR).
pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: "/home/pyodide/bx" });
pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/bx')");
pyodide.globals.set("READER_MODULES", readerModules);
process.stdout.write(pyodide.runPython(readFileSync(exercise, "utf8")));
