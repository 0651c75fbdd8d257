import datetime
import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from portal.demo.news import create_demo_news
from portal.models import NewsItem
from portal.services import refresh_news_item
from tests.factories import NewsItemFactory, UserFactory

pytestmark = pytest.mark.django_db

FIRE = "feuerwehr-und-katastrophenschutz"
TODAY = timezone.localdate()


def days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def picture(size=(2000, 1000), image_format="PNG", mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "#2b6ca3").save(buffer, image_format)
    return buffer.getvalue()


def titles(response) -> list[str]:
    return [item.title for item in response.context["page_obj"]]


@pytest.fixture
def editor(client):
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktion"))
    client.force_login(user)
    return user


# --- Reads and writes -------------------------------------------------------------------------------


def test_published_leaves_out_drafts_and_news_dated_later():
    shown = NewsItemFactory(published_on=TODAY)
    NewsItemFactory(is_published=False)
    NewsItemFactory(published_on=TODAY + datetime.timedelta(days=1))

    assert list(NewsItem.objects.published()) == [shown]


def test_search_finds_stemmed_words_in_text_and_themenfeld_with_the_passage():
    in_body = NewsItemFactory(
        title="Neue Leitstelle", teaser="Drei Gemeinden.", body="<p>Die <b>Feuerwehren</b> teilen sich eine Wache.</p>"
    )
    by_topic = NewsItemFactory(title="Ein Kreis hilft", teaser="Mehr Übungen.", body="<p>Gemeinsam.</p>", topics=[FIRE])
    NewsItemFactory(title="Bauhof", teaser="Fahrzeuge.", body="<p>Werkstatt.</p>")

    found = list(NewsItem.objects.search("Feuerwehr"))

    assert set(found) == {in_body, by_topic}
    assert "\x02Feuerwehren\x03" in next(item.headline for item in found if item == in_body)


def test_a_picture_needs_its_alt_text_in_the_form_and_in_the_database():
    item = NewsItemFactory(picture=True)
    item.image_alt = ""

    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert error.value.message_dict == {"image_alt": ["Bitte beschreiben Sie das Bild im Alternativtext."]}
    with pytest.raises(IntegrityError), transaction.atomic():
        item.save()


def test_a_picture_is_checked_by_its_content_not_its_name():
    item = NewsItemFactory()
    item.image = SimpleUploadedFile("foto.png", b"<?php echo 'nein'; ?>")
    item.image_alt = "Ein Foto"

    with pytest.raises(ValidationError) as error:
        item.full_clean()

    assert error.value.message_dict["image"] == [
        "Diese Datei ist kein Bild, das wir annehmen können. Erlaubt sind JPEG, PNG und WebP."
    ]


def test_refresh_makes_a_jpeg_of_at_most_1200_px_and_a_new_one_for_a_new_picture():
    item = NewsItemFactory()
    item.image = ContentFile(picture(mode="RGBA"), name="gross.png")
    item.image_alt = "Eine blaue Fläche"
    item.save()

    refresh_news_item(news_item=item)
    first = item.image_rendition.name
    with item.image_rendition.open("rb") as file, Image.open(file) as rendition:
        assert (rendition.format, rendition.size) == ("JPEG", (1200, 600))

    item.image = ContentFile(picture(size=(800, 800)), name="quadrat.png")
    item.save()
    refresh_news_item(news_item=item)

    assert item.image_rendition.name != first
    with item.image_rendition.open("rb") as file, Image.open(file) as rendition:
        assert rendition.size == (800, 800)


# --- /aktuelles/ --------------------------------------------------------------------------------------


def test_list_shows_published_news_newest_first_with_date_teaser_and_themenfelder(client):
    NewsItemFactory(title="Ältere Meldung", published_on=datetime.date(2021, 11, 17))
    NewsItemFactory(title="Neue Meldung", published_on=days_ago(2), topics=[FIRE])
    NewsItemFactory(title="Entwurf", is_published=False)
    NewsItemFactory(title="Erscheint morgen", published_on=TODAY + datetime.timedelta(days=1))

    response = client.get("/aktuelles/")
    page = response.content.decode()

    assert titles(response) == ["Neue Meldung", "Ältere Meldung"]
    assert "17. November 2021" in page
    assert "Drei Gemeinden betreiben ihre Feuerwehren künftig mit einer gemeinsamen Leitstelle." in page
    assert "Feuerwehr &amp; Katastrophenschutz" in page
    assert "2 Meldungen" in page


