"""Errors a user can act on: the command prints their message as one line and exits with 1."""
from __future__ import annotations


class Failure(Exception):
    """A failure of the whole command (not of one input), explained in one line."""
