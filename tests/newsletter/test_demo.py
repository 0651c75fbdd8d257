import datetime

import pytest
from django.db import transaction
from django.test import override_settings

from events.demo import create_demo_events
from newsletter import services
from newsletter.demo import create_demo_issues
from newsletter.models import Block, Issue, Subscriber
from portal.management.commands.load_demo_data import DEMO_LOADERS
from projects.demo import create_demo_projects

pytestmark = pytest.mark.django_db

FACTS = {
    "newsletter-v-2017": "Newsletter V / 2017",
    "newsletter-i-2020": "Newsletter I / 2020",
    "kurzmeldung-17-11-2021": "Kurzmeldung 17.11.2021",
    "newsletter-i-2022": "Newsletter I / 2022",
    "newsletter-iii-2023": "Newsletter III / 2023",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content, loaded once for this module and rolled back after it (loading takes some seconds)."""
    files = tmp_path_factory.mktemp("demo")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=files / "media", PROTECTED_MEDIA_ROOT=files / "protected"),
        transaction.atomic(),
    ):
        create_demo_projects()
        create_demo_events(today=datetime.date(2026, 11, 21))
        yield create_demo_issues()
        transaction.set_rollback(True)


def test_demo_issues_are_created_once_and_registered(demo):
    assert demo == len(FACTS) + 1 + 3
    assert create_demo_issues() == 0
    assert "Newsletter" in [label for label, _ in DEMO_LOADERS]


def test_the_five_issues_of_the_facts_are_in_the_archive_newest_first(demo, client):
    response = client.get("/newsletter/archiv/")

    archive = list(response.context["page_obj"])
    assert [issue.slug for issue in archive] == list(FACTS)[::-1]
    assert [issue.label for issue in archive] == list(FACTS.values())[::-1]
    assert [issue.started_at.year for issue in archive] == [2023, 2022, 2021, 2020, 2017]
    assert "newsletter-iv-2026" not in response.content.decode()  # the draft


def test_demo_issues_link_the_demo_projects_and_events(demo, client):
    linked = Block.objects.filter(issue__status="sent").exclude(project=None, event=None)
    issue = client.get("/newsletter/archiv/newsletter-i-2022/")

    assert {block.project.slug for block in linked if block.project} >= {
        "arbeitsgemeinschaft-historische-stadt-und-ortskerne-in-nrw",
        "finanzzentrum-baumberge",
    }
    assert {block.event.slug for block in linked if block.event} >= {
        "erfahrungsaustausch-biooekonomie-netzwerk",
        "jahrestagung-2021",
        "sprechstunden-landespreis-2022",
    }
    html = issue.content.decode()
    assert "11. Februar 2022" in html
    assert "Interkommunale Zusammenarbeit in Nordrhein-Westfalen – Stand und Perspektiven" in html
    assert "Freitag, 14. Januar 2022, 11:00–12:00 Uhr" in html
    assert 'href="/landespreis/"' in html


def test_the_demo_draft_can_be_sent_to_the_demo_subscribers(demo):
    draft = Issue.objects.get(slug="newsletter-iv-2026")

    assert services.problems_before_sending(draft) == []
    assert draft.blocks.get(kind="image").rendition.name.endswith("-1200.jpg")
    assert Subscriber.objects.confirmed().filter(email__endswith="@example.org").count() == 3
