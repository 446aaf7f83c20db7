"""Where this app's realtime state lives (set up by realtime.init_realtime)."""

from flask import current_app

STATE_KEY = "inkwell.realtime"


def realtime_state():
    return current_app.extensions[STATE_KEY]
