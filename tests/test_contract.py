"""The contract between Python and the page's JavaScript (explainers/contract.py): the generated
contract.js, and the shared cases (tests/cases/contract_cases.json) run against Python here and against
the JavaScript in tests/js/ (tests/test_js_units.py)."""

from __future__ import annotations

import json
import math
import re
from itertools import count
from pathlib import Path

import pytest

from explainers import contract, download_csv, quiz, runtime_assets, snapshot, versions
from explainers.quiz import QuizSyntaxError, check_number, quiz_fence
from widgets.params import NUMBER_TEXT, Param, ParameterError, format_value, read_number, validate

CASES = json.loads((Path(__file__).parent / "cases" / "contract_cases.json").read_text(encoding="utf-8"))


def same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return a == b and math.copysign(1, a) == math.copysign(1, b)  # -0 is not 0 here


@pytest.mark.parametrize("case", CASES["numbers"], ids=lambda c: repr(c["text"])[:30])
def test_a_text_is_a_number_by_the_one_grammar(case):
    assert bool(NUMBER_TEXT.fullmatch(case["text"])) == case["grammar"]
    assert same_number(read_number(case["text"]), case["number"])


@pytest.mark.parametrize("case", CASES["numbers"], ids=lambda c: repr(c["text"])[:30])
def test_a_model_takes_a_setting_exactly_when_the_page_reads_it_as_a_number(case):
    """What the page's link reader (scenario-url.js) keeps, Python's validate takes, and the reverse."""
    wide = (Param(name="x", label="X", unit="", minimum=-math.inf, maximum=math.inf, step=1, default=0),)
    if case["number"] is None:
        with pytest.raises(ParameterError):
            validate(wide, {"x": case["text"]})
    else:
        assert validate(wide, {"x": case["text"]}) == {"x": case["number"]}


@pytest.mark.parametrize("case", CASES["format"], ids=lambda c: f"{c['value']!r} {c['unit']} {c['digits']}")
def test_a_number_is_written_alike_on_both_sides(case):
    assert format_value(case["value"], case["unit"], case["digits"]) == case["text"]


@pytest.mark.parametrize("case", CASES["quiz"], ids=lambda c: f"{c['given']!r} {c['answer']}")
def test_a_quiz_answer_is_judged_alike_on_both_sides(case):
    assert check_number(case["given"], case["answer"], case["tolerance"]) == case["result"]


@pytest.mark.parametrize("case", CASES["csv"], ids=lambda c: repr(c["value"]))
def test_a_csv_number_is_written_alike_on_both_sides(case):
    assert download_csv.plain_number(case["value"]) == case["text"]


def test_a_quiz_refuses_an_answer_that_is_not_a_number():
    with pytest.raises(QuizSyntaxError, match="not a number"):
        quiz_fence("? How many?\n= 1.2.3 | why", "quiz", "", {}, None, ids=count(1))


def test_the_number_grammar_reads_alike_in_python_and_javascript_syntax():
    """contract.js hands NUMBER_TEXT's source to JavaScript's RegExp (tests/js checks that it compiles
    there): nothing in it may mean something else in one of the two syntaxes (named groups, \\d, \\Z...)."""
    source = NUMBER_TEXT.pattern
    assert re.fullmatch(r"[ +\-?:|()\[\]0-9a-zA-Z.*\\]*", source), source
    assert "\\" not in source.replace("\\.", ""), "only an escaped dot: other escapes differ between engines"


def test_contract_js_carries_every_value_of_the_python_side():
    text = contract.runtime_module()
    for name, value in contract.values().items():
        assert f"export const {name} = {json.dumps(value)};" in text
    assert contract.values()["VERSION_KEY"] == versions.VERSION_KEY
    assert contract.values()["ANSWER_SPACES"] == quiz.ANSWER_SPACES
    assert snapshot.MODELS_DIR in snapshot.BOOT_PYTHON
    assert runtime_assets.CONTRACT_MODULE in runtime_assets.page_modules()


