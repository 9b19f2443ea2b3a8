"""Generated labels (Xülasə / Abstract, Ədəbiyyat / References, …) per language."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml

FALLBACK = "en"


@cache
def labels(language: str) -> dict[str, str]:
    folder = files("toolkit") / "assets" / "labels"
    base = yaml.safe_load((folder / f"{FALLBACK}.yaml").read_text(encoding="utf-8"))
    own = folder / f"{language}.yaml"
    if own.is_file():
        base.update(yaml.safe_load(own.read_text(encoding="utf-8")))
    return base
