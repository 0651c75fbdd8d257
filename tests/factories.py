import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from portal.models import ContactMessage, Page


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"seite-{n}")
    title = factory.Sequence(lambda n: f"Seite {n}")
    lead = "Eine kurze Einleitung."
    body = "<p>Kommunen arbeiten gemeinsam an ihren Aufgaben.</p>"


class ContactMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactMessage

    kind = ContactMessage.Kind.CONTACT
    name = "Kim Muster"
    email = "kim.muster@beispiel-kommune.de"
    subject = "Frage zur Kooperation"
    message = "Wir möchten einen gemeinsamen Bauhof gründen."


class ProjectFactory(factory.django.DjangoModelFactory):
    """A published project; pass `lead=` and `partners=` (Kommunen) and `topics=` (slugs)."""

    class Meta:
        model = "projects.Project"
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Gemeinsamer Bauhof {n}")
    slug = factory.Sequence(lambda n: f"gemeinsamer-bauhof-{n}")
    teaser = "Zwei Kommunen betreiben ihren Bauhof gemeinsam und teilen Fahrzeuge und Personal."
    occasion = "<p>Die Fahrzeuge beider Bauhöfe standen oft still.</p>"
    goal = "<p>Gemeinsame Nutzung von Fahrzeugen und Werkstatt.</p>"
    implementation = "<p>Eine öffentlich-rechtliche Vereinbarung regelt die Kosten.</p>"
    form = "vereinbarung"
    status = "umsetzung"
    is_published = True
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        from projects.models import Participant, Topic
        from projects.services import refresh_project

        if not create:
            return
        lead, partners, topics = kwargs.get("lead"), kwargs.get("partners", []), kwargs.get("topics", [])
        if lead is not None:
            Participant.objects.create(project=self, municipality=lead, role=Participant.Role.LEAD)
        for position, partner in enumerate(partners, start=1):
            if isinstance(partner, str):
                Participant.objects.create(project=self, organisation=partner, position=position)
            else:
                Participant.objects.create(project=self, municipality=partner, position=position)
        if topics:
            self.topics.set(Topic.objects.filter(slug__in=topics))
        if tags := kwargs.get("tags"):
            self.tags.add(*tags)
        refresh_project(project=self)


class DocumentFactory(factory.django.DjangoModelFactory):
    """A published document with a generated PDF; pass `text=` for the PDF's words, `projects=` to link."""

    class Meta:
        model = "projects.Document"
        django_get_or_create = ["slug"]

    kind = "vereinbarung"
    title = factory.Sequence(lambda n: f"Öffentlich-rechtliche Vereinbarung {n}")
    slug = factory.Sequence(lambda n: f"vereinbarung-{n}")
    date = datetime.date(2021, 3, 15)
    description = "Vereinbarung über die gemeinsame Aufgabe."
    is_published = True

    @classmethod
    def _create(cls, model_class, *args, text="§ 1 Gegenstand der Vereinbarung", projects=(), **kwargs):
        from portal.uploads import PDF
        from projects.demo_pdf import make_pdf
        from projects.services import attach_document_file, refresh_document

        document = model_class(**kwargs)
        upload = ContentFile(make_pdf(document.title, [text]), name=f"{document.slug}.pdf")
        attach_document_file(document=document, upload=upload, file_type=PDF)
        document.save()
        document.projects.set(projects)
        refresh_document(document=document)
        return document


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.Venue"

    name = factory.Sequence(lambda n: f"Rathaus {n}, Ratssaal")
    street = "Markt 1"
    postal_code = "48143"
    city = "Münster"
    accessibility = "Stufenloser Zugang, Aufzug, barrierefreies WC."


class EventFactory(factory.django.DjangoModelFactory):
    """A published event; pass `topics=` (slugs) for its Themenfelder."""

    class Meta:
        model = "events.Event"
        skip_postgeneration_save = True

    kind = "erfahrungsaustausch"
    title = factory.Sequence(lambda n: f"Erfahrungsaustausch Bauhof {n}")
    slug = factory.Sequence(lambda n: f"erfahrungsaustausch-bauhof-{n}")
    teaser = "Kommunen berichten, wie sie ihre Bauhöfe gemeinsam betreiben."
    description = "<p>Ein Vormittag mit Berichten aus der Praxis.</p>"
    status = "published"

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        from projects.models import Topic

        if create and extracted:
            self.topics.set(Topic.objects.filter(slug__in=extracted))


