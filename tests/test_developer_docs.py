"""The newcomer's way in stays short and true: the README's two commands are the ones CI and the Makefile
run, and every decision record is a complete record, listed on the developers' index page."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVELOPERS = ROOT / "docs/developers"
DECISIONS = DEVELOPERS / "decisions"
HEADINGS = ("## Context", "## Decision", "## Why", "## What would change it")


def readme_commands() -> list[str]:
    """The commands of the README's `sh` blocks under "The two commands"."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The two commands", 1)[1].split("\n## ", 1)[0]
    return [line for block in re.findall(r"```sh\n(.*?)```", section, re.S) for line in block.splitlines()]


def test_the_readme_is_short_and_gives_the_two_commands():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150, f"README.md has {len(lines)} lines; details belong in docs/developers/"
    assert readme_commands() == ["make serve", "make test"]


def test_ci_runs_the_readme_s_test_command_and_the_makefile_has_both():
    ci = [line.strip() for line in (ROOT / ".ci/run").read_text(encoding="utf-8").splitlines()]
    assert readme_commands()[1] in ci
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("serve", "test", "test-fast", "fix"):
        assert re.search(rf"^{re.escape(target)}:", makefile, re.M), target


def test_the_pages_workflow_tests_before_it_builds_and_deploys():
    steps = re.findall(r"- run: (.+)", (ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    commands = [step.split("#")[0].strip() for step in steps]
    assert commands.index("make test-fast") < commands.index("make build")


def test_contributing_names_the_formatter():
    assert "`make fix`" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_every_decision_record_has_its_four_parts_in_order():
    records = sorted(DECISIONS.glob("*.md"))
    assert records
    for record in records:
        text = record.read_text(encoding="utf-8")
        assert text.startswith("# "), f"{record.name}: no title"
        places = [text.find(f"\n{heading}\n") for heading in HEADINGS]
        assert -1 not in places and places == sorted(places), f"{record.name}: needs {HEADINGS} in order"


def test_the_index_lists_every_decision_record_and_nothing_else():
    index = (DEVELOPERS / "index.md").read_text(encoding="utf-8")
    listed = re.findall(r"\]\(decisions/([\w-]+)\.md\)", index)
    assert sorted(listed) == sorted(p.stem for p in DECISIONS.glob("*.md")), (
        "docs/developers/index.md lists each file of docs/developers/decisions/ once"
    )
    assert len(listed) == len(set(listed))
