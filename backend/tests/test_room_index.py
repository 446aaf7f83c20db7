"""realtime.room_index: a socket's disconnect touches its own rooms only (python-socketio's
own manager scans every room of the namespace per disconnect, which made a burst of 5 000
disconnects hold a worker for minutes)."""

import pytest

from inkwell.realtime.redis_manager import ResyncingRedisManager
from inkwell.realtime.room_index import IndexedManager

NS = "/"


class NoScan(dict):
    """A namespace's rooms that refuse to be walked whole."""

    def copy(self):
        raise AssertionError("a disconnect walked every room of the namespace")

    def items(self):
        raise AssertionError("a disconnect walked every room of the namespace")


def connect(manager, sid, *rooms):
    manager.basic_enter_room(sid, NS, None, eio_sid=f"eio-{sid}")
    manager.basic_enter_room(sid, NS, sid, eio_sid=f"eio-{sid}")
    for room in rooms:
        manager.basic_enter_room(sid, NS, room)


@pytest.fixture(params=["single process", "redis"])
def manager(request):
    if request.param == "redis":
        return ResyncingRedisManager("redis://127.0.0.1:1/0")  # never connects here
    return IndexedManager()


def test_disconnect_leaves_exactly_the_sockets_rooms_without_scanning_the_others(manager):
    for n in range(200):
        connect(manager, f"s{n}", f"user:{n}", "feed:1")
    manager.rooms[NS] = NoScan(manager.rooms[NS])

    manager.basic_disconnect("s7", NS)

    assert "user:7" not in manager.rooms[NS]  # its own, now empty, room is gone
    assert "s7" not in manager.rooms[NS] and "s7" not in manager.rooms[NS][None]
    assert "s7" not in manager.rooms[NS]["feed:1"] and len(manager.rooms[NS]["feed:1"]) == 199
    assert dict.__contains__(manager.rooms[NS], "user:8")


def test_rooms_of_a_socket_follow_joins_leaves_and_closes(manager):
    connect(manager, "a", "user:1", "post:5", "post:6")
    connect(manager, "b", "user:2", "post:5")
    manager.basic_leave_room("a", NS, "post:6")
    manager.basic_close_room("post:5", NS)
    assert sorted(manager.get_rooms("a", NS)) == ["a", "user:1"]
    assert sorted(manager.get_rooms("b", NS)) == ["b", "user:2"]
    manager.basic_disconnect("a", NS)
    manager.basic_disconnect("b", NS)
    assert manager.rooms == {} and manager.get_rooms("a", NS) == []
