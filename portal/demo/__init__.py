"""Demo and starting content of the portal, in our own words."""

from pathlib import Path

from portal.models import sanitize_rich_text

PAGES_DIR = Path(__file__).parent / "pages"

# slug: (title, lead)
PAGES = {
    "ueber-uns": (
        "Über uns",
        "Interkommunales.NRW zeigt, wie Kommunen in Nordrhein-Westfalen gemeinsam Aufgaben lösen.",
    ),
    "faq": ("Häufige Fragen", "Antworten auf die Fragen, die uns Kommunen und Bürgerinnen und Bürger oft stellen."),
    "impressum": ("Impressum", "Angaben nach § 5 DDG und § 18 Abs. 2 MStV."),
    "datenschutz": ("Datenschutzerklärung", "Wie wir mit Ihren Daten umgehen, wenn Sie dieses Portal nutzen."),
    "barrierefreiheit": (
        "Erklärung zur Barrierefreiheit",
        "Wir möchten, dass alle Menschen dieses Portal ohne Hindernisse nutzen können.",
    ),
    "leichte-sprache": ("Leichte Sprache", "Hier erklären wir Interkommunales.NRW in einfachen Worten."),
    "kontakt": ("Kontakt", "Schreiben Sie uns. Wir antworten in der Regel innerhalb von drei Arbeitstagen."),
}


def create_missing_pages(page_model) -> int:
    """Create the editorial pages that do not exist yet; never overwrite an editor's changes."""
    created = 0
    for slug, (title, lead) in PAGES.items():
        body = sanitize_rich_text((PAGES_DIR / f"{slug}.html").read_text(encoding="utf-8"))
        _, was_created = page_model.objects.get_or_create(
            slug=slug, defaults={"title": title, "lead": lead, "body": body}
        )
        created += was_created
    return created