def test_list_filters_by_themenfeld_and_refuses_an_unknown_one_next_to_the_field(client):
    NewsItemFactory(title="Leitstelle", topics=[FIRE])
    NewsItemFactory(title="Bauhof", topics=["bauen-und-planen"])

    filtered = client.get("/aktuelles/", {"themenfeld": FIRE})
    unknown = client.get("/aktuelles/", {"themenfeld": "gibt-es-nicht"})

    assert titles(filtered) == ["Leitstelle"]
    assert "1 Meldung zum Themenfeld „Feuerwehr &amp; Katastrophenschutz“" in filtered.content.decode()
    assert sorted(titles(unknown)) == ["Bauhof", "Leitstelle"]
    assert "Dieses Themenfeld gibt es nicht. Bitte wählen Sie aus der Liste." in unknown.content.decode()


def test_list_without_news_says_so_and_points_onwards(client):
    page = client.get("/aktuelles/", {"themenfeld": FIRE}).content.decode()

    assert "Zu diesem Themenfeld gibt es noch keine Meldung." in page
    assert f'href="/projekte/?themenfeld={FIRE}"' in page
    assert 'href="/aktuelles/"' in page


def test_list_has_pages_of_twelve_and_page_two_is_its_own_canonical_url(client):
    for day in range(13):
        NewsItemFactory(title=f"Meldung {day:02}", published_on=days_ago(day + 1))

    second = client.get("/aktuelles/", {"seite": 2})

    assert titles(second) == ["Meldung 12"]
    assert '<link rel="canonical" href="http://127.0.0.1:8000/aktuelles/?seite=2">' in second.content.decode()
    assert "Aktuelles (Seite 2)" in second.content.decode()


def test_empty_parameters_are_dropped_from_the_address(client):
    response = client.get("/aktuelles/", {"themenfeld": ""})

    assert response.status_code == 302
    assert response["Location"] == "/aktuelles/"


@pytest.mark.parametrize("count", [1, 3])
def test_list_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for n in range(count):
        NewsItemFactory(topics=[FIRE, "bauen-und-planen"], picture=True, published_on=days_ago(n + 1))

    # The chosen Themenfeld; the count; the page; its Themenfelder; the Themenfelder of the filter form.
    with django_assert_num_queries(5):
        response = client.get("/aktuelles/", {"themenfeld": FIRE})

    assert len(response.context["page_obj"]) == count


def test_header_links_the_news(client):
    page = client.get("/impressum/").content.decode()

    assert '<a class="site-nav__link" href="/aktuelles/"' in page


# --- /aktuelles/<slug>/ -----------------------------------------------------------------------------


def test_detail_shows_date_picture_text_themenfelder_and_its_neighbours(client):
    older = NewsItemFactory(title="Die ältere", published_on=days_ago(10))
    item = NewsItemFactory(
        title="Leitstelle eröffnet",
        published_on=datetime.date(2021, 11, 17),
        body="<p>Die Räte haben <strong>zugestimmt</strong>.</p><script>alert(1)</script>",
        topics=[FIRE],
        picture=True,
        image_alt="Drei Bürgermeister vor der Leitstelle",
        image_credit="© Kreis Beispiel",
    )
    item.published_on = days_ago(5)
    item.save()
    newer = NewsItemFactory(title="Die neuere", published_on=days_ago(1))
    NewsItemFactory(title="Entwurf dazwischen", published_on=days_ago(3), is_published=False)

    page = client.get(f"/aktuelles/{item.slug}/").content.decode()

    assert f"{days_ago(5):%d}." in page
    assert '<h1 class="kern-heading-x-large">Leitstelle eröffnet</h1>' in page
    assert re.search(
        r'<img src="/media/aktuelles/\d{4}/meldung-1200[^"]*\.jpg" alt="Drei Bürgermeister vor der Leitstelle"', page
    )
    assert "© Kreis Beispiel" in page
    assert "<p>Die Räte haben <strong>zugestimmt</strong>.</p>" in page
    assert "<script>alert(1)</script>" not in page
    assert f'href="/aktuelles/?themenfeld={FIRE}"' in page
    assert f'href="/projekte/?themenfeld={FIRE}"' in page
    assert f'rel="prev" href="{newer.get_absolute_url()}">Die neuere</a>' in page
    assert f'rel="next" href="{older.get_absolute_url()}">Die ältere</a>' in page
    assert "Entwurf dazwischen" not in page


def test_detail_of_a_draft_or_a_later_date_is_not_found_for_visitors_and_a_preview_for_editors(client, editor):
    draft = NewsItemFactory(is_published=False)
    later = NewsItemFactory(published_on=TODAY + datetime.timedelta(days=3))

    draft_page = client.get(draft.get_absolute_url()).content.decode()
    later_page = client.get(later.get_absolute_url()).content.decode()
    client.logout()

    assert "Vorschau: Diese Meldung ist ein Entwurf und nicht öffentlich." in draft_page
    assert f"Vorschau: Diese Meldung erscheint erst am {later.published_on.day}." in later_page
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(later.get_absolute_url()).status_code == 404


