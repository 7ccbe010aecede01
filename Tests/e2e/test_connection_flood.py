"""Connection flood (issue 15, finding 1), the red team's reproduction against the real binary.

127.0.0.2 opens 3,000 connections and sends nothing, then keeps reconnecting; meanwhile `/healthz` from 127.0.0.3
must keep answering 200. Before the fix the attacker took every slot and every other client got 503.

The server runs with a file-descriptor limit of 2,064, so its global cap (derived from that limit) is 2,000 and the
flood is larger than the whole server. The first-byte deadline is 4 s so that the held connections are seen closed
within the test; opening the flood takes well under a second.
"""
import http.client
import resource
import selectors
import socket
import threading
import time

from conftest import Server

ATTACKER, VICTIM = "127.0.0.2", "127.0.0.3"
FLOOD = 3000
PER_ADDRESS_CAP = 256  # the default
FILE_LIMIT = 2064  # the server's global cap becomes 2,064 - 64 = 2,000
IP_BIND_ADDRESS_NO_PORT = 24  # the port is picked at connect, so thousands of sources fit


def open_idle(port, count):
    """`count` connections from the attacker's address that send nothing."""
    sockets = []
    for _ in range(count):
        s = socket.socket()
        s.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)
        s.bind((ATTACKER, 0))
        s.connect(("127.0.0.1", port))
        sockets.append(s)
    return sockets


def wait_answered(sockets, count, timeout):
    """The sockets the server answered (a response, or its close), once at least `count` did or `timeout` passed."""
    selector, answered = selectors.DefaultSelector(), []
    for s in sockets:
        selector.register(s, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    while len(answered) < count and time.monotonic() < deadline:
        for key, _ in selector.select(timeout=deadline - time.monotonic()):
            selector.unregister(key.fileobj)
            answered.append(key.fileobj)
    selector.close()
    return answered


def first_bytes(s):
    """What the server sent before closing (up to 4 KiB)."""
    s.settimeout(5)
    try:
        return s.recv(4096)
    except ConnectionResetError:
        return b""


def healthz(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5, source_address=(VICTIM, 0))
    try:
        connection.request("GET", "/healthz")
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_idle_flood_from_one_address_leaves_healthz_answering_another(binary, tmp_path):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (FILE_LIMIT, hard))  # inherited by the server
    try:
        server = Server(binary, tmp_path, {"OPERATOR_API_FIRST_BYTE_TIMEOUT": "4"})
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # room for the flood on this side
    flood, statuses = [], []
    try:
        started = time.monotonic()
        flood = open_idle(server.port, FLOOD)
        opened_in = time.monotonic() - started
        refused = wait_answered(flood, FLOOD - PER_ADDRESS_CAP, timeout=30)
        answers = [first_bytes(s) for s in refused]
        assert len(refused) == FLOOD - PER_ADDRESS_CAP, f"{len(refused)} answered (flood opened in {opened_in:.1f} s)"
        assert all(a.startswith(b"HTTP/1.1 503 ") and b"application/problem+json" in a for a in answers), answers[:3]
        statuses += [healthz(server.port) for _ in range(20)]

        # The attacker reconnects as fast as it can for 3 s; the victim asks every 50 ms meanwhile.
        stop = threading.Event()

        def victim():
            while not stop.wait(0.05):
                statuses.append(healthz(server.port))
        probe = threading.Thread(target=victim)
        probe.start()
        reconnects, until = 0, time.monotonic() + 3
        try:
            while time.monotonic() < until:
                batch = open_idle(server.port, 200)
                reconnects += len(wait_answered(batch, len(batch), timeout=30))
                for s in batch:
                    s.close()
        finally:
            stop.set()
            probe.join(timeout=30)
        assert reconnects > 0

        # The connections it holds are closed at the first-byte deadline, silently.
        held = [s for s in flood if s not in refused]
        closed = wait_answered(held, len(held), timeout=30)
        assert len(closed) == PER_ADDRESS_CAP
        assert all(first_bytes(s) == b"" for s in closed)
        assert statuses and set(statuses) == {200}, statuses
        print(f"\nflood: {FLOOD} idle connections opened in {opened_in:.2f} s, {len(refused)} refused with 503, "
              f"{PER_ADDRESS_CAP} held until the first-byte deadline; {reconnects} reconnects refused; "
              f"{len(statuses)} /healthz from {VICTIM} all 200")
    finally:
        for s in flood:
            s.close()
        server.stop()
