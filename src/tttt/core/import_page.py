"""The back-office page of an all-or-nothing import (procedures, establishments, BTS
stations): a file field; a valid upload either goes in whole, or nothing does and every
problem is listed by row and column."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .tabular import ImportRejected


def import_page(
    request,
    *,
    run: Callable[[object, str, bytes], str],
    done: str,
    title: str,
    help: str,
    file_label: str,
    file_help: str = "",
    template_url: str = "",
):
    """`run(user, filename, content)` imports and returns the success message, or raises
    ImportRejected; `done` is where a success leads. The caller checks the permission."""
    form = forms.Form(request.POST or None, request.FILES or None)
    form.fields["file"] = forms.FileField(label=file_label, help_text=file_help)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            message = run(request.user, upload.name, upload.read())
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
