"""Generated labels (Xülasə / Abstract, Ədəbiyyat / References, …) per language."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml

FALLBACK = "en"


# libyaml's loader where PyYAML has it: the toolkit's own files need no positions
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def labels(language: str) -> dict[str, str]:
    folder = files("toolkit") / "assets" / "labels"
    base = yaml.load((folder / f"{FALLBACK}.yaml").read_text(encoding="utf-8"), Loader=_LOADER)
    own = folder / f"{language}.yaml"
    if own.is_file():
        base.update(yaml.load(own.read_text(encoding="utf-8"), Loader=_LOADER))
    return base
