// The go/ page opens a teacher's assignment from its short code (go/#<code>, short-link.js), and the
// lessons show each ready-made assignment's short address (go/1a) written out in full, as it is typed.
import { ASSIGN_FOLDER, SITE_ROOT } from "./contract.js";
import { editionRoot } from "./edition.js";
import { pageData } from "./page-data.js";
import { CodeError, readCode } from "./short-link.js";
import { t } from "./words.js";

/** An address as a student types it: "example.org/site/go/1a" (https is what a browser tries first);
 *  an http address keeps its "http://" (the classroom pack on a school network).
 *  @param {string} href */
export const typeable = (href) => href.replace(/^https:\/\//, "").replace(/\/$/, "");

/** An element with attributes (`text` sets its text, never HTML) and children.
 *  @template {keyof HTMLElementTagNameMap} Tag
 *  @param {Tag} tag  @param {Record<string, string>} [attributes]  @param {...(Node | string)} children
 *  @returns {HTMLElementTagNameMap[Tag]} */
function node(tag, attributes = {}, ...children) {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") made.textContent = value;
    else made.setAttribute(name, value);
  }
  made.append(...children);
  return made;
}

/** @param {HTMLElement} root  the page's .bx-go-open */
function mountOpener(root) {
  const { widgets } = /** @type {GoMeta} */ (pageData(root, "bx-go-meta"));
  root.querySelector(".bx-go-nojs")?.remove();
  // Codes are typed letter for letter: no capitals, corrections or suggestions from the phone's keyboard.
  const field = node("input", {
    id: "bx-go-code",
    type: "text",
    autocomplete: "off",
    autocapitalize: "off",
    autocorrect: "off",
    spellcheck: "false",
    "aria-describedby": "bx-go-message",
  });
  const message = node("p", { id: "bx-go-message", class: "bx-go-message", role: "status" });
  const form = node(
    "form",
    { class: "bx-go-form" },
    node("label", { for: "bx-go-code", text: t("The code your teacher gave you") }),
    field,
    node("button", { type: "submit", class: "md-button md-button--primary", text: t("Open the assignment") }),
    message,
  );
  root.append(form);

  /** @param {string} code  as typed, or from the address (go/#<code>) */
  async function open(code) {
    message.textContent = "";
    delete message.dataset.state;
    try {
      const path = await readCode(code);
      const widget = path.slice(ASSIGN_FOLDER.length + 1).split("/")[0] ?? ""; // split gives one part at least
      if (!widgets.includes(widget)) {
        throw new CodeError(
          t("This code is for an exercise this site does not have: ask your teacher for the link."),
        );
      }
      message.textContent = t("Opening the assignment…");
      // The very link the teacher made, in this go/ page's edition (a code is the same in every edition);
      // Back does not come here again.
      location.replace(new URL(path, editionRoot(SITE_ROOT)).href);
    } catch (error) {
      message.dataset.state = "problem";
      message.textContent =
        error instanceof CodeError
          ? error.message
          : t("This code could not be opened. Scan the QR code, or open the long link instead.");
      field.focus();
    }
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    open(field.value);
  });
  const fromAddress = new URL(location.href).hash.slice(1);
  if (fromAddress) {
    field.value = fromAddress; // kept in the field, so a mistyped code can be corrected, not typed again
    open(fromAddress);
  }
}

/** @param {ParentNode} page */
export function mountGo(page) {
  for (const link of /** @type {NodeListOf<HTMLAnchorElement>} */ (page.querySelectorAll("a.bx-go-link")))
    link.textContent = typeable(link.href);
  const opener = /** @type {HTMLElement | null} */ (page.querySelector(".bx-go-open"));
  if (opener) mountOpener(opener);
}
