"""Public portal views that take input: a news page's comment form, the Q&A page, search.

Every form has a honeypot field and a per-address rate limit; nothing a reader sends is
shown before a moderator publishes it.
"""

import functools

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from tttt.core.forms import add_service_errors
from tttt.core.ratelimit import rate_limited
from tttt.establishments.models import BusinessType
from tttt.inspections import services as inspections
from tttt.security import services as security

from . import queries, services
from .cache import public_cache
from .models import NewsPage, QuestionIndexPage, SectionPage, TipPage

TOO_MANY = "Bạn đã gửi quá nhiều lần trong thời gian ngắn. Hãy thử lại sau ít phút."


class HoneypotForm(forms.Form):
    website = forms.CharField(required=False, widget=forms.HiddenInput)  # people leave it empty

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


class CommentForm(HoneypotForm):
    title = forms.CharField(label="Tiêu đề", max_length=200)
    sender_name = forms.CharField(label="Người gửi", max_length=120)
    sender_email = forms.EmailField(
        label="Thư điện tử",
        help_text="Không hiển thị trên trang; chỉ để ban biên tập liên hệ khi cần.",
    )
    content = forms.CharField(
        label="Nội dung bình luận", max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )
    rating = forms.TypedChoiceField(
        label="Đánh giá bài viết",
        choices=[("", "Không đánh giá")] + [(str(n), f"{n} sao") for n in range(5, 0, -1)],
        coerce=int,
        empty_value=None,
        required=False,
    )


