"""Property-based tests from the app's own OpenAPI schema, in process (ASGI): whatever
schemathesis sends — valid or not — the app answers without a server error, with a
documented status, content type and response shape."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from bot.api import create_app
from bot.feedback import FeedbackStore
from bot.settings import Settings

# The schema is read when the module is collected (schemathesis' lazy fixture loader does not
# work with this pytest), so the app is built now and gets its engine in a fixture below.
_app = create_app(Settings(feedback_db=Path(tempfile.gettempdir()) / "unused.sqlite3",
                           rate_limit_per_minute=0, session_rate_limit_per_minute=0,
                           corpus_dir=None, index_dir=Path("does-not-exist"),
                           redis_url=None))
schema = schemathesis.openapi.from_asgi("/openapi.json", _app)


@pytest.fixture(scope="module", autouse=True)
def _engine(fake_engine, tmp_path_factory):
    _app.state.engine = fake_engine
    _app.state.feedback = FeedbackStore(tmp_path_factory.mktemp("schemathesis") / "fb.sqlite3")
    yield
    _app.state.feedback.close()


@schema.parametrize()
@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_no_input_gets_a_server_error(case):
    # Every default check but "schema-valid data is accepted": JSON Schema counts 3.0 as an
    # integer and "\x00" as a non-blank question, while the contract refuses a float top_k
    # and strips control characters before the emptiness check (both 422 by design).
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
