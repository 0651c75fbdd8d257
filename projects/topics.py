"""The Themenfelder the portal starts with (created by a migration); editors change the list in the admin."""

from django.utils.text import slugify

TOPICS = [
    "Allgemeine Verwaltung",
    "Bauen & Planen",
    "Bildung & Schule",
    "Digitalisierung & IT",
    "Feuerwehr & Katastrophenschutz",
    "Finanzen & Steuern",
    "Gesundheit & Soziales",
    "Jugend & Familie",
    "Kultur & Sport",
    "Mobilität & Verkehr",
    "Ordnung & Sicherheit",
    "Personal",
    "Tourismus",
    "Umwelt, Klima & Energie",
    "Ver- und Entsorgung",
    "Wirtschaftsförderung",
]


def topic_slug(name):
    return slugify(name.replace("&", "und").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue"))


def create_missing_topics(topic_model) -> int:
    """Create the Themenfelder that are missing (by slug); editors' changes to existing ones are kept."""
    created = 0
    for position, name in enumerate(TOPICS, start=1):
        _, new = topic_model.objects.get_or_create(slug=topic_slug(name), defaults={"name": name, "position": position})
        created += new
    return created
