"""The Landespreis für innovative interkommunale Zusammenarbeit: rounds, entries and the jury's work.

The rules of a round (entry window, eligibility, categories, criteria and their weights) are data that
editors set per round; nothing about a particular year lives in code.
"""

import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from awards.querysets import CategoryQuerySet, EntryQuerySet, JuryMemberQuerySet, RoundQuerySet
from portal.models import Municipality, RichTextField
from portal.uploads import ProtectedStorage
from projects.models import Project

BERLIN = ZoneInfo("Europe/Berlin")


class OrganisationKind(models.TextChoices):
    """Who enters: the kind of the entering organisation (a round may exclude some, e.g. Sparkassen)."""

    KOMMUNE = "kommune", "Stadt oder Gemeinde"
    KREIS = "kreis", "Kreis"
    VERBAND = "verband", "Kommunaler Verband (z. B. Landschaftsverband)"
    ZWECKVERBAND = "zweckverband", "Zweckverband"
    AOER = "aoer", "Anstalt des öffentlichen Rechts / gemeinsames Kommunalunternehmen"
    GMBH_KOMMUNAL = "gmbh_kommunal", "Privatrechtliches Unternehmen unter kommunaler Kontrolle"
    PRIVAT = "privat", "Privatrechtliches Unternehmen ohne kommunale Kontrolle"
    SPARKASSE = "sparkasse", "Sparkasse"
    SONSTIGE = "sonstige", "Sonstige Organisation"


def default_excluded_kinds():
    return [OrganisationKind.SPARKASSE.value]


