"""The sending job is killed half way (SIGKILL, as by the OOM killer or a power cut) and run again: every
confirmed subscriber ends with exactly one delivery, all sent, and at most the one message that was on its
way when the job died reaches its recipient twice."""

import os
import signal
import socket
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from django.db import connection

from newsletter import services
from newsletter.models import Delivery, Issue
from tests.factories import BlockFactory, IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
SUBSCRIBERS = 300  # more than one batch of 200
KILL_AT = 150


class Sink:
    """An SMTP server that counts what it receives per address and, on the `kill_at`-th message, kills
    the sending process before answering: that message has arrived, but the job never learns it."""

    def __init__(self, kill_at=None):
        self.received = Counter()
        self.count = 0
        self.kill_at = kill_at
        self.process = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (the name aiosmtpd calls)
        with self.lock:
            self.count += 1
            self.received.update(envelope.rcpt_tos)
            if self.count == self.kill_at and self.process is not None:
                self.process.send_signal(signal.SIGKILL)
                self.process.wait()
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """The test database, for the separate process."""
    db = connection.settings_dict
    host = quote(db["HOST"], safe="") if db["HOST"].startswith("/") else db["HOST"]
    port = f":{db['PORT']}" if db["PORT"] else ""
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{host}{port}/{db['NAME']}"


def run_sending_job(issue_id: int, smtp_port: int) -> subprocess.Popen:
    """The real job: the cron command in the foreground, in its own process, through the SMTP backend."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": database_url(),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "PUBLIC_BASE_URL": "https://interkommunales.nrw",
        "LOG_LEVEL": "ERROR",
    }
    command = [sys.executable, "manage.py", "send_newsletters", "--foreground", "--issue", str(issue_id)]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture
def sink():
    sink = Sink(kill_at=KILL_AT)
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield sink, controller.port
    controller.stop()


def test_a_job_killed_half_way_and_run_again_sends_each_subscriber_one_delivery(sink):
    sink, port = sink
    subscribers = SubscriberFactory.create_batch(SUBSCRIBERS)
    SubscriberFactory(status="unsubscribed")
    issue = IssueFactory()
    BlockFactory(issue=issue)
    services.start_sending(issue=issue, enqueue=False)

    first = run_sending_job(issue.pk, port)
    sink.process = first
    first.communicate(timeout=120)

    # Killed while message 150 was on its way: the 149 the server had acknowledged are recorded as sent.
    assert first.returncode == -signal.SIGKILL
    assert sink.count == KILL_AT
    assert Delivery.objects.filter(issue=issue, status="sent").count() == KILL_AT - 1
    assert Issue.objects.get(pk=issue.pk).status == "sending"

    second = run_sending_job(issue.pk, port)
    out, err = second.communicate(timeout=120)

    assert second.returncode == 0, err
    assert "Versand abgeschlossen" in out
    rows = Counter(Delivery.objects.filter(issue=issue).values_list("subscriber__email", flat=True))
    assert rows == Counter({subscriber.email: 1 for subscriber in subscribers})
    assert set(Delivery.objects.filter(issue=issue).values_list("status", flat=True)) == {"sent"}
    assert Issue.objects.get(pk=issue.pk).status == "sent"
    # Everyone got the newsletter; twice only the one whose message was in flight when the job died.
    assert set(sink.received) == {subscriber.email for subscriber in subscribers}
    assert max(sink.received.values()) <= 2
    assert sum(count - 1 for count in sink.received.values()) <= 1
    assert sink.count == SUBSCRIBERS + 1
