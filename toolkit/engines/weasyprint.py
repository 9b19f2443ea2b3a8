"""The one gateway to WeasyPrint; also the fence that keeps it inside the project.

Imported only by the PDF writer: `import weasyprint` alone costs about a second.
"""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit


class RefusedResource(ValueError):
    pass


def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class ProjectFetcher(URLFetcher):
        """Fetches `file:` URLs below the allowed folders and `data:` URLs; nothing else."""

        def __init__(self, allowed: list[Path]):
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
            self.allowed = [p.resolve() for p in allowed]
            self.refused: list[str] = []

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(unquote(parts.path)).resolve()
                if any(path.is_relative_to(root) for root in self.allowed):
                    return super().fetch(url, headers)
            self.refused.append(url)
            raise RefusedResource(f"refused to load {url}: not a file of the project or the toolkit")

    return ProjectFetcher


def render_pdf(html: str, base: Path, allowed: list[Path], variant: str | None = None,
               attachments: list[Path] = ()) -> tuple[bytes, list[str]]:
    """Render print HTML to PDF bytes; return them with the URLs that were refused.

    `variant` is a WeasyPrint PDF variant (pdf/a-3b, pdf/ua-1); `attachments`
    are embedded as the document's source files (PDF/A-3 associated files).
    """
    import weasyprint

    from ..hyphenation import register

    register()  # Azerbaijani patterns, which Pyphen lacks
    fetcher = _fetcher_class()(allowed)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = weasyprint.HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=fetcher)
    files = [weasyprint.Attachment(filename=str(path), name=path.name, relationship="Source",
                                   description=f"source: {path.relative_to(base)}") for path in attachments]
    pdf = document.write_pdf(pdf_variant=variant, attachments=files or None)
    return pdf, fetcher.refused
