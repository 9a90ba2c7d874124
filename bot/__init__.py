"""A question-answering service over documents that answers with typed, cited figures."""

__version__ = "0.1.0"
