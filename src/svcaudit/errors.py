"""Errors the core raises; only the CLI (``cli*.py``) turns them into messages and exit codes."""

from __future__ import annotations

from enum import IntEnum

from svcaudit.model import Loc


class ExitCode(IntEnum):
    """Exit codes of CONTRACT.md. Precedence: USAGE > INPUT > FAILED > OK."""

    OK = 0
    FAILED = 1
    USAGE = 2
    INPUT = 3


class SvcauditError(Exception):
    """An error with a location and an exit code, printed as one line."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, loc: Loc | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.loc = loc

    def __str__(self) -> str:
        where = f"{self.loc}: " if self.loc is not None else ""
        return f"{where}error: {self.message}"


class ChecklistError(SvcauditError):
    """A checklist that cannot be loaded: nothing is scored (exit 2).

    One error may stand for several problems of a file (``problems``); it
    prints as one line per problem.
    """

    exit_code = ExitCode.USAGE

    def __init__(self, message: str, loc: Loc | None = None) -> None:
        super().__init__(message, loc)
        self.problems: list[ChecklistError] = [self]

    @classmethod
    def many(cls, problems: list[ChecklistError]) -> ChecklistError:
        err = cls(problems[0].message, problems[0].loc)
        err.problems = list(problems)
        return err

    def __str__(self) -> str:
        return "\n".join(SvcauditError.__str__(p) for p in self.problems)


class UsageError(SvcauditError):
    """A bad option or argument (exit 2)."""

    exit_code = ExitCode.USAGE


class InputError(SvcauditError):
    """A transcript that cannot be read (exit 3); a batch carries on without it."""

    exit_code = ExitCode.INPUT
