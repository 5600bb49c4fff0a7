"""Every output module declares its Output, and OUTPUTS lists each of them once."""

import importlib
import pkgutil

import callboard.outputs
from callboard.outputs import OUTPUTS, Output

NOT_OUTPUTS = {"descriptor", "memo"}
"""Modules every output uses, that make no file themselves."""


def output_modules():
    return sorted(info.name for info in pkgutil.iter_modules(callboard.outputs.__path__) if info.name not in NOT_OUTPUTS)


def test_every_output_module_declares_one_output_and_it_is_listed():
    declared = [importlib.import_module(f"callboard.outputs.{name}").OUTPUT for name in output_modules()]
    assert all(isinstance(output, Output) for output in declared)
    assert sorted(OUTPUTS, key=lambda o: o.name) == sorted(declared, key=lambda o: o.name)
    assert len({output.name for output in OUTPUTS}) == len(OUTPUTS)


def test_the_costliest_outputs_come_first():
    """The build deals them out to its workers in this order, so that their shares even out."""
    ranked = [output.name for output in sorted(OUTPUTS, key=lambda output: output.cost_rank)]
    assert ranked == ["open data", "feeds", "OCDS", "calendars", "need feeds", "needs index", "sitemap", "statistics",
                      "headers", "board description"]
