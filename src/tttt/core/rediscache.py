"""Django's Redis cache, made for production: one client per pool, and an outage of Redis
degrades pages instead of breaking them.

- Django builds a new `redis.Redis` for every cache operation; with redis-py 8 that costs
  about 0.3 ms (the client sets up its reply callbacks each time), several times a public
  page's own cache reads. The clients share the pool, which is thread-safe and reconnects
  after a fork, so reusing them changes nothing else.
- When Redis cannot be reached, a read is a miss and a write is skipped (the page is
  computed from the database, the session read from its table), logged once per outage;
  for the next `DOWN_FOR` seconds the cache is not asked at all, so a page does not wait
  on a connection per lookup. An invalidation lost in an outage (a delete, a version bump)
  could leave a stale entry behind once Redis answers again: the process that lost one
  empties the cache before its first operation after the outage.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger("tttt.cache")
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


class TolerantClient(RedisCacheClient):
    DOWN_FOR = 5.0  # seconds without asking Redis after it failed to answer

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._down_until = 0.0
        self._lost_invalidation = False

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _call(self, operation, fallback, *args, invalidates=False):
        if time.monotonic() < self._down_until:
            self._lost_invalidation |= invalidates
            return fallback
        try:
            if self._lost_invalidation:
                RedisCacheClient.clear(self)  # what the outage kept from being forgotten
                self._lost_invalidation = False
                log.warning("Redis answers again; the cache was emptied (invalidations were lost)")
            return operation(*args)
        except UNREACHABLE as exc:
            if not self._down_until:
                log.error("Redis does not answer (%s); pages are computed without the cache", exc)
            self._down_until = time.monotonic() + self.DOWN_FOR
            self._lost_invalidation |= invalidates
            return fallback

    def add(self, key, value, timeout):
        return self._call(super().add, False, key, value, timeout)

    def get(self, key, default):
        return self._call(super().get, default, key, default)

    def set(self, key, value, timeout):
        # A value written in an outage is not written; one overwritten is an invalidation.
        return self._call(super().set, None, key, value, timeout, invalidates=True)

    def touch(self, key, timeout):
        return self._call(super().touch, False, key, timeout)

    def delete(self, key):
        return self._call(super().delete, False, key, invalidates=True)

    def get_many(self, keys):
        return self._call(super().get_many, {}, keys)

    def has_key(self, key):
        return self._call(super().has_key, False, key)

    def incr(self, key, delta):
        return self._call(super().incr, 0, key, delta, invalidates=True)

    def set_many(self, data, timeout):
        return self._call(super().set_many, None, data, timeout, invalidates=True)

    def delete_many(self, keys):
        return self._call(super().delete_many, None, keys, invalidates=True)

    def clear(self):
        return self._call(super().clear, False, invalidates=True)


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {
            "socket_connect_timeout": 0.5, "socket_timeout": 1.0, **params.get("OPTIONS", {})}}  # fmt: skip
        super().__init__(server, params)
        self._class = TolerantClient
