"""One error tree for skyledger.

    SkyledgerError                 every error the library raises on purpose
     +-- InputError                a document cannot be read
     |    +-- DocumentNotFound     missing path or a directory
     |    +-- DocumentTooLarge     over the size cap
     |    +-- EmptyDocument        nothing to read, or no text after cleaning
     |    +-- BinaryDocument       not text
     |    +-- DecodeError          bytes that are not valid in the encoding
     |    +-- ExportFormatError    a JSON file that is not a Telegram export
     +-- UsageError                a bad option value (a date, a format)

Every message is one line that names the problem, the offending value and
the fix; the CLI prints it as is, with no traceback.
"""

from __future__ import annotations


class SkyledgerError(Exception):
    """Base of every error skyledger raises on purpose."""


class InputError(SkyledgerError):
    """A document cannot be read as given."""


class DocumentNotFound(InputError):
    pass


class DocumentTooLarge(InputError):
    pass


class EmptyDocument(InputError):
    pass


class BinaryDocument(InputError):
    pass


class DecodeError(InputError):
    pass


class ExportFormatError(InputError):
    pass


class UsageError(SkyledgerError):
    """An option or argument value is not valid."""
