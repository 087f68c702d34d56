"""Schemathesis against the app's own OpenAPI description: a bounded run, no server errors.

Each API operation gets a bounded number of generated requests (hypothesis, derandomized),
sent through the ASGI app; any 5xx fails the test and names the request.
"""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

from newsgraph.kb.store import Store  # noqa: E402
from newsgraph.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def app(tmp_path_factory, pipeline):
    from web_fixtures import build

    application = create_app(store=Store.open(tmp_path_factory.mktemp("st") / "kb.db"),
                             token="t0ken")
    build(application.state.ng.store, pipeline)
    application.state.ng._pipeline = pipeline
    return application


def test_api_has_no_server_errors(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    failures = []
    for op in operations:
        @given(case=op.as_strategy())
        @settings(max_examples=15, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def check(case):
            response = case.call()
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} -> "
                                f"{response.status_code}: {response.text[:200]}")

        check()
    assert not failures, "\n".join(failures)
