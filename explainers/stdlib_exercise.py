"""Run inside Pyodide by stdlib_modules.mjs: every code path of the models and the sandbox that the
browser can reach, then the modules a reader's edited model may import; the value of the last line is
the JSON report of what the standard library had to provide."""

import json
import sys

from widgets import registry, sandbox

registry.warm_up()
for name, model in registry.MODELS.items():
    registry.run_json(name, json.dumps(model.defaults()))
    for preset in getattr(model, "presets", ()):
        registry.run_json(name, json.dumps({**model.defaults(), **preset.values}))
    registry.run_json(name, json.dumps({"no such parameter": 1}))  # the error path
    source = sandbox.model_source(name)
    for code in (
        source,
        source + "\n)",  # Python cannot read it
        source.replace("MODEL =", "NOT_A_MODEL ="),  # no MODEL
        source + "\nMODEL.run = lambda values: 1 / 0\n",  # fails when run
        source + "\nMODEL.run = lambda values: None\n",  # the wrong shape
    ):
        sandbox.run_edited(name, code, json.dumps(model.defaults()))
    sandbox.standalone(source)

# What a reader's edit may reasonably reach for ("look inside"), with what those import in turn.
for module in json.loads(READER_MODULES):  # type: ignore[name-defined]  # noqa: F821 (set by stdlib_modules.mjs)
    __import__(module)

zip_path = next(p for p in sys.path if p.endswith(".zip"))
json.dumps(
    {
        "modules": sorted(
            name
            for name, module in sys.modules.items()
            if (getattr(module, "__file__", None) or "").startswith(zip_path)
        ),
        "builtins": sorted(sys.builtin_module_names),
    }
)
