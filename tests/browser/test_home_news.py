import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from portal.models import Municipality
from tests.browser.conftest import assert_accessible
from tests.factories import EventDateFactory, NewsItemFactory, ProjectFactory, RoundFactory

pytestmark = pytest.mark.django_db(transaction=True)

FIRE = "feuerwehr-und-katastrophenschutz"


def test_from_the_home_page_to_the_news_a_themenfeld_and_a_kurzmeldung(page):
    today = timezone.localdate()
    ProjectFactory(
        title="Grenzüberschreitende Brandbekämpfung",
        is_lighthouse=True,
        participants__lead=Municipality.objects.get(slug="kreis-viersen"),
        participants__partners=["Gemeente Venlo"],
        participants__topics=[FIRE],
    )
    EventDateFactory(event__title="Jahrestagung")
    RoundFactory(year=2030)
    NewsItemFactory(
        title="Feuerwehren üben gemeinsam",
        slug="feuerwehren-ueben",
        published_on=today - datetime.timedelta(days=2),
        body="<p>Zwei Kreise und ihre Nachbarn in den Niederlanden trainieren an einem Wochenende.</p>",
        topics=[FIRE],
    )
    NewsItemFactory(title="Neuer Förderaufruf", published_on=today - datetime.timedelta(days=1), topics=["personal"])
    NewsItemFactory(title="Ein Jahr Portal", published_on=today - datetime.timedelta(days=40), topics=[FIRE])

    page.goto("/")
    expect(page.get_by_role("heading", name="Zusammenarbeit in Zahlen")).to_be_visible()
    expect(page.get_by_role("link", name="1 Kooperationsprojekt", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Grenzüberschreitende Brandbekämpfung")).to_be_visible()
    expect(page.get_by_role("link", name="Jahrestagung")).to_be_visible()
    expect(page.get_by_role("link", name="Jetzt bewerben")).to_be_visible()
    teaser = page.locator("img.map-teaser__image")
    expect(teaser).to_be_visible()
    assert teaser.evaluate("image => image.complete && image.naturalWidth > 0")
    assert_accessible(page)

    page.get_by_role("link", name="Alle Meldungen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aktuelles")
    expect(page.get_by_role("heading", name="3 Meldungen")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Themenfeld").select_option(label="Feuerwehr & Katastrophenschutz")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page).to_have_url(f"{page.url.split('?')[0]}?themenfeld={FIRE}")
    expect(page.get_by_role("heading", name="2 Meldungen zum Themenfeld")).to_be_visible()
    expect(page.get_by_role("link", name="Neuer Förderaufruf")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Feuerwehren üben gemeinsam").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feuerwehren üben gemeinsam")
    expect(page.get_by_text("Zwei Kreise und ihre Nachbarn in den Niederlanden")).to_be_visible()
    expect(page.get_by_role("link", name="Projekte zum Themenfeld Feuerwehr & Katastrophenschutz")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Ein Jahr Portal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ein Jahr Portal")
    page.get_by_role("link", name="Projekte zum Themenfeld Feuerwehr & Katastrophenschutz").click()
    expect(page.get_by_role("link", name="Grenzüberschreitende Brandbekämpfung")).to_be_visible()
    assert_accessible(page)
