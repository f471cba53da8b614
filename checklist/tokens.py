"""Private links: the capability tokens that open a family's checklist.

A token is 32 random bytes from `secrets` (256 bits), URL-safe base64 without padding, so
always 43 characters. Only its SHA-256 is stored: a copy of the database does not open
anyone's checklist. Rotating a checklist's link replaces the hash, so the old link stops
working at once. A wrong, malformed, rotated or deleted token all give the same 404.
"""

import hashlib
import secrets

TOKEN_BYTES = 32
TOKEN_PATTERN = r"[A-Za-z0-9_-]{43}"  # noqa: S105 (a pattern, not a secret)


class TokenConverter:
    regex = TOKEN_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


def make_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
