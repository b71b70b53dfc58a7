from django.conf import settings
from django.http import HttpResponse
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from tttt.api import api
from tttt.core import health
from tttt.establishments import views as establishment_views
from tttt.onestop import views as onestop_views
from tttt.org import twofactor, views
from tttt.portal import feeds as portal_feeds
from tttt.portal import views as portal_views
from tttt.portal.cache import cached_publicly
from tttt.reporting import views as reporting_views

urlpatterns = [
    path("", portal_views.root(views.home), name="home"),
    path("cong/binh-luan/<int:page_id>/", portal_views.comment_post, name="portal_comment_post"),
    path("cong/hoi-dap/<int:page_id>/", portal_views.question_post, name="portal_question_post"),
    path(
        "cong/bao-cao-su-co/<int:page_id>/",
        portal_views.incident_report_post,
        name="portal_incident_report",
    ),  # fmt: skip
    path("cong/phan-anh/<int:page_id>/", portal_views.tip_post, name="portal_tip_post"),
    path(
        "cong/rss/<int:page_id>/", cached_publicly(portal_feeds.SectionFeed()), name="portal_feed"
    ),
    path("sitemap.xml", cached_publicly(portal_views.sitemap), name="sitemap"),
    path("don-vi/", views.unit_lookup, name="unit_lookup"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("tra-cuu-ho-so/", onestop_views.dossier_lookup, name="dossier_lookup"),
    path("tra-cuu-ho-so/danh-gia/", onestop_views.dossier_rate, name="dossier_rate"),
    path("nop-ho-so/", onestop_views.online_submit, name="online_submit"),
    path("co-so-kinh-doanh/", establishment_views.public_list, name="establishments_public"),
    path("so-lieu/", reporting_views.public_figures, name="public_figures"),
    path("api/v1/", api.urls),
    path("admin/2fa/verify/", twofactor.verify, name="tttt_2fa_verify"),
    path("admin/2fa/setup/", twofactor.setup, name="tttt_2fa_setup"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", lambda request: HttpResponse("ok", content_type="text/plain")),
    path("readyz", health.readiness, name="readiness"),
    path("metrics", health.metrics, name="metrics"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
