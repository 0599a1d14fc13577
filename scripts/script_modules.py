"""Files the scripts load by path rather than import: ``eval/score.py`` (a standalone script beside the sets, not
a package module) and, for ``train_layer.py``, another script. One loader instead of a copy in each script."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_module(path: Path, name: str) -> ModuleType:
    """The file at ``path`` run as a module called ``name`` (registered in ``sys.modules``, which dataclasses and
    pickling defined in it need)."""
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_scorer() -> ModuleType:
    """``eval/score.py``: the scorer every evaluation and training script shares."""
    return load_module(ROOT / "eval" / "score.py", "eval_score")
