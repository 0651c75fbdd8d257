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
    """A published event with its search vector; pass `topics=` (slugs) for its Themenfelder."""

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

    @factory.post_generation
    def refreshed(self, create, extracted, **kwargs):
        from events.services import refresh_event

        if create:
            refresh_event(event=self)


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


class PartnerRequestFactory(factory.django.DjangoModelFactory):
    """A published partner request of Borken, open for another three months; pass `topics=` (slugs) and a
    `state=` ("unconfirmed", "pending", "rejected", "closed") for the others."""

    class Meta:
        model = "projects.PartnerRequest"
        skip_postgeneration_save = True

    municipality = factory.LazyFunction(lambda: _kommune("borken"))
    title = factory.Sequence(lambda n: f"einen gemeinsamen Bauhof {n}")
    description = "Unser Bauhof ist zu klein für die neuen Fahrzeuge; wir suchen Nachbarn, die ihn mit uns teilen."
    contact_name = "Petra Beispiel"
    contact_function = "Leiterin des Bauamts"
    contact_email = factory.Sequence(lambda n: f"partner{n}@beispiel-kommune.de")
    contact_phone = "02861 0000-0"
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
    state = "published"
    consent_text = "Ich bin einverstanden."
    email_confirmed_at = factory.LazyAttribute(lambda r: None if r.state == "unconfirmed" else timezone.now())
    published_at = factory.LazyAttribute(lambda r: timezone.now() if r.state in ("published", "closed") else None)
    rejection_reason = factory.LazyAttribute(lambda r: "Kein Bezug zu einer Kommune." if r.state == "rejected" else "")
    closed_at = factory.LazyAttribute(lambda r: timezone.now() if r.state == "closed" else None)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        from projects.models import Topic

        if create:
            self.topics.set(Topic.objects.filter(slug__in=extracted or ["bauen-und-planen"]))


def _kommune(slug):
    from portal.models import Municipality

    return Municipality.objects.get(slug=slug)


class UserFactory(factory.django.DjangoModelFactory):
    """A user without staff status; pass `groups=["Jury"]` for group membership."""

    class Meta:
        model = "auth.User"
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = "Kim"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@beispiel-kommune.de")
    password = factory.django.Password("ein-sicheres-passwort-42")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        if create and extracted:
            self.groups.set([Group.objects.get_or_create(name=name)[0] for name in extracted])


class RoundFactory(factory.django.DjangoModelFactory):
    """A published round that is open for entries: opened 30 days ago, closes in 60 days."""

    class Meta:
        model = "awards.Round"
        django_get_or_create = ["year"]

    year = factory.Sequence(lambda n: 2100 + n)
    title = factory.LazyAttribute(lambda r: f"Landespreis für innovative interkommunale Zusammenarbeit {r.year}")
    intro = "<p>Das Land zeichnet gelungene Zusammenarbeit von Kommunen aus.</p>"
    application_text = "<p>Bewerben Sie sich digital mit dem Formular.</p>"
    conditions_text = "<p>Mindestens zwei kommunale Partner.</p>"
    prizes_text = "<p>10.000 € je Kategorie.</p>"
    faq_text = "<p>Wer darf sich bewerben? Kommunen in NRW.</p>"
    entries_open_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    entries_close_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=60))
    state = "open"
    is_published = True
    earliest_project_start = datetime.date(2016, 9, 1)
    min_municipal_partners = 2
    one_entry_per_lead = True
    excluded_organisation_kinds = factory.LazyFunction(lambda: ["sparkasse", "privat"])


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.Category"

    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"Kategorie {n}")
    description = "Projekte, die Aufgaben der Verwaltung gemeinsam erledigen."
    prize_money = 10000
    position = factory.Sequence(lambda n: n)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.Criterion"

    round = factory.SubFactory(RoundFactory)
    name = factory.Sequence(lambda n: f"Kriterium {n}")
    description = "Wie sehr das Projekt dieses Ziel erreicht."
    weight = 1
    position = factory.Sequence(lambda n: n)


class JuryMemberFactory(factory.django.DjangoModelFactory):
    """A jury member of a round; the user is in the group "Jury"."""

    class Meta:
        model = "awards.JuryMember"

    round = factory.SubFactory(RoundFactory)
    user = factory.SubFactory(UserFactory, groups=["Jury"])
    is_chair = False
    affiliation = "NRW.BANK"


