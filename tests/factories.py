import factory

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
