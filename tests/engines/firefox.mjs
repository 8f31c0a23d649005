// A reader's visit in Firefox ESR, driven over WebDriver BiDi by puppeteer-core (Playwright cannot drive
// a stock Firefox). Run by tests/browser/test_engines.py, which serves the built site, computes what the
// page must show with CPython and passes it on standard input; this prints one JSON object: the steps
// done (with their times), the first step that failed, and everything the browser reported that must
// never happen (console errors, uncaught exceptions, failed or foreign requests).
//
//   node tests/engines/firefox.mjs < expected.json
import puppeteer from "puppeteer-core";

const input = JSON.parse(
  await new Promise((resolve) => {
    let text = "";
    process.stdin
      .on("data", (chunk) => {
        text += chunk;
      })
      .on("end", () => resolve(text));
  }),
);
const { base, executable, widget, expected, timeouts } = input;
const origin = new URL(base).origin;
const problems = [];
const steps = [];
const started = Date.now();

async function step(name, action) {
  const from = Date.now();
  const detail = await action();
  steps.push({ name, seconds: (Date.now() - from) / 1000, ...(detail === undefined ? {} : { detail }) });
}

/** Resolves when `predicate` (run in the page, may be async) is true; polled, with a deadline. */
async function until(page, what, predicate, arg, timeoutMs = timeouts.stepMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(predicate, arg)) return;
    if (Date.now() > deadline) throw new Error(`${what}: still not true after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Resolves when the element's text (or value) is `want`; the error says what it was instead. */
async function untilShown(page, what, selector, want, property = "textContent") {
  const read = ([s, p]) => document.querySelector(s)?.[p]?.trim() ?? null;
  try {
    await until(page, what, ([s, p, w]) => document.querySelector(s)?.[p]?.trim() === w, [
      selector,
      property,
      want,
    ]);
  } catch (error) {
    throw new Error(
      `${error.message}: ${JSON.stringify(await page.evaluate(read, [selector, property]))} instead of ${JSON.stringify(want)}`,
    );
  }
}

function watch(page) {
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message ?? error}`));
  page.on("request", (request) => {
    const url = request.url();
    if (!/^(data|blob|about):/.test(url) && !url.startsWith(`${origin}/`))
      problems.push(`request to another host: ${url}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.setDefaultTimeout(timeouts.stepMs);
  return page;
}

const text = (page, selector) => page.$eval(selector, (element) => element.textContent.trim());
const figure = `#${widget}`;
const ready = (id) => `#${id}[data-python="ready"]`;

let browser;
let failed = null;
try {
  browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: executable,
    headless: true,
    protocolTimeout: timeouts.stepMs,
    timeout: timeouts.stepMs,
  });
  const page = watch(await browser.newPage());
  await page.setViewport({ width: 1280, height: 900 });

  await step("the home page renders", async () => {
    await page.goto(base, { waitUntil: "load" });
    await page.waitForSelector("article h1", { visible: true });
    return text(page, "article h1");
  });

  await step("the chart draws: a Vega view holds the default scenario", async () => {
    await page.goto(base + expected.page, { waitUntil: "load" });
    await page.waitForSelector(`${figure} .bx-view svg`, { visible: true });
    // The build's picture shows first; then Vega-Embed puts the live views in its place.
    await until(page, "the Vega views", (id) => Boolean(document.getElementById(id)?.bxViews), widget);
    const rows = await page.evaluate(async (id) => {
      const views = await document.getElementById(id).bxViews;
      return views[0].data("layers").map(({ scenario, layer, rate }) => ({ scenario, layer, rate }));
    }, widget);
    if (JSON.stringify(rows) !== JSON.stringify(expected.layers)) {
      throw new Error(
        `the view holds ${JSON.stringify(rows)}, not the model's ${JSON.stringify(expected.layers)}`,
      );
    }
    return `${rows.length} rows`;
  });

  await step("Python becomes ready", async () => {
    await page.waitForSelector(ready(widget), { timeout: timeouts.pythonMs });
  });

  await step("a slider changes the read-out as the model says", async () => {
    await page.focus(`#${expected.slider}`);
    for (let i = 0; i < expected.presses; i += 1) await page.keyboard.press("ArrowRight");
    await untilShown(page, "the read-out", `${figure} dd[data-figure='total']`, expected.total);
  });

  await step("the service worker controls the page after a reload", async () => {
    await until(
      page,
      "the offline copy",
      async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        return Boolean(
          registration?.active && (await caches.keys()).some((name) => name.startsWith("bx-site-")),
        );
      },
      undefined,
      timeouts.pythonMs,
    );
    await page.reload({ waitUntil: "load" });
    await until(page, "the service worker's control", () => navigator.serviceWorker.controller !== null);
  });

  await step("look inside: a shared edit opens in a new page and runs", async () => {
    await page.waitForSelector(ready(widget), { timeout: timeouts.pythonMs });
    await page.click(`${figure} .bx-inside summary`);
    const editor = `#${widget}-code`;
    await untilShown(page, "the model's source in the editor", editor, expected.source.trim(), "value");
    await page.$eval(
      editor,
      (element, code) => {
        element.value = code;
        element.dispatchEvent(new Event("input", { bubbles: true }));
      },
      expected.editedSource,
    );
    await page.click(`${figure} .bx-share-code`);
    await until(
      page,
      "the shared link",
      (selector) => /[?&]tariff_stack\.code=/.test(document.querySelector(selector)?.value ?? ""),
      `#${widget}-code-link`,
    );
    const link = await page.$eval(`#${widget}-code-link`, (element) => element.value);
    const other = watch(await browser.newPage());
    await other.goto(link, { waitUntil: "load" });
    await untilShown(
      other,
      "the edit in the new page's editor",
      editor,
      expected.editedSource.trim(),
      "value",
    );
    await other.waitForSelector(ready(widget), { timeout: timeouts.pythonMs });
    await other.click(`${figure} .bx-run`);
    await untilShown(
      other,
      "the edited model's read-out",
      `${figure} dd[data-figure='price']`,
      expected.editedPrice,
    );
    await other.close();
  });

  // Last, the checks themselves: a console error and a refused request are seen, and reported. The
  // test keeps these apart from everything else by the address, which no page of the site contacts.
  await step("the checks hear a console error and report a refused request", async () => {
    await page.evaluate((address) => {
      console.error(`probe: ${address}`);
      fetch(address).catch(() => {});
    }, input.probe);
    const deadline = Date.now() + timeouts.stepMs;
    const heard = () => problems.some((problem) => problem.includes(input.probe));
    const reported = async () =>
      (await (await fetch(input.reports)).json()).some((r) =>
        JSON.stringify(r).includes(new URL(input.probe).host),
      );
    while (!(heard() && (await reported()))) {
      if (Date.now() > deadline)
        throw new Error(
          `heard the console error: ${heard()}; the refused request reported: ${await reported()}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
} catch (error) {
  failed = { step: `after ${steps.length} steps`, error: String(error?.stack ?? error) };
} finally {
  const version = browser ? await browser.version().catch(() => "") : "";
  await browser?.close().catch(() => {});
  process.stdout.write(
    `${JSON.stringify({ version, steps, failed, problems, seconds: (Date.now() - started) / 1000 })}\n`,
  );
}
