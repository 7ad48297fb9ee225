"""What every command shares: the exit codes and the refusal that becomes exit code 2."""

from __future__ import annotations

EXIT_OK = 0
EXIT_REFUSED = 2


class Refused(Exception):
    """A command refuses to act; the message says why and what to do."""
