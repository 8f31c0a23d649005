// What a student hands in, and how the class results page reads it back: the worksheet file (JSON, from
// assign.js) and the short answer text a phone can share or copy. Both are read into the same row; a
// file from elsewhere, a damaged one or a second copy of the same work is named and skipped, never guessed at.
// Pure functions, no page: node --test runs them (tests/js/worksheet.test.mjs). What the teacher reads (the
// reasons, the table's headings) is in the page's language (words.js); the answer text's own lines ("Lesson:",
// "Check:") are a format, read back by any edition, and never translated.
import { describe, plainNumber, points } from "./format.js";
import { t } from "./words.js";

/**
 * A student's prediction, as assign.js records it.
 * @typedef {object} Prediction
 * @property {"choice" | "number" | "words"} kind
 * @property {string | null} of     the read-out predicted, if any
 * @property {string} text          as the student gave it
 * @property {number} [value]       a numeric prediction's number
 * @property {string} made          when (ISO time)
 */
/** The model's answer when the prediction was made: the settings then, and the predicted read-out.
 *  @typedef {{ scenario: Record<string, number>, figure: { key: string, label: string, value: number,
 *    unit: string, text: string } | null }} ModelAtPrediction */
/**
 * A worksheet file (format and version as WORKSHEET), as assign.js writes it.
 * @typedef {object} WorksheetRecord
 * @property {string} format
 * @property {number} version
 * @property {string} lesson
 * @property {string} widget
 * @property {string} date
 * @property {string} link
 * @property {string} name
 * @property {string} question
 * @property {Prediction | null} prediction
 * @property {ModelAtPrediction | null} model_at_prediction  null until the prediction is revealed
 * @property {string} saved
 * @property {string} answer
 * @property {{ setting: string, label: string, value: number, text: string, locked: boolean }[]} final_scenario
 * @property {{ key: string, label: string, value: number, text: string }[]} results
 */
/**
 * One student's work, as the results page shows it (from a file or an answer text).
 * @typedef {object} ClassItem
 * @property {string} name
 * @property {string} lesson
 * @property {string} widget
 * @property {string} prediction
 * @property {number | null} predictionValue
 * @property {string} of
 * @property {string} time
 * @property {string} modelText
 * @property {number | null} modelValue
 * @property {string} unit
 * @property {string} answer
 * @property {string} source   the file or paste it came from
 */
/** What reading one piece of work gives: the work, or why it was skipped.
 *  @typedef {{ item: ClassItem, problem?: undefined, source?: string }
 *    | { problem: string, item?: undefined, source?: string }} ReadResult */

export const WORKSHEET = { format: "busan-explainer worksheet", version: 2 };
const VERSION_1 = "busan-explainer worksheet, version 1"; // the first files handed in: still read
export const ANSWER_HEADER = "Busan truce explainer answer, version 2";
export const MAX_FILE_BYTES = 200_000; // a worksheet is 2–5 kB; anything this large is something else

