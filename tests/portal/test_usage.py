"""Usage figures: page views, downloads and visitors counted per day on the server, without cookies or addresses."""

import datetime
import hashlib
import logging
import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.services import manage_url
from portal import usage
from portal.demo.usage import create_demo_usage
from portal.models import DownloadDay, PageViewDay, VisitorDay, VisitorHash
from projects.models import Document
from tests.factories import DocumentFactory, RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Mobile/15E148 Safari/604.1"
)


def visit(client, path, user_agent=FIREFOX, address="203.0.113.7", **headers):
    return client.get(path, HTTP_USER_AGENT=user_agent, REMOTE_ADDR=address, **headers)


def views():
    return {(row.date, row.path): row.views for row in PageViewDay.objects.all()}


def every_stored_value() -> str:
    """Everything the usage tables hold, as one text."""
    rows = [
        *PageViewDay.objects.values_list(),
        *VisitorDay.objects.values_list(),
        *VisitorHash.objects.values_list(),
        *DownloadDay.objects.values_list(),
    ]
    return " ".join(str(value) for row in rows for value in row)


# --- Counting ---------------------------------------------------------------------------------------


def test_page_views_are_counted_per_address_and_day(client):
    visit(client, "/impressum/")
    visit(client, "/impressum/")
    visit(client, "/kontakt/")

    today = timezone.localdate()
    assert views() == {(today, "/impressum/"): 2, (today, "/kontakt/"): 1}


def test_the_query_string_is_not_stored(client):
    visit(client, "/projekte/?q=Geheimprojekt+Wasserwerk")

    assert list(PageViewDay.objects.values_list("path", "views")) == [("/projekte/", 1)]
    assert "Geheim" not in every_stored_value()


def test_no_cookie_is_set_and_neither_address_nor_browser_is_stored(client):
    response = visit(client, "/impressum/", address="198.51.100.23")

    assert response.cookies == {}
    stored = every_stored_value()
    assert "198.51.100.23" not in stored
    assert "Firefox" not in stored
    # What is stored is the hash of today's salt, the address and the browser, and the salt only for today.
    day = VisitorDay.objects.get()
    assert day.date == timezone.localdate() and len(day.salt) == 64
    expected = hashlib.sha256(f"{day.salt}\n198.51.100.23\n{FIREFOX}".encode()).hexdigest()
    assert list(VisitorHash.objects.values_list("digest", flat=True)) == [expected]


def test_visitors_are_told_apart_by_address_and_browser(client):
    visit(client, "/impressum/")
    visit(client, "/kontakt/")  # the same visitor on another page
    visit(client, "/impressum/", address="198.51.100.23")
    visit(client, "/impressum/", user_agent=CHROME)

    assert VisitorHash.objects.filter(date=timezone.localdate()).count() == 3
    assert usage.visitors_today() == 3


def test_the_day_after_only_the_number_of_visitors_is_left(client, monkeypatch):
    today = timezone.localdate()
    visit(client, "/impressum/")
    visit(client, "/impressum/", address="198.51.100.23")
    salt_of_today = VisitorDay.objects.get(date=today).salt

    monkeypatch.setattr(timezone, "localdate", lambda *args: today + datetime.timedelta(days=1))
    visit(client, "/impressum/")

    closed = VisitorDay.objects.get(date=today)
    assert (closed.visitors, closed.salt) == (2, "")
    assert list(VisitorHash.objects.values_list("date", flat=True)) == [today + datetime.timedelta(days=1)]
    assert VisitorDay.objects.get(date=today + datetime.timedelta(days=1)).salt not in ("", salt_of_today)
    assert salt_of_today not in every_stored_value()


def test_closing_twice_counts_each_visitor_once_and_adds_late_ones(client):
    today = timezone.localdate()
    visit(client, "/impressum/")
    tomorrow = today + datetime.timedelta(days=1)

    usage.close_past_days(today=tomorrow)
    usage.close_past_days(today=tomorrow)
    # A request that began before midnight writes its hash after the day was closed: it is added later.
    VisitorHash.objects.create(date=today, digest="a" * 64)
    usage.close_past_days(today=tomorrow)

    assert VisitorDay.objects.get(date=today).visitors == 2
    assert not VisitorHash.objects.exists()


