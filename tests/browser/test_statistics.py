"""Browser tests of /statistik/ (each chart with its table, accessible, fits a phone) and of the editors' usage page."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from portal.models import DownloadDay, Municipality, PageViewDay, VisitorDay
from tests.browser.conftest import assert_accessible
from tests.factories import DocumentFactory, EventDateFactory, ProjectFactory, RegistrationFactory

pytestmark = pytest.mark.django_db(transaction=True)

CHARTS = [
    ("Projekte je Themenfeld", "Tabelle: Projekte je Themenfeld"),
    ("Projekte je Regierungsbezirk", "Tabelle: Projekte je Regierungsbezirk"),
    ("Projekte nach Jahr des Beginns", "Tabelle: Projekte nach Jahr des Beginns"),
    ("Projekte je Form der Zusammenarbeit", "Tabelle: Projekte je Form der Zusammenarbeit"),
    (
        "Anteil der Städte und Gemeinden in Kooperationsprojekten je Kreis und kreisfreier Stadt",
        "Tabelle: beteiligte Städte und Gemeinden je Kreis und kreisfreier Stadt",
    ),
    (
        "Die am stärksten vernetzten Kommunen",
        "Tabelle: Partnerkommunen und Projekte der am stärksten vernetzten Kommunen",
    ),
    ("Veranstaltungen je Jahr", "Tabelle: Veranstaltungen, Termine und Teilnehmende je Jahr"),
    ("Angemeldete Teilnehmende je Jahr", "Tabelle: Veranstaltungen, Termine und Teilnehmende je Jahr"),
]


def kommune(slug):
    return Municipality.objects.get(slug=slug)


@pytest.fixture
def figures(site):
    ProjectFactory(
        slug="atemschutzwerkstatt",
        start=datetime.date(2019, 3, 1),
        participants__lead=kommune("borken"),
        participants__partners=[kommune("heiden"), kommune("ahaus")],
        participants__topics=["feuerwehr-und-katastrophenschutz"],
    )
    ProjectFactory(
        slug="rechenzentrum",
        form="zweckverband",
        start=datetime.date(2022, 1, 1),
        participants__lead=kommune("koeln"),
        participants__partners=[kommune("bonn")],
        participants__topics=["digitalisierung-und-it"],
    )
    RegistrationFactory.create_batch(3, date=EventDateFactory())


def test_statistics_page_shows_each_chart_with_its_table(page, figures):
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Statistik").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Statistik")
    for chart, table in CHARTS:
        image = page.get_by_role("img", name=chart, exact=True)
        expect(image).to_be_visible()
        figure = page.locator("figure").filter(has=image)
        expect(figure.get_by_role("table", name=table)).to_be_visible()
    themes = page.get_by_role("table", name="Tabelle: Projekte je Themenfeld")
    expect(themes.get_by_role("row", name="Feuerwehr & Katastrophenschutz 1")).to_be_visible()
    kreise = page.get_by_role("table", name="Tabelle: beteiligte Städte und Gemeinden je Kreis und kreisfreier Stadt")
    expect(kreise.get_by_role("row", name=re.compile(r"^Kreis Borken Münster 3 von 17 18\s%$"))).to_be_visible()
    assert_accessible(page)

    # Each table row leads to the projects it counts.
    themes.get_by_role("link", name="Feuerwehr & Katastrophenschutz").click()
    expect(page).to_have_url(re.compile(r"/projekte/\?themenfeld=feuerwehr-und-katastrophenschutz$"))
    expect(page.get_by_role("link", name="Gemeinsamer Bauhof", exact=False)).to_have_count(1)


def test_statistics_page_fits_a_small_phone(browser, site, figures):
    context = browser.new_context(viewport={"width": 320, "height": 640}, base_url=site.url)
    small = context.new_page()

    small.goto("/statistik/")

    assert small.evaluate("document.documentElement.scrollWidth") <= 320
    box = small.get_by_role("img", name="Projekte je Themenfeld").bounding_box()
    assert 250 < box["width"] <= 320
    # A wide table scrolls in its region; its caption is not cut off at the region's edge.
    for region in small.locator(".chart-figure__table").all():
        caption, table = region.locator("caption").bounding_box(), region.bounding_box()
        assert caption["x"] + caption["width"] <= table["x"] + table["width"] + 1, region.locator(
            "caption"
        ).inner_text()
    context.close()


@pytest.fixture
def editor(django_user_model):
    from django.apps import apps

    from portal.permissions import EDITORIAL_APPS, grant_editor_permissions

    grant_editor_permissions(apps, EDITORIAL_APPS)  # a transactional test database starts without them
    user = django_user_model.objects.create_user("redakteurin", password="ein-langes-passwort-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktion"))
    return user


def test_editor_reads_the_usage_figures_in_the_admin(page, site, editor):
    today = timezone.localdate()
    document = DocumentFactory(title="Mustervereinbarung Bauhof")
    for days_back in range(1, 10):
        day = today - datetime.timedelta(days=days_back)
        PageViewDay.objects.create(date=day, path="/projekte/", views=10 + days_back)
        VisitorDay.objects.create(date=day, visitors=5)
        DownloadDay.objects.create(date=day, document=document, downloads=1)

    page.goto("/admin/")
    page.get_by_label("Benutzername").fill("redakteurin")
    page.get_by_label("Passwort").fill("ein-langes-passwort-123")
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("link", name="Nutzungszahlen").click()

    expect(page.get_by_role("img", name="Seitenaufrufe je Tag, letzte 30 Tage")).to_be_visible()
    expect(page.get_by_role("img", name="Besucherinnen und Besucher je Tag, letzte 30 Tage")).to_be_visible()
    expect(page.get_by_role("link", name="Mustervereinbarung Bauhof")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="7 Tage").click()
    expect(page.get_by_role("img", name="Seitenaufrufe je Tag, letzte 7 Tage")).to_be_visible()
    # Yesterday to six days ago: 11 + 12 + … + 16 views.
    expect(page.locator(".usage__totals")).to_contain_text("Seitenaufrufe81")
    expect(page.get_by_role("row", name="/projekte/ 81", exact=True)).to_be_visible()
    assert_accessible(page)