class Round(models.Model):
    """One round of the Landespreis, e.g. 2022: its pages, entry window, rules, categories, criteria and jury."""

    class State(models.TextChoices):
        ANNOUNCED = "announced", "angekündigt"
        OPEN = "open", "Bewerbung offen"
        JURY = "jury", "Jurierung"
        DECIDED = "decided", "entschieden"

    year = models.PositiveSmallIntegerField("Jahr", unique=True, help_text="Teil der Adresse: /landespreis/<jahr>/")
    title = models.CharField(
        "Titel", max_length=200, help_text="z. B. „Landespreis für innovative interkommunale Zusammenarbeit 2022“"
    )
    intro = RichTextField(verbose_name="Startseite", blank=True)
    application_text = RichTextField(verbose_name="Bewerbung", blank=True)
    conditions_text = RichTextField(verbose_name="Teilnahmebedingungen", blank=True)
    prizes_text = RichTextField(verbose_name="Preise", blank=True)
    faq_text = RichTextField(verbose_name="Häufige Fragen", blank=True)
    entries_open_at = models.DateTimeField("Bewerbung ab", help_text="Uhrzeit in Deutschland (Europe/Berlin).")
    entries_close_at = models.DateTimeField(
        "Bewerbungsschluss",
        help_text="Uhrzeit in Deutschland. Bis zu diesem Zeitpunkt einschließlich wird angenommen, danach nichts mehr, "
        "auch kein gespeicherter Entwurf; für „bis Ende des Tages“ 23:59:59 eintragen.",
    )
    state = models.CharField(
        "Stand",
        max_length=20,
        choices=State.choices,
        default=State.ANNOUNCED,
        help_text="„angekündigt“ und „Bewerbung offen“ richten sich auf der Website nach der Bewerbungsfrist: vor "
        "ihrem Beginn angekündigt, danach offen, nach dem Bewerbungsschluss „Jurierung“. „Jurierung“ schließt die "
        "Bewerbung, auch vor dem Bewerbungsschluss; die Jury legt Preisträger erst in diesem Stand fest.",
    )
    is_published = models.BooleanField(
        "Veröffentlicht", default=False, help_text="Erst ankreuzen, wenn die Runde auf der Website erscheinen soll."
    )
    # When the round became "entschieden" (by the jury's last decision or an editor); the retention period of
    # its entries' personal data counts from here (awards.services.anonymise_decided_entries).
    decided_at = models.DateTimeField("Entschieden am", null=True, blank=True, editable=False)

    # Eligibility, checked on the server when an entry is submitted.
    earliest_project_start = models.DateField(
        "Frühester Projektbeginn",
        null=True,
        blank=True,
        help_text="Projekte, die vorher begonnen haben, sind ausgeschlossen; leer: keine Grenze.",
    )
    ongoing_projects_eligible = models.BooleanField(
        "Laufende Projekte zugelassen",
        default=False,
        help_text="Früher begonnene Projekte sind zugelassen, wenn sie sich noch in der Umsetzung befinden.",
    )
    min_municipal_partners = models.PositiveSmallIntegerField(
        "Mindestzahl kommunaler Partner",
        default=2,
        help_text="Federführende Kommune und beteiligte Kommunen zusammen.",
    )
    one_entry_per_lead = models.BooleanField("Eine Bewerbung je federführender Kommune", default=True)
    excluded_organisation_kinds = ArrayField(
        models.CharField(max_length=20, choices=OrganisationKind.choices),
        verbose_name="Ausgeschlossene Organisationen",
        default=default_excluded_kinds,
        blank=True,
    )

    # The jury's work.
    blind_review = models.BooleanField(
        "Anonyme Bewertung", default=False, help_text="Die Jury sieht keine Namen der Bewerberinnen und Bewerber."
    )
    score_max = models.PositiveSmallIntegerField(
        "Höchstpunktzahl je Kriterium", default=10, help_text="Bewertet wird von 0 bis zu dieser Zahl."
    )
    ceremony = models.ForeignKey(
        "events.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="award_rounds",
        verbose_name="Preisverleihung",
        help_text="Die Veranstaltung der Preisverleihung (Festakt).",
    )
    is_demo = models.BooleanField(
        "Demo-Daten", default=False, help_text="Die Website kennzeichnet die Runde als Beispiel, nicht als echt."
    )
    created_at = models.DateTimeField("Angelegt", auto_now_add=True)
    updated_at = models.DateTimeField("Geändert", auto_now=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = "Runde"
        verbose_name_plural = "Runden"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(entries_close_at__gt=F("entries_open_at")),
                name="round_entry_window",
                violation_error_message="Der Bewerbungsschluss muss nach dem Beginn der Bewerbung liegen.",
            ),
            models.CheckConstraint(
                condition=Q(score_max__gte=1),
                name="round_score_max_positive",
                violation_error_message="Die Höchstpunktzahl muss mindestens 1 sein.",
            ),
            models.CheckConstraint(
                condition=Q(decided_at__isnull=True) | Q(state="decided"),
                name="round_decided_at_only_when_decided",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("awards:round", kwargs={"year": self.year})

    def phase(self, now=None) -> "Round.State":
        """The state as the site shows it and acts on it: an announced or open round follows its dates (announced
        before the window, open inside it, jury after the deadline), so nobody has to switch it on time;
        "Jurierung" or "entschieden" set by the editors close it, also before the deadline."""
        now = now or timezone.now()
        if self.state in (self.State.ANNOUNCED, self.State.OPEN):
            if now < self.entries_open_at:
                return self.State.ANNOUNCED
            if now <= self.entries_close_at:
                return self.State.OPEN
            return self.State.JURY
        return self.State(self.state)

    def accepts_entries(self, now=None) -> bool:
        """Inside the entry window (the closing time itself still counts) and not closed by the editors."""
        return self.phase(now) == self.State.OPEN

    def deadline_passed(self, now=None) -> bool:
        return (now or timezone.now()) > self.entries_close_at

    def not_yet_open(self, now=None) -> bool:
        return (now or timezone.now()) < self.entries_open_at

    @property
    def is_decided(self) -> bool:
        return self.state == self.State.DECIDED


class Category(models.Model):
    """A prize category of a round, with its prize money."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="categories", verbose_name="Runde")
    name = models.CharField("Name", max_length=200)
    description = models.TextField("Beschreibung", blank=True)
    prize_money = models.DecimalField("Preisgeld in €", max_digits=9, decimal_places=2, default=0)
    position = models.PositiveSmallIntegerField("Reihenfolge", default=0)
    # Set when the chair records the winners of this category; its scores are final from then on.
    decided_at = models.DateTimeField("Entschieden am", null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="Entschieden von",
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = "Kategorie"
        verbose_name_plural = "Kategorien"
        ordering = ["round", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "name"],
                name="category_name_once_per_round",
                violation_error_message="Diese Kategorie gibt es in der Runde schon.",
            ),
            models.CheckConstraint(condition=Q(prize_money__gte=0), name="category_prize_money_not_negative"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None


class Criterion(models.Model):
    """A criterion the jury scores, with its weight in the total (e.g. "Grad der Innovation", weight 2)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria", verbose_name="Runde")
    name = models.CharField("Name", max_length=200)
    description = models.TextField("Beschreibung", blank=True)
    weight = models.PositiveSmallIntegerField("Gewicht", default=1, help_text="Mit diesem Faktor zählen die Punkte.")
    position = models.PositiveSmallIntegerField("Reihenfolge", default=0)

    class Meta:
        verbose_name = "Kriterium"
        verbose_name_plural = "Kriterien"
        ordering = ["round", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "name"],
                name="criterion_name_once_per_round",
                violation_error_message="Dieses Kriterium gibt es in der Runde schon.",
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=1),
                name="criterion_weight_positive",
                violation_error_message="Das Gewicht muss mindestens 1 sein.",
            ),
        ]

    def __str__(self):
        return self.name


