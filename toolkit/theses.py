"""A thesis designation ("автореф. дис. … д-ра ист. наук") made from a degree code.

The journal style prints what a dissertation is in the edition's language, never
copied from its title page; CSL cannot choose a term by a field's value, so the
designation is made here and given to the style as the item's `genre`. The
entry's `type` names the degree (phd, candidate, doctor, master — or biblatex's
phdthesis, candthesis, mathesis), "abstract" for the author's abstract, and the
discipline: `type = {doctor abstract, history}`.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files

import yaml

DEGREES = {"phd": "phd", "phdthesis": "phd", "candidate": "candidate", "candthesis": "candidate",
           "doctor": "doctor", "docthesis": "doctor", "master": "master", "mathesis": "master",
           "mastersthesis": "master"}
ABSTRACT = {"abstract", "avtoreferat"}


@cache
def _designations() -> dict:
    return yaml.safe_load((files("toolkit") / "assets" / "csl" / "theses.yaml").read_text(encoding="utf-8"))


def designation(written: str, language: str) -> str | None:
    """The designation of `type = {written}` in `language`; None when the language has
    none or the value is not a degree code (it is then printed as written)."""
    table = _designations().get(language.split("-")[0].lower())
    words = [w for w in re.split(r"[\s,;]+", written.strip().lower()) if w]
    if table is None or not words:
        return None
    degrees = [DEGREES[w] for w in words if w in DEGREES]
    abstract = any(w in ABSTRACT for w in words)
    disciplines = [w for w in words if w in table["disciplines"]]
    if len(degrees) != 1 or len(disciplines) > 1 or \
            len(words) != 1 + abstract + len(disciplines):
        return None
    template = table["abstract" if abstract else "thesis"].get(degrees[0])
    if template is None:
        return None
    discipline = table["disciplines"][disciplines[0]] if disciplines else ""
    template = re.sub(r"\[([^\]]*)\]", lambda m: m.group(1) if discipline else "", template)
    if "{discipline}" in template and not discipline:
        return None
    return template.format(discipline=discipline)
