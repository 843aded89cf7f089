"""The read side's queries: a `ReadModel` (now or as of a past moment) and its query objects."""

from domain.readside.queries.base import MAX_SEARCH
from domain.readside.queries.read_model import ReadModel, ReadModelClosed

__all__ = ["MAX_SEARCH", "ReadModel", "ReadModelClosed"]
