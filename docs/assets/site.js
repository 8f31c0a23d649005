// Accessible names for two Material components that ship without one (axe-core: aria-dialog-name,
// aria-progressbar-name). Runs on every page, instant navigation included.
function nameMaterialComponents() {
  document.querySelector(".md-search[role='dialog']")?.setAttribute("aria-label", "Search this site");
  document.querySelector(".md-progress[role='progressbar']")?.setAttribute("aria-label", "Loading the page");
}
if (window.document$) window.document$.subscribe(nameMaterialComponents);
else nameMaterialComponents();
