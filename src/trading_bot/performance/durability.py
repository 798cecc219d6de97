"""Making file-system changes survive a crash, shared by every writer in the package."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_directory(directory: Path) -> None:
    """Make a new or renamed entry in ``directory`` durable.

    A file's own fsync does not persist its directory entry; without this a crash right after
    a rename or a file creation can lose the name.  Best effort: some platforms cannot open a
    directory, and then there is nothing more to do.
    """
    try:
        handle = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
