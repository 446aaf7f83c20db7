"""Signals between the parts of the app (blinker), so no part imports the one that reacts.

Receivers connect per app (`signal.connect(receiver, sender=app)`) and senders pass the
current app, so two apps in one process (the tests build several) never hear each other.
"""

from blinker import Namespace

_signals = Namespace()

# Session families ended (logout, password reset, suspension, refresh-token reuse) or had
# their access tokens expired (role change): kwargs `session_ids`. Sockets of those sessions
# are disconnected on every worker.
sessions_revoked = _signals.signal("sessions-revoked")
