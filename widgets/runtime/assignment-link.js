// An assignment link, read (for the student's page, assign.js) and written (by the teachers' builder,
// builder.js). The whole assignment lives in the link, readable (README, "Assignment links"): beside the
// scenario keys (?tariff_stack.fentanyl=20),
//   <key>.lock=a,b      sliders shown but disabled ("set by your teacher")
//   <key>.hide=a,b      sliders, read-outs or charts left out of the page ("charts": all of them)
//   <key>.reveal=a,b    read-outs or charts shown only once the student has predicted ("charts" too)
//   <key>.predict=x     the read-out the student predicts (a number, unless choices are given)
//   <key>.choices=a|b   the options of a multiple-choice prediction
//   <key>.q=…           the teacher's question;  <key>.lesson=…  the lesson's name (worksheet file name)
// A link is untrusted text: every name is looked up in the widget's own names, unknown ones are ignored
// with a plain note, and texts are cleaned and bounded. No page needed: node --test runs it.
import { VERSION_KEY } from "./contract.js";
import { shown } from "./scenario-url.js";
import { t, tn } from "./words.js";

export const ASSIGNMENT_KEYS = ["lock", "hide", "reveal", "predict", "choices", "q", "lesson"];
export const CHARTS = "charts"; // in hide= or reveal=: all of the widget's charts
export const MAX = { q: 300, lesson: 80, choice: 80, choices: 6, names: 40 };

/** @typedef {{ key: string, label: string, unit: string }} Readout */
/** The names a widget has, which a link may use (explainers/assign.py widget_summary writes them).
 *  @typedef {{ params: { name: string }[], figures: Readout[], charts: { name: string }[] }} WidgetNames */
/** "hidden": out of the page; "reveal": in it once the student has predicted.
 *  @typedef {"hidden" | "reveal"} Withheld */
/**
 * What a link asks of one widget.
 * @typedef {object} AssignmentPlan
 * @property {boolean} active        whether the link holds an assignment (or another widget's settings)
 * @property {Set<string>} locked    sliders shown but disabled
 * @property {Set<string>} hidden    sliders left out of the page
 * @property {Map<string, Withheld>} results  read-outs and charts withheld, by name
 * @property {Readout | null} predict  the read-out the student predicts
 * @property {string[]} choices      the options of a multiple-choice prediction (none, or two to six)
 * @property {string} question
 * @property {string} lesson
 * @property {string[]} notes        what was ignored, and why (plain text)
 */

/** Text from a link, made safe to show: no control or direction-override characters, one line, bounded.
 *  @param {unknown} raw
 *  @param {number} limit  characters at most, the ellipsis included */
