"""The receiver check-up over real TLS: the binary checks a live-mode HTTPS receiver on 127.0.0.1 whose certificate it
trusts (SSL_CERT_FILE names it, as OpenSSL's default trust store allows), and one whose certificate it does not."""
import time
from datetime import datetime

import pytest

from conftest import Server
from support import API, Receiver, seed_operator, self_signed_certificate


@pytest.fixture
def certificate(tmp_path):
    return self_signed_certificate(tmp_path)


def verifying(receiver):
    """Answers 204 to what verifies under the receiver's secret (within 5 minutes), 401 to the rest."""
    return lambda number, handler: handler.answer(204 if receiver.received[number - 1]["verified"] else 401)


def live_endpoint(server, receiver):
    api = API(server.base, seed_operator(server.base)["keys"]["live"])
    endpoint = api.ok("POST", "/v1/wl/webhook-endpoints", {"url": receiver.url, "events": ["user.created"]})
    receiver.secret = endpoint["secret"]
    return api, endpoint


def test_a_verifying_receiver_over_trusted_tls_passes_and_its_tls_is_reported(binary, tmp_path, certificate):
    server = Server(binary, tmp_path, {"OPERATOR_API_WEBHOOK_ALLOW_PRIVATE": "1", "SSL_CERT_FILE": certificate[0]})
    receiver = None
    try:
        receiver = Receiver(tls=certificate)
        receiver.behaviour = verifying(receiver)
        api, endpoint = live_endpoint(server, receiver)
        report = api.ok("POST", f"/v1/wl/webhook-endpoints/{endpoint['id']}/check-up")
        assert report["verdict"] == "pass" and report["livemode"] is True and report["fixes"] == []
        assert [c["status_code"] for c in report["checks"]] == [204, 401, 401, 204]
        tls = report["checks"][0]["tls"]
        assert tls["version"] in ("TLSv1.2", "TLSv1.3")
        expires = datetime.fromisoformat(tls["certificate_expires_at"].replace("Z", "+00:00")).timestamp()
        assert abs(expires - (time.time() + 86_400)) < 600, "the certificate was made for a day"
        assert any("certificate expires" in note for note in report["notes"]), "a day left is worth a note"
        assert receiver.bad_signatures == 2, "the tampered and the stale requests"
    finally:
        if receiver:
            receiver.close()
        server.stop()


def test_a_receiver_whose_certificate_is_untrusted_fails_with_a_tls_error(binary, tmp_path, certificate):
    server = Server(binary, tmp_path, {"OPERATOR_API_WEBHOOK_ALLOW_PRIVATE": "1"})
    receiver = None
    try:
        receiver = Receiver(tls=certificate)
        api, endpoint = live_endpoint(server, receiver)
        report = api.ok("POST", f"/v1/wl/webhook-endpoints/{endpoint['id']}/check-up")
        assert report["verdict"] == "fail"
        assert report["checks"][0]["error_class"] == "tls" and report["checks"][0]["tls"] is None
        assert report["fixes"][0].startswith("We could not deliver a correctly signed request (tls:")
        assert receiver.count() == 0
    finally:
        if receiver:
            receiver.close()
        server.stop()
