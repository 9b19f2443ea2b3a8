"""`eprint` fields as the CSL variables a style prints: a link, a DOI, and the
identifier as biblatex writes it (its `eprint:<type>` formats in biblatex.def;
an arXiv identifier as arXiv writes it).

CSL has no eprint variable, so without this an arXiv preprint's only address
would be lost in every edition.
"""

from __future__ import annotations

# eprinttype (lower case) -> (address the identifier is appended to, label biblatex prints)
EPRINT_TYPES = {
    "arxiv": ("https://arxiv.org/abs/", "arXiv"),
    "jstor": ("https://www.jstor.org/stable/", "JSTOR"),
    "pubmed": ("https://www.ncbi.nlm.nih.gov/pubmed/", "PMID"),
    "hdl": ("https://hdl.handle.net/", "HDL"),
    "googlebooks": ("https://books.google.com/books?id=", "Google Books"),
    "google books": ("https://books.google.com/books?id=", "Google Books"),
}


def eprint_variables(fields: dict[str, str]) -> dict[str, str]:
    """CSL variables for an entry's eprint: `URL` (from the eprint type's address),
    `DOI` (eprinttype = doi), `PMID`, and `label` — the identifier as arXiv writes
    it ("arXiv:2101.00001 [cs.CL]") or as biblatex prints it ("PMID: 123"), for the
    caller to place as `number` or `note`. Empty without an eprint."""
    eprint = fields.get("eprint", "").strip().strip("{}").strip()
    if not eprint:
        return {}
    kind = (fields.get("eprinttype") or fields.get("archiveprefix") or "").strip().strip("{}").strip()
    scheme = kind.lower()
    if scheme == "doi":
        return {"DOI": eprint}
    eprint_class = (fields.get("eprintclass") or fields.get("primaryclass") or "").strip()
    base, label = EPRINT_TYPES.get(scheme, ("", kind or "eprint"))
    out = {"label": f"arXiv:{eprint}" if scheme == "arxiv" else f"{label}: {eprint}"}  # as arXiv writes it
    if eprint_class:
        out["label"] += f" [{eprint_class}]" if scheme == "arxiv" else f" ({eprint_class})"
    if base:
        out["URL"] = base + eprint
    if scheme == "pubmed":
        out["PMID"] = eprint
    return out
