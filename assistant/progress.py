"""One switch for every progress bar: ours (tqdm), the model loader's ("Loading weights") and the Hub's.

Bars are drawn only for a person watching: when stderr is a terminal and `--quiet` was not given.
Piped into a log, a bar is a stream of `\\r` frames, so it is off there too. The libraries read their
switches (TQDM_DISABLE, HF_HUB_DISABLE_PROGRESS_BARS) when imported, so `configure()` runs first thing
in the CLI, before torch, transformers or huggingface_hub are imported; it also switches off the bars
of any that were imported already.
"""

from __future__ import annotations

import os
import sys
import warnings

_TRUE = {"1", "true", "yes", "on"}


def configure(*, quiet: bool) -> bool:
    """Decide once per process whether bars are drawn; returns that decision."""
    show = not quiet and sys.stderr.isatty()
    if not show:
        _silence_bars()
    if quiet:
        # --quiet means results and errors only: library chatter (export warnings, advisory notes) goes too.
        os.environ["TRANSFORMERS_VERBOSITY"] = "error"
        os.environ["TRANSFORMERS_NO_ADVISORY_WARNINGS"] = "1"
        os.environ["PYTHONWARNINGS"] = "ignore"  # inherited by worker processes (uvicorn --workers)
        warnings.simplefilter("ignore")
    return show


def show_progress(requested: bool = True) -> bool:
    """Whether a caller that wants a bar should draw one: asked for, not switched off, and on a terminal."""
    return requested and os.environ.get("TQDM_DISABLE", "").lower() not in _TRUE and sys.stderr.isatty()


def _silence_bars() -> None:
    os.environ["TQDM_DISABLE"] = "1"  # tqdm reads TQDM_* as defaults for every bar without an explicit value
    os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"  # huggingface_hub and transformers ("Loading weights")
    if "huggingface_hub" in sys.modules:
        from huggingface_hub.utils import disable_progress_bars

        disable_progress_bars()
    if "transformers" in sys.modules:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