@pytest.mark.parametrize("user_agent", [FIREFOX, CHROME, IPHONE])
def test_browsers_of_people_are_not_bots(user_agent):
    assert not usage.is_bot(user_agent)


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Feedly/1.0 (+http://www.feedly.com/fetcher.html)",
    ],
)
def test_bots_and_programs_are_not_counted(client, user_agent):
    response = visit(client, "/impressum/", user_agent=user_agent)

    assert response.status_code == 200
    assert views() == {}
    assert not VisitorHash.objects.exists()


def test_only_full_html_pages_of_the_public_site_are_counted(client):
    visit(client, "/gibt-es-nicht/")  # 404
    visit(client, "/admin/login/")
    visit(client, "/veranstaltungen/kalender.ics")  # not HTML
    visit(client, "/projekte/", HTTP_SEC_PURPOSE="prefetch")
    client.head("/impressum/", HTTP_USER_AGENT=FIREFOX)
    client.post("/kontakt/", {"name": "x"}, HTTP_USER_AGENT=FIREFOX)

    assert views() == {}


def test_logged_in_editors_are_not_counted(client):
    client.force_login(UserFactory(is_staff=True))

    visit(client, "/impressum/")

    assert views() == {}


def test_personal_pages_behind_links_in_mails_are_not_counted(client):
    registration = RegistrationFactory()
    path = urlsplit(manage_url(registration)).path

    response = visit(client, path)

    assert response.status_code == 200 and registration.name in response.content.decode()
    assert views() == {}


def test_the_jury_area_is_not_counted(client):
    visit(client, "/landespreis/jury/anmelden/")

    assert views() == {}


# --- Downloads --------------------------------------------------------------------------------------


def test_downloads_are_counted_per_day_for_people_and_in_total_for_everyone(client):
    document = DocumentFactory()

    visit(client, document.get_download_url())
    visit(client, document.get_download_url(), address="198.51.100.23")
    visit(client, document.get_download_url(), user_agent="Mozilla/5.0 (compatible; Googlebot/2.1)")

    assert list(DownloadDay.objects.values_list("date", "document", "downloads")) == [
        (timezone.localdate(), document.pk, 2)
    ]
    assert Document.objects.get(pk=document.pk).download_count == 3
    # A download is no page view.
    assert views() == {}


def test_counting_a_download_outside_a_request_counts_it(client):
    from projects.services import count_download

    document = DocumentFactory()

    count_download(document=document)

    assert DownloadDay.objects.get().downloads == 1


# --- Never in the way -------------------------------------------------------------------------------


