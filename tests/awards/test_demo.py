import datetime

import pytest

from awards.demo import JURY_PASSWORD, create_demo_rounds
from awards.models import BERLIN, Entry, Round

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 21)


def test_the_demo_has_the_decided_round_2022_with_the_real_categories_and_demo_winners():
    create_demo_rounds(today=TODAY)

    round_ = Round.objects.get(year=2022)
    assert (round_.state, round_.is_published, round_.is_demo) == ("decided", True, True)
    assert [c.name for c in round_.categories.all()] == [
        "Kommunale Pflichtaufgaben & Innere Verwaltung",
        "Informationsaustausch & Vernetzung",
        "Wirtschaftsförderung, Tourismus & Kultur",
        "Umwelt, Planung & Infrastruktur",
        "Sonderkategorie: Interkommunale Zusammenarbeit in der Krisenbewältigung",
    ]
    assert {c.prize_money for c in round_.categories.all()} == {10000}
    assert [c.name for c in round_.criteria.all()] == [
        "Gewinn der Kooperation",
        "Grad der Innovation",
        "Zukunftsfähigkeit / Nutzbarkeit / Nachhaltigkeit",
    ]
    assert round_.entries_open_at.astimezone(BERLIN).date() == datetime.date(2021, 12, 23)
    assert round_.entries_close_at.astimezone(BERLIN).date() == datetime.date(2022, 2, 11)
    winners = Entry.objects.public_winners().filter(round=round_)
    assert sorted(w.category.position for w in winners) == [0, 1, 2, 3, 4]
    assert round_.jury_members.count() == 5


def test_the_open_demo_round_closes_about_three_months_after_loading_and_takes_entries():
    create_demo_rounds(today=TODAY)

    round_ = Round.objects.get(is_demo=True, state="open")
    close = round_.entries_close_at.astimezone(BERLIN)
    assert (close.date(), close.time()) == (datetime.date(2027, 3, 1), datetime.time(23, 59, 59))
    assert round_.year == 2027
    assert round_.categories.count() == 6
    assert round_.entries.submitted().count() == 3
    assert round_.accepts_entries(datetime.datetime(2026, 11, 21, 12, tzinfo=BERLIN))


def test_the_jury_accounts_log_in_and_one_of_them_chairs():
    create_demo_rounds(today=TODAY)

    round_ = Round.objects.get(is_demo=True, state="open")
    members = list(round_.jury_members.select_related("user"))
    assert sorted(m.user.username for m in members) == [
        "jury-landkreistag",
        "jury-nrwbank",
        "jury-staedtetag",
        "jury-stgb",
        "jury-vorsitz",
    ]
    assert [m.user.username for m in members if m.is_chair] == ["jury-vorsitz"]
    user = next(m.user for m in members if m.user.username == "jury-nrwbank")
    assert user.check_password(JURY_PASSWORD) and not user.is_staff
    assert list(user.groups.values_list("name", flat=True)) == ["Jury"]


def test_loading_the_demo_twice_adds_nothing():
    first = create_demo_rounds(today=TODAY)
    second = create_demo_rounds(today=TODAY + datetime.timedelta(days=40))

    assert first > 0
    assert second == 0
    assert Round.objects.count() == 2


def test_the_demo_pages_say_that_the_winners_are_made_up(client):
    create_demo_rounds(today=TODAY)

    html = client.get("/landespreis/2022/preistraeger/").content.decode()

    assert "Beispieldaten: Die Preisträger und Bewerbungen dieser Runde sind für die Demo erfunden" in html
    assert "Finanzzentrum Baumberge" in html


def test_load_demo_data_includes_the_landespreis():
    from portal.management.commands.load_demo_data import DEMO_LOADERS

    assert ("Landespreis", create_demo_rounds) in DEMO_LOADERS
