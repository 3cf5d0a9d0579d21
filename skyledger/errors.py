"""One error tree for skyledger.

    SkyledgerError                 every error the library raises on purpose
     +-- InputError                a document cannot be read
     |    +-- DocumentNotFound     missing path or a directory
     |    +-- DocumentTooLarge     over the size cap
     |    +-- EmptyDocument        nothing to read, or no text after cleaning
     |    +-- BinaryDocument       not text
     |    +-- DecodeError          bytes that are not valid in the encoding
     |    +-- ExportFormatError    a JSON file that is not a Telegram export
     |    +-- FeedError            bytes that are not a usable RSS/Atom feed
     |    +-- FetchError           a URL that cannot be fetched
     |         +-- BlockedAddress  a host that is (or resolves to) a private address
     +-- StoreError                the ledger database cannot be opened or written
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


class FeedError(InputError):
    """The bytes are not a usable RSS or Atom feed."""


class FetchError(InputError):
    """A URL could not be fetched: network failure, bad status, type or size."""


class BlockedAddress(FetchError):
    """The URL's host is (or resolves to) an address skyledger will not contact."""


class StoreError(SkyledgerError):
    """The ledger database cannot be opened, is locked or full, or refused a write."""


class UsageError(SkyledgerError):
    """An option or argument value is not valid."""