class JuryMember(models.Model):
    """A user who sits on the jury of one round; the chair records the winners."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="jury_members", verbose_name="Runde")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="jury_memberships",
        verbose_name="Benutzerkonto",
        help_text="Das Konto braucht die Gruppe „Jury“; einen Mitarbeiter-Status braucht es nicht.",
    )
    is_chair = models.BooleanField("Vorsitz", default=False)
    affiliation = models.CharField("Institution", max_length=200, blank=True, help_text="z. B. NRW.BANK")

    objects = JuryMemberQuerySet.as_manager()

    class Meta:
        verbose_name = "Jurymitglied"
        verbose_name_plural = "Jury"
        ordering = ["round", "-is_chair", "user__last_name", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user"],
                name="jurymember_once_per_round",
                violation_error_message="Diese Person gehört der Jury dieser Runde schon an.",
            ),
            models.UniqueConstraint(
                fields=["round"],
                condition=Q(is_chair=True),
                name="jurymember_one_chair_per_round",
                violation_error_message="Eine Runde hat genau einen Vorsitz.",
            ),
        ]

    def __str__(self):
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} ({self.affiliation})" if self.affiliation else name


class Entry(models.Model):
    """An entry (Bewerbung) for a round: a draft the applicant can resume by a signed link, then submitted.

    Submitting checks the round's rules and locks the entry (`awards.services.submit_entry`).
    """

    OrganisationKind = OrganisationKind

    class State(models.TextChoices):
        DRAFT = "draft", "Entwurf"
        SUBMITTED = "submitted", "eingereicht"
        ACCEPTED = "accepted", "zugelassen"
        REJECTED = "rejected", "nicht zugelassen"

    # Entries that count for "one entry per lead Kommune" and that the jury sees.
    SUBMITTED_STATES = [State.SUBMITTED, State.ACCEPTED]

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="entries", verbose_name="Runde")
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name="Kategorie",
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="award_entries",
        verbose_name="Projekt in der Projektdatenbank",
    )
    state = models.CharField("Stand", max_length=20, choices=State.choices, default=State.DRAFT)
    title = models.CharField("Titel des Projekts", max_length=200)
    lead_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="award_entries_as_lead",
        verbose_name="Federführende Kommune",
    )
    hvb_confirms = models.BooleanField(
        "Bestätigung der Ratsbeschlüsse durch den Hauptverwaltungsbeamten",
        default=False,
        help_text="Ohne federführende Kommune: Die Hauptverwaltungsbeamtin oder der Hauptverwaltungsbeamte "
        "bestätigt die Ratsbeschlüsse aller Partner.",
    )
    partners = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="award_entries_as_partner",
        verbose_name="Beteiligte Kommunen",
    )
    other_partners = models.TextField(
        "Weitere Beteiligte",
        blank=True,
        help_text="z. B. GPA NRW, ein IT-Dienstleister, eine Gemeinde in den Niederlanden; zählen nicht als "
        "kommunale Partner in NRW.",
    )
    organisation_kind = models.CharField(
        "Art der einreichenden Organisation",
        max_length=20,
        choices=OrganisationKind.choices,
        default=OrganisationKind.KOMMUNE,
    )
    organisation_name = models.CharField("Einreichende Kommune oder Organisation", max_length=200, blank=True)
    department = models.CharField("Fachbereich", max_length=200, blank=True)
    contact_name = models.CharField("Ansprechperson", max_length=200, blank=True)
    email = models.EmailField("E-Mail-Adresse")
    phone = models.CharField("Telefon", max_length=50, blank=True)
    short_description = models.TextField("Kurzbeschreibung", max_length=1500, blank=True)
    occasion = models.TextField("Anlass", max_length=5000, blank=True)
    goal = models.TextField("Ziel", max_length=5000, blank=True)
    implementation = models.TextField("Umsetzung", max_length=5000, blank=True)
    benefit = models.TextField("Gewinn der Kooperation", max_length=5000, blank=True)
    innovation = models.TextField("Innovation", max_length=5000, blank=True)
    sustainability = models.TextField("Nachhaltigkeit und Übertragbarkeit", max_length=5000, blank=True)
    project_start = models.DateField("Projektbeginn oder Vertragsdatum", null=True, blank=True)
    still_in_implementation = models.BooleanField("Das Projekt befindet sich noch in der Umsetzung", default=False)
    cooperation_form = models.CharField(
        "Form der Zusammenarbeit", max_length=30, choices=Project.Form.choices, blank=True
    )
    consent = models.BooleanField("Einwilligung", default=False)
    consent_text = models.TextField("Einwilligungstext", blank=True)
    # What the personal links (resume the draft, attachments) are signed over; never the address.
    secret = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField("Angelegt", auto_now_add=True)
    updated_at = models.DateTimeField("Geändert", auto_now=True)
    submitted_at = models.DateTimeField("Eingereicht am", null=True, blank=True)
    is_winner = models.BooleanField("Preisträger", default=False)
    # Set when the retention period ended: contact, Fachbereich and attachments are gone, the rest stays.
    anonymised_at = models.DateTimeField("Anonymisiert am", null=True, blank=True, editable=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = "Bewerbung"
        verbose_name_plural = "Bewerbungen"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["round", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="draft") | (Q(submitted_at__isnull=False) & Q(category__isnull=False)),
                name="entry_submitted_has_time_and_category",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(lead_municipality__isnull=False) | Q(hvb_confirms=True),
                name="entry_submitted_has_lead_or_hvb",
                violation_error_message="Bitte nennen Sie die federführende Kommune oder bestätigen Sie die "
                "Ratsbeschlüsse aller Partner.",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(consent=True),
                name="entry_submitted_has_consent",
            ),
            models.CheckConstraint(
                condition=Q(is_winner=False) | Q(state__in=["submitted", "accepted"]),
                name="entry_winner_is_in_competition",
                violation_error_message="Nur eingereichte oder zugelassene Bewerbungen können gewinnen.",
            ),
        ]

    def __str__(self):
        return self.title or f"Bewerbung {self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT

    # What the retention period removes; title, Kommunen and texts stay (the winners' pages show them).
    PERSONAL_FIELDS = ["contact_name", "email", "phone", "department"]

    @property
    def applicant_name(self) -> str:
        """Who entered, for lists: the lead Kommune, else the organisation as typed."""
        if self.lead_municipality_id:
            return self.lead_municipality.name
        return self.organisation_name


def attachment_path(instance, filename):
    return f"landespreis/{instance.entry.round.year}/{instance.entry_id}/{uuid.uuid4().hex}-{filename}"


class EntryAttachment(models.Model):
    """A file of an entry (PDF or picture), checked by content; never public."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="attachments", verbose_name="Bewerbung")
    file = models.FileField("Datei", storage=ProtectedStorage(), upload_to=attachment_path, max_length=300)
    name = models.CharField("Dateiname", max_length=120)
    content_type = models.CharField("Dateityp", max_length=120)
    size = models.PositiveBigIntegerField("Größe in Bytes", default=0)
    uploaded_at = models.DateTimeField("Hochgeladen am", auto_now_add=True)

    class Meta:
        verbose_name = "Anhang"
        verbose_name_plural = "Anhänge"
        ordering = ["entry", "uploaded_at", "pk"]

    def __str__(self):
        return self.name


