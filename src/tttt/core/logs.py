"""Logs a machine can read: one JSON object per line (python-json-logger), each with the
id of the request it belongs to.

`RequestIdMiddleware` takes the id a proxy sent (`X-Request-ID`, when it looks like one)
or makes one, returns it in the response's `X-Request-ID`, and logs one line per request
(method, path, status, duration) to `tttt.request`. `RequestIdFilter` puts the id on
every record logged while the request is handled, by any logger.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="")
_GIVEN = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
access = logging.getLogger("tttt.request")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        rid = given if _GIVEN.match(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        request.request_id = rid
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            access.info(
                "%s %s %s", request.method, request.path, response.status_code,
                extra={"method": request.method, "path": request.path,
                       "status": response.status_code,
                       "ms": round((time.perf_counter() - started) * 1000, 1)},
            )  # fmt: skip
            return response
        finally:
            request_id.reset(token)
