"""The back-office page of an all-or-nothing import (procedures, establishments, BTS
stations): a file field; a valid upload either goes in whole, or nothing does and every
problem is listed by row and column. A file of more than TTTT_IMPORT_INLINE_ROWS rows is
imported by the worker (core.imports) and followed on its own page."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from . import imports
from .tabular import ImportRejected, read_table


def import_page(
    request,
    *,
    runner: str,
    done: str,
    title: str,
    help: str,
    file_label: str,
    file_help: str = "",
    template_url: str = "",
):
    """`runner` names the function `(user, filename, content)` that imports and returns the
    success message, or raises ImportRejected; `done` is where a success leads. The caller
    checks the permission (and the importer again, as it runs)."""
    form = forms.Form(request.POST or None, request.FILES or None)
    form.fields["file"] = forms.FileField(label=file_label, help_text=file_help)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            rows = len(read_table(upload.name, content)) - 1
            if rows > settings.TTTT_IMPORT_INLINE_ROWS:
                record = imports.start(user=request.user, runner=runner, title=title,
                                       done_url=done, form_url=request.path,
                                       filename=upload.name, content=content,
                                       rows=rows)  # fmt: skip
                return redirect("tttt_import", record.pk)
            message = import_string(runner)(request.user, upload.name, content)
        except ImportRejected as exc:
            problems = exc.problems
            messages.error(
                request,
                _("Chưa nhập gì: tệp có {n} lỗi. Sửa các ô dưới đây rồi nhập lại.").format(
                    n=len(problems)
                ),
            )
        else:
            messages.success(request, message)
            return redirect(done)
    return TemplateResponse(request, "core/tabular_import.html", {
        "form": form, "problems": problems, "title": title, "help": help,
        "template_url": template_url,
    })  # fmt: skip
