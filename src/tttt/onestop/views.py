"""Public pages of the one-stop-shop: dossier status lookup (code + phone) and rating."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from tttt.core.ratelimit import rate_limited
from tttt.org.models import Unit

from . import queries, services
from .forms import MultipleFileField
from .models import Channel, Dossier, Procedure, Rating, Status

NOT_FOUND = "Không tìm thấy hồ sơ với mã và số điện thoại đã nhập. Hãy kiểm tra lại mã trên giấy hẹn và số điện thoại đã đăng ký."


@require_http_methods(["GET", "POST"])
def dossier_lookup(request):
    code = (request.POST.get("ma") or request.GET.get("ma") or "").strip()
    phone = (request.POST.get("dien_thoai") or "").strip()
    context = {"code": code, "phone": phone, "ratings": Rating.choices}
    status = 200
    if request.method == "POST":
        if rate_limited(request, "lookup"):
            context["error"] = "Bạn đã tra cứu quá nhiều lần. Hãy thử lại sau ít phút."
            status = 429
        elif not code or not phone:
            context["error"] = "Hãy nhập cả mã hồ sơ và số điện thoại."
        else:
            dossier = services.find_for_citizen(code, phone)
            if dossier is None:
                context["error"] = NOT_FOUND
            else:
                context.update(
                    dossier=dossier,
                    events=[e for e in queries.timeline(dossier) if e.is_public],
                    can_rate=dossier.status == Status.RETURNED and dossier.rating is None,
                )
    return render(request, "onestop/lookup.html", context, status=status)


@require_http_methods(["POST"])
def dossier_rate(request):
    code = request.POST.get("ma", "")
    phone = request.POST.get("dien_thoai", "")
    context = {"code": code, "phone": phone, "ratings": Rating.choices}
    if rate_limited(request, "rate"):
        context["error"] = "Bạn đã gửi quá nhiều lần. Hãy thử lại sau ít phút."
        return render(request, "onestop/lookup.html", context, status=429)
    try:
        dossier = services.rate_dossier(
            code=code,
            phone=phone,
            rating=request.POST.get("muc_do"),
            comment=request.POST.get("gop_y", ""),
        )
    except ValidationError as exc:
        context["error"] = " ".join(exc.messages)
        return render(request, "onestop/lookup.html", context, status=400)
    context.update(dossier=dossier, events=[], thanks=True)
    return render(request, "onestop/lookup.html", context)


class OnlineForm(forms.Form):
    applicant_kind = forms.ChoiceField(label="Người nộp là", choices=Dossier.ApplicantKind.choices)
    applicant_name = forms.CharField(label="Họ tên / tên tổ chức", max_length=200)
    citizen_id = forms.CharField(label="Số CCCD (12 chữ số)", max_length=12, required=False)
    organisation_code = forms.CharField(
        label="Mã số doanh nghiệp/thuế (nếu là tổ chức)", max_length=20, required=False
    )
    phone = forms.CharField(label="Số điện thoại (dùng để tra cứu)", max_length=15)
    email = forms.EmailField(label="Thư điện tử", required=False)
    address = forms.CharField(label="Địa chỉ", max_length=300, required=False)
    files = MultipleFileField(label="Tệp thành phần hồ sơ (PDF, ảnh, Word, Excel)", required=False)
    website = forms.CharField(
        required=False, widget=forms.HiddenInput
    )  # honeypot: people leave it empty


def online_submit(request):
    """Online intake: choose the commune, then the procedure, then fill in and attach."""
    from tttt.core.text import fold

    unit_id = request.GET.get("don_vi") or request.POST.get("don_vi")
    procedure_id = request.GET.get("thu_tuc") or request.POST.get("thu_tuc")
    online = Procedure.objects.filter(is_active=True).exclude(
        online_service=Procedure.OnlineService.NONE
    )
    if not unit_id:
        q = request.GET.get("q", "").strip()
        units = []
        if len(q) >= 2:
            units = (
                Unit.objects.current()
                .administrative()
                .filter(search_name__contains=fold(q), procedures__in=online)
                .select_related("parent")
                .distinct()
                .order_by("name")[:50]
            )
        return render(request, "onestop/online_units.html", {"q": q, "units": units})
    if not str(unit_id).isdigit() or (procedure_id and not str(procedure_id).isdigit()):
        raise Http404
    unit = get_object_or_404(Unit, pk=unit_id)
    procedures = online.filter(units=unit).select_related("field").order_by("field__name", "name")
    if not procedure_id:
        return render(
            request, "onestop/online_procedures.html", {"unit": unit, "procedures": procedures}
        )
    procedure = get_object_or_404(procedures, pk=procedure_id)
    form = OnlineForm(request.POST or None, request.FILES or None)
    context = {"unit": unit, "procedure": procedure, "form": form}
    if request.method != "POST":
        return render(request, "onestop/online_form.html", context)
    chosen = request.FILES.getlist("files")
    uploads = [services.Upload(f.name, f, f.size, f.content_type) for f in chosen]
    if form.is_valid():
        if form.cleaned_data["website"]:
            return render(request, "onestop/online_form.html", context, status=400)
        if rate_limited(request, "submit"):
            form.add_error(
                None, "Bạn đã gửi quá nhiều hồ sơ trong thời gian ngắn. Hãy thử lại sau ít phút."
            )
            return render(request, "onestop/online_form.html", context, status=429)
        try:
            dossier = services.receive_dossier(
                user=None, procedure=procedure, unit=unit, channel=Channel.ONLINE,
                applicant=form.cleaned_data, files=uploads,
            )  # fmt: skip
        except ValidationError as exc:
            problems = exc.message_dict
        else:
            return render(request, "onestop/online_done.html", {"dossier": dossier})
    else:
        # The form's own checks failed; the service's are reported beside them, all at once.
        problems = services.intake_problems(
            procedure=procedure, unit=unit, channel=Channel.ONLINE,
            applicant=request.POST.dict(), files=uploads,
        )  # fmt: skip
    for name, errors in problems.items():
        field = name if name in form.fields else None
        if field is None or field not in form.errors:  # the form's own message stays
            for error in errors:
                form.add_error(field, error)
    if chosen:
        context["files_again"] = [f.name for f in chosen]
    return render(request, "onestop/online_form.html", context)
