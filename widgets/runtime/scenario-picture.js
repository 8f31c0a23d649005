// The worksheet's picture of the student's scenario: the first of the widget's charts that the student can
// see, with the rows it shows now, drawn by Vega for paper (charts.js paperPicture: the light scheme at a
// print width, then the view's own toSVG(); no service), with the chart's summary as its text alternative.
// It follows every change, so a printed worksheet shows the chart as it stood when handed in. A chart
// withheld until the prediction, or hidden by the teacher, has no live view (assign.js): no picture.
import { paperPicture } from "./charts.js";
import { pageData } from "./page-data.js";

const SETTLE_MS = 250; // after the last result: one picture per pause, not one per step of a dragged slider
// CSS pixels: about the printed page's width, so its labels print at their own size; narrower on a phone's
// screen, where the chart then takes its phone layout (explainers/charts/fit.py) and stays legible.
const WIDTH = { paper: 640, least: 320 };
const RETRIES = 40; // a chart just revealed is drawn in a moment: looked for again, SETTLE_MS apart, this often

/** A <figure> for the worksheet, kept up to date with the widget `figure`'s charts; hidden while there is
 *  no chart to show.
 *  @param {HTMLElement} figure  @returns {HTMLElement} */
export function scenarioPicture(figure) {
  const image = document.createElement("img");
  image.className = "bx-ws-picture-image";
  image.alt = "";
  const holder = document.createElement("figure"); // no caption: the chart's own title is in the picture
  holder.className = "bx-ws-picture";
  holder.hidden = true;
  holder.append(image);

  /** @type {ViewSpec[] | null} */
  let specs = null;
  /** @param {number} tries  looks left, while a chart just revealed is being drawn */
  async function draw(tries) {
    if (!figure.isConnected) return; // the page was left (instant navigation)
    const handles = await (figure.bxViews ?? Promise.resolve([]));
    for (const [index, handle] of handles.entries()) {
      const view = handle.vegaView?.();
      const element = figure.querySelector(`.bx-view[data-view="${index}"]`);
      if (!element?.isConnected) continue; // hidden by the teacher
      if (!view) {
        // Withheld until the prediction (assign.js shows its note in the chart's place): not the student's
        // to see yet. Without the note, it has just been revealed and is being drawn: look again shortly.
        if (element.querySelector(".bx-withheld-note")) continue;
        if (tries > 0) soon(tries - 1);
        return;
      }
      await view.runAsync(); // the data the widget has just given it
      const rows = Object.fromEntries(
        handle.datasetNames().map((name) => [name, JSON.parse(JSON.stringify(view.data(name)))]),
      );
      specs ??= /** @type {ViewSpec[]} */ (pageData(figure, "bx-specs"));
      const room = holder.parentElement?.clientWidth || WIDTH.paper; // 0 while the worksheet is not shown
      // bxViews holds one handle per spec, in order (widget.js, charts.js mountChart): this one is there
      const svg = await paperPicture(
        /** @type {ViewSpec} */ (specs[index]),
        rows,
        Math.min(Math.max(room, WIDTH.least), WIDTH.paper),
      );
      const title = element.getAttribute("aria-label") ?? "Chart";
      // The chart's summary (describe.js keeps it current) when the page shows it; while the assignment keeps
      // the model's words back, it is set aside, and the picture is named by its title alone.
      const summary = element.nextElementSibling?.matches(".bx-chart-summary")
        ? element.nextElementSibling.textContent.trim()
        : "";
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      image.alt = summary ? `${title}. ${summary}` : title;
      // Shown once decoded: a picture shown while still loading has no height yet, and a worksheet printed
      // at that moment is laid out for a picture that is not there.
      await image.decode();
      if (!figure.isConnected) return;
      holder.hidden = false;
      holder.dataset.chart = String(index);
      return;
    }
    holder.hidden = true;
  }

  let timer = 0;
  /** @param {number} [tries] */
  function soon(tries = RETRIES) {
    clearTimeout(timer);
    timer = setTimeout(
      () =>
        draw(tries).catch(() => {
          holder.hidden = true;
        }),
      SETTLE_MS,
    ); // the tables still say it all
  }
  figure.addEventListener("bx:result", () => soon());
  soon();
  return holder;
}
