vcl 4.1;
# Varnish in front of TTTT (Debian's varnish 7.1): anonymous portal pages are cached; staff,
# forms, the API and anything with a session are passed to the application. The application
# purges a page and the lists that show it when it is published (TTTT_CACHE_PURGE_URL).
#
#   varnishd -a :6081 -f /srv/tttt/deploy/varnish/tttt.vcl -s malloc,512m
# (deploy/systemd/varnish.service.d/tttt.conf). The backend below is gunicorn's address;
# `tttt stack` writes a copy with its own port (varnishd takes -f or -b, not both).

backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purge {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (!client.ip ~ purge) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    # Readiness and metrics are for operators, straight to the application, never relayed.
    if (req.url ~ "^/(readyz|metrics)(\?|$)") {
        return (synth(404, "Not Found"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The back office, the API, dossier lookup and online submission are personal.
    if (req.url ~ "^/(admin|api|documents|tra-cuu-ho-so|nop-ho-so|healthz)") {
        return (pass);
    }
    # A signed-in person (session cookie) sees uncached pages.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Anonymous readers: cookies play no part in the page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Only what the application marks public is kept; errors briefly.
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-cache|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (beresp.status >= 500) {
        set beresp.ttl = 0s;
    }
    # Pages, feeds and the sitemap are compressed once, when fetched, not for each reader
    # (a demo portal's home of 10,8 KB goes out as 3,3 KB); the rare client that does not
    # accept gzip gets it uncompressed. Static files come compressed already (WhiteNoise).
    if (beresp.http.Content-Type ~ "^(text/|application/(rss\+xml|atom\+xml|xml|json))" &&
            !beresp.http.Content-Encoding) {
        set beresp.do_gzip = true;
    }
    # The application's request id names the one request that filled the cache, not the
    # readers served from it (Varnish's own X-Varnish names those).
    unset beresp.http.X-Request-ID;
    # Keep serving a stale copy for a while if the application is slow or down.
    set beresp.grace = 1h;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
