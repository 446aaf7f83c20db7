"""The domain's exceptions: what went wrong in the terms of the domain, never HTTP.

Services raise them; the API maps each kind to one status and the one JSON error body
(api/errors.py). `message` is the English text shown to the user (translated where the
body is built), `errors` the messages per field.
"""


class DomainError(Exception):
    def __init__(self, message=None, errors=None):
        super().__init__(message or self.__class__.__name__)
        self.message = message
        self.errors = errors


class InvalidInput(DomainError):
    """The request is well formed but breaks a rule (follow yourself, message yourself)."""


class InvalidLink(DomainError):
    """An emailed token is invalid, expired or already used."""


class NotAuthenticated(DomainError):
    """Wrong credentials, or a session that can no longer be used."""


class Forbidden(DomainError):
    """The caller is known but may not do this."""


class NotFound(DomainError):
    """The thing named does not exist (or is not visible to the caller)."""


class Conflict(DomainError):
    """The change collides with the current state (a taken name, a running export)."""


class Unavailable(DomainError):
    """A part the operation needs is missing or down (the queue, the database, a provider)."""


class ProviderFailed(DomainError):
    """A third-party service answered with an error or nonsense."""


class ProviderTimedOut(DomainError):
    """A third-party service did not answer in time."""


class TooLarge(DomainError):
    """What was sent is over a size limit or a quota (a file, a user's storage)."""


class UnsupportedMediaType(DomainError):
    """The upload is not of a kind accepted here (recognised by its content)."""
