"""Tables made once per machine by a child process and kept in the temp directory.

Some lookup tables are cheap to read but dear to make: making them imports a library with a
large dictionary (pypinyin's phrases, 56 MB; CC-CEDICT parsed, 65 MB), which a worker should
not carry for its lifetime only to use a small part of it. Such a table is made by
``python -m <module> <path>`` in a child process, written atomically, and read by every
worker after. If no child process can make it, it is made in the process that needs it:
right, only bigger.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


def run_child(path: Path, module: str) -> bool:
    """Have ``python -m module path`` make the table; whether it ran."""
    try:
        subprocess.run([sys.executable, "-m", module, str(path)], check=True, timeout=300,
                       capture_output=True)
    except (OSError, subprocess.SubprocessError) as e:
        log.warning("making %s in this process: a child process could not (%s)", path.name, e)
        return False
    return True


def read_or_make(path: Path, module: str, parse: Callable[[bytes], T],
                 make: Callable[[], str]) -> T:
    """The table in ``path`` read by ``parse`` from its bytes (raising ValueError on a
    damaged or outdated file), made first by ``python -m module path`` if missing or
    damaged, or here by ``make`` if no child process can."""
    for attempt in (0, 1):
        try:
            return parse(path.read_bytes())
        except (OSError, ValueError):
            pass
        if attempt == 0 and not run_child(path, module):
            break
    return parse(make().encode("utf-8"))


def ensure(path: Path, module: str, parse: Callable[[bytes], object]) -> bool:
    """Make the table in ``path`` now if it is missing or damaged, without reading it into
    this process; whether it is there after."""
    try:
        parse(path.read_bytes())
        return True
    except (OSError, ValueError):
        pass
    if not run_child(path, module):
        return False
    try:
        parse(path.read_bytes())
    except (OSError, ValueError) as e:
        log.warning("could not make %s (%s); the server will make it", path.name, e)
        return False
    return True


def write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a concurrent reader sees all of it or none."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)
