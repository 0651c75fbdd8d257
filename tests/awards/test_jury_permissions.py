"""Who may reach what in the jury area: every rule is enforced on the server."""

import re

import pytest
from django.contrib.auth import SESSION_KEY

from awards.models import Category, ConflictOfInterest, Entry, Score
from tests.factories import (
    CategoryFactory,
    EntryAttachmentFactory,
    EntryFactory,
    JuryMemberFactory,
    RoundFactory,
    UserFactory,
    jury_round,
    score_entry,
)

pytestmark = pytest.mark.django_db
PASSWORD = "ein-sicheres-passwort-42"


@pytest.fixture
def setup():
    round_, category, criteria, jury = jury_round(year=2027, members=["jury-a"])
    entry = EntryFactory(round=round_, category=category, title="Gemeinsames Standesamt")
    attachment = EntryAttachmentFactory(entry=entry)
    return round_, category, entry, attachment, jury


def jury_urls(round_, category, entry, attachment):
    year = round_.year
    return [
        "/landespreis/jury/",
        f"/landespreis/jury/{year}/",
        f"/landespreis/jury/{year}/kategorie/{category.pk}/",
        f"/landespreis/jury/{year}/kategorie/{category.pk}/preistraeger/",
        f"/landespreis/jury/{year}/beitrag/{entry.pk}/",
        f"/landespreis/jury/{year}/beitrag/{entry.pk}/anhang/{attachment.pk}/",
    ]


# --- Login and logout ---


def test_anonymous_visitors_are_sent_to_the_jury_login_from_every_page(client, setup):
    round_, category, entry, attachment, _ = setup

    for url in jury_urls(round_, category, entry, attachment):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/landespreis/jury/anmelden/?next="), url


def test_anonymous_posts_change_nothing(client, setup):
    round_, category, entry, _, _ = setup
    criterion = round_.criteria.get()

    client.post(f"/landespreis/jury/{round_.year}/beitrag/{entry.pk}/", {f"punkte_{criterion.pk}": "7"})
    client.post(f"/landespreis/jury/{round_.year}/beitrag/{entry.pk}/befangenheit/")
    client.post(
        f"/landespreis/jury/{round_.year}/kategorie/{category.pk}/preistraeger/",
        {"preistraeger": [entry.pk], "bestaetigt": "1"},
    )

    assert Score.objects.count() == 0
    assert ConflictOfInterest.objects.count() == 0
    assert Entry.objects.get(pk=entry.pk).is_winner is False


