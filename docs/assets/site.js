// Accessible names for two Material components that ship without one (axe-core: aria-dialog-name,
// aria-progressbar-name). Runs on every page, instant navigation included.
function nameMaterialComponents() {
  document.querySelector(".md-search[role='dialog']")?.setAttribute("aria-label", "Search this site");
  document.querySelector(".md-progress[role='progressbar']")?.setAttribute("aria-label", "Loading the page");
}
if (window.document$) window.document$.subscribe(nameMaterialComponents);
else nameMaterialComponents();

// A table wider than its box scrolls sideways inside Material's wrapper: a keyboard user must be able to reach
// the wrapper to scroll it (axe-core: scrollable-region-focusable), and a screen reader hears what the stop is.
// Only wrappers that scroll become a stop; the check runs again when the window's width changes.
function letKeyboardsScrollTables() {
  for (const wrap of document.querySelectorAll(".md-typeset__scrollwrap")) {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Table, scrolls sideways");
    } else if (!scrolls && wrap.getAttribute("role") === "region") {
      for (const name of ["tabindex", "role", "aria-label"]) wrap.removeAttribute(name);
    }
  }
}
// Material wraps the tables as it mounts a page's content: check once that is done (the next frame).
const afterMaterial = () => requestAnimationFrame(letKeyboardsScrollTables);
if (window.document$) window.document$.subscribe(afterMaterial);
else afterMaterial();
window.addEventListener("resize", afterMaterial);
