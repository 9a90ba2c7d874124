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
