"""The anchor for the portal's pages in `make bench`: a plain Wagtail site, made in the same
run by `wagtail start` (the same Wagtail and Django as TTTT) in a temporary directory, on
the same database engine, with a home page listing its 50 latest children and 60 article
pages of the same size as the portal bench's, served by gunicorn with the same workers.
Nothing of it is committed; `portal_bench` measures it beside the portal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv/bin"

MODELS = """
from django.db import models
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            ArticlePage.objects.live().child_of(self).order_by("-first_published_at")[:50]
        )
        return context


class ArticlePage(Page):
    lead = models.TextField(blank=True)
    body = RichTextField(blank=True)
"""

HOME = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block content %}
<h1>{{ page.title }}</h1>
<ul>
{% for article in articles %}
  <li><a href="{% pageurl article %}">{{ article.title }}</a>
      <p>{{ article.lead }}</p><small>{{ article.first_published_at|date:"d/m/Y H:i" }}</small></li>
{% endfor %}
</ul>
{% endblock %}
"""

ARTICLE = """{% extends "base.html" %}
{% load wagtailcore_tags %}
{% block content %}
<h1>{{ page.title }}</h1><p>{{ page.lead }}</p>{{ page.body|richtext }}
{% endblock %}
"""

SETTINGS = """
import os

import dj_database_url
from .production import *  # noqa: F403

DEBUG = False
SECRET_KEY = "plain-bench-secret-key-not-for-production-0123456789abcdef"
ALLOWED_HOSTS = ["*"]
DATABASES = {"default": dj_database_url.parse(os.environ["PLAIN_DATABASE_URL"], conn_max_age=60)}
"""

FILL = """
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Page, Site
from home.models import ArticlePage, HomePage

home = HomePage.objects.first()
body = "<p>" + "Nội dung chi tiết của bài viết về hoạt động của tỉnh. " * 40 + "</p>"
now = timezone.now()
for i in range(60):
    home.add_child(instance=ArticlePage(
        title=f"Bắc Ninh đẩy mạnh chuyển đổi số, tin số {i + 1}", slug=f"chuyen-doi-so-{i + 1}",
        lead="Tỉnh tổ chức hội nghị sơ kết chuyển đổi số và cải cách hành chính.", body=body,
        first_published_at=now - timedelta(hours=i), last_published_at=now - timedelta(hours=i)))
print(home.url_path)
"""


def build(directory: Path, database_url: str) -> dict:
    """Make the plain site in `directory` on `database_url`; returns the environment and
    the paths of its home and of an article."""
    directory.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(VENV_BIN / "wagtail"), "start", "plain", str(directory)], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    (directory / "home/models.py").write_text(MODELS)
    (directory / "home/templates/home/home_page.html").write_text(HOME)
    (directory / "home/templates/home/article_page.html").write_text(ARTICLE)
    (directory / "plain/settings/bench.py").write_text(SETTINGS)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "plain.settings.bench", "PLAIN_DATABASE_URL": database_url,
           "PYTHONPATH": str(directory)}  # fmt: skip
    env.pop("DATABASE_URL", None)
    manage = [sys.executable, str(directory / "manage.py")]

    def run(*args, **kwargs):
        return subprocess.run(manage + list(args), env=env, cwd=directory, check=True, capture_output=True,
                              text=True, **kwargs)  # fmt: skip

    run("makemigrations", "home")
    run("migrate", "--noinput")
    run("collectstatic", "--noinput")  # production settings: hashed static file names
    run("shell", "-c", FILL)
    return {"env": env, "home": "/", "article": "/chuyen-doi-so-60/"}


def serve(directory: Path, env: dict, port: int, log) -> subprocess.Popen:
    return subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "plain.wsgi:application", "-w", "2", "-b", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        env=env, cwd=directory, stdout=subprocess.DEVNULL, stderr=log,
    )  # fmt: skip
