import re

import pytest
from django.core import mail

from portal.models import Municipality
from tests.factories import CategoryFactory, RoundFactory


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """`with sending(): …` runs the code and then delivers its mails, as the commit does in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def open_round(db):
    """A round open for entries with two categories; rules: 2 Kommunen, start from 1.9.2016, Sparkassen out."""
    round_ = RoundFactory(year=2027, excluded_organisation_kinds=["sparkasse"])
    CategoryFactory(round=round_, name="Innere Verwaltung", position=1)
    CategoryFactory(round=round_, name="Umwelt, Planung & Infrastruktur", position=2)
    return round_


def kommune(slug: str) -> Municipality:
    return Municipality.objects.get(slug=slug)


def link(message, path: str) -> str:
    """The first link in a mail's text that contains `path`."""
    return re.search(rf"http://\S+{re.escape(path)}\S+/", message.body).group(0)


def subjects() -> list[str]:
    return [message.subject for message in mail.outbox]
