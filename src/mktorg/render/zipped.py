"""A zip archive as `zipfile` writes it (members deflated, one fixed time), its members compressed
on two threads as they come: zlib lets go of the GIL while it compresses, and `zipfile` compresses
one member after the other in the thread that writes. Byte for byte `zipfile`'s archive (tested).
"""

import struct
import sys
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType

_VERSION = 20
"""`zipfile`'s version made by and needed to extract (deflate needs no more)."""
_SYSTEM = 0 if sys.platform == "win32" else 3
_ATTRIBUTES = 0o600 << 16
"""What `zipfile` gives a member written from bytes (rw-------)."""
_LIMIT = 0x7FFF0000
"""Members or an archive this large need ZIP64 records: not written here."""


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


class Zipped:
    """Members added in order (`add`), compressed beside; `archive()` when all are in."""

    def __init__(self, date_time: tuple[int, int, int, int, int, int]) -> None:
        year, month, day, hour, minute, second = date_time
        self.date = (year - 1980) << 9 | month << 5 | day
        self.time = hour << 11 | minute << 5 | second // 2
        self.members: list[tuple[str, int, int, Future[bytes]]] = []
        self.pool = ThreadPoolExecutor(max_workers=2)

    def __enter__(self) -> "Zipped":
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.pool.shutdown(cancel_futures=True)

    def add(self, name: str, data: bytes) -> None:
        """A member; its compression starts now."""
        if len(data) > _LIMIT:
            raise ValueError(f"{name}: too large for an archive without ZIP64 records")
        self.members.append((name, len(data), zlib.crc32(data), self.pool.submit(_deflate, data)))

    def archive(self) -> bytes:
        """The archive: each member's header and data, then the central directory and its end."""
        out = bytearray()
        central = bytearray()
        for name, size, crc, packing in self.members:
            encoded, flags = (name.encode("ascii"), 0) if name.isascii() else (name.encode("utf-8"), 0x800)
            packed = packing.result()
            fields = (flags, 8, self.time, self.date, crc, len(packed), size, len(encoded))
            central += struct.pack(
                "<4s4B4HL2L5H2L",
                b"PK\x01\x02",
                _VERSION,
                _SYSTEM,
                _VERSION,
                0,
                *fields,
                0,
                0,
                0,
                0,
                _ATTRIBUTES,
                len(out),
            )
            central += encoded
            out += struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", _VERSION, 0, *fields, 0) + encoded + packed
        if len(out) + len(central) > _LIMIT:
            raise ValueError("too large for an archive without ZIP64 records")
        count = len(self.members)
        end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(central), len(out), 0)
        return bytes(out + central + end)
