"""The operator dashboard end to end: the real binary, seeded through the admin API, driven by headless Chromium
(and, for the refusals, by plain HTTP)."""
import http.cookiejar
import json
import os
import pathlib
import re
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from conftest import ROOT

ADMIN = "admin-token-for-tests-0123456789"
EMAIL, PASSWORD = "ops@acme.test", "correct horse battery"
ARTIFACTS = ROOT / "artifacts"


def api(server, method, path, token=ADMIN, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(f"http://127.0.0.1:{server.port}{path}", data=data, method=method,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"null")


def seed(server):
    """An operator with a member; returns the operator as created (with both keys)."""
    op = api(server, "POST", "/v1/admin/operators", body={"name": "Acme Broking", "slug": "acme"})
    api(server, "POST", f"/v1/admin/operators/{op['id']}/members", body={"email": EMAIL, "password": PASSWORD})
    return op


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """Plain HTTP with a cookie jar and no redirects followed: to check the dashboard's exact answers."""

    def __init__(self, server):
        self.base = f"http://127.0.0.1:{server.port}"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def send(self, method, path, form=None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    @staticmethod
    def csrf(html):
        return re.search(r'name="csrf" value="([^"]+)"', html).group(1)

    def sign_in(self, email=EMAIL, password=PASSWORD):
        _, _, html = self.send("GET", "/dashboard/login")
        return self.send("POST", "/dashboard/login", {"csrf": self.csrf(html), "email": email, "password": password})


def test_wrong_password_and_unknown_email_get_the_same_answer(server):
    seed(server)
    client = Client(server)
    wrong = client.sign_in(password="not the password")
    unknown = client.sign_in(email="nobody@acme.test")
    for status, headers, html in (wrong, unknown):
        assert status == 200 and "Incorrect email or password." in html
    assert not any(c.name == "op_session" for c in client.jar)


def test_a_form_post_without_the_csrf_token_is_refused(server):
    seed(server)
    client = Client(server)
    status, headers, _ = client.sign_in()
    assert status == 303 and "HttpOnly" in headers["Set-Cookie"] and "SameSite=Lax" in headers["Set-Cookie"]
    status, _, _ = client.send("POST", "/dashboard/keys/rotate", {"mode": "test", "grace": "0"})
    assert status == 403
    status, _, html = client.send("GET", "/dashboard")
    assert status == 200 and "retires" not in html


def test_an_ended_session_is_sent_back_to_sign_in(server):
    seed(server)
    client = Client(server)
    client.sign_in()
    _, _, html = client.send("GET", "/dashboard")
    cookie = next(c for c in client.jar if c.name == "op_session")
    status, _, _ = client.send("POST", "/dashboard/logout", {"csrf": client.csrf(html)})
    assert status == 303
    client.jar.set_cookie(cookie)  # a browser that kept the old cookie
    status, headers, _ = client.send("GET", "/dashboard")
    assert status == 303 and headers["Location"] == "/dashboard/login?expired=1"


@pytest.fixture
def browser():
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_path = shutil.which("chromedriver")
    if not (chromium and driver_path):
        if os.environ.get("CI"):
            pytest.fail("chromium and chromium-driver must be installed under CI (.ci/run installs them)")
        pytest.skip("chromium or chromedriver not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def screenshot(driver, width, name):
    """A full-page screenshot at `width` CSS pixels, in artifacts/ (gitignored)."""
    import base64

    ARTIFACTS.mkdir(exist_ok=True)
    metrics = {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "captureBeyondViewport": True, "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    path = ARTIFACTS / name
    path.write_bytes(base64.b64decode(shot["data"]))
    assert path.stat().st_size > 0
    return path


def wait_for(predicate, timeout=15, message="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {message}")


class Page:
    """The dashboard in the browser: read an element's text, submit a form and wait for the page it leads to."""

    def __init__(self, driver, base):
        self.d, self.base = driver, base

    def text(self, selector):
        from selenium.webdriver.common.by import By
        return self.d.find_element(By.CSS_SELECTOR, selector).text

    def replaced(self, element):
        """Whether the page holding `element` is gone. Chromium reports a node of a page that is being replaced
        either as stale or, mid-navigation, with an inspector error: both mean the new page is on its way."""
        from selenium.common.exceptions import WebDriverException
        try:
            element.tag_name
            return False
        except WebDriverException:
            return True

    def submit(self, selector, accept=False):
        """Clicks a form's button and waits for the page the post leads to."""
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait
        page = self.d.find_element(By.TAG_NAME, "html")
        self.d.find_element(By.CSS_SELECTOR, selector).click()
        if accept:
            self.d.switch_to.alert.accept()
        WebDriverWait(self.d, 15).until(lambda _: self.replaced(page))

    def sign_in(self):
        from selenium.webdriver.common.by import By
        self.d.get(self.base + "/dashboard/login")
        self.d.find_element(By.ID, "email").send_keys(EMAIL)
        self.d.find_element(By.ID, "password").send_keys(PASSWORD)
        self.submit("form[action='/dashboard/login'] button")
        wait_for(lambda: self.d.current_url == self.base + "/dashboard", message="the dashboard")


def test_the_dashboard_in_a_real_browser(webhook_server, receiver, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    server = webhook_server
    op = seed(server)
    live_key, test_key = op["keys"]["live"], op["keys"]["test"]
    base = f"http://127.0.0.1:{server.port}"
    d = browser
    page = Page(d, base)
    text, submit = page.text, page.submit

    # Sign in.
    page.sign_in()
    keys = text("#keys")
    for key in (live_key, test_key):
        assert key not in d.page_source
        assert key[:key.rindex("_") + 1] + "…" + key[-4:] in keys

    # Rotate the test key: confirm, choose a grace period, see the new key once.
    Select(d.find_element(By.ID, "grace-test")).select_by_value("3600")
    submit("form[action='/dashboard/keys/rotate'] input[value='test'] ~ button", accept=True)
    new_key = wait_for(lambda: d.find_elements(By.ID, "new-key"), message="the new key")[0].text
    assert new_key.startswith("tt_wl_acme_test_") and new_key != test_key
    assert api(server, "GET", "/v1/wl/me", token=new_key)["mode"] == "test"
    d.get(base + "/dashboard")
    assert new_key not in d.page_source and not d.find_elements(By.ID, "new-key")

    # The receiver: point it at the local receiver; it subscribes to every event.
    url = d.find_element(By.ID, "endpoint-url")
    url.clear()
    url.send_keys(receiver.url)
    submit("form[action='/dashboard/webhook'] button")
    assert "Receiver created" in text(".flash")
    assert text("#subscription-count") == "10 of 10 active"

    # Toggle one event off: the count follows.
    submit("button[aria-label='usage.daily']")
    assert text("#subscription-count") == "9 of 10 active"
    assert d.find_element(By.CSS_SELECTOR, "button[aria-label='usage.daily']").get_attribute("aria-checked") == "false"

    # An API call that causes an event: its delivery appears, signed.
    plan = api(server, "GET", "/v1/wl/plans", token=live_key)["data"][0]["id"]
    user = api(server, "POST", "/v1/wl/users", token=live_key,
               body={"email": "client@example.com", "phone": "+919876543210", "plan_id": plan})
    wait_for(lambda: receiver.requests, message="the webhook at the receiver")
    assert "webhook-signature" in {k.lower() for k in receiver.requests[0]["headers"]}

    def delivered_row():
        d.get(base + "/dashboard")
        rows = d.find_elements(By.CSS_SELECTOR, "table.deliveries tbody tr")
        return rows and "user.created" in rows[0].text and "Delivered" in rows[0].text and rows[0]

    row = wait_for(delivered_row, message="the delivered row")
    row.find_elements(By.TAG_NAME, "td")[1].click()  # a click anywhere on the row opens the inspector
    wait_for(lambda: d.find_elements(By.ID, "inspector"), message="the inspector")
    assert user["id"] in text("#payload")
    assert "webhook-signature" in text("#inspector table.headers")
    original = re.search(r"delivery=(dlv_\w+)", d.current_url).group(1)

    # Replay: a new delivery at the top of the list.
    submit("#inspector form button")
    replay = re.search(r"delivery=(dlv_\w+)", wait_for(lambda: "delivery=" in d.current_url and d.current_url, message="replay")).group(1)
    assert replay != original and "Replayed as" in text(".flash")
    first = d.find_element(By.CSS_SELECTOR, "table.deliveries tbody tr")
    assert replay in first.get_attribute("data-href")

    # The quota meters move with API calls (buckets refill continuously, so measure right after a burst); the
    # dashboard's own page loads are not counted.
    def used(quota):
        return int(text(f"[data-quota={quota}]").split(" / ")[0].replace(",", ""))

    day_before = used("day")
    for _ in range(30):
        api(server, "GET", "/v1/wl/plans", token=live_key)
    d.get(base + "/dashboard")
    assert used("day") >= day_before + 20 and used("minute") > 0
    for _ in range(5):
        d.get(base + "/dashboard")
    assert used("day") >= day_before + 20
    assert text("[data-quota=webhook-subscriptions]") == "9 / 10"

    screenshot(d, 1280, "dashboard-1280.png")
    screenshot(d, 390, "dashboard-390.png")
    assert len(d.page_source.encode()) < 100_000

    # Test mode is the sandbox: clearly marked, none of the live data.
    submit("form[action='/dashboard/mode'] button")
    assert "TEST MODE" in text(".test-banner")
    assert "No deliveries yet" in text("#deliveries") and receiver.url not in d.page_source
    screenshot(d, 1280, "dashboard-test-mode-1280.png")

    # Sign out.
    submit("form[action='/dashboard/logout'] button")
    wait_for(lambda: d.current_url.startswith(base + "/dashboard/login"), message="the sign-in page")
    d.get(base + "/dashboard")
    assert d.current_url.startswith(base + "/dashboard/login")


def test_the_receiver_check_up_and_the_inspectors_signed_content_in_a_real_browser(webhook_server, browser):
    """A receiver that verifies nothing fails the check-up with two fixes; given the secret (revealed on the
    dashboard) it verifies and passes; when it answers 500, the inspector shows what the attempt signed and the id
    of the secret that signed it."""
    from selenium.webdriver.common.by import By
    from support import Receiver

    server = webhook_server
    seed(server)
    d = browser
    page = Page(d, f"http://127.0.0.1:{server.port}")
    answer = {"refused": 401, "accepted": 204}

    def behaviour(number, handler):
        verified = target.received[number - 1]["verified"]
        handler.answer(answer["accepted"] if verified else answer["refused"])

    target = Receiver(behaviour=behaviour)
    try:
        page.sign_in()
        url = d.find_element(By.ID, "endpoint-url")
        url.clear()
        url.send_keys(target.url)
        page.submit("form[action='/dashboard/webhook'] button")

        # Verifying nothing: the tampered and the stale requests are accepted.
        page.submit("#run-check-up")
        assert page.text("#check-up-verdict") == "fail"
        fixes = d.find_elements(By.CSS_SELECTOR, "#check-up-fixes li")
        assert len(fixes) == 2 and "signature is wrong" in fixes[0].text and "10 minutes old" in fixes[1].text
        assert "dedupe on" in page.text("#check-up-notes")
        assert [json.loads(r["body"]).get("check") for r in target.received] == [
            "valid", "tampered_signature", "stale_timestamp", "valid"]

        # Reveal the secret on the dashboard and verify with it: a pass.
        d.find_element(By.ID, "reveal-password").send_keys(PASSWORD)
        page.submit("form[action='/dashboard/webhook/reveal'] button")
        target.secret = page.text("#signing-secret")
        page.submit("#run-check-up")
        assert page.text("#check-up-verdict") == "pass"
        assert not d.find_elements(By.ID, "check-up-fixes")
        rows = {r.get_attribute("data-check"): r.text for r in d.find_elements(By.CSS_SELECTOR, "table.check-up-results tbody tr")}
        assert "HTTP 204" in rows["valid"] and "HTTP 401" in rows["tampered_signature"] and "HTTP 401" in rows["stale_timestamp"]

        # A receiver failing with 500: the inspector shows the signed content and the secret's id.
        answer["accepted"] = 500
        secret_id = page.text("#secret-id")
        assert secret_id.startswith("whsk_")
        page.submit("form[action='/dashboard/webhook/test'] button")
        wait_for(lambda: d.find_elements(By.ID, "inspector"), message="the inspector")

        def signed():
            d.refresh()
            return d.find_elements(By.ID, "signed-content-1")

        content = wait_for(signed, message="the failed attempt's signed content")[0].text
        delivered = target.received[-1]
        assert content.endswith("." + delivered["body"].decode()) and content.startswith(json.loads(delivered["body"])["id"] + ".")
        assert f"secret {secret_id}" in page.text("#inspector ul.signatures")
    finally:
        target.close()


def test_the_sandbox_test_clock_in_a_real_browser(webhook_server, browser):
    """TEST MODE shows the sandbox's time; a test clock started there advances a week, rolling up the days on the way,
    and the sandbox goes back to real time. The API sees the same clock."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    server = webhook_server
    op = seed(server)
    d = browser
    page = Page(d, f"http://127.0.0.1:{server.port}")
    page.sign_in()
    assert not d.find_elements(By.ID, "sandbox-time"), "live mode has no sandbox time"

    page.submit("form[action='/dashboard/mode'] button")
    assert "(real time)" in page.text(".test-banner")
    page.submit("#start-test-clock")
    assert "Test clock started" in page.text(".flash") and "(test clock)" in page.text(".test-banner")
    started = page.text("#sandbox-time")
    frozen = api(server, "GET", "/v1/wl/test-clock", token=op["keys"]["test"])["frozen_time"]
    assert frozen is not None

    Select(d.find_element(By.ID, "advance-by")).select_by_value("604800")
    page.submit("#advance-test-clock")
    assert re.search(r"Advanced to .*: 7 days rolled up", page.text(".flash")), page.text(".flash")
    assert page.text("#sandbox-time") != started
    moved = api(server, "GET", "/v1/wl/test-clock", token=op["keys"]["test"])["frozen_time"]
    assert moved > frozen
    screenshot(d, 1280, "dashboard-test-clock-1280.png")

    page.submit("#delete-test-clock")
    assert "back on real time" in page.text(".flash") and "(real time)" in page.text(".test-banner")
    assert api(server, "GET", "/v1/wl/test-clock", token=op["keys"]["test"])["frozen_time"] is None


def test_the_dashboard_shows_an_open_circuit_then_a_disabled_receiver_and_enables_it(webhook_server, browser):
    """A receiver answering 500 opens its circuit; moved to one answering 410 it is disabled; the page says so in
    words, and its enable button turns it back on."""
    from selenium.webdriver.common.by import By
    from support import Receiver

    server = webhook_server
    op = seed(server)
    base, d = f"http://127.0.0.1:{server.port}", browser
    page = Page(d, base)
    gone = [True]
    failing = Receiver(behaviour=lambda n, h: h.answer(500))
    leaving = Receiver(behaviour=lambda n, h: h.answer(410 if gone[0] else 204))

    def state():
        d.get(base + "/dashboard")
        return d.find_element(By.ID, "endpoint-help").text

    def save_url(url):
        field = d.find_element(By.ID, "endpoint-url")
        field.clear()
        field.send_keys(url)
        page.submit("form[action='/dashboard/webhook'] button")

    try:
        page.sign_in()
        save_url(failing.url)
        assert "Receiving events." in d.find_element(By.ID, "endpoint-help").text
        plan = api(server, "GET", "/v1/wl/plans", token=op["keys"]["live"])["data"][0]["id"]
        for n in range(2):  # 2 × 4 failed attempts: the circuit opens after 5 in a row
            api(server, "POST", "/v1/wl/users", token=op["keys"]["live"],
                body={"email": f"client{n}@example.com", "phone": f"+91987654320{n}", "plan_id": plan})
        paused = wait_for(lambda: "Paused after repeated failures" in (t := state()) and t, message="the open circuit")
        assert "nothing is dropped" in paused
        assert not d.find_elements(By.CSS_SELECTOR, "form[action='/dashboard/webhook/enable']")
        screenshot(d, 1280, "dashboard-circuit-open-1280.png")

        save_url(leaving.url)  # a new URL closes the circuit; the backlog goes there and gets 410
        disabled = wait_for(lambda: "410 Gone" in (t := state()) and t, message="the disabled receiver")
        assert disabled.startswith("Disabled")
        assert d.find_elements(By.CSS_SELECTOR, "form[action='/dashboard/webhook/enable']")
        screenshot(d, 1280, "dashboard-disabled-1280.png")

        gone[0] = False
        page.submit("form[action='/dashboard/webhook/enable'] button")
        assert "Receiver enabled" in d.find_element(By.CSS_SELECTOR, ".flash").text
        assert "Receiving events." in d.find_element(By.ID, "endpoint-help").text
        assert not d.find_elements(By.CSS_SELECTOR, "form[action='/dashboard/webhook/enable']")
        before = leaving.count()
        api(server, "POST", "/v1/wl/users", token=op["keys"]["live"],
            body={"email": "client9@example.com", "phone": "+919876543299", "plan_id": plan})
        wait_for(lambda: leaving.count() > before, message="a delivery to the enabled receiver")
    finally:
        failing.close()
        leaving.close()