def test_jury_member_without_staff_status_logs_in_and_sees_their_rounds(client, setup):
    round_, _, _, _, jury = setup
    assert jury["jury-a"].user.is_staff is False

    response = client.post("/landespreis/jury/anmelden/", {"username": "jury-a", "password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/landespreis/jury/"
    html = response.content.decode()
    assert round_.title in html
    assert "Ihre Rolle: Mitglied" in html


def test_login_goes_back_to_the_page_asked_for(client, setup):
    round_, _, entry, _, _ = setup
    url = f"/landespreis/jury/{round_.year}/beitrag/{entry.pk}/"

    response = client.post(
        f"/landespreis/jury/anmelden/?next={url}", {"username": "jury-a", "password": PASSWORD, "next": url}
    )

    assert response["Location"] == url


def test_login_page_title_names_the_portal_not_the_host(client, setup):
    response = client.get("/landespreis/jury/anmelden/")

    title = re.search(r"<title>(.*?)</title>", response.content.decode()).group(1)
    assert title == "Anmeldung für die Jury – Landespreis – Interkommunales.NRW"


def test_wrong_password_gets_a_german_message_and_keeps_the_user_name(client, setup):
    response = client.post("/landespreis/jury/anmelden/", {"username": "jury-a", "password": "falsch"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Benutzername oder Passwort stimmen nicht." in html
    assert 'value="jury-a"' in html
    assert SESSION_KEY not in client.session


def test_jury_login_is_locked_after_repeated_failures(client, setup, settings):
    settings.AXES_FAILURE_LIMIT = 3

    for _ in range(3):
        client.post("/landespreis/jury/anmelden/", {"username": "jury-a", "password": "falsch"}, REMOTE_ADDR="10.0.0.7")
    response = client.post(
        "/landespreis/jury/anmelden/", {"username": "jury-a", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7"
    )

    html = response.content.decode()
    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in html
    assert "von Ihrem Anschluss aus für 15 Minuten gesperrt" in html
    assert "angemeldet als" not in html
    assert SESSION_KEY not in client.session
    # The admin's login keeps its own lockout page.
    admin = client.post("/admin/login/", {"username": "jury-a", "password": PASSWORD}, REMOTE_ADDR="10.0.0.7")
    assert admin.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in admin.content.decode()


def test_the_attempt_that_reaches_the_limit_gets_the_jury_lockout_page(client, setup, settings):
    settings.AXES_FAILURE_LIMIT = 2

    first = client.post("/landespreis/jury/anmelden/", {"username": "jury-a", "password": "falsch"})
    second = client.post("/landespreis/jury/anmelden/", {"username": "jury-a", "password": "falsch"})

    assert first.status_code == 200
    assert "Nach 2 fehlgeschlagenen Versuchen ist die Anmeldung für 15 Minuten gesperrt." in first.content.decode()
    assert second.status_code == 429
    assert "Anmeldung für die Jury" in second.content.decode()  # the jury's page, not the admin's


def test_logout_only_by_post(client, setup):
    _, _, _, _, jury = setup
    client.force_login(jury["jury-a"].user)

    assert client.get("/landespreis/jury/abmelden/").status_code == 405
    assert SESSION_KEY in client.session

    response = client.post("/landespreis/jury/abmelden/", follow=True)

    assert SESSION_KEY not in client.session
    assert response.redirect_chain[-1][0] == "/landespreis/jury/anmelden/"
    assert "Sie haben sich abgemeldet." in response.content.decode()


# --- Who may see a round ---


def test_user_on_no_jury_gets_a_german_403_on_the_start_page(client, setup):
    client.force_login(UserFactory(username="redaktion", is_staff=True, is_superuser=True))

    response = client.get("/landespreis/jury/")

    assert response.status_code == 403
    assert "Ihr Konto gehört keiner Jury des Landespreises an." in response.content.decode()


def test_user_not_on_the_jury_of_a_round_gets_403_everywhere_in_it(client, setup):
    round_, category, entry, attachment, _ = setup
    other_round = RoundFactory(year=2031, state="jury")
    client.force_login(JuryMemberFactory(round=other_round).user)

    for url in jury_urls(round_, category, entry, attachment)[1:]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Sie gehören nicht der Jury des Landespreises 2027 an." in response.content.decode()
    response = client.post(f"/landespreis/jury/{round_.year}/beitrag/{entry.pk}/befangenheit/")
    assert response.status_code == 403
    assert ConflictOfInterest.objects.count() == 0


def test_superuser_without_a_seat_gets_403_too(client, setup):
    round_, *_ = setup
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))

    assert client.get(f"/landespreis/jury/{round_.year}/").status_code == 403


def test_unknown_round_is_404(client, setup):
    _, _, _, _, jury = setup
    client.force_login(jury["jury-a"].user)

    assert client.get("/landespreis/jury/1999/").status_code == 404


def test_entry_attachment_and_category_of_another_round_are_404_under_ones_own_round(client, setup):
    round_, _, entry, _, jury = setup
    other_round = RoundFactory(year=2031, state="jury")
    JuryMemberFactory(round=other_round, user=jury["jury-a"].user)  # sits on both juries
    foreign_entry = EntryFactory(round=other_round, title="Fremder Beitrag")
    foreign_attachment = EntryAttachmentFactory(entry=foreign_entry)
    foreign_category = foreign_entry.category
    client.force_login(jury["jury-a"].user)

    year = round_.year
    assert client.get(f"/landespreis/jury/{year}/beitrag/{foreign_entry.pk}/").status_code == 404
    assert client.get(f"/landespreis/jury/{year}/kategorie/{foreign_category.pk}/").status_code == 404
    assert client.get(f"/landespreis/jury/{year}/beitrag/{entry.pk}/anhang/{foreign_attachment.pk}/").status_code == 404
    assert client.post(f"/landespreis/jury/{year}/beitrag/{foreign_entry.pk}/befangenheit/").status_code == 404
    assert ConflictOfInterest.objects.count() == 0


def test_drafts_and_rejected_entries_are_neither_listed_nor_reachable(client, setup):
    round_, category, entry, _, jury = setup
    draft = EntryFactory(round=round_, category=category, state="draft", title="Halbfertiger Entwurf")
    rejected = EntryFactory(round=round_, category=category, state="rejected", title="Abgelehnte Bewerbung")
    client.force_login(jury["jury-a"].user)

    html = client.get(f"/landespreis/jury/{round_.year}/").content.decode()

    assert entry.title in html
    assert draft.title not in html
    assert rejected.title not in html
    assert client.get(f"/landespreis/jury/{round_.year}/beitrag/{draft.pk}/").status_code == 404
    assert client.get(f"/landespreis/jury/{round_.year}/beitrag/{rejected.pk}/").status_code == 404


def test_conflicted_member_gets_404_for_the_entry_and_its_attachments(client, setup):
    round_, _, entry, attachment, jury = setup
    ConflictOfInterest.objects.create(entry=entry, member=jury["jury-a"])
    client.force_login(jury["jury-a"].user)

    assert client.get(f"/landespreis/jury/{round_.year}/beitrag/{entry.pk}/").status_code == 404
    assert client.get(f"/landespreis/jury/{round_.year}/beitrag/{entry.pk}/anhang/{attachment.pk}/").status_code == 404
    criterion = round_.criteria.get()
    response = client.post(f"/landespreis/jury/{round_.year}/beitrag/{entry.pk}/", {f"punkte_{criterion.pk}": "7"})
    assert response.status_code == 404
    assert Score.objects.count() == 0


# --- The chair ---


def test_only_the_chair_may_record_winners(client, setup):
    round_, category, entry, _, jury = setup
    score_entry(entry, jury["jury-a"], [8])
    client.force_login(jury["jury-a"].user)
    url = f"/landespreis/jury/{round_.year}/kategorie/{category.pk}/preistraeger/"

    get = client.get(url)
    post = client.post(url, {"preistraeger": [entry.pk], "bestaetigt": "1"})

    assert get.status_code == post.status_code == 403
    assert "Nur der Vorsitz der Jury legt die Preisträger fest." in post.content.decode()
    assert Entry.objects.get(pk=entry.pk).is_winner is False
    assert Category.objects.get(pk=category.pk).decided_at is None


def test_chair_cannot_choose_an_entry_of_another_category(client, setup):
    round_, category, entry, _, jury = setup
    other = EntryFactory(round=round_, category=CategoryFactory(round=round_, name="Umwelt"), title="Anderswo")
    client.force_login(jury["jury-vorsitz"].user)

    response = client.post(
        f"/landespreis/jury/{round_.year}/kategorie/{category.pk}/preistraeger/",
        {"preistraeger": [other.pk], "bestaetigt": "1"},
    )

    assert "Diesen Beitrag gibt es in dieser Kategorie nicht." in response.content.decode()
    assert Entry.objects.filter(is_winner=True).count() == 0


def test_state_changing_pages_refuse_get(client, setup):
    round_, _, entry, _, jury = setup
    client.force_login(jury["jury-a"].user)

    assert client.get(f"/landespreis/jury/{round_.year}/beitrag/{entry.pk}/befangenheit/").status_code == 405
    assert ConflictOfInterest.objects.count() == 0
