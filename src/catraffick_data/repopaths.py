"""Where a file is in its repository, as GitHub names it in an annotation.

A problem names its file from the folder the command runs in (`hotline_counts.csv` when run in raw/);
a workflow annotation needs the path from the repository's root (`raw/hotline_counts.csv`), or GitHub
attaches it to no file. The root is GITHUB_WORKSPACE in a workflow (the checkout), else the nearest
folder above the file that holds `.git` (a pre-commit hook, a local run).
"""
from __future__ import annotations

import os
from pathlib import Path


def _inside(path: Path, root: Path) -> str | None:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return None


def git_root(folder: Path) -> Path | None:
    for candidate in [folder, *folder.parents]:
        if (candidate / ".git").exists():  # a folder, or a file in a worktree or submodule
            return candidate
    return None


def repository_path(file: str) -> str:
    """`file` (relative to the current folder, or absolute) relative to its repository's root; as given
    when it lies in no repository."""
    path = Path(os.path.realpath(file))
    workspace = os.environ.get("GITHUB_WORKSPACE")
    roots = [Path(os.path.realpath(workspace))] if workspace else []
    roots.append(git_root(path.parent))
    for root in roots:
        rel = _inside(path, root) if root is not None else None
        if rel:
            return rel
    return file
