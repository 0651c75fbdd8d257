"""The site's navigation, in one place.

Sections are listed by URL name; a section appears in the header once its app provides that
URL, so the header never links to a page that does not exist.
"""

from django.urls import NoReverseMatch, reverse

MAIN_NAVIGATION = [
    ("Projekte", "projects:list"),
    ("Partnersuche", "partners:list"),
    ("Kommunen", "municipalities:list"),
    ("Dokumente", "projects:documents"),
    ("Veranstaltungen", "events:list"),
    ("Landespreis", "awards:current"),
    ("Newsletter", "newsletter:subscribe"),
    ("Aktuelles", "news:list"),
]

# Editorial pages by slug; other pages by URL name (with a colon).
FOOTER_NAVIGATION = [
    ("Über uns", "ueber-uns"),
    ("Statistik", "portal:statistics"),
    ("Projekt melden", "projects:submission_start"),
    ("Häufige Fragen", "faq"),
    ("Kontakt", "kontakt"),
    ("Impressum", "impressum"),
    ("Datenschutz", "datenschutz"),
    ("Barrierefreiheit", "barrierefreiheit"),
    ("Leichte Sprache", "leichte-sprache"),
]


def main_navigation() -> list[tuple[str, str]]:
    items = []
    for label, url_name in MAIN_NAVIGATION:
        try:
            items.append((label, reverse(url_name)))
        except NoReverseMatch:
            continue
    return items


def footer_navigation() -> list[tuple[str, str]]:
    items = []
    for label, target in FOOTER_NAVIGATION:
        try:
            items.append((label, reverse(target) if ":" in target else reverse("portal:page", kwargs={"slug": target})))
        except NoReverseMatch:  # as in the header: only what the apps provide
            continue
    return items
