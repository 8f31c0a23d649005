"""Every widget by name. The page's sliders, the methodology page, the tests and the browser worker
all look models up here, so a model's metadata is written exactly once."""

from __future__ import annotations

import json
from typing import Any, Mapping

from widgets import central_asia_pipeline, rare_earth_supply, tariff_stack
from widgets.model import Model
from widgets.params import ParameterError

MODELS: dict[str, Model] = {
    m.name: m for m in (tariff_stack.MODEL, rare_earth_supply.MODEL, central_asia_pipeline.MODEL)
}


def get(name: str) -> Model:
    try:
        return MODELS[name]
    except KeyError:
        raise KeyError(f"No widget called {name!r}; known widgets: {', '.join(sorted(MODELS))}.") from None


def run_json(name: str, values_json: str) -> str:
    """The browser worker's single entry point: JSON in, JSON out, errors as data (never raised),
    so a bad value shows a message and the chart keeps its last good state."""
    try:
        values: Mapping[str, Any] = json.loads(values_json)
        result = get(name).run(values)
    except ParameterError as error:
        return json.dumps({"ok": False, "error": str(error), "param": error.name})
    except (KeyError, ValueError) as error:
        return json.dumps({"ok": False, "error": str(error), "param": ""})
    return json.dumps({"ok": True, **result.as_dict()})


def warm_up() -> None:
    """Run every model once at its defaults, as the worker calls them (JSON in and out). In the browser
    the first call of a code path compiles it (WebAssembly is compiled lazily), which would otherwise
    land on the reader's first slider moves."""
    for name, model in MODELS.items():
        run_json(name, json.dumps(model.defaults()))
