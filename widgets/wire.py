"""What the worker hands the page, as JSON: the shape of every reply, as TypedDicts.

The dataclasses that hold a run (widgets/model.py, widgets/describe.py) say what they become on the wire by
returning these from `as_dict`, and the worker's entry points (registry.run_json, sandbox.run_edited) build
their replies as these, so mypy checks the Python that writes each field. explainers/contract.py writes the
same shapes as TypeScript declarations, against which tsc checks the JavaScript that reads them
(widgets/runtime/python.js, widget.js, ...): one definition, checked on both sides.

Only annotations use these (never the running code), so the one-file copy of a model a reader downloads
(sandbox.standalone) runs without this module.
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypedDict

Row = dict[str, Any]  # one row of a data set: field -> number or text, as the model's charts read it


class FigureReply(TypedDict):
    """One read-out of a run (model.Figure), in numbers and in words."""

    key: str
    label: str
    value: float
    unit: str
    text: str  # the value with its unit, and how it differs from the baseline's
    baseline: float | None  # the same read-out in the baseline, once the run has one


class DescriptionReply(TypedDict):
    """A run in words (describe.Description), for the page's live region and its charts' summaries."""

    brief: str
    full: str
    charts: dict[str, str]  # chart name -> what it shows now


class ResultReply(TypedDict):
    """A run (model.Result): named data sets, read-outs, the settings without effect and why."""

    data: dict[str, list[Row]]
    figures: list[FigureReply]
    inactive: dict[str, str]  # setting -> why it has no effect in this state
    baseline: str  # the baseline's name
    description: NotRequired[DescriptionReply]


class RunReply(ResultReply):
    """registry.run_json's answer to a model run."""

    ok: Literal[True]
    in_one_line: str  # why the main result is what it is, in one sentence ("" for a model without one)


class EditedReply(ResultReply):
    """sandbox.run_edited's answer: the reader's edited model's run, with the original's read-outs."""

    ok: Literal[True]
    original: list[FigureReply]


class TextReply(TypedDict):
    """The answer to `standalone`: one .py file of a model (worker.js wraps sandbox.standalone's text)."""

    ok: Literal[True]
    text: str


class Failure(TypedDict):
    """Any call that did not work: the reason, in words a reader can be shown."""

    ok: Literal[False]
    error: str
