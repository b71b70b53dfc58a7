"""The production stack on one machine (`tttt stack`, `make prod`): gunicorn, the worker
and Varnish in front, started and watched together.

The same processes run under systemd in `deploy/systemd/`; this is the one-command form
for a single server and for the stack test. Each process is a child of this one: if one
ends on its own the others are stopped and the command fails (systemd, or whoever started
it, restarts the whole); SIGTERM or Ctrl-C stops them all in order (Varnish, then the web
processes, then the worker, which finishes its task first).
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

REPO = Path(__file__).resolve().parents[3]
VCL = REPO / "deploy" / "varnish" / "tttt.vcl"
VARNISHD_ENV = REPO / "deploy" / "varnish" / "varnishd.env"


def varnishd_parameters(path: Path = VARNISHD_ENV) -> list[str]:
    """The varnishd parameters systemd reads from deploy/varnish/varnishd.env, as
    arguments: ["-p", "vsl_mask=…"]."""
    text = path.read_text(encoding="utf-8")
    found = re.search(r"^VARNISH_PARAMS=(.*)$", text, re.MULTILINE)
    return found.group(1).split() if found else []


@dataclass
class Stack:
    port: int = 8080  # Varnish: what people reach
    app_port: int = 8001  # gunicorn: the application, and operators' /readyz and /metrics
    workers: int | None = None
    varnish: bool = True
    vcl: Path = VCL
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def run_dir(self) -> Path:
        return Path(settings.VAR_DIR) / "stack"

    def environment(self) -> dict[str, str]:
        env = {**os.environ, "TTTT_BIND": f"127.0.0.1:{self.app_port}",
               "PROMETHEUS_MULTIPROC_DIR": str(self.run_dir / "prometheus"),
               "TTTT_VAR_DIR": str(settings.VAR_DIR)}  # fmt: skip
        env.pop("DEBUG", None)
        if self.varnish:
            env.setdefault("TTTT_CACHE_PURGE_URL", f"http://127.0.0.1:{self.port}")
        env.setdefault("TTTT_PORTAL_PORT", str(self.port if self.varnish else self.app_port))
        if self.workers:
            env["WEB_CONCURRENCY"] = str(self.workers)
        return env

    # Varnish runs as the user who started the stack ("-j none"): it reads its VCL and
    # keeps its working files in var/stack/, like the other processes.
    def varnish_config(self) -> Path:
        """The VCL with this stack's application address as its backend."""
        text = self.vcl.read_text()
        text = re.sub(r'(\.host = )"[^"]*";', r'\1"127.0.0.1";', text, count=1)
        text = re.sub(r'(\.port = )"[^"]*";', rf'\1"{self.app_port}";', text, count=1)
        path = self.run_dir / "tttt.vcl"
        path.write_text(text)
        return path

    def commands(self) -> dict[str, list[str]]:
        python = sys.executable
        found = {
            "worker": [python, "-m", "tttt", "worker"],
            "web": [python, "-m", "gunicorn", "-c", "python:tttt.gunicorn_conf", "tttt.wsgi:application"],
        }  # fmt: skip
        if self.varnish:
            found["varnish"] = [
                shutil.which("varnishd") or "/usr/sbin/varnishd", "-F", "-j", "none",
                "-n", str(self.run_dir / "varnish"), "-a", f"127.0.0.1:{self.port}",
                "-f", str(self.varnish_config()), "-s", "malloc,256m", *varnishd_parameters(),
            ]  # fmt: skip
        return found

    def start(self, out) -> None:
        shutil.rmtree(self.run_dir / "prometheus", ignore_errors=True)
        (self.run_dir / "prometheus").mkdir(parents=True)
        env = self.environment()
        for name, command in self.commands().items():
            self.processes[name] = subprocess.Popen(command, env=env)  # noqa: S603
            out(f"  {name}: PID {self.processes[name].pid}")
        self.wait_until_answering(f"http://127.0.0.1:{self.app_port}/healthz")
        if self.varnish:
            self.wait_until_answering(f"http://127.0.0.1:{self.port}/healthz")

    def wait_until_answering(self, url: str, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while True:
            self.check_alive()
            try:
                with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 — loopback
                    if answer.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{url} không trả lời sau {seconds:.0f} giây.")
            time.sleep(0.3)

    def check_alive(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"Tiến trình {name} đã dừng (mã {process.returncode}).")

    def watch(self) -> None:
        """Until a signal to stop, or until a process ends on its own (then fail)."""
        stopping = []
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stopping.append(True))
        while not stopping:
            self.check_alive()
            time.sleep(0.5)

    def stop(self) -> None:
        for name in ("varnish", "web", "worker"):
            process = self.processes.get(name)
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=60 if name == "worker" else 35)
                except subprocess.TimeoutExpired:
                    process.kill()
