import re

import pytest
from django.core import mail


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """`with sending(): …` runs the code and then delivers its mails, as the commit does in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def link(message, path: str) -> str:
    """The first link in a mail's text that contains `path`."""
    return re.search(rf"http://\S+{re.escape(path)}\S+/", message.body).group(0)


def subjects() -> list[str]:
    return [message.subject for message in mail.outbox]
