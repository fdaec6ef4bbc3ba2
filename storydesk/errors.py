"""The storydesk exception tree.

Every error storydesk raises on purpose is a :class:`StorydeskError`; the CLI turns each into a one-line
message and an exit code, so a user never sees a traceback for a mistake of theirs::

    StorydeskError
    ├── InputError                  a source that cannot become an article (carries ``source``)
    │   ├── EmptyInputError         SD101 nothing to read
    │   ├── BinaryInputError        SD102 not text or HTML (images, archives, executables)
    │   ├── TooLargeError           SD103 over the size bound, or a decompression bomb
    │   ├── DecodeError             SD104 bytes that no encoding explains
    │   ├── UnsupportedFormatError  SD105 a file type storydesk does not read
    │   ├── MalformedRecordError    SD106 a JSON/JSONL/WARC record that cannot be parsed
    │   ├── NoArticleError          SD107 a page with no article text in it
    │   ├── LanguageWarning         SD108 an article in another language than expected (a warning only)
    │   └── FetchError              SD109 a URL the user asked for could not be fetched
    ├── ModelError                  SD201 a spaCy pipeline that cannot be loaded
    ├── ConfigError                 SD301 a bad option or options file
    ├── StoreError                  SD401 the corpus database cannot be opened or written
    │   └── SchemaVersionError      SD402 a database made by a newer storydesk
    └── NotFoundError               SD501 an unknown story or article id

Codes are written once, here, so a message can be searched for.
"""

from __future__ import annotations

__all__ = [
    "StorydeskError",
    "InputError",
    "EmptyInputError",
    "BinaryInputError",
    "TooLargeError",
    "DecodeError",
    "UnsupportedFormatError",
    "MalformedRecordError",
    "NoArticleError",
    "LanguageWarning",
    "FetchError",
    "ModelError",
    "ConfigError",
    "StoreError",
    "SchemaVersionError",
    "NotFoundError",
]


class StorydeskError(Exception):
    """Base of every error storydesk raises on purpose."""

    code = "SD000"
    #: process exit code the CLI uses for this error
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(StorydeskError):
    """A source (file, record, URL) that could not be turned into an article."""

    code = "SD100"
    exit_code = 2

    def __init__(self, message: str, *, source: str = "") -> None:
        super().__init__(message)
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"{where}[{self.code}] {self.message}"


class EmptyInputError(InputError):
    code = "SD101"


class BinaryInputError(InputError):
    code = "SD102"


class TooLargeError(InputError):
    code = "SD103"


class DecodeError(InputError):
    code = "SD104"


class UnsupportedFormatError(InputError):
    code = "SD105"


class MalformedRecordError(InputError):
    code = "SD106"


class NoArticleError(InputError):
    code = "SD107"


class LanguageWarning(InputError):
    """Not raised: its code labels the warning Problem of an article kept despite its language."""

    code = "SD108"


class FetchError(InputError):
    """A URL given as a source (the only time storydesk uses the network) could not be fetched."""

    code = "SD109"


class ModelError(StorydeskError):
    code = "SD201"
    exit_code = 3


class ConfigError(StorydeskError):
    code = "SD301"
    exit_code = 2


class StoreError(StorydeskError):
    code = "SD401"
    exit_code = 4


class SchemaVersionError(StoreError):
    code = "SD402"


class NotFoundError(StorydeskError):
    code = "SD501"
    exit_code = 5
