import io
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageOps

from portal.mail import editors_address, send_templated_mail
from portal.models import ContactMessage, Municipality, NewsItem

MUNICIPALITY_DATA = Path(__file__).parent / "data" / "kommunen.json"

# The reference data owns the fields of _reference_values and the hierarchy: a new load brings them up to
# date. Names and Spitzenverband are set on creation only; then they, like population, website and
# address, belong to the editors. The slug stays as it was first given.
HIERARCHY_FIELDS = ["kreis", "regierungsbezirk", "landschaftsverband"]
EDITORIAL_FIELDS = ["name", "short_name", "slug", "spitzenverband"]
# Parents are created before their members.
LOAD_ORDER = ["landschaftsverband", "regierungsbezirk", "kreis", "kreisfreie_stadt", "stadt", "gemeinde"]


@transaction.atomic
def submit_contact_message(
    *,
    kind: str,
    name: str,
    email: str,
    subject: str,
    message: str,
    organisation: str = "",
    page_url: str = "",
) -> ContactMessage:
    """Store a message from a public form and mail it to the editors after the commit."""
    contact = ContactMessage.objects.create(
        kind=kind,
        name=name,
        email=email,
        organisation=organisation,
        subject=subject,
        message=message,
        page_url=page_url,
    )
    send_templated_mail(
        template="portal/mail/contact_message",
        to=[editors_address()],
        reply_to=[email],
        context={"contact": contact},
    )
    return contact


def read_municipality_data(path: Path = MUNICIPALITY_DATA) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def _reference_values(record: dict) -> dict:
    return {
        "ags": record["ags"],
        "kind": record["kind"],
        "area_km2": Decimal(str(record["area_km2"])),
        "latitude": Decimal(str(record["centroid"][0])),
        "longitude": Decimal(str(record["centroid"][1])),
        "shape": record["shape"],
        "map_x": record["point"][0],
        "map_y": record["point"][1],
    }


def sync_municipalities(*, data: dict | None = None, model=Municipality, dry_run: bool = False) -> SyncResult:
    """Create or update the Kommunen from the reference data; running it again changes nothing.

    Records are matched by AGS, else by slug (the Landschaftsverbände have no AGS, and a key can
    change, as Aachen's did in 2009). `model` lets the data migration pass its historical model; fields
    that model does not have yet are left out, so that a later field does not break an old migration.
    """
    data = data or read_municipality_data()
    result = SyncResult()
    model_fields = {f.attname for f in model._meta.concrete_fields}
    with transaction.atomic():
        by_ags, by_slug = {}, {}
        for municipality in model.objects.all():
            by_slug[municipality.slug] = municipality
            if municipality.ags:
                by_ags[municipality.ags] = municipality
        by_key = {}
        records = sorted(data["records"], key=lambda r: LOAD_ORDER.index(r["kind"]))
        for record in records:
            values = _reference_values(record)
            for field in HIERARCHY_FIELDS:
                parent_key = record[field]
                values[f"{field}_id"] = by_key[parent_key].pk if parent_key else None
            values = {field: value for field, value in values.items() if field in model_fields}
            municipality = by_ags.get(record["ags"]) if record["ags"] else None
            municipality = municipality or by_slug.get(record["slug"])
            if municipality is None:
                editorial = {field: record[field] for field in EDITORIAL_FIELDS if field in model_fields}
                municipality = model.objects.create(**values, **editorial)
                result.created += 1
            else:
                changed = [f for f, v in values.items() if getattr(municipality, f) != v]
                if changed:
                    for field in changed:
                        setattr(municipality, field, values[field])
                    municipality.save(update_fields=[*changed, "updated_at"])
                    result.updated += 1
                else:
                    result.unchanged += 1
            by_key[record["key"]] = municipality
        if dry_run:
            transaction.set_rollback(True)
    return result


# --- News --------------------------------------------------------------------------------------------

# The width of the picture a Kurzmeldung shows (and OpenGraph shares); the upload itself is kept.
NEWS_RENDITION_WIDTH = 1200


def refresh_news_item(*, news_item: NewsItem) -> NewsItem:
    """After a Kurzmeldung was saved (its Themenfelder included): the picture's rendition and the search vector."""
    with transaction.atomic():
        if news_item.image and not _rendition_is_current(news_item):
            create_news_rendition(news_item=news_item)
        elif not news_item.image and news_item.image_rendition:
            news_item.image_rendition = ""
            news_item.save(update_fields=["image_rendition"])
        NewsItem.objects.filter(pk=news_item.pk).update_search_vectors()
    return news_item


def _rendition_stem(news_item: NewsItem) -> str:
    return news_item.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] + f"-{NEWS_RENDITION_WIDTH}"


def _rendition_is_current(news_item: NewsItem) -> bool:
    name = news_item.image_rendition.name or ""
    return name.rsplit("/", 1)[-1].startswith(_rendition_stem(news_item))


def create_news_rendition(*, news_item: NewsItem) -> NewsItem:
    """The picture as the site shows it: JPEG (every sharing service reads it), 1200 px wide at most, turned
    upright as the camera meant it, transparency on white."""
    with news_item.image.open("rb") as file, Image.open(file) as original:
        picture = ImageOps.exif_transpose(original)
        if picture.mode in ("RGBA", "LA", "P"):
            picture = picture.convert("RGBA")
            background = Image.new("RGB", picture.size, "white")
            background.paste(picture, mask=picture.getchannel("A"))
            picture = background
        picture = picture.convert("RGB")
    picture.thumbnail((NEWS_RENDITION_WIDTH, NEWS_RENDITION_WIDTH * 4))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    news_item.image_rendition.save(f"{_rendition_stem(news_item)}.jpg", ContentFile(buffer.getvalue()), save=False)
    news_item.save(update_fields=["image_rendition"])
    return news_item