def test_detail_tells_sharing_services_its_picture_and_date(client, settings):
    settings.PUBLIC_BASE_URL = "https://interkommunales.nrw"
    item = NewsItemFactory(picture=True, topics=[FIRE], published_on=datetime.date(2022, 3, 21))

    page = client.get(item.get_absolute_url()).content.decode()

    assert '<meta property="og:type" content="article">' in page
    assert f'<meta property="og:title" content="{item.title}">' in page
    assert f'<meta property="og:image" content="https://interkommunales.nrw{item.image_rendition.url}">' in page
    assert f'<meta property="og:image:alt" content="{item.image_alt}">' in page
    assert '<meta property="article:published_time" content="2022-03-21">' in page
    assert f'<link rel="canonical" href="https://interkommunales.nrw/aktuelles/{item.slug}/">' in page


@pytest.mark.parametrize("count", [1, 3])
def test_detail_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    topics = [FIRE, "bauen-und-planen", "personal"][:count]
    item = NewsItemFactory(topics=topics, published_on=days_ago(5))
    for n in range(count):
        NewsItemFactory(published_on=days_ago(10 + n))
        NewsItemFactory(published_on=days_ago(n + 1))

    # The item, its Themenfelder, the older and the newer neighbour.
    with django_assert_num_queries(4):
        response = client.get(item.get_absolute_url())

    assert len(response.context["topics"]) == count


# --- Admin ------------------------------------------------------------------------------------------


def admin_data(**overrides):
    data = {
        "title": "Gemeinsame Leitstelle",
        "slug": "gemeinsame-leitstelle",
        "published_on": TODAY.strftime("%d.%m.%Y"),
        "is_published": "on",
        "teaser": "Drei Kreise betreiben eine Leitstelle.",
        "body": "<p>Die Feuerwehren alarmieren gemeinsam.</p>",
        "image_alt": "",
        "image_credit": "",
    }
    return {**data, **overrides}


def test_editors_write_news_with_a_picture_in_the_admin(client, editor):
    upload = SimpleUploadedFile("leitstelle.png", picture(), content_type="image/png")
    topic_id = str(NewsItem.topics.field.related_model.objects.get(slug=FIRE).pk)

    response = client.post(
        reverse("admin:portal_newsitem_add"),
        admin_data(image=upload, image_alt="Die Leitstelle von außen", topics=[topic_id]),
    )

    assert response.status_code == 302
    item = NewsItem.objects.get(slug="gemeinsame-leitstelle")
    assert item.image_rendition.name.endswith(".jpg")
    assert [topic.slug for topic in item.topics.all()] == [FIRE]
    assert list(NewsItem.objects.search("Feuerwehr")) == [item]
    assert list(NewsItem.objects.search("Katastrophenschutz")) == [item]


def test_admin_wants_the_alt_text_of_a_picture_and_no_reserved_address(client, editor):
    upload = SimpleUploadedFile("leitstelle.png", picture(), content_type="image/png")

    response = client.post(reverse("admin:portal_newsitem_add"), admin_data(image=upload, slug="feed"))

    form = response.context["adminform"].form
    assert form.errors == {
        "slug": ["„feed“ ist als Adresse einer Meldung nicht möglich; bitte ergänzen Sie sie."],
        "image_alt": ["Bitte beschreiben Sie das Bild im Alternativtext."],
    }
    assert form.data["title"] == "Gemeinsame Leitstelle"
    assert not NewsItem.objects.exists()


def test_admin_list_filters_searches_and_publishes(client, editor):
    NewsItemFactory(title="Leitstelle", is_published=False)
    NewsItemFactory(title="Bauhof", is_published=True)
    url = reverse("admin:portal_newsitem_changelist")

    drafts = client.get(url, {"is_published__exact": "0"})
    found = client.get(url, {"q": "Bauhof"})
    client.post(url, {"action": "publish_news", "_selected_action": [NewsItem.objects.get(title="Leitstelle").pk]})

    assert [item.title for item in drafts.context["cl"].result_list] == ["Leitstelle"]
    assert [item.title for item in found.context["cl"].result_list] == ["Bauhof"]
    assert NewsItem.objects.published().count() == 2


# --- Demo content -----------------------------------------------------------------------------------


def test_demo_news_are_dated_and_loading_them_again_adds_nothing():
    created = create_demo_news()

    assert created == NewsItem.objects.count() == 15
    assert create_demo_news() == 0
    item = NewsItem.objects.get(slug="jahrestagung-2021-landespreis-angekuendigt")
    assert item.published_on == datetime.date(2021, 11, 17)
    assert "Innenstadt – Neu denken?!" in item.body
    assert NewsItem.objects.published().count() == 14
    assert all(item.image_rendition for item in NewsItem.objects.exclude(image=""))