def static_imports(source) -> list[str]:
    """The sibling modules a runtime module imports statically, however the import is written (read apart
    from runtime_assets' own reading, which these tests check)."""
    found = re.findall(r'from\s+"\./([^"]+)"|^import\s+"\./([^"]+)"', source.read_text(), re.M)
    return [next(part for part in imported if part) for imported in found]


def test_the_worker_bootstrap_imports_every_module_of_the_worker_at_once():
    """Loaded a level at a time, the worker's modules waited for the page's busy main thread in Firefox
    and WebKit (runtime_assets.worker_modules()); so the bootstrap lists them all, each after its imports."""
    modules = runtime_assets.worker_modules()
    assert modules[-1] == runtime_assets.WORKER_SCRIPT
    for index, path in enumerate(modules):
        source = runtime_assets.RUNTIME_DIR / path.rsplit("/", 1)[-1]
        if not source.is_file():
            assert path in (runtime_assets.CONTRACT_MODULE, runtime_assets.DOWNLOAD_SIZE_MODULE), path
            continue
        # every relative import, however it is written, is listed before the module that imports it
        for name in static_imports(source):
            assert f"assets/runtime/{name}" in modules[:index], (path, name)
    # and Pyodide's loader with them (worker.js imports it first thing)
    bootstrap = runtime_assets.worker_bootstrap()
    assert bootstrap == [runtime_assets.PYODIDE_LOADER, *modules]
    assert runtime_assets.PYODIDE_LOADER == contract.values()["FILES"]["pyodide"] + "pyodide.mjs"
    assert 'import(pyodideFile("pyodide.mjs"))' in (runtime_assets.RUNTIME_DIR / "worker.js").read_text()
    early = runtime_assets.early_worker_script("../")
    assert all(f'"../{path}"' in early for path in bootstrap)
    assert contract.values()["WORKER_MODULES"] == bootstrap  # python.js's newWorker() imports the same


def test_a_chart_page_preloads_what_it_imports_as_it_starts_and_nothing_it_may_never_import():
    """Every module main.js reaches by static imports is preloaded (else it loads a level at a time); a
    module imported only when a page needs it is not (five requests and ~30 kB every chart page never used)."""
    modules = runtime_assets.page_modules()
    assert modules[-1] == runtime_assets.PAGE_SCRIPT
    for path in modules:
        source = runtime_assets.RUNTIME_DIR / path.rsplit("/", 1)[-1]
        if source.is_file():
            for name in static_imports(source):
                assert f"assets/runtime/{name}" in modules, (path, name)
    imported_later = {"builder.js", "results.js", "go.js", "qr.js"}  # import("./…") where a page needs them
    main = (runtime_assets.RUNTIME_DIR / "main.js").read_text() + (
        runtime_assets.RUNTIME_DIR / "assign.js"
    ).read_text()
    assert all(f'import("./{name}")' in main for name in imported_later)
    assert not {path.rsplit("/", 1)[-1] for path in modules} & imported_later


# Literals that belong to the contract: written in a runtime module, they would be a second copy.
WRITTEN_ONCE = {
    "the number grammar": "[0-9]+\\.?[0-9]*",
    "a worker message type": '"boot-error"',
    "the models' folder": "/home/pyodide/bx",
    "the boot's imports": "import widgets.registry",
    "the standard library's file": "python_stdlib.zip",
    "Vega's file": "vega.min.js",
    "the snapshot's file": "snapshot.bin.gz",
}


@pytest.mark.parametrize("what, literal", WRITTEN_ONCE.items())
def test_runtime_modules_import_the_contract_rather_than_repeat_it(what, literal):
    copies = [p.name for p in sorted(runtime_assets.RUNTIME_DIR.glob("*.js")) if literal in p.read_text()]
    assert not copies, f"{what} is written again in {copies}: import it from contract.js"


def test_every_file_the_contract_names_is_in_the_built_site(built_site):
    """The worker and the page fetch these by the contract's site paths: each must be where it says."""
    files = contract.values()["FILES"]
    for path in [*files.values(), *contract.values()["CHART_SCRIPTS"], contract.MODULE]:
        assert (built_site / path).exists(), path
    assert (built_site / contract.MODULE).read_text(encoding="utf-8") == contract.runtime_module()
