"""Core's reads: a person's background downloads and imports."""

from django.http import Http404
from django.utils.translation import gettext as _

from tttt.core.models import Export, FileImport


def exports_of(user):
    """The person's own downloads, newest first (nobody sees another's)."""
    return Export.objects.filter(user=user).only(
        "title",
        "status",
        "done_rows",
        "total_rows",
        "filename",
        "created_at",
        "finished_at",
        "error",
    )


def export_of(user, pk: int) -> Export:
    export = Export.objects.filter(user=user, pk=pk).first()
    if export is None:
        raise Http404(_("Không có tệp xuất này trong danh sách của bạn."))
    return export


def imports_of(user):
    """The person's own imports, newest first (nobody sees another's)."""
    return FileImport.objects.filter(user=user).defer("problems")


def import_of(user, pk: int) -> FileImport:
    record = FileImport.objects.filter(user=user, pk=pk).first()
    if record is None:
        raise Http404(_("Không có lần nhập này trong danh sách của bạn."))
    return record
