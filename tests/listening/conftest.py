"""The sample sources served by a local HTTP server, Lương Tài's people, its watch list,
and the lexicon the migration ships (loaded again where a test's database was flushed)."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tttt.listening import services
from tttt.listening.models import SentimentTerm, Source
from tttt.org import roles as R

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "tttt" / "listening" / "samples"


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def feeds():
    """A local HTTP server over the shipped samples: its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(SAMPLES)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def lexicon(db):
    if not SentimentTerm.objects.exists():
        from importlib import import_module

        from django.apps import apps

        import_module("tttt.listening.migrations.0002_lexicon").load(apps, None)
    return SentimentTerm.objects.count()


@pytest.fixture
def people(member, tree, lexicon, rules):
    return SimpleNamespace(
        leader=member("lt.lanhdao", R.LEADER, tree.luong_tai),
        specialist=member("lt.cntt", R.SPECIALIST, tree.luong_tai),
        editor=member("lt.bientap", R.EDITOR, tree.luong_tai),
        stranger=member("yt.lanhdao", R.LEADER, tree.yen_the),
    )


@pytest.fixture
def read(people, tree):
    """Lương Tài's watch list, and the shipped export of posts read."""
    services.watchlist_refresh(user=people.leader, unit=tree.luong_tai)
    source = services.source_save(user=people.leader, source=Source(unit=tree.luong_tai, name="Mạng xã hội",
                                                                    kind="upload"))  # fmt: skip
    for name in ("mang-xa-hoi.json", "mang-xa-hoi.csv"):
        services.upload_ingest(user=people.specialist, source=source,
                               upload=SimpleUploadedFile(name, (SAMPLES / name).read_bytes()))  # fmt: skip
    return source
