// What the workers' modules find without importing it, for tsc only (`make check`; never shipped).

/** The first line of the built sw.js: this build's files and their hashes (explainers/offline.py manifest). */
declare const MANIFEST: {
  version: string;
  hashLength: number;
  files: Record<string, string>;
  editions: string[];
};