/** A short, stable checksum (FNV-1a, 32 bits) that tells a cut or edited answer text from a whole one. */
/** @param {string} text */
export function checksum(text) {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= /** @type {number} */ (char.codePointAt(0));
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** Text on one line. A no-break space stays: a Russian amount is written "150,00 $" with one (numbers.py),
 *  and the class table must not break it, nor show it otherwise than the model's answer beside it.
 *  @param {unknown} text */
const oneLine = (text) =>
  String(text ?? "")
    .replace(/[^\S\u00a0\u202f]+/g, " ")
    .trim();

/** The answer text of a worksheet record: one "Key: value" a line, ending with its checksum.
 *  @param {Pick<WorksheetRecord, "lesson" | "widget" | "name" | "answer" | "prediction" | "model_at_prediction">} record */
export function answerText(record) {
  const p = record.prediction;
  const model = record.model_at_prediction?.figure;
  const lines = [
    ANSWER_HEADER,
    `Lesson: ${oneLine(record.lesson)}`,
    `Widget: ${oneLine(record.widget)}`,
    `Name: ${oneLine(record.name)}`,
    p ? `Prediction: ${oneLine(p.text)}` : null,
    p && Number.isFinite(p.value) ? `Prediction value: ${p.value}` : null,
    p?.of ? `Predicted: ${oneLine(p.of)}` : null,
    p?.made ? `Predicted at: ${p.made}` : null,
    model ? `Model: ${oneLine(model.text)}` : null,
    model && Number.isFinite(model.value) ? `Model value: ${model.value}` : null,
    model ? `Unit: ${oneLine(model.unit)}` : null,
    record.answer ? `Answer: ${oneLine(record.answer)}` : null,
  ].filter((line) => line !== null);
  return [...lines, `Check: ${checksum(lines.join("\n"))}`].join("\n");
}

/** One student's work, as the results page shows it, from fields read from a file or a text (untrusted).
 *  @param {Record<string, unknown>} fields
 *  @param {string} source
 *  @returns {ClassItem} */
function row(fields, source) {
  const { name, lesson, widget, prediction, predictionValue, of, time, modelText, modelValue, unit, answer } =
    fields;
  /** @param {unknown} value */ const number = (value) =>
    typeof value === "number" && Number.isFinite(value) ? value : null;
  const model = number(modelValue);
  return {
    name: oneLine(name),
    lesson: oneLine(lesson),
    widget: oneLine(widget),
    prediction: oneLine(prediction),
    predictionValue: number(predictionValue),
    of: oneLine(of),
    time: oneLine(time),
    // the value alone: the read-out's text also compares it with the page's baseline, which is not the point here
    modelText: model === null ? oneLine(modelText) : describe(model, oneLine(unit)),
    modelValue: model,
    unit: oneLine(unit),
    answer: oneLine(answer),
    source,
  };
}

/** How far a numeric prediction was from the model's answer, in words ("" when either is not a number).
 *  @param {ClassItem} item */
export function gapWords(item) {
  if (item.predictionValue === null || item.modelValue === null) return "";
  const gap = item.predictionValue - item.modelValue;
  const size =
    item.unit === "%" || item.unit.startsWith("% ")
      ? points(Math.abs(gap))
      : describe(Math.abs(gap), item.unit);
  if (describe(item.predictionValue, item.unit) === describe(item.modelValue, item.unit)) return t("matches");
  return gap > 0 ? t("{gap} above", { gap: size }) : t("{gap} below", { gap: size });
}

/** The same work handed in twice (a file dropped twice, a text pasted twice) has the same key.
 *  @param {ClassItem} item */
export const workKey = (item) =>
  [item.widget, item.lesson, item.name.toLowerCase(), item.time, item.prediction].join("|");

/** A worksheet file's text -> the work, or a problem (a plain reason, for the teacher). The file is
 *  untrusted (anything a teacher opens): every part is checked before it is read.
 *  @param {string} text
 *  @param {string} source
 *  @returns {ReadResult} */
export function readWorksheetFile(text, source) {
  if (text.length > MAX_FILE_BYTES) return { problem: t("too large to be a worksheet from this site") };
  if (text.trimStart().startsWith(ANSWER_HEADER)) {
    const [first, ...rest] = readAnswerTexts(text, source);
    if (rest.length) return { problem: t("holds several answer texts: paste them into the box instead") };
    return first ?? { problem: t("not a worksheet from this site") };
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return {
      problem: text.trimStart().startsWith("{")
        ? t("damaged (the file is cut off or was edited)")
        : t("not a worksheet from this site"),
    };
  }
  if (typeof data !== "object" || data === null || Array.isArray(data))
    return { problem: t("not a worksheet from this site") };
  const version = data.format === VERSION_1 ? 1 : data.format === WORKSHEET.format ? data.version : null;
  if (version === null) return { problem: t("not a worksheet from this site") };
  if (!Number.isInteger(version) || version < 1)
    return { problem: t("damaged (its version is not readable)") };
  if (version > WORKSHEET.version)
    return {
      problem: t("made by a newer version of the site (worksheet version {version}); reload this page", {
        version,
      }),
    };
  /** @param {unknown} value */
  const text_ = (value) => typeof value === "string";
  const p = data.prediction;
  const model = data.model_at_prediction?.figure;
  const fine =
    text_(data.widget) &&
    text_(data.lesson) &&
    text_(data.name ?? "") &&
    text_(data.answer ?? "") &&
    (p === null || p === undefined || (typeof p === "object" && text_(p.text))) &&
    (model === null || model === undefined || (typeof model === "object" && text_(model.text)));
  if (!fine) return { problem: t("damaged (parts of the worksheet are missing)") };
  return {
    item: row(
      {
        name: data.name,
        lesson: data.lesson,
        widget: data.widget,
        prediction: p?.text,
        predictionValue: p?.value,
        of: p?.of,
        time: p?.made ?? data.saved ?? data.date,
        modelText: model?.text,
        modelValue: model?.value,
        unit: model?.unit,
        answer: data.answer,
      },
      source,
    ),
  };
}

/** Pasted text holding one or more answer texts -> the work in each, or a problem.
 *  @param {string} text
 *  @param {string} [source]
 *  @returns {ReadResult[]} */
export function readAnswerTexts(text, source = t("pasted text")) {
  const blocks = String(text).replace(/\r\n?/g, "\n").split(ANSWER_HEADER).slice(1);
  if (!blocks.length)
    return String(text).trim()
      ? [
          {
            problem: t("no answer text found (each starts with “{header}”)", { header: ANSWER_HEADER }),
            source,
          },
        ]
      : [];
  return blocks.map((block, index) => {
    const where = blocks.length > 1 ? t("{source}, answer {number}", { source, number: index + 1 }) : source;
    const lines = block
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    const check = lines.findIndex((line) => line.startsWith("Check: "));
    if (check < 0)
      return {
        problem: t("damaged (its last line, “Check: …”, is missing: copy the whole text)"),
        source: where,
      };
    const body = [ANSWER_HEADER, ...lines.slice(0, check)].join("\n");
    if ((lines[check] ?? "").slice(7).trim() !== checksum(body))
      return { problem: t("damaged (the text was cut or changed after it was made)"), source: where };
    const field = Object.fromEntries(
      lines.slice(0, check).map((line) => {
        const colon = line.indexOf(": ");
        return colon > 0 ? [line.slice(0, colon), line.slice(colon + 2)] : [line, ""];
      }),
    );
    if (!field.Widget) return { problem: t("damaged (it names no widget)"), source: where };
    return {
      item: row(
        {
          name: field.Name,
          lesson: field.Lesson,
          widget: field.Widget,
          prediction: field.Prediction,
          predictionValue: plainNumber(field["Prediction value"] ?? ""),
          of: field.Predicted,
          time: field["Predicted at"],
          modelText: field.Model,
          modelValue: plainNumber(field["Model value"] ?? ""),
          unit: field.Unit,
          answer: field.Answer,
        },
        where,
      ),
    };
  });
}

/** Add read results to a class: duplicates are skipped with a reason. Returns the problems found.
 *  @param {ClassItem[]} items
 *  @param {ReadResult[]} results
 *  @returns {{ source: string, problem: string }[]} */
export function addToClass(items, results) {
  const seen = new Map(items.map((item) => [workKey(item), item.source]));
  /** @type {{ source: string, problem: string }[]} */
  const problems = [];
  for (const result of results) {
    if (result.problem !== undefined) {
      problems.push({ source: result.source ?? "", problem: result.problem });
      continue;
    }
    const key = workKey(result.item);
    if (seen.has(key)) {
      problems.push({
        source: result.item.source,
        problem: t("the same work as {source}, already loaded", { source: String(seen.get(key)) }),
      });
      continue;
    }
    seen.set(key, result.item.source);
    items.push(result.item);
  }
  return problems;
}

/** @param {unknown} value */
const csvCell = (value) => {
  const text = String(value ?? "");
  // A cell a spreadsheet would run as a formula starts with ' (OWASP's advice for CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  // Not `return /…/`: Babel's extractor reads a regular expression after `return` as a division, and then
  // misses every message below it (make messages).
  const quoted = /[",\n]/.test(safe);
  return quoted ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** An ISO time as the teacher reads it, in their own time zone: "2026-12-07 09:02".
 *  @param {string} iso */
export function timeText(iso) {
  const date = new Date(iso);
  if (!iso || Number.isNaN(date.getTime())) return oneLine(iso);
  /** @param {number} n */
  const two = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}

/** The class in the order a teacher reads a register: by name, then by time.
 *  @param {ClassItem} a  @param {ClassItem} b */
export const byName = (a, b) =>
  a.name.localeCompare(b.name, undefined, { sensitivity: "base", numeric: true }) ||
  a.time.localeCompare(b.time);

/** The class table's columns: heading (in the page's language: a function, called once the page's words
 *  are read), and the cell of one student's work.
 *  @returns {[string, (item: ClassItem) => string][]} */
export const columns = () => [
  [t("Name"), (i) => i.name || t("(no name)")],
  [t("Lesson"), (i) => i.lesson],
  [t("Prediction"), (i) => i.prediction],
  [t("Model's answer"), (i) => i.modelText],
  [t("How far off"), gapWords],
  [t("Predicted at"), (i) => timeText(i.time)],
  [t("Answer"), (i) => i.answer],
  [t("From"), (i) => i.source],
];

/** The class as CSV (a header row, then one row per student; numbers as numbers for a spreadsheet).
 *  @param {ClassItem[]} items */
export function classCsv(items) {
  const COLUMNS = columns();
  const head = [...COLUMNS.map(([name]) => name), t("Prediction (number)"), t("Model (number)"), t("Unit")];
  const lines = items.map((i) => [
    ...COLUMNS.map(([, value]) => value(i)),
    i.predictionValue ?? "",
    i.modelValue ?? "",
    i.unit,
  ]);
  return `${[head, ...lines].map((cells) => cells.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
