"""File storage: a file system storage that says so when the disk is full or read-only,
and the storage for files that are never served directly (attachments, evidence: views
check scope, then stream them)."""

import contextlib
import errno
import logging
from pathlib import Path

from django.core.files.storage import FileSystemStorage, storages
from django.utils.translation import gettext as _

from tttt.core.errors import StorageUnavailable

logger = logging.getLogger("tttt.storage")
DISK_TROUBLE = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EPERM, errno.EDQUOT}


class FileStorage(FileSystemStorage):
    """Django's file system storage; a full or read-only disk is a refusal with a code
    (the write that needed the file is rolled back with it), not a server error."""

    def _save(self, name, content):
        full_path = Path(self.path(name))
        existed = full_path.exists()
        try:
            return super()._save(name, content)
        except OSError as exc:
            if not existed:  # a file cut off half-way is not left behind
                with contextlib.suppress(OSError):
                    full_path.unlink(missing_ok=True)
            if exc.errno not in DISK_TROUBLE:
                raise
            logger.error("cannot write %s in %s: %s", name, self.location, exc.strerror)
            raise StorageUnavailable(_(
                "Máy chủ tạm thời không lưu được tệp (ổ đĩa đầy hoặc chỉ cho đọc), nên chưa "
                "lưu gì. Hãy thử lại sau ít phút; nếu vẫn lỗi, hãy báo quản trị viên."
            )) from exc  # fmt: skip


def private_storage():
    return storages["private"]