export function cleanText(raw, limit) {
  const text = String(raw ?? "")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it takes out
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** What the link in `search` asks of the widget `key`, which has the names in `info`.
 *  @param {string} key
 *  @param {WidgetNames} info
 *  @param {string} search  the page address's query ("?a=1&b=2")
 *  @returns {AssignmentPlan} */
export function readAssignment(key, info, search) {
  const query = new URLSearchParams(search);
  const params = new Set(info.params.map((p) => p.name));
  const figures = new Map(info.figures.map((f) => [f.key, f]));
  const charts = new Set(info.charts.map((c) => c.name));
  /** @param {string} name */
  const isResult = (name) => figures.has(name) || charts.has(name);
  /** @type {string[]} */
  const notes = [];
  /** @type {AssignmentPlan} */
  const plan = {
    active: ASSIGNMENT_KEYS.some((k) => query.has(`${key}.${k}`)),
    locked: new Set(),
    hidden: new Set(),
    results: new Map(),
    predict: null,
    choices: [],
    question: cleanText(query.get(`${key}.q`), MAX.q),
    lesson: cleanText(query.get(`${key}.lesson`), MAX.lesson),
    notes,
  };
  // "charts" stands for every chart of the widget (short, and still right when a chart is renamed).
  /** @param {string} what */
  const names = (what) =>
    (query.get(`${key}.${what}`) ?? "")
      .split(",")
      .map((n) => n.trim())
      .filter(Boolean)
      .slice(0, MAX.names)
      .flatMap((n) => (n === CHARTS && !isResult(n) && !params.has(n) ? [...charts] : [n]));
  let unknownResult = false;
  /** @param {string} what  @param {string} name  @param {string} kind */
  const unknown = (what, name, kind) => {
    notes.push(
      t("{key}: “{name}” is not {kind} of this widget, so it was ignored.", {
        key: what,
        name: shown(name),
        kind,
      }),
    );
    if (what !== "lock") unknownResult = true;
  };

  // Keys this page does not know: another widget's (a stale or mistyped link), or a setting this widget
  // no longer has. Scenario values themselves are read, and clamped, by scenario-url.js.
  const others = new Set();
  for (const name of new Set(query.keys())) {
    const dot = name.indexOf(".");
    if (dot < 1) continue; // not a widget key (e.g. a campaign tag): none of our business
    const [prefix, rest] = [name.slice(0, dot), name.slice(dot + 1)];
    if (prefix !== key) others.add(shown(prefix));
    else if (!params.has(rest) && !ASSIGNMENT_KEYS.includes(rest) && rest !== VERSION_KEY) {
      unknown("setting", rest, t("a setting"));
    }
  }
  if (others.size) {
    const list = [...others]
      .slice(0, 3)
      .map((o) => `“${o}”`)
      .join(", ");
    notes.push(
      others.size > 1
        ? t("This link has settings for {list}, which are not on this page, so they were ignored.", { list })
        : t("This link has settings for {list}, which is not on this page, so they were ignored.", { list }),
    );
    plan.active = true; // a teacher's link for another widget: still say so, and keep results fair
    unknownResult ||= [...query.keys()].some((k) => ASSIGNMENT_KEYS.some((a) => k.endsWith(`.${a}`)));
  }

  for (const name of names("lock")) {
    if (params.has(name)) plan.locked.add(name);
    else unknown("lock", name, t("a slider"));
  }
  for (const name of names("hide")) {
    if (params.has(name)) plan.hidden.add(name);
    else if (isResult(name)) plan.results.set(name, "hidden");
    else unknown("hide", name, t("a slider, read-out or chart"));
  }
  for (const name of plan.hidden) plan.locked.delete(name); // hidden is the stronger of the two
  for (const name of names("reveal")) {
    if (isResult(name)) {
      if (plan.results.get(name) !== "hidden") plan.results.set(name, "reveal");
    } else if (params.has(name)) {
      notes.push(
        t("reveal: “{name}” is a slider; a slider can be locked or hidden, not revealed.", {
          name: shown(name),
        }),
      );
    } else {
      unknown("reveal", name, t("a read-out or chart"));
    }
  }
  const predict = query.get(`${key}.predict`)?.trim();
  const target = predict ? figures.get(predict) : undefined;
  if (predict && target) {
    plan.predict = target;
    plan.results.set(predict, "reveal"); // a prediction of a value already on screen asks nothing
  } else if (predict) {
    unknown("predict", predict, t("a read-out"));
  }
  const choices = [
    ...new Set(
      (query.get(`${key}.choices`) ?? "")
        .split("|")
        .map((c) => cleanText(c, MAX.choice))
        .filter(Boolean),
    ),
  ];
  if (choices.length > MAX.choices)
    notes.push(
      tn("Only the first {count} choice is shown.", "Only the first {count} choices are shown.", MAX.choices),
    );
  if (choices.length === 1) {
    notes.push(t("A choice needs at least two options, so the prediction is a number or words instead."));
  } else {
    plan.choices = choices.slice(0, MAX.choices);
  }

  // A name this version of the widget does not know may have been meant to hide the very answer asked
  // for (a renamed read-out, a stale link): keep the exercise fair by withholding every result.
  if (unknownResult) {
    for (const name of [...figures.keys(), ...charts]) {
      if (!plan.results.has(name)) plan.results.set(name, "reveal");
    }
    notes.push(
      t("To keep the exercise fair, every result stays hidden until you have made your prediction."),
    );
  }
  return plan;
}

// Russian letters in Latin ones (the common passport-style transliteration), so that a Russian lesson's
// worksheet is named by its lesson too ("Урок 1: пошлины" -> "urok-1-poshliny"), not by its digits alone.
/** @type {Record<string, string>} */
const LATIN = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};

