"""The licences `license:` in article.yaml may name, by SPDX identifier.

JATS4R's permissions recommendation identifies a licence by its URL
(`ali:license_ref`); the name is what the `license-p` says.
"""

from __future__ import annotations

_CC = "https://creativecommons.org/licenses/"
LICENCES: dict[str, tuple[str, str]] = {  # SPDX id -> (name, URL)
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International", _CC + "by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0 International", _CC + "by-sa/4.0/"),
    "CC-BY-ND-4.0": ("Creative Commons Attribution-NoDerivatives 4.0 International", _CC + "by-nd/4.0/"),
    "CC-BY-NC-4.0": ("Creative Commons Attribution-NonCommercial 4.0 International", _CC + "by-nc/4.0/"),
    "CC-BY-NC-SA-4.0": ("Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International",
                        _CC + "by-nc-sa/4.0/"),
    "CC-BY-NC-ND-4.0": ("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International",
                        _CC + "by-nc-nd/4.0/"),
    "CC0-1.0": ("Creative Commons Zero v1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
}


def spdx_id(text: str) -> str | None:
    """The identifier as SPDX spells it (its case does not matter), or None if unknown."""
    return next((known for known in LICENCES if known.lower() == text.strip().lower()), None)
