"""The site's languages, listed once. English is the original and is served at the site's root (links
teachers have already shared keep working); every other language is a build of its own under its code
(`ru/`), made from `locales/<code>/`:

- `locales/<code>/docs/`: the translated pages, at the same paths as `docs/` (a page not translated yet is
  shown in English with a notice);
- `locales/<code>/LC_MESSAGES/messages.po`: the translations of the words the code writes (gettext, through
  Babel), with `locales/messages.pot` their template;
- `locales/<code>/terms.toml`: the fixed translations of the story's key terms.

Parameter names, link keys and assignment keys are never translated: a scenario link works in every edition.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_BESIDE_PACKAGE = Path(__file__).resolve().parent.parent / "locales"
# In a checkout (or an editable install) the translations sit beside the package; a plain `pip install .`
# reads the project's own, beside its mkdocs.yml, from where MkDocs runs (as it finds docs/).
LOCALES = _BESIDE_PACKAGE if _BESIDE_PACKAGE.is_dir() else Path.cwd() / "locales"


@dataclass(frozen=True, kw_only=True)
class Language:
    code: str  # BCP 47, as in <html lang> and Material's theme.language
    name: str  # in the language itself, for the switcher
    prefix: str  # the edition's folder in the site: "" for English, "ru/" for Russian

    @property
    def original(self) -> bool:
        return self.code == ORIGINAL.code


ORIGINAL = Language(code="en", name="English", prefix="")
LANGUAGES: dict[str, Language] = {
    language.code: language for language in (ORIGINAL, Language(code="ru", name="Русский", prefix="ru/"))
}
