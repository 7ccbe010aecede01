"""Webhook URLs that reach inside a network (issue 15, finding 6), against the real binary without the development flag.

Before, names that only resolve inside some private network (a single label, `.local`, `.internal`, `.home.arpa`…)
were accepted whenever this server's resolver did not know them, any port was accepted (SSH, SMTP on a public
host), and the address guard let 6to4 and Teredo addresses of private IPv4 ones through. All are now a 422.
"""
import pytest

from support import API, seed_operator

REFUSED = [
    ("https://intranet/hooks", "url_not_public"),
    ("https://printer.local/hooks", "url_not_public"),
    ("https://billing.internal/hooks", "url_not_public"),
    ("https://router.home.arpa/hooks", "url_not_public"),
    ("https://api.localhost/hooks", "url_not_public"),
    ("https://8.8.8.8:22/hooks", "validation_failed"),
    ("https://8.8.8.8:25/hooks", "validation_failed"),
    ("https://[2002:7f00:1::1]/hooks", "url_not_public"),  # 6to4 of 127.0.0.1
    ("https://[2001:0:4136:e378:8000:63bf:f5ff:fffe]/hooks", "url_not_public"),  # Teredo of 10.0.0.1
    ("https://[fe80::1%25eth0]/hooks", "validation_failed"),
]


@pytest.mark.parametrize("url,code", REFUSED)
def test_webhook_urls_into_private_networks_are_refused(server, url, code):
    api = API(server.base, seed_operator(server.base)["keys"]["live"])
    response = api.call("POST", "/v1/wl/webhook-endpoints", {"url": url, "events": ["user.created"]})
    assert response.status_code == 422, f"{url}: {response.status_code} {response.text}"
    assert response.json()["code"] == code, url


def test_public_hosts_on_web_and_unprivileged_ports_are_accepted(server):
    api = API(server.base, seed_operator(server.base)["keys"]["live"])
    for url in ["https://8.8.8.8/hooks", "https://8.8.8.8:8443/hooks", "https://[2002:808:808::1]:9443/hooks"]:
        assert api.call("POST", "/v1/wl/webhook-endpoints", {"url": url, "events": ["user.created"]}).status_code == 201, url
