"""core.files.stored_until_rollback: files stored before a transaction are deleted again when
the block that follows does not complete."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from motcua.core.files import stored_until_rollback


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
