"""Helpers shared by the end-to-end suites: an API client, seeding, a webhook receiver, bounded polling."""
import http.server
import itertools
import os
import re
import ssl
import subprocess
import threading
import time
import urllib.parse

import requests
from standardwebhooks import Webhook

ADMIN_TOKEN = "admin-token-for-tests-0123456789"
LONG = os.environ.get("LONG") == "1"
_counter = itertools.count()


def unique(prefix):
    """A short name unique within this test process (slugs allow 2…20 lowercase letters and digits)."""
    return f"{prefix}{os.getpid() % 10000}{next(_counter)}"


class API:
    """A tiny client for one server and one bearer token."""

    def __init__(self, base, token=None):
        self.base, self.token, self.session = base, token, requests.Session()

    def as_(self, token):
        return API(self.base, token)

    def call(self, method, path, body=None, headers=None, timeout=10):
        all_headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        all_headers.update(headers or {})
        return self.session.request(method, self.base + path, json=body, headers=all_headers, timeout=timeout)

    def ok(self, method, path, body=None, headers=None):
        response = self.call(method, path, body, headers)
        assert response.status_code < 300, f"{method} {path} → {response.status_code} {response.text}"
        return response.json()


def admin(base):
    return API(base, ADMIN_TOKEN)


def seed_operator(base, limits=None):
    """A new operator with both keys; `limits` (quota name → value) raised through the admin API."""
    created = admin(base).ok("POST", "/v1/admin/operators", {"name": "Proof Ops", "slug": unique("op")})
    if limits:
        admin(base).ok("PATCH", f"/v1/admin/operators/{created['id']}", {"limits": limits})
    return created


def seed_users(api, count, plan_id=None):
    """`count` users on `plan_id` (a new plan when None); returns the created users (with their login URLs)."""
    plan_id = plan_id or api.ok("POST", "/v1/wl/plans", {"name": unique("plan")})["id"]
    return [api.ok("POST", "/v1/wl/users", new_user(plan_id)) for _ in range(count)]


def new_user(plan_id):
    n = next(_counter)
    return {"email": f"{unique('u')}@example.com", "phone": f"+9198{os.getpid() % 10000:04d}{n % 10000:04d}", "plan_id": plan_id}


def client_session(base, created_user):
    """Redeems a created user's one-time login URL and returns the client session token."""
    token = urllib.parse.parse_qs(urllib.parse.urlparse(created_user["login_url"]).query)["token"][0]
    return API(base).ok("POST", "/v1/client/login", {"token": token})["session_token"]


