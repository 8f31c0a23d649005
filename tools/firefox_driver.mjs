// Firefox ESR for the benchmark (tools/engines.py), driven over WebDriver BiDi by puppeteer-core: one JSON
// command a line on standard input, one JSON answer a line on standard output ({value} or {error}).
//
//   node tools/firefox_driver.mjs /usr/bin/firefox-esr <timeout ms>
//   {"op": "version"} | {"op": "open"} -> session id (a new browser) | {"op": "goto", "session", "url"}
//   {"op": "run", "session", "script", "arg"} -> the script's (awaited) result | {"op": "close", "session"} | {"op": "quit"}
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const [executablePath, timeoutText] = process.argv.slice(2);
const timeout = Number(timeoutText);
// A browser of its own for each session, in a fresh profile: no cache, no service worker. (A second browser
// context of one browser would be lighter, but Firefox never activates a service worker there.)
const launch = () =>
  puppeteer.launch({ browser: "firefox", executablePath, headless: true, protocolTimeout: timeout, timeout });
const sessions = new Map();
let next = 1;

const ops = {
  async version() {
    const browser = await launch();
    try {
      return await browser.version();
    } finally {
      await browser.close();
    }
  },
  async open() {
    const context = await launch();
    const page = await context.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    page.setDefaultTimeout(timeout);
    const id = next++;
    sessions.set(id, { context, page });
    return id;
  },
  goto: async ({ session, url }) => {
    await sessions.get(session).page.goto(url, { waitUntil: "load" });
  },
  run: async ({ session, script, arg }) =>
    sessions.get(session).page.evaluate(`(${script})(${JSON.stringify(arg ?? null)})`),
  async close({ session }) {
    await sessions.get(session).context.close();
    sessions.delete(session);
  },
  async quit() {
    for (const { context } of sessions.values()) await context.close().catch(() => {});
    setTimeout(() => process.exit(0), 0);
  },
};

for await (const line of readline.createInterface({ input: process.stdin })) {
  let answer;
  try {
    const command = JSON.parse(line);
    answer = { value: (await ops[command.op](command)) ?? null };
  } catch (error) {
    answer = { error: String(error?.message ?? error).slice(0, 2000) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
for (const { context } of sessions.values()) await context.close().catch(() => {});
