"""What a file's `stat` says of whether it changed (as git's index keeps it)."""

import os

Stat = tuple[int, int, int, int, int]
"""(size, mtime_ns, ctime_ns, inode, device) of a regular file."""


def stat_of(info: os.stat_result) -> Stat:
    """The parts of a `stat` that change when the file does."""
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
