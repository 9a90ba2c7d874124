"""The few errors the core raises. Their messages are safe to show a user and say what to do."""

from __future__ import annotations


class BotError(Exception):
    """Base class: ``code`` is the machine-readable name the API puts in its error body."""

    code = "error"


class CorpusError(BotError):
    """A source document cannot be read or holds nothing usable."""

    code = "corpus_invalid"


class IndexInvalid(BotError):
    """The built index is missing, corrupt, stale or built with another model.

    The message always ends with how to fix it.
    """

    code = "index_invalid"

    def __init__(self, problem: str, fix: str = "rebuild it with `python -m bot build`") -> None:
        super().__init__(f"{problem}; {fix}")
        self.problem = problem


class ModelUnavailable(BotError):
    """An embedding model could not be loaded from the installed packages."""

    code = "model_unavailable"


class SettingsInvalid(BotError):
    """A ``BOT_*`` variable holds a value the service cannot run with."""

    code = "settings_invalid"


class NotReady(BotError):
    """The index is still loading; the request may be retried in a few seconds."""

    code = "not_ready"


class StoreUnavailable(BotError):
    """The shared store (Redis) cannot be reached; the request may be retried."""

    code = "store_unavailable"


class RateLimited(BotError):
    """Over the rate; ``retry_after`` is the number of seconds until the window resets."""

    code = "rate_limited"

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class FeedbackNotFound(BotError):
    """Feedback names a session or turn that does not exist (or no longer does).

    ``code`` is per instance: ``session_not_found`` or ``turn_not_found``.
    """

    code = "not_found"

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
