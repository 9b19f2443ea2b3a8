"""The Word edition, for submission and editing."""

from __future__ import annotations

from ..edition import Edition
from ..model import Project
from .base import from_ast


def render(edition: Edition, project: Project) -> bytes:
    return from_ast(edition, ["--to=docx", f"--resource-path={project.root}"], project.root)