/** A file name from a lesson's or widget's name: "Lesson 1: Tariffs" -> "lesson-1-tariffs".
 *  @param {string} text */
export function slug(text) {
  const ascii = [...text.toLowerCase()]
    .map((letter) => LATIN[letter] ?? letter)
    .join("")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
  const words = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return words.slice(0, 60).replace(/-+$/, "") || "worksheet";
}

// ---- Writing a link (the builder) ----

/** What the builder knows of a widget (explainers/assign.py widget_summary).
 *  @typedef {{ widget: string, page: string, version: number, params: { name: string, default: number }[],
 *    charts: { name: string }[] }} LinkedWidget */
/** "shown", "reveal" (after the prediction) or "hide", by result name.
 *  @typedef {Record<string, "shown" | "reveal" | "hide">} ResultChoices */
/**
 * The builder's choices for one widget.
 * @typedef {object} LinkChoices
 * @property {Record<string, number>} values  starting values, by setting
 * @property {Record<string, "free" | "lock" | "hide">} sliders
 * @property {ResultChoices} results
 * @property {string} predict   a read-out's key, or ""
 * @property {"number" | "choice"} kind
 * @property {string[]} choices
 * @property {string} question
 * @property {string} lesson
 */

// Readable links: commas, bars and colons need no escaping in a query, and a space reads better as "+".
/** @param {string} text */
export const encode = (text) =>
  encodeURIComponent(text)
    .replace(/%2C/g, ",")
    .replace(/%7C/g, "|")
    .replace(/%3A/g, ":")
    .replace(/%20/g, "+");

/** An option as the link holds it: "|" separates the options, so one inside an option becomes "/".
 *  @param {string} text */
export const ownChoice = (text) => text.replaceAll("|", "/");

/** The assignment link for one widget and the builder's choices, on the site at `base`.
 *  @param {LinkedWidget} widget
 *  @param {LinkChoices} choices
 *  @param {string | URL} base */
export function assignmentLink(widget, choices, base) {
  const key = widget.widget;
  /** @type {string[]} */
  const parts = [];
  /** @param {string} name  @param {string | number | null | undefined} value */
  const add = (name, value) => {
    if (value !== "" && value !== null && value !== undefined) {
      parts.push(`${key}.${encode(name)}=${encode(String(value))}`);
    }
  };
  for (const param of widget.params) {
    if (choices.values[param.name] !== param.default) add(param.name, choices.values[param.name]);
  }
  /** @param {Record<string, string>} map  @param {string} state */
  const marked = (map, state) =>
    Object.keys(map)
      .filter((name) => map[name] === state)
      .join(",");
  // Results: read-outs by name; charts as "charts" when all of them are treated alike.
  const charts = widget.charts.map((c) => c.name);
  const readouts = Object.fromEntries(
    Object.entries(choices.results).filter(([name]) => !charts.includes(name)),
  );
  const chartStates = new Set(charts.map((name) => choices.results[name]));
  /** @param {"reveal" | "hide"} state */
  const results = (state) => {
    const own = marked(readouts, state);
    const some =
      chartStates.size === 1
        ? chartStates.has(state)
          ? CHARTS
          : ""
        : charts.filter((n) => choices.results[n] === state).join(",");
    return [own, some].filter(Boolean).join(",");
  };
  add("lock", marked(choices.sliders, "lock"));
  add("hide", [marked(choices.sliders, "hide"), results("hide")].filter(Boolean).join(","));
  add("reveal", results("reveal"));
  add("predict", choices.predict);
  if (choices.predict && choices.kind === "choice") add("choices", choices.choices.map(ownChoice).join("|"));
  add("q", choices.question);
  add("lesson", choices.lesson);
  if (parts.length) add(VERSION_KEY, widget.version); // the model version the link was made with
  const page = new URL(widget.page, base).href;
  return parts.length ? `${page}?${parts.join("&")}` : page;
}

/** Whether a link leads to this computer only, so no student's device can open it.
 *  @param {URL} url */
export const localOnly = (url) =>
  ["localhost", "127.0.0.1", "[::1]", "0.0.0.0"].includes(url.hostname) ||
  url.hostname.endsWith(".localhost") ||
  /^127\./.test(url.hostname) ||
  url.protocol === "file:";
