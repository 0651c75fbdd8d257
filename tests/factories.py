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
