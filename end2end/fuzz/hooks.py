"""Checks schemathesis runs on every answer of the API (scripts/fuzz-api)."""

import json

import schemathesis


@schemathesis.check
def error_body_shape(ctx, response, case):
    """Every 4xx answer is JSON with string `code` and `message`, as the API promises."""
    if not 400 <= response.status_code < 500:
        return None
    try:
        body = json.loads(response.content)
    except ValueError:
        raise AssertionError(
            f"{response.status_code} body is not JSON: {response.content[:200]!r}"
        )
    if not isinstance(body, dict):
        raise AssertionError(f"{response.status_code} body is not a JSON object")
    for field in ("code", "message"):
        if not isinstance(body.get(field), str) or not body[field]:
            raise AssertionError(
                f"{response.status_code} body lacks a string `{field}`: {body!r}"
            )
    return None
