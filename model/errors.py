"""Named exceptions for broken inputs and broken invariants.

Data problems (a value that does not parse, a total that does not add up) are
``issues`` rows, not exceptions.
"""

from __future__ import annotations


class GovperfError(Exception):
    """Base of every error govperf raises on purpose."""


class InputDocumentError(GovperfError):
    """A source file cannot be read as a document; the rule id says why."""

    rule = "unreadable_document"

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class EmptyFileError(InputDocumentError):
    rule = "empty_file"


class NotADocumentError(InputDocumentError):
    """The bytes are not what the file name claims (an HTML error page saved as .pdf)."""

    rule = "not_a_document"


class EncryptedDocumentError(InputDocumentError):
    rule = "encrypted_document"


class CorruptDocumentError(InputDocumentError):
    """A truncated or damaged file that the PDF/Office reader rejects."""

    rule = "corrupt_document"


class DatasetWriteError(GovperfError):
    """The curated dataset could not be written; the previous version is left in place."""


class RawFolderError(GovperfError):
    """The folder of source documents does not exist, is not a folder, or holds no document to read."""


class BuildRefused(GovperfError):
    """A build would do harm (replace a dataset with a much smaller one); nothing was written."""


class BuildFailed(GovperfError):
    """Every document of a build failed; the previous dataset is left in place."""


class CrawlFailed(GovperfError):
    """Every source of a crawl failed."""


class ConverterMissingError(InputDocumentError):
    """A format read through an external converter (a legacy .doc: LibreOffice) whose converter is not installed."""

    rule = "converter_missing"