def test_an_error_while_counting_is_logged_and_the_page_still_served(client, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise DatabaseError("relation does not exist")

    monkeypatch.setattr(usage, "_execute", broken)

    with caplog.at_level(logging.ERROR, logger="portal.usage"):
        page = visit(client, "/impressum/")
        document = DocumentFactory()
        download = visit(client, document.get_download_url())

    assert page.status_code == 200 and "Impressum" in page.content.decode()
    assert download.status_code == 200
    assert Document.objects.get(pk=document.pk).download_count == 1
    assert [record.getMessage() for record in caplog.records] == [
        "Usage: page view of /impressum/ not counted",
        f"Usage: download of document {document.pk} not counted",
    ]


def _statements(captured) -> list[str]:
    return [
        query["sql"] for query in captured.captured_queries if not query["sql"].startswith(("SAVEPOINT", "RELEASE"))
    ]


def test_a_counted_page_view_costs_one_statement(client):
    visit(client, "/impressum/")  # the first of the day also creates the day's salt

    with CaptureQueriesContext(connection) as not_counted:
        visit(client, "/impressum/", user_agent="curl/8.5.0")
    with CaptureQueriesContext(connection) as counted:
        visit(client, "/impressum/")

    extra = _statements(counted)[len(_statements(not_counted)) :]
    assert len(_statements(counted)) == len(_statements(not_counted)) + 1
    assert re.match(r"WITH visitor AS \(INSERT INTO portal_visitorhash .* INSERT INTO portal_pageviewday", extra[0])


def test_the_first_page_view_of_a_day_closes_the_days_before_and_creates_the_salt(client):
    with CaptureQueriesContext(connection) as not_counted:
        visit(client, "/impressum/", user_agent="curl/8.5.0")
    with CaptureQueriesContext(connection) as first:
        visit(client, "/impressum/")

    # Close the days before, create and read the salt, count: four statements once a day.
    assert len(_statements(first)) - len(_statements(not_counted)) == 4


def test_counting_can_be_switched_off(client, settings):
    settings.USAGE_COUNTING = False

    visit(client, "/impressum/")
    visit(client, DocumentFactory().get_download_url())

    assert (views(), DownloadDay.objects.exists()) == ({}, False)


# --- The editors' page in the admin ------------------------------------------------------------------


@pytest.fixture
def editor(client):
    user = UserFactory(is_staff=True, groups=["Redaktion"])
    client.force_login(user)
    return user


@pytest.fixture
def figures():
    """Views, visitors and downloads on yesterday and ten days ago; two visitors so far today."""
    today = timezone.localdate()
    yesterday, earlier = today - datetime.timedelta(days=1), today - datetime.timedelta(days=10)
    PageViewDay.objects.bulk_create(
        [
            PageViewDay(date=yesterday, path="/", views=10),
            PageViewDay(date=yesterday, path="/projekte/", views=4),
            PageViewDay(date=earlier, path="/projekte/", views=12),
            PageViewDay(date=today, path="/kommunen/", views=1),
        ]
    )
    VisitorDay.objects.bulk_create([VisitorDay(date=yesterday, visitors=6), VisitorDay(date=earlier, visitors=5)])
    VisitorHash.objects.bulk_create(
        [VisitorHash(date=today, digest="a" * 64), VisitorHash(date=today, digest="b" * 64)]
    )
    document = DocumentFactory(title="Mustervereinbarung Bauhof")
    DownloadDay.objects.create(date=yesterday, document=document, downloads=3)
    return document


def test_editors_find_the_usage_figures_in_the_admin_index(client, editor):
    html = client.get("/admin/").content.decode()

    assert '<a href="/admin/portal/pageviewday/">Nutzungszahlen</a>' in html


def test_usage_page_shows_totals_chart_and_top_lists_of_the_period(client, editor, figures):
    response = client.get("/admin/portal/pageviewday/", {"tage": 7})

    html = re.sub(r">\s+<", "><", response.content.decode())
    totals = re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", html)
    assert totals == [
        ("Seitenaufrufe", "15"),
        ("Besucher, Tage zusammengezählt", "8"),
        ("Downloads von Dokumenten", "3"),
    ]
    assert '<title id="diagramm-aufrufe-title">Seitenaufrufe je Tag, letzte 7 Tage</title>' in html
    views_chart = html.split('id="diagramm-aufrufe-title"')[1].split("</svg>")[0]
    assert views_chart.count('<rect class="chart__mark"') == 7
    top_pages = html.split('id="top-pages"')[1].split('id="top-documents"')[0]
    assert re.findall(
        r'<th scope="row"><a href="(/[^"]*)">[^<]+</a></th><td class="usage__number">(\d+)</td>', top_pages
    ) == [
        ("/", "10"),
        ("/projekte/", "4"),
        ("/kommunen/", "1"),
    ]
    assert f'<a href="/admin/projects/document/{figures.pk}/change/">Mustervereinbarung Bauhof</a>' in html
    assert "Demo-Daten" not in html


def test_usage_page_covers_the_chosen_period_and_falls_back_to_30_days(client, editor, figures):
    month = client.get("/admin/portal/pageviewday/", {"tage": 30})
    odd = client.get("/admin/portal/pageviewday/", {"tage": "viele"})

    assert month.context["report"].total_views == 27
    assert len(month.context["report"].days) == 30
    assert odd.context["days"] == 30
    assert '<strong aria-current="page">30 Tage</strong>' in odd.content.decode()


def test_usage_page_says_which_days_are_demo(client, editor):
    VisitorDay.objects.create(date=timezone.localdate() - datetime.timedelta(days=2), visitors=3, is_demo=True)

    html = client.get("/admin/portal/pageviewday/").content.decode()

    assert "1 Tag dieses Zeitraums ist Demo-Daten" in html


def test_usage_page_needs_the_view_permission(client):
    client.force_login(UserFactory(is_staff=True))

    assert client.get("/admin/portal/pageviewday/").status_code == 403


def test_usage_figures_cannot_be_added_or_edited_in_the_admin(client, editor, figures):
    row = PageViewDay.objects.first()

    assert client.get("/admin/portal/pageviewday/add/").status_code == 404
    assert client.get(f"/admin/portal/pageviewday/{row.pk}/change/").status_code == 404


@pytest.mark.parametrize("count", [1, 3])
def test_usage_page_runs_a_constant_number_of_queries(client, editor, django_assert_num_queries, count):
    today = timezone.localdate()
    for n in range(count):
        document = DocumentFactory(slug=f"d-{n}")
        PageViewDay.objects.create(date=today, path=f"/seite-{n}/", views=n + 1)
        DownloadDay.objects.create(date=today, document=document, downloads=n + 1)

    # Session, user and the user's permissions (2); closing past days (in a savepoint in the test's transaction);
    # per-day views, downloads and visitors, today's visitors, the top pages and documents.
    with django_assert_num_queries(13):
        client.get("/admin/portal/pageviewday/", {"tage": 7})


# --- Retention and demo --------------------------------------------------------------------------------


def test_prune_usage_deletes_figures_older_than_the_retention(figures, capsys):
    today = timezone.localdate()
    PageViewDay.objects.create(date=today - datetime.timedelta(days=400), path="/", views=7)
    VisitorDay.objects.create(date=today - datetime.timedelta(days=400), visitors=2)

    call_command("prune_usage", "--days", "365", "--dry-run")
    assert PageViewDay.objects.count() == 5
    call_command("prune_usage", "--days", "365")

    assert PageViewDay.objects.count() == 4
    assert not VisitorDay.objects.filter(date__lt=today - datetime.timedelta(days=365)).exists()
    assert capsys.readouterr().out.splitlines() == [
        "Tageszeilen älter als 365 Tage würden gelöscht: Seitenaufrufe 1, Downloads 0, Besucher 1.",
        "Tageszeilen älter als 365 Tage gelöscht: Seitenaufrufe 1, Downloads 0, Besucher 1.",
    ]


def test_prune_usage_also_closes_the_days_before_today(figures):
    VisitorHash.objects.create(date=timezone.localdate() - datetime.timedelta(days=1), digest="c" * 64)

    call_command("prune_usage", verbosity=0)

    assert VisitorDay.objects.get(date=timezone.localdate() - datetime.timedelta(days=1)).visitors == 7
    assert VisitorHash.objects.filter(date__lt=timezone.localdate()).count() == 0


def test_demo_usage_fills_four_months_marked_as_demo_once():
    DocumentFactory()

    created = create_demo_usage()

    today = timezone.localdate()
    assert created == PageViewDay.objects.count() + VisitorDay.objects.count() + DownloadDay.objects.count()
    assert VisitorDay.objects.count() == 120 and set(VisitorDay.objects.values_list("is_demo", flat=True)) == {True}
    assert PageViewDay.objects.filter(date=today).count() == 0
    assert PageViewDay.objects.filter(date=today - datetime.timedelta(days=1), path="/").exists()
    assert DownloadDay.objects.exists()
    assert create_demo_usage() == 0


def test_demo_usage_is_not_mixed_with_counted_figures(client):
    visit(client, "/impressum/")

    assert create_demo_usage() == 0
    assert not VisitorDay.objects.filter(is_demo=True).exists()
