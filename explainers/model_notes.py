""" "What you should know about this model": three to five plain sentences beside every widget, written
from the model's own metadata (as the methodology page is): what it shows, what it leaves out, which
settings start from a source and which are teaching values, and its version."""

from __future__ import annotations

import re

from markupsafe import Markup

from explainers.downloads import SITE_LINK
from explainers.markup import render
from widgets.model import Model
from widgets.words import N_, _

METHODOLOGY = N_("the page on how the models work")  # a link in the page (translated where it is used)


def _first_sentence(markdown: str) -> str:
    text = re.sub(r"[*_`]", "", " ".join(markdown.split()))
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def _listed(labels: list[str]) -> str:
    return "; ".join(labels)  # the sliders' own labels, as the reader sees them


def sentences(model: Model) -> list[str]:
    title = _(model.title)
    title = title[0].lower() + title[1:]
    # a one-line summary if the model has one
    brief = _(getattr(model, "limits_in_brief", "")) or _first_sentence(model.limits)
    sourced = [_(p.label) for p in model.params if p.source and not p.assumption]
    assumed = [_(p.label) for p in model.params if p.assumption]
    said = [
        _("It shows {title}, as arithmetic on the settings below: an illustration, not a forecast.").format(
            title=title
        ),
        _("What it leaves out: {limits}").format(limits=brief[0].lower() + brief[1:]),
    ]
    if sourced:
        said.append(_("Defaults from a cited source: {settings}.").format(settings=_listed(sourced)))
    if assumed:
        said.append(
            _(
                "Defaults that are teaching values, chosen for the lesson rather than taken from a source (try others): "
                "{settings}."
            ).format(settings=_listed(assumed))
        )
    said.append(
        _("This is version {version} of the model; {methodology} gives its equations.").format(
            version=model.version, methodology=_(METHODOLOGY)
        )
    )
    return said


def notes_html(model: Model, widget_id: str) -> Markup:
    """The sentences, with the words naming the methodology page linked to it."""
    parts = " ".join(sentences(model)).split(_(METHODOLOGY))
    return render(
        "model_notes.html",
        model=model,
        widget_id=widget_id,
        parts=parts,
        methodology=_(METHODOLOGY),
        site_link=SITE_LINK,
    )
