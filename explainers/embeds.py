"""One minimal page per widget under embed/, for teachers' <iframe>s: generated from the catalogue,
so every widget has one and none is written by hand."""

from __future__ import annotations

from explainers import catalog


def embed_page(name: str) -> str:
    widget = catalog.widget(name)
    model, explainer = widget.model, widget.explained_on
    return f"""---
template: embed.html
title: "{model.title}"
hide: [navigation, toc, footer]
search:
  exclude: true
---

```widget {name}
```

[Read the explainer behind this widget](../{explainer}){{ target=_top }} ·
[How the model works](../methodology.md#{name}){{ target=_top }}
"""


def embed_pages() -> dict[str, str]:
    """src path -> Markdown, one per widget."""
    return {f"embed/{name}.md": embed_page(name) for name in catalog.WIDGETS}
