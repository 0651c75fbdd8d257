import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError

from newsletter.models import Block, Delivery, Issue
from tests.factories import BlockFactory, IssueFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def test_editors_group_may_compose_and_send_issues():
    codenames = set(Group.objects.get(name="Redaktion").permissions.values_list("codename", flat=True))

    assert {"add_issue", "change_issue", "add_block", "change_block", "view_delivery"} <= codenames


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "text", "text": ""},
        {"kind": "project", "text": ""},
        {"kind": "event", "text": ""},
        {"kind": "landespreis", "heading": "", "url": "/landespreis/"},
        {"kind": "button", "link_label": "", "url": "/projekte/"},
        {"kind": "button", "link_label": "Zu den Projekten", "url": ""},
        {"kind": "image", "alt_text": "Ein Bauhof"},
    ],
)
def test_a_block_needs_the_fields_of_its_kind(fields):
    with pytest.raises(IntegrityError):
        BlockFactory(**fields)


def test_a_delivery_exists_once_per_issue_and_subscriber():
    issue, subscriber = IssueFactory(status="sending"), SubscriberFactory()
    Delivery.objects.create(issue=issue, subscriber=subscriber)

    with pytest.raises(IntegrityError):
        Delivery.objects.create(issue=issue, subscriber=subscriber)


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "scheduled", "scheduled_at": None},
        {"status": "sending", "started_at": None},
        {"status": "sent", "finished_at": None},
    ],
)
def test_an_issue_has_the_times_its_status_needs(fields):
    with pytest.raises(IntegrityError):
        IssueFactory(**fields)


def test_a_block_shows_its_own_heading_or_the_title_of_what_it_links():
    block = Block(kind="text", heading="Aus den Kommunen")

    assert block.title == "Aus den Kommunen"
    assert Block(kind="button").title == ""


def test_only_issues_that_went_out_are_in_the_archive():
    IssueFactory(status="draft")
    sending, sent = IssueFactory(status="sending"), IssueFactory(status="sent")

    assert set(Issue.objects.published()) == {sending, sent}
