"""The one list of models: the browser worker's lookup of a widget's model by name, and its one entry point
(`run_json`).

The build's catalogue of figures (explainers/catalog.py) is built from this list and adds each model's charts
and page; the list lives here because the worker gets this package without Altair or explainers/."""

from __future__ import annotations

import json
import re
from typing import Mapping

from widgets import central_asia_pipeline, numbers, rare_earth_supply, tariff_stack, words
from widgets.model import Model
from widgets.params import ParameterError
from widgets.wire import Failure, RunReply, TextReply
from widgets.words import _

MAX_REQUEST_CHARS = 10_000  # a widget's settings are a few hundred characters; more is not a widget's request
MAX_REQUEST_DEPTH = 8  # a request nests two deep; Pyodide's parser overflows the browser's stack near 4,000
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")

MODELS: dict[str, Model] = {
    m.name: m for m in (tariff_stack.MODEL, rare_earth_supply.MODEL, central_asia_pipeline.MODEL)
}


def get(name: str) -> Model:
    try:
        return MODELS[name]
    except KeyError:
        raise KeyError(
            _("No widget called {name}; known widgets: {known}.").format(
                name=repr(name), known=", ".join(sorted(MODELS))
            )
        ) from None


def read_request(request: object) -> tuple[object, str | None, object]:
    """A run request is the settings themselves, or {"settings": {...}, "baseline": "<preset key>"}, which may
    also name the settings of the run before ("previous": {...}), so the result is said as a change."""
    if isinstance(request, Mapping) and "settings" in request:
        extra = [str(key)[:40] for key in request if key not in ("settings", "baseline", "previous")]
        if extra:
            raise ParameterError(
                "",
                _("A run request holds “settings”, “baseline” and “previous” only, not “{key}”.").format(
                    key=extra[0]
                ),
            )
        baseline = request.get("baseline")
        if baseline is not None and not isinstance(baseline, str):
            raise ParameterError("", _("The baseline must be the name of one of the widget's presets."))
        return request["settings"], baseline, request.get("previous")
    return request, None, None


def parse_request(request_json: object) -> tuple[object, str | None, object]:
    """JSON text of a run request, read; too long a text is refused before parsing. That also keeps deeply
    nested JSON away from the parser, whose recursion the browser's stack may not survive."""
    if not isinstance(request_json, str) or len(request_json) > MAX_REQUEST_CHARS:
        raise ValueError(
            _("The settings must be JSON text of at most {count} characters.").format(
                count=numbers.number(MAX_REQUEST_CHARS)
            )
        )
    if _nesting(request_json) > MAX_REQUEST_DEPTH:
        raise ValueError(_("The settings are nested too deeply to read."))
    return read_request(json.loads(request_json))


def _nesting(text: str) -> int:
    """How deep brackets nest outside strings: checked before parsing, because in the browser the parser's
    recursion exhausts JavaScript's stack (a fatal error) long before Python's recursion limit."""
    depth = deepest = 0
    for bracket in _BRACKET.findall(_JSON_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def run_json(name: str, request_json: str) -> str:
    """The browser worker's single entry point: JSON in, JSON out, errors as data (never raised),
    so a bad value shows a message and the chart keeps its last good state."""
    try:
        settings, baseline, previous = parse_request(request_json)
        model = get(name)
        result = model.run(settings, baseline, previous)
        line = model.explain(settings, result)
        reply: RunReply = {"ok": True, **result.as_dict(), "in_one_line": line}
        return json.dumps(reply, allow_nan=False)  # NaN is not JSON the page can read
    except ParameterError as error:
        return _failure(str(error))
    except (
        KeyError,
        ValueError,
        TypeError,
        RecursionError,
    ) as error:  # unknown widget, bad JSON, nesting too deep
        return _failure(_plain(error))
    except Exception as error:  # a model bug: the page still gets an answer it can show
        return _failure(_("The model could not run ({kind}).").format(kind=type(error).__name__))


def _failure(error: str) -> str:
    failure: Failure = {"ok": False, "error": error}
    return json.dumps(failure)


def _plain(error: BaseException) -> str:
    if isinstance(error, json.JSONDecodeError):
        return _("The settings are not valid JSON ({why}).").format(why=error.msg)
    if isinstance(error, RecursionError):
        return _("The settings are nested too deeply to read.")
    return str(error)[:300]


def set_language(code: str, catalog_json: str = "") -> str:
    """The worker's `language` call: the page's language (`<html lang>`) and its compiled catalog (JSON text,
    "" for English), sent by python.js once after boot and again only if a later page is in another. The
    models' words (widgets/words.py) and numbers (widgets/numbers.py) are in it from now on. Never part of
    the memory snapshot, which is made before any page speaks: one snapshot for all languages."""
    words.use_json(code, catalog_json)
    reply: TextReply = {"ok": True, "text": numbers.set_language(code)}
    return json.dumps(reply)


REHEARSAL_STEPS = (
    6  # per model: in the page, V8 had optimised the calls' path after five to eight slider moves
)


def rehearsal() -> str:
    """Run requests as a reader's first slider moves send them (JSON text: a list of [widget, request JSON]),
    which the worker makes through the page's own call path once it is ready, while the reader reads.
    `warm_up` compiles each model's code once; what remains slow after it is the path through Pyodide's
    JavaScript and V8's optimisation of it, which only repeated calls of the same kind warm."""
    requests = []
    for name, model in MODELS.items():
        first = model.params[0]
        previous = None
        for step in range(REHEARSAL_STEPS):
            settings = model.defaults()
            settings[first.name] = min(first.maximum, settings[first.name] + step * first.step)
            requests.append(
                [name, json.dumps({"settings": settings, "baseline": None, "previous": previous})]
            )
            previous = settings
    return json.dumps(requests)


def warm_up() -> None:
    """Run every model once at its defaults, as the worker calls them (JSON in and out). In the browser
    the first call of a code path compiles it (WebAssembly is compiled lazily), which would otherwise
    land on the reader's first slider moves."""
    for name, model in MODELS.items():
        run_json(name, json.dumps(model.defaults()))