class ConflictOfInterest(models.Model):
    """A jury member's declared conflict of interest: they neither see the entry's scores nor score it."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="conflicts", verbose_name="Bewerbung")
    member = models.ForeignKey(
        JuryMember, on_delete=models.CASCADE, related_name="conflicts", verbose_name="Jurymitglied"
    )
    declared_at = models.DateTimeField("Erklärt am", auto_now_add=True)
    note = models.TextField("Anmerkung", blank=True)

    class Meta:
        verbose_name = "Befangenheit"
        verbose_name_plural = "Befangenheiten"
        ordering = ["-declared_at"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "member"], name="conflict_once_per_entry_and_member"),
        ]

    def __str__(self):
        return f"{self.member} – {self.entry}"


class Score(models.Model):
    """A jury member's points for one criterion of one entry (0 to the round's score_max)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scores", verbose_name="Bewerbung")
    # PROTECT: removing a juror or a criterion must not silently delete scores (and move final totals).
    member = models.ForeignKey(JuryMember, on_delete=models.PROTECT, related_name="scores", verbose_name="Jurymitglied")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name="Kriterium")
    value = models.SmallIntegerField("Punkte")
    comment = models.TextField("Kommentar", blank=True)
    updated_at = models.DateTimeField("Geändert", auto_now=True)

    class Meta:
        verbose_name = "Bewertung"
        verbose_name_plural = "Bewertungen"
        ordering = ["entry", "member", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "member", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="score_value_not_negative",
                violation_error_message="Die Punktzahl darf nicht negativ sein.",
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"
