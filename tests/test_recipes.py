"""CONTRIBUTING.md's widget recipe, followed step by step on a toy model in a temporary copy of the
project: if the recipe stops being true (a registry moves, a step is missing), the copy does not build or
its checks fail, and so does this test.

Slow (a build with a new model makes Pyodide's memory snapshot again, about a minute): `make test` runs
it, `make test-fast` does not.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.project_copy import copy_env, project_copy

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.recipe

# Step 1: the model, as the recipe describes it.
TOY_MODEL = '''"""toy_stockpile: a stockpile drawn down one month of use a month (the recipe test's toy)."""

from __future__ import annotations

from widgets.model import Figure, Model, Preset, Result
from widgets.params import Param

PARAMS = (
    Param(
        name="months",
        label="Stockpile at the start",
        unit="months",
        minimum=0,
        maximum=24,
        step=1,
        default=6,
        assumption="A toy value for the recipe test.",
        help="How many months of use the stockpile holds.",
    ),
)
PRESETS = (Preset("empty", "No stockpile", {"months": 0}),)


def compute(values: dict[str, float]) -> Result:
    rows = [{"month": m, "stock": max(0.0, values["months"] - m)} for m in range(25)]
    return Result({"stock": rows}, [Figure("runs_out", "Month the stockpile runs out", values["months"], "months", 0)])


MODEL = Model(
    name="toy_stockpile",
    version=1,
    title="A stockpile running down",
    params=PARAMS,
    presets=PRESETS,
    compute=compute,
    method="The stock after *m* months is **max(0, S − m)**.",
    limits="A toy: one use rate, no refills.",
    limits_in_brief="One use rate and no refills.",
)
'''

# Step 3: the charts.
TOY_CHARTS = '''"""Charts of the toy_stockpile widget."""

from __future__ import annotations

import altair as alt

from explainers.charts import scenarios
from explainers.charts.base import Column, Table, WidgetCharts


def stock_line() -> alt.Chart:
    return (
        alt.Chart(alt.NamedData("stock"), title="The stockpile, month by month")
        .mark_line()
        .encode(
            x=alt.X("month:Q", title="Month"),
            y=alt.Y("stock:Q", title="Stock (months of use)"),
            color=scenarios.colour(),
            strokeDash=scenarios.dash(legend=False),
            tooltip=[scenarios.tooltip(), alt.Tooltip("stock:Q", title="Stock (months)")],
        )
        .properties(width="container", height=200)
    )


CHARTS = WidgetCharts(
    description="A line for the baseline (dashed) and your scenario: the stock falls by one month of use a month.",
    views=(stock_line,),
    tables=(
        Table(
            "stock",
            "Stock by month",
            (scenarios.COLUMN, Column("month", "Month", 0), Column("stock", "Stock (months of use)", 0)),
        ),
    ),
)
'''

# Step 6: the page.
TOY_PAGE = """# A stockpile running down

How long a stockpile lasts, as of {{ as_of }}.

```widget toy_stockpile
```
"""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the recipe's step no longer fits {path.name}: {old!r} is not there"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(copy: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """A command in the copy, importing the copy's packages (not the installed project's)."""
    return subprocess.run(command, cwd=copy, env=copy_env(copy), capture_output=True, text=True, timeout=900)


# What this test edits, each of which the recipe must name (so the guide and the test move together).
RECIPE_NAMES = (
    "widgets/<model>.py",
    "widgets/registry.py",
    "explainers/charts/<subject>.py",
    "explainers/catalog.py",
    "explained_on=",
    "[[model_version]]",
    "explainers/corrections.toml",
    "```widget <model>",
    "make test-fast",
)


def test_the_widget_recipe_names_every_step_this_test_takes():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    recipe = guide[guide.index("## Add a widget") :].split("\n## ", 1)[0]
    missing = [name for name in RECIPE_NAMES if name not in recipe]
    assert not missing, f"CONTRIBUTING.md's widget recipe no longer names {missing}"


def test_the_widget_recipe_adds_a_working_widget(tmp_path):
    copy = project_copy(tmp_path)
    python = sys.executable

    # 1. The model.
    (copy / "widgets/toy_stockpile.py").write_text(TOY_MODEL, encoding="utf-8")
    # 2. The browser's lookup.
    registry = copy / "widgets/registry.py"
    edit(
        registry,
        "from widgets import central_asia_pipeline,",
        "from widgets import toy_stockpile, central_asia_pipeline,",
    )
    edit(registry, "central_asia_pipeline.MODEL)", "central_asia_pipeline.MODEL, toy_stockpile.MODEL)")
    # 3. The charts.
    (copy / "explainers/charts/toy.py").write_text(TOY_CHARTS, encoding="utf-8")
    # 4. The catalogue.
    catalog = copy / "explainers/catalog.py"
    edit(catalog, "from explainers.charts import ", "from explainers.charts import toy, ")
    edit(
        catalog,
        '    "central_asia_pipeline": Shown(pipeline.CHARTS, explained_on="central-asia.md"),\n',
        '    "central_asia_pipeline": Shown(pipeline.CHARTS, explained_on="central-asia.md"),\n'
        '    "toy_stockpile": Shown(toy.CHARTS, explained_on="toy.md"),\n',
    )
    # 5. The version log: the check fails first, naming the fingerprint to paste, as the recipe says.
    check = run(
        copy, python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_reuse.py", "-k", "logged"
    )
    assert check.returncode != 0, "a model without a version log entry must fail the checks"
    found = re.search(r'fingerprint = "([0-9a-f]+)"', check.stdout)
    assert found, check.stdout[-2000:]
    with (copy / "explainers/corrections.toml").open("a", encoding="utf-8") as log:
        log.write(
            f'\n[[model_version]]\nmodel = "toy_stockpile"\nversion = 1\ndate = 2026-11-27\n'
            f'what = "The toy model of the recipe test."\nfingerprint = "{found.group(1)}"\n'
        )
    # 6. The page, and its place in the navigation.
    (copy / "docs/toy.md").write_text(TOY_PAGE, encoding="utf-8")
    edit(copy / "mkdocs.yml", "      - About: about.md\n", "      - About: about.md\n      - Toy: toy.md\n")

    # 7. The checks a contributor runs: the model, catalogue, content and version tests, then the build.
    checks = run(
        copy,
        python,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-m",
        "not browser and not recipe",
        "tests/test_figures.py",
        "tests/test_reuse.py",
        "tests/test_content.py",
        "tests/test_models.py",
    )
    assert checks.returncode == 0, checks.stdout[-4000:] + checks.stderr[-2000:]
    site = tmp_path / "site"
    built = run(copy, str(Path(python).parent / "mkdocs"), "build", "--strict", "-d", str(site))
    assert built.returncode == 0, built.stderr[-4000:]

    page = (site / "toy/index.html").read_text(encoding="utf-8")
    assert 'class="bx-figure bx-widget"' in page and "The stockpile, month by month" in page
    assert "Stock by month" in page  # the data table, the chart's text alternative
    for generated in ("embed/toy_stockpile/index.html", "assign/toy_stockpile/index.html"):
        assert (site / generated).is_file(), f"the recipe promises {generated}"
    assert 'id="toy_stockpile"' in (site / "methodology/index.html").read_text(encoding="utf-8")
    # The browser's entry point answers for the new model, as the worker would call it.
    answer = run(
        copy,
        python,
        "-c",
        "from widgets import registry; print(registry.run_json('toy_stockpile', '{\"months\": 3}'))",
    )
    assert '"ok": true' in answer.stdout and '"text": "3 months' in answer.stdout, (
        answer.stdout + answer.stderr
    )
