"""core.files.stored_until_rollback: files stored before a transaction are deleted again when
the block that follows does not complete; Word and Excel 97-2003 files known by their content."""

import struct

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from motcua.core.files import OLE_MAGIC, sniff, stored_until_rollback


@pytest.fixture
def storage(tmp_path):
    return FileSystemStorage(location=tmp_path)


def test_stored_files_stay_when_the_block_completes(storage):
    with stored_until_rollback(storage, [("a.pdf", ContentFile(b"%PDF-1")),
                                         ("b.png", ContentFile(b"png"))]) as names:
        assert names == ["a.pdf", "b.png"]
    assert storage.exists("a.pdf") and storage.exists("b.png")


def test_stored_files_are_deleted_when_the_block_raises(storage):
    with pytest.raises(RuntimeError), stored_until_rollback(
            storage, [("a.pdf", ContentFile(b"%PDF-1"))]) as names:
        assert storage.exists(names[0])
        raise RuntimeError("the transaction did not commit")
    assert storage.listdir("")[1] == []


def test_a_failed_save_deletes_what_was_stored_before_it(storage):
    class Broken(ContentFile):
        def chunks(self, chunk_size=None):
            raise OSError("disk full")

    with pytest.raises(OSError), stored_until_rollback(
            storage, [("a.pdf", ContentFile(b"%PDF-1")), ("b.pdf", Broken(b"x"))]):
        pass
    assert not storage.exists("a.pdf")


# --- Word and Excel 97-2003: the OLE2 compound file's directory names the document's stream ---

FREE, END_OF_CHAIN, FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def compound_file(stream: str) -> bytes:
    """A 512-byte-sector compound file: the header, one allocation table sector (0), one
    directory sector (1) holding the root entry and ``stream``."""
    header = bytearray(512)
    header[:8] = OLE_MAGIC
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<LLLLLLLLL", header, 0x2C, 1, 1, 0, 4096, END_OF_CHAIN, 0, END_OF_CHAIN,
                     0, 0)  # one table sector, the directory at sector 1; DIFAT[0] = sector 0
    struct.pack_into("<108L", header, 0x50, *[FREE] * 108)
    table = struct.pack("<128L", FAT_SECTOR, END_OF_CHAIN, *[FREE] * 126)
    directory = b"".join(_entry(name, kind) for name, kind in (("Root Entry", 5), (stream, 2)))
    return bytes(header) + table + directory.ljust(512, b"\0")


def _entry(name: str, kind: int) -> bytes:
    encoded = name.encode("utf-16-le") + b"\0\0"
    return (encoded.ljust(64, b"\0") + struct.pack("<HB", len(encoded), kind)).ljust(128, b"\0")


@pytest.mark.parametrize(("stream", "kind"), [
    ("WordDocument", "doc"), ("Workbook", "xls"), ("Book", "xls"), ("PowerPoint Document", None),
])
def test_an_ole2_file_is_known_by_the_stream_its_directory_names(stream, kind):
    assert sniff(ContentFile(compound_file(stream), name="x.bin")) == kind


def test_a_truncated_ole2_file_is_of_no_known_kind():
    assert sniff(ContentFile(compound_file("WordDocument")[:600], name="x.doc")) is None