class QuestionForm(HoneypotForm):
    title = forms.CharField(label="Tiêu đề câu hỏi", max_length=250)
    body = forms.CharField(
        label="Nội dung câu hỏi", max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    asker_name = forms.CharField(label="Họ và tên", max_length=120)
    asker_email = forms.EmailField(
        label="Thư điện tử", help_text="Để nhận thông báo khi có câu trả lời; không công khai."
    )
    asker_phone = forms.RegexField(
        label="Điện thoại (không bắt buộc)",
        regex=r"^0\d{9}$",
        required=False,
        error_messages={"invalid": "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."},
    )
    asker_address = forms.CharField(
        label="Địa chỉ (không bắt buộc)", max_length=250, required=False
    )


class IncidentReportForm(HoneypotForm):
    """A citizen reports a fraud, a fake page, a leak of data… to the unit's security staff."""

    kind = forms.ChoiceField(
        label="Sự việc",
        choices=[("", "— Chọn —")] + [(k.value, k.label) for k in security.CITIZEN_KINDS],
    )
    title = forms.CharField(label="Tóm tắt", max_length=250,
                            help_text="Ví dụ: Trang giả mạo cổng thông tin xã đòi nộp phí.")  # fmt: skip
    description = forms.CharField(
        label="Mô tả sự việc", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Thời gian, cách thức, thiệt hại (nếu có).",
    )  # fmt: skip
    seen_at_url = forms.CharField(
        label="Nơi phát hiện (không bắt buộc)", max_length=500, required=False,
        help_text="Địa chỉ trang web, tài khoản mạng xã hội hoặc số điện thoại đã liên hệ với bạn.",
    )  # fmt: skip
    name = forms.CharField(label="Họ và tên", max_length=120)
    contact = forms.CharField(
        label="Điện thoại hoặc thư điện tử", max_length=150,
        help_text="Để cán bộ liên hệ xác minh; không công khai.",
    )  # fmt: skip


class TipForm(HoneypotForm):
    """A citizen reports a business breaking the rules to the unit's inspectors."""

    business_type = forms.ChoiceField(label="Loại cơ sở", choices=())
    place = forms.CharField(label="Tên cơ sở hoặc người bán", max_length=200,
                            help_text="Ví dụ: Cửa hàng điện thoại Minh Anh; người bán SIM trước chợ.")  # fmt: skip
    address = forms.CharField(label="Địa chỉ, nơi bán", max_length=300)
    description = forms.CharField(
        label="Nội dung phản ánh", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Sự việc, thời gian bạn thấy; ví dụ: bán SIM đã đăng ký sẵn thông tin của người khác.",
    )  # fmt: skip
    reporter_name = forms.CharField(label="Họ và tên", max_length=120)
    reporter_contact = forms.CharField(
        label="Điện thoại hoặc thư điện tử", max_length=150,
        help_text="Để cán bộ liên hệ xác minh; không công khai.",
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business_type"].choices = [("", "— Chọn —")] + list(
            BusinessType.objects.filter(is_active=True).values_list("code", "name")
        )


def _post_rate() -> str:
    return settings.TTTT_PORTAL_POST_RATE


def _answer(request, page, form, *, bucket: str, save, anchor: str, render):
    """A public form's post: back to the page with its thanks (`?da_gui=1#anchor`), or the
    page again (`render(request, page, form, message)`) with the form's problems (400) or
    the rate limit's message (429)."""
    message = ""
    if form.is_valid():
        if form.is_bot():  # pretend success; nothing is stored
            return redirect(f"{page.url}?da_gui=1#{anchor}")
        if rate_limited(request, bucket, _post_rate()):
            message = TOO_MANY
        else:
            try:
                save({k: v for k, v in form.cleaned_data.items() if k != "website"})
                return redirect(f"{page.url}?da_gui=1#{anchor}")
            except ValidationError as error:
                add_service_errors(form, error)
    response = render(request, page, form, message)
    response.status_code = 429 if message else 400
    return response


@functools.cache
def _blank_fields(form_class) -> str:
    """The fields of an empty public form, rendered once per process: every reader gets the
    same HTML, and rendering widgets is a large share of a page's time."""
    return render_to_string("portal/_form_fields.html", {"form": form_class()})


def _form_context(form) -> dict:
    return {"form": form, "form_fields": "" if form.is_bound else _blank_fields(type(form))}


def _render_news(request, page, form, message=""):
    context = page.get_context(request)
    context.update(
        queries.news_context(page),
        **_form_context(form),
        message=message,
        sent=request.GET.get("da_gui"),
    )
    return TemplateResponse(request, page.get_template(request), context)


def news_page(request, page):
    """An article with its published comments, average rating and the comment form. The
    page carries no per-visitor token, so an HTTP cache may keep it (the form posts to
    `comment_post`)."""
    return public_cache(request, _render_news(request, page, CommentForm()))


@csrf_exempt  # anonymous form, no session to ride on; honeypot and rate limit instead
@require_POST
def comment_post(request, page_id: int):
    page = get_object_or_404(NewsPage.objects.live(), pk=page_id)
    form = CommentForm(request.POST)
    if not page.allow_comments:
        form.add_error(None, "Bài viết này không nhận bình luận.")
        response = _render_news(request, page, form)
        response.status_code = 400
        return response
    return _answer(
        request,
        page,
        form,
        bucket="comment",
        anchor="binh-luan",
        render=_render_news,
        save=lambda data: services.comment_submit(page=page, data=services.CommentData(**data)),
    )


def _render_questions(request, page, form, message=""):
    context = page.get_context(request)
    portal = queries.portal_of(page)
    context.update(
        queries.published_questions(page, request.GET),
        **_form_context(form),
        message=message,
        sent=request.GET.get("da_gui"),
        answer_days=portal.answer_days if portal else 5,
        query=request.GET.get("q", ""),
    )
    return TemplateResponse(request, "portal/question_index_page.html", context)


def questions_page(request, page):
    """Published questions and answers, and the form to ask one."""
    return public_cache(request, _render_questions(request, page, QuestionForm()))


@csrf_exempt  # anonymous form, see comment_post
@require_POST
def question_post(request, page_id: int):
    page = get_object_or_404(QuestionIndexPage.objects.live(), pk=page_id)
    form = QuestionForm(request.POST)
    return _answer(
        request,
        page,
        form,
        bucket="question",
        anchor="gui-cau-hoi",
        render=_render_questions,
        save=lambda data: services.question_submit(page=page, data=services.QuestionData(**data)),
    )


def _render_section(request, page, form=None, message=""):
    context = page.get_context(request)
    if queries.is_security_section(page):
        context.update(report_form=True, **_form_context(form or IncidentReportForm()),
                       message=message, sent=request.GET.get("da_gui"))  # fmt: skip
    return TemplateResponse(request, page.get_template(request), context)


def section_page(request, page):
    """A section's listing; the "An toàn thông tin" section also takes citizens' reports of
    fraud and fake pages (posted to `incident_report_post`)."""
    return public_cache(request, _render_section(request, page))


@csrf_exempt  # anonymous form, see comment_post
@require_POST
def incident_report_post(request, page_id: int):
    page = get_object_or_404(SectionPage.objects.live().select_related("unit"), pk=page_id)
    if not queries.is_security_section(page):
        raise Http404
    form = IncidentReportForm(request.POST)
    return _answer(request, page, form, bucket="incident", anchor="bao-cao-su-co", render=_render_section,
                   save=lambda data: security.incident_from_citizen(
                       unit=page.unit, report=security.CitizenReport(**data)))  # fmt: skip


def _render_tips(request, page, form=None, message=""):
    context = page.get_context(request)
    # Not the cached blank form: its business types are data an administrator may change.
    context.update(form=form or TipForm(), message=message, sent=request.GET.get("da_gui"))
    return TemplateResponse(request, "portal/tip_page.html", context)


def tip_page(request, page):
    """The form citizens report a business breaking the rules with."""
    return public_cache(request, _render_tips(request, page))


@csrf_exempt  # anonymous form, see comment_post
@require_POST
def tip_post(request, page_id: int):
    page = get_object_or_404(TipPage.objects.live().select_related("unit"), pk=page_id)
    form = TipForm(request.POST)
    return _answer(request, page, form, bucket="tip", anchor="phan-anh", render=_render_tips,
                   save=lambda data: inspections.tip_from_citizen(
                       unit=page.unit, report=inspections.TipReport(**data)))  # fmt: skip


def search_page(request, page):
    context = page.get_context(request)
    home = context.get("portal") or queries.portal_of(page)
    context.update(queries.portal_search(home, request.GET.get("q", ""), request.GET.get("page")))
    return public_cache(request, TemplateResponse(request, "portal/search_page.html", context))


def root(home_view):
    """`/`: a portal's home page on a portal's host name, `home_view` on the main site."""

    def view(request):
        site = Site.find_for_request(request)
        if site is not None and not site.is_default_site:
            return wagtail_serve(request, "")
        return home_view(request)

    view.__name__ = view.__qualname__ = f"root_{home_view.__name__}"
    return view


def sitemap(request):
    """The sitemap of the portal the host name points at."""
    return wagtail_sitemap(request)
