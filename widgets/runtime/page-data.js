// Data the build wrote into a figure: JSON in an inert <template> (explainers/figures.py says why
// not a <script> block).
export const pageData = (root, name) => JSON.parse(root.querySelector(`template.${name}`).content.textContent);