class EventDateFactory(factory.django.DjangoModelFactory):
    """A date in four weeks, 10:00–15:00 Berlin time, at a venue; `online=True` makes it a Zoom date with dial-in."""

    class Meta:
        model = "events.EventDate"

    class Params:
        online = factory.Trait(
            venue=None,
            online_platform="Zoom",
            dial_in="https://zoom.example.org/j/123456789\nKenncode: geheim-42",
        )

    event = factory.SubFactory(EventFactory)
    starts_at = factory.LazyFunction(
        lambda: timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + datetime.timedelta(days=28)
    )
    ends_at = factory.LazyAttribute(lambda date: date.starts_at + datetime.timedelta(hours=5))
    capacity = 20
    waitlist_limit = 10
    venue = factory.SubFactory(VenueFactory)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration with a seat; `status="pending"` or `"waitlisted"` for the others."""

    class Meta:
        model = "events.Registration"

    date = factory.SubFactory(EventDateFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@beispiel-kommune.de")
    organisation = "Stadtverwaltung Beispielstadt"
    function = "Sachbearbeitung"
    consent_text = "Ich bin einverstanden."
    consented_at = factory.LazyFunction(timezone.now)
    status = "confirmed"
    opted_in_at = factory.LazyAttribute(lambda r: None if r.status == "pending" else timezone.now())
    confirmed_at = factory.LazyAttribute(lambda r: timezone.now() if r.status == "confirmed" else None)
    cancelled_at = factory.LazyAttribute(lambda r: timezone.now() if r.status == "cancelled" else None)
    cancelled_by = factory.LazyAttribute(lambda r: "participant" if r.status == "cancelled" else "")


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber; `status="pending"` or `"unsubscribed"` for the others."""

    class Meta:
        model = "newsletter.Subscriber"

    email = factory.Sequence(lambda n: f"leser{n}@beispiel-kommune.de")
    consent_text = "Ich möchte den Newsletter erhalten."
    consent_version = "2026-11"
    status = "confirmed"
    requested_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyAttribute(lambda s: None if s.status == "pending" else timezone.now())
    unsubscribed_at = factory.LazyAttribute(lambda s: timezone.now() if s.status == "unsubscribed" else None)


class IssueFactory(factory.django.DjangoModelFactory):
    """A draft issue with an intro; pass `status="sent"` for one in the archive."""

    class Meta:
        model = "newsletter.Issue"

    label = factory.Sequence(lambda n: f"Newsletter {n} / 2026")
    slug = factory.Sequence(lambda n: f"newsletter-{n}-2026")
    subject = factory.Sequence(lambda n: f"Neues aus der Zusammenarbeit {n}")
    preheader = "Gemeinsame Bauhöfe, ein Förderaufruf und zwei Termine."
    intro = '<p>Liebe Leserinnen und Leser, <a href="/projekte/">neue Projekte</a> sind online.</p>'
    closing = "Ihre Redaktion von Interkommunales.NRW"
    status = "draft"
    started_at = factory.LazyAttribute(lambda i: timezone.now() if i.status in ("sending", "sent") else None)
    finished_at = factory.LazyAttribute(lambda i: timezone.now() if i.status == "sent" else None)


class BlockFactory(factory.django.DjangoModelFactory):
    """A text block; pass `kind=` and the fields that kind needs for the others."""

    class Meta:
        model = "newsletter.Block"

    issue = factory.SubFactory(IssueFactory)
    position = factory.Sequence(lambda n: n)
    kind = "text"
    heading = factory.LazyAttribute(lambda b: "Gemeinsam stark" if b.kind == "text" else "")
    text = factory.LazyAttribute(
        lambda b: "<p>Zwei Gemeinden teilen sich ihren Bauhof.</p>" if b.kind == "text" else ""
    )


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A new project, sent and confirmed: in the editors' queue. Pass `lead_municipality=`, `municipalities=`
    (Kommunen) and `topics=` (slugs); `state="draft"` or `"unconfirmed"` for the earlier states."""

    class Meta:
        model = "projects.Submission"
        skip_postgeneration_save = True

    kind = "new"
    state = "pending"
    submitter_name = "Kim Muster"
    submitter_organisation = "Gemeindeverwaltung Beispiel"
    submitter_function = "Leiterin des Hauptamts"
    submitter_email = factory.Sequence(lambda n: f"kim{n}@beispiel-kommune.de")
    submitter_phone = "02861 123-45"
    title = factory.Sequence(lambda n: f"Gemeinsames Standesamt {n}")
    teaser = "Drei Gemeinden führen ihre Standesämter zusammen und bieten Trauungen an allen drei Orten an."
    form = "vereinbarung"
    status = "umsetzung"
    occasion = "Die Standesämter waren klein.\n\nVertretungen im Urlaub fehlten."
    goal = "Ein Standesamt für alle drei Gemeinden."
    implementation = "Eine öffentlich-rechtliche Vereinbarung regelt die Aufgabe."
    contact_name = "Kim Muster"
    contact_email = factory.LazyAttribute(lambda s: s.submitter_email)
    contact_consent = True
    other_participants = ""
    step = 6
    consent_text = "Ich bin einverstanden."
    submitted_at = factory.LazyAttribute(lambda s: None if s.state == "draft" else timezone.now())
    email_confirmed_at = factory.LazyAttribute(
        lambda s: None if s.state in ("draft", "unconfirmed") else timezone.now()
    )

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        from projects.models import Topic

        if create and extracted:
            self.topics.set(Topic.objects.filter(slug__in=extracted))
