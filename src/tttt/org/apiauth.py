"""API authentication: a bearer key for other systems, the browser session for people.

Keys are Wagtail's API tokens (only a digest is stored; the key is shown once): create
one with `tttt api_tokens create --user NAME --name SYSTEM`, or in the back office under
the user's account. A request with a bearer header is judged by the key alone.
"""

from ninja.security import django_auth
from wagtail.api.v3.auth import BearerTokenAuth

API_AUTH = [BearerTokenAuth(), django_auth]
