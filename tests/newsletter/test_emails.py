import re

import pytest

from newsletter import emails, services
from newsletter.emails import html_to_text
from tests.factories import BlockFactory, EventDateFactory, IssueFactory, ProjectFactory, SubscriberFactory
from tests.newsletter.conftest import image_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(public_base_url):
    issue = IssueFactory(
        label="Newsletter I / 2022",
        subject="Landespreis: Bewerbungen bis 11. Februar",
        preheader="Dazu drei Sprechstunden und eine neue Broschüre.",
        intro='<p>Liebe Leserinnen und Leser,</p><p>die <a href="/projekte/">Projektdatenbank</a> wächst.</p>',
        closing="Ihre Redaktion von Interkommunales.NRW",
    )
    BlockFactory(issue=issue, heading="Broschüre online", text="<ul><li>Stand</li><li>Perspektiven</li></ul>")
    project = ProjectFactory(title="Finanzzentrum Baumberge", slug="finanzzentrum-baumberge")
    BlockFactory(issue=issue, kind="project", project=project)
    date = EventDateFactory(event__title="Sprechstunde Landespreis", event__slug="sprechstunde", online=True)
    BlockFactory(issue=issue, kind="event", event=date.event)
    BlockFactory(
        issue=issue, kind="landespreis", heading="Jetzt bewerben", text="<p>Fünf Kategorien.</p>", url="/landespreis/"
    )
    BlockFactory(issue=issue, kind="button", link_label="Zur Broschüre", url="https://www.mhkbd.nrw/broschuere")
    image = BlockFactory(issue=issue, kind="image", image=image_file(), alt_text="Der Festsaal", credit="© Demo")
    services.create_block_rendition(block=image)
    return issue


def test_html_mail_has_its_css_inlined_in_a_table_layout(issue):
    mail = emails.render_issue(issue)

    assert '<table role="presentation"' in mail.html
    assert re.search(r'<td class="masthead" style="[^"]*border-bottom: 4px solid #1d3f8c', mail.html)
    # Only the rule for small screens stays in the head; no stylesheet is loaded from anywhere.
    styles = re.findall(r"<style>(.*?)</style>", mail.html, re.S)
    assert len(styles) == 1 and styles[0].strip().startswith("@media")
    assert "<link" not in mail.html


def test_html_mail_shows_every_block_and_the_hidden_preheader(issue):
    html = emails.render_issue(issue).html

    assert re.search(r'<div class="preheader" style="display: none;[^"]*">Dazu drei Sprechstunden', html)
    for text in ["Broschüre online", "Finanzzentrum Baumberge", "Sprechstunde Landespreis", "Jetzt bewerben"]:
        assert text in html
    assert "Zur Broschüre</a>" in html
    assert 'alt="Der Festsaal"' in html
    assert "online (Zoom)" in html
    # The dial-in data of an online date never go into a newsletter.
    assert "Kenncode" not in html


def test_every_link_and_image_is_absolute(issue):
    mail = emails.render_issue(issue)

    targets = re.findall(r'(?:href|src)="([^"]+)"', mail.html)
    assert targets and all(
        t.startswith(("https://interkommunales.nrw/", "https://www.mhkbd.nrw/")) or t == emails.UNSUBSCRIBE_PLACEHOLDER
        for t in targets
    )
    assert "https://interkommunales.nrw/projekte/finanzzentrum-baumberge/" in targets
    assert "https://interkommunales.nrw/landespreis/" in targets
    assert any(re.match(r"https://interkommunales.nrw/media/newsletter/\d+/bauhof-1200\.jpg$", t) for t in targets)


def test_no_tracking_pixels_and_no_tracked_links(issue):
    html = emails.render_issue(issue).html

    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 1 and 'width="552"' in images[0]
    assert not re.search(r"(utm_|[?&]t=|/track|/open)", html)


def test_plain_text_alternative_writes_out_the_links(issue):
    text = emails.render_issue(issue).text

    assert text.startswith(
        "Interkommunales.NRW · Newsletter I / 2022\nIm Browser lesen:\nhttps://interkommunales.nrw/newsletter/archiv/"
    )
    assert "Landespreis: Bewerbungen bis 11. Februar\n========================================" in text
    assert "die Projektdatenbank (https://interkommunales.nrw/projekte/) wächst." in text
    assert "Broschüre online\n----------------\n\n- Stand\n- Perspektiven" in text
    assert "Zum Projekt: https://interkommunales.nrw/projekte/finanzzentrum-baumberge/" in text
    assert "Zur Broschüre: https://www.mhkbd.nrw/broschuere" in text
    assert "[Bild: Der Festsaal]" in text
    assert "<" not in text and "&amp;" not in text
    assert "\n\n\n" not in text
    # Lines are wrapped for plain-text readers, links never broken.
    assert all(len(line) <= 76 or "://" in line for line in text.splitlines())