class EntryFactory(factory.django.DjangoModelFactory):
    """A submitted entry with a lead Kommune and one partner Kommune (both from the directory).

    `state="draft"` for a draft; pass `partners=[…]` (Kommunen) to replace the default partner.
    """

    class Meta:
        model = "awards.Entry"
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    category = factory.LazyAttribute(lambda e: CategoryFactory(round=e.round))
    state = "submitted"
    title = factory.Sequence(lambda n: f"Gemeinsames Standesamt {n}")
    lead_municipality = factory.LazyFunction(lambda: _municipality("borken"))
    organisation_kind = "kommune"
    organisation_name = "Stadt Borken"
    department = "Bürgerdienste"
    contact_name = "Kim Muster"
    email = factory.Sequence(lambda n: f"bewerbung{n}@beispiel-kommune.de")
    phone = "02861 123456"
    short_description = "Zwei Städte führen ihr Standesamt gemeinsam."
    occasion = "Beide Standesämter waren zu klein für Vertretungen."
    goal = "Verlässliche Öffnungszeiten in beiden Städten."
    implementation = "Eine öffentlich-rechtliche Vereinbarung seit 2019."
    benefit = "Weniger Schließtage, geteilte Fachsoftware."
    innovation = "Termine für beide Rathäuser in einem Kalender."
    sustainability = "Jede kleine Kommune kann sich anschließen."
    project_start = datetime.date(2019, 1, 1)
    cooperation_form = "vereinbarung"
    consent = True
    consent_text = "Ich bin mit der Verarbeitung meiner Angaben einverstanden."
    submitted_at = factory.LazyAttribute(lambda e: None if e.state == "draft" else timezone.now())

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if not create:
            return
        self.partners.set(extracted if extracted is not None else [_municipality("heiden")])


def _municipality(slug):
    from portal.models import Municipality

    return Municipality.objects.get(slug=slug)


class EntryAttachmentFactory(factory.django.DjangoModelFactory):
    """A small PDF attached to an entry."""

    class Meta:
        model = "awards.EntryAttachment"

    entry = factory.SubFactory(EntryFactory)
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n%%EOF\n", name="konzept.pdf"))
    name = "konzept.pdf"
    content_type = "application/pdf"
    size = 15


class ConflictOfInterestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.ConflictOfInterest"

    entry = factory.SubFactory(EntryFactory)
    member = factory.LazyAttribute(lambda c: JuryMemberFactory(round=c.entry.round))
    note = "Ich habe an dem Projekt mitgearbeitet."


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "awards.Score"

    entry = factory.SubFactory(EntryFactory)
    member = factory.LazyAttribute(lambda s: JuryMemberFactory(round=s.entry.round))
    criterion = factory.LazyAttribute(lambda s: CriterionFactory(round=s.entry.round))
    value = 7
    comment = "Überzeugend umgesetzt."


# --- Jury area (tests/awards/test_jury*.py, tests/browser/test_awards_jury.py) -------------------------------


def jury_round(*, criteria=(("Gewinn der Kooperation", 1),), members=("jury-a",), chair="jury-vorsitz", **fields):
    """A round in the jury phase with one category, the criteria [(name, weight)] and a jury: the chair and
    the members named (users with the password "ein-sicheres-passwort-42"). Returns (round, category,
    criteria, {username: JuryMember})."""
    round_ = RoundFactory(**{"state": "jury", **fields})
    category = CategoryFactory(round=round_, name="Innere Verwaltung")
    made = [
        CriterionFactory(round=round_, name=name, weight=weight, position=position)
        for position, (name, weight) in enumerate(criteria)
    ]
    jury = {}
    for username in ([chair] if chair else []) + list(members):
        user = UserFactory(username=username, groups=["Jury"])
        jury[username] = JuryMemberFactory(round=round_, user=user, is_chair=username == chair)
    return round_, category, made, jury


def score_entry(entry, member, values, comment="Überzeugend umgesetzt."):
    """The member's scores for the entry's round's criteria, in their order."""
    criteria = list(entry.round.criteria.order_by("position", "pk"))
    return [
        ScoreFactory(entry=entry, member=member, criterion=criterion, value=value, comment=comment)
        for criterion, value in zip(criteria, values, strict=False)
    ]


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


class NewsItemFactory(factory.django.DjangoModelFactory):
    """A published Kurzmeldung dated yesterday; pass `topics=` (Themenfeld slugs) and `picture=True` for an image."""

    class Meta:
        model = "portal.NewsItem"
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Neue Kooperation im Kreis {n}")
    slug = factory.Sequence(lambda n: f"neue-kooperation-{n}")
    published_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    teaser = "Drei Gemeinden betreiben ihre Feuerwehren künftig mit einer gemeinsamen Leitstelle."
    body = "<p>Die Räte haben der öffentlich-rechtlichen Vereinbarung zugestimmt.</p>"
    is_published = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        from projects.models import Topic

        if create and extracted:
            self.topics.set(Topic.objects.filter(slug__in=extracted))

    @factory.post_generation
    def picture(self, create, extracted, **kwargs):
        if create and extracted:
            self.image = ContentFile(_png_bytes(), name="meldung.png")
            self.image_alt = self.image_alt or "Vertreter der Gemeinden unterschreiben die Vereinbarung."
            self.save()

    @factory.post_generation
    def refreshed(self, create, extracted, **kwargs):
        from portal.services import refresh_news_item

        if create:
            refresh_news_item(news_item=self)


def _png_bytes(size=(64, 40)) -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "#2b6ca3").save(buffer, "PNG")
    return buffer.getvalue()
