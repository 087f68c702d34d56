"""Schemathesis against the app's own OpenAPI description: a bounded run, no failures.

Each API operation gets a bounded number of generated requests (hypothesis, derandomized),
sent through the ASGI app and checked by schemathesis: no 5xx, every status code and content
type documented, every response body and header valid against the schema. Any failure fails
the test and names the request.
"""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402

from schemathesis import checks  # noqa: E402

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


CHECKS = [checks.not_a_server_error, checks.status_code_conformance,
          checks.content_type_conformance, checks.response_schema_conformance,
          checks.response_headers_conformance]


def test_api_conforms_to_its_schema(app):
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
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception as exc:  # noqa: BLE001 - schemathesis raises a group of failures
                failures.append(f"{case.method} {case.formatted_path} -> "
                                f"{response.status_code}: {str(exc)[:400]}")

        check()
    assert not failures, "\n".join(failures)