def test_personal_mail_carries_the_signed_one_click_unsubscribe_link(issue):
    subscriber = SubscriberFactory(email="kim@beispiel-kommune.de")
    url = services.unsubscribe_url(subscriber)

    mail = emails.personalise(emails.render_issue(issue), unsubscribe_url=url)

    assert mail.headers["List-Unsubscribe"] == f"<{url}>"
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert url.startswith("https://interkommunales.nrw/newsletter/abmelden/")
    assert f'href="{url}"' in mail.html
    assert f"Newsletter abbestellen: {url}" in mail.text
    assert emails.UNSUBSCRIBE_PLACEHOLDER not in mail.html + mail.text


def test_message_has_both_parts_and_the_headers(issue):
    subscriber = SubscriberFactory(email="kim@beispiel-kommune.de", name="Kim Muster")
    mail = emails.personalise(emails.render_issue(issue), unsubscribe_url=services.unsubscribe_url(subscriber))

    message = emails.build_message(mail, to=subscriber.email, name=subscriber.name).message()

    assert message["To"] == "Kim Muster <kim@beispiel-kommune.de>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Reply-To"] == '"Redaktion Interkommunales.NRW" <IKZ@Interkommunales.NRW>'
    assert [part.get_content_type() for part in message.walk()] == ["multipart/alternative", "text/plain", "text/html"]


def test_sample_for_editors_has_no_personal_link_and_no_list_headers(issue):
    mail = emails.sample(emails.render_issue(issue), subject_prefix="[Test] ")

    assert mail.subject == "[Test] Landespreis: Bewerbungen bis 11. Februar"
    assert mail.headers == {}
    assert "Newsletter abbestellen: https://interkommunales.nrw/newsletter/" in mail.text


def test_block_rendition_is_a_jpeg_for_outlook_on_white(issue):
    block = issue.blocks.get(kind="image")

    assert block.rendition.name.endswith("-1200.jpg")
    assert (block.width, block.height) == (1600, 900)
    with block.rendition.open("rb") as file:
        assert file.read(3) == b"\xff\xd8\xff"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Eins</p><p>Zwei &amp; drei</p>", "Eins\n\nZwei & drei"),
        ("<h2>Titel</h2><p>Text<br>neue Zeile</p>", "Titel\n\nText\nneue Zeile"),
        ("<ol><li>Erstens</li><li>Zweitens</li></ol>", "1. Erstens\n2. Zweitens"),
        (
            '<p><a href="mailto:ikz@interkommunales.nrw">Schreiben Sie uns</a></p>',
            "Schreiben Sie uns (ikz@interkommunales.nrw)",
        ),
        ('<p><a href="https://example.org/">https://example.org/</a></p>', "https://example.org/"),
        ("<p><strong>Wichtig:</strong> <em>bald</em></p>", "Wichtig: bald"),
        ("", ""),
    ],
)
def test_rich_text_as_plain_text(html, text):
    assert html_to_text(html) == text


def test_long_lines_are_wrapped_and_list_items_keep_their_indent():
    item = "- " + "Kooperation " * 10
    text = emails.tidy_text(
        f"{item}\n\nÜberschrift, die sehr lang ist und nicht umbrochen wird, weil sie unterstrichen ist\n====="
    )

    lines = text.splitlines()
    assert lines[0].startswith("- Kooperation") and lines[1].startswith("  Kooperation")
    assert lines[3].startswith("Überschrift") and lines[4] == "====="


def test_rendering_twice_gives_the_same_mail(issue):
    assert emails.render_issue(issue) == emails.render_issue(issue)


def test_html_lines_stay_short_so_the_mail_needs_no_quoted_printable(issue):
    subscriber = SubscriberFactory()
    mail = emails.personalise(emails.render_issue(issue), unsubscribe_url=services.unsubscribe_url(subscriber))

    message = emails.build_message(mail, to=subscriber.email).message()

    assert max(len(line.encode()) for line in mail.html.splitlines()) < 998
    encodings = [part["Content-Transfer-Encoding"] for part in message.walk() if not part.is_multipart()]
    assert encodings == ["8bit", "8bit"]
