"""The date an edition says it was made: the same whenever and wherever it is built.

SOURCE_DATE_EPOCH (the reproducible-builds convention) when it is set, else the
article's `date:`; never the moment of the run, so two builds of the same
sources are the same files.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone


def document_date(metadata_date: str | None) -> datetime | None:
    """SOURCE_DATE_EPOCH's moment, else the article's date at midnight UTC; None without either."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), tz=timezone.utc)
    if metadata_date:
        parts = [int(p) for p in metadata_date.split("-")] + [1, 1]
        return datetime(parts[0], parts[1], parts[2], tzinfo=timezone.utc)
    return None