def wait_for(predicate, timeout, interval=0.05, message="condition"):
    """Bounded polling of another process's progress: the predicate's truthy value, or an AssertionError."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")


class Receiver:
    """A local webhook receiver that verifies every signature and logs each `webhook-id` it accepts.

    `behaviour(request_number, handler)` answers a request; the default answers 204. `tls=(cert, key)` serves HTTPS.
    """

    def __init__(self, secret=None, behaviour=None, tls=None):
        self.secret, self.behaviour = secret, behaviour or (lambda n, h: h.answer(204))
        self.received, self.bad_signatures, self.lock = [], 0, threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def answer(self, status, headers=None, body=b""):
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                if len(body) < length:
                    # The sender died mid-request (a SIGKILL under test): a torn request, not a delivery. Real
                    # receivers never see it as one either; the sender retries the delivery after its restart.
                    self.close_connection = True
                    return
                with receiver.lock:
                    number = len(receiver.received) + 1
                    verified = receiver.verify(body, self.headers)
                    receiver.received.append({"id": self.headers.get("webhook-id"), "verified": verified, "body": body})
                    if not verified:
                        receiver.bad_signatures += 1
                receiver.behaviour(number, self)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        if tls:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def verify(self, body, headers):
        if self.secret is None:
            return True
        try:
            Webhook(self.secret).verify(body, {k.lower(): v for k, v in headers.items()})
            return True
        except Exception:
            return False

    def ids(self):
        with self.lock:
            return {r["id"] for r in self.received}

    def count(self):
        with self.lock:
            return len(self.received)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class LoadThreads:
    """The threads of a load generator: `start()` runs each work (again and again while running, with `repeat`);
    `finish()` stops them and fails with the first error any of them raised."""

    def __init__(self, works, repeat=False):
        self.stop, self.errors = threading.Event(), []
        self.threads = [threading.Thread(target=self.guard(work, repeat), daemon=True) for work in works]

    def guard(self, work, repeat):
        def run():
            try:
                work()
                while repeat and not self.stop.is_set():
                    work()
            except Exception as error:  # surfaced by finish()
                self.errors.append(repr(error))
        return run

    def start(self):
        for thread in self.threads:
            thread.start()

    def finish(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)
        assert not self.errors, self.errors


def self_signed_certificate(folder):
    """A throwaway self-signed certificate for 127.0.0.1 (untrusted by the server's trust store)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return str(cert), str(key)


def all_pages(api, path, limit=100):
    """Every item of a cursor-paginated list (`data`, `has_more`, `starting_after`)."""
    items, after = [], None
    for _ in range(10_000):
        query = f"?limit={limit}" + (f"&starting_after={after}" if after else "")
        page = api.ok("GET", path + query)
        items += page["data"]
        if not page.get("has_more") or not page["data"]:
            return items
        after = page["data"][-1]["id"]
    raise AssertionError("pagination did not end")


def resolve(document, schema):
    """`schema` with any `$ref` into `document` followed."""
    while "$ref" in schema:
        node = document
        for part in schema["$ref"].lstrip("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def minimal_body(document, schema, values):
    """The smallest instance of an OpenAPI `schema` that passes validation: required members only, the first
    alternative of a `oneOf`/`anyOf`, one item when items are required. `values` (member name → value) supplies what
    a schema cannot say, such as real ids, and wins over the schema."""
    schema = resolve(document, schema)
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return minimal_body(document, next(s for s in schema[key] if s.get("type") != "null"), values)
    if schema.get("type") == "object":
        properties = schema.get("properties", {})
        return {name: values[name] if name in values else minimal_body(document, properties.get(name, {}), values)
                for name in schema.get("required", [])}
    if schema.get("type") == "array":
        return [minimal_body(document, schema.get("items", {}), values) for _ in range(schema.get("minItems", 0))]
    if "enum" in schema:
        return schema["enum"][0]
    if "examples" in schema:
        return schema["examples"][0]
    if schema.get("type") in ("integer", "number"):
        return schema.get("minimum", 0)
    if schema.get("type") == "boolean":
        return False
    return "x" * max(1, schema.get("minLength", 1))


def operations(document, path_pattern):
    """(method, path template, operation) for every operation whose path matches the regular expression."""
    return [(method.upper(), path, operation) for path, item in sorted(document["paths"].items()) if re.search(path_pattern, path)
            for method, operation in sorted(item.items()) if method != "parameters"]


def reset_connection(handler):
    """Receiver behaviour: abort the TCP connection with an RST instead of answering."""
    import socket
    import struct
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True


def slow_body(handler, size=100, pause=0.05):
    """Receiver behaviour: a 200 whose body trickles in one byte every `pause` seconds (the fault under test)."""
    handler.send_response(200)
    handler.send_header("Content-Length", str(size))
    handler.end_headers()
    try:
        for _ in range(size):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(pause)
    except OSError:
        pass
    handler.close_connection = True


def hang_until(released, limit=30):
    """Receiver behaviour: never answer until `released` (a threading.Event) is set, at most `limit` seconds."""
    def behaviour(n, handler):
        released.wait(limit)
        handler.close_connection = True
    return behaviour


def delivery(api, delivery_id):
    return api.ok("GET", f"/v1/wl/webhook-deliveries/{delivery_id}")


def wait_for_delivery(api, delivery_id, statuses=("delivered", "delivered_after_retry", "failed"), timeout=30):
    """Polls a delivery until it reaches one of `statuses`; returns the full delivery with its attempts."""
    return wait_for(lambda: (d := delivery(api, delivery_id))["status"] in statuses and d, timeout, interval=0.1,
                    message=f"delivery {delivery_id} to reach {statuses}")


STRATEGY_TEMPLATE = "---\nname: Momentum probe\ninstruments: [NIFTY]\nmax_open_positions: 1\n---\nRides the trend."


def live_strategy(base, api, plan_id):
    """A new client on `plan_id` with a connected broker and one pushed strategy deployed live: (user, strategy id)."""
    user = api.ok("POST", "/v1/wl/users", new_user(plan_id))
    client = API(base, client_session(base, user))
    client.ok("POST", "/v1/client/broker", {"broker": "zerodha", "client_code": "AB1234"})
    api.ok("POST", "/v1/wl/strategies/push", {"target": {"user_id": user["id"]}, "template": STRATEGY_TEMPLATE})
    strategy = wait_for(lambda: client.ok("GET", "/v1/client/strategies")["data"], 10, message="the pushed strategy")[0]
    client.ok("POST", f"/v1/client/strategies/{strategy['id']}/deploy", {"mode": "live"})
    return user, strategy["id"]
