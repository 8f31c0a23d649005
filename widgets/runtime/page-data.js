// Data the build wrote into a figure: JSON in an inert <template> (explainers/figures.py says why
// not a <script> block).
// Its shape is the build's (page.d.ts names the Python that writes each block): the caller says which.
/** @type {(root: ParentNode, name: string) => any} */
export const pageData = (root, name) => {
  const template = /** @type {HTMLTemplateElement} */ (root.querySelector(`template.${name}`));
  return JSON.parse(template.content.textContent ?? "");
};
