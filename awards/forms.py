import html
import re
from datetime import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.html import strip_tags
from PIL import Image, UnidentifiedImageError

from awards.eligibility import REQUIRED_FOR_SUBMISSION, Problem
from awards.models import Entry, EntryAttachment, Round
from awards.services import Upload, consent_text
from portal.forms import with_privacy_link
from portal.forms_rendering import KernFormMixin, PlainSelect
from portal.models import Municipality
from portal.spam import SpamProtectedForm
from portal.uploads import PDF, detect_document_type, validate_image
from projects.forms import municipality_detail_label, municipality_details
from projects.models import Participant, Project

IMAGE_TYPES = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}


def _municipalities():
    # Kommunen that can take part: Städte, Gemeinden, Kreise and the Landschaftsverbände (not the Bezirke).
    return Municipality.objects.exclude(kind=Municipality.Kind.REGIERUNGSBEZIRK).only("pk", "short_name").by_name()


# Picking Kommunen from a search works as in the project submission's step 3: the same querysets, JSON view
# (projects:submission_municipalities), markup (templates/includes/municipality_picker.html) and script.
MUNICIPALITY_RESULTS = 20


class PickerWidget(forms.SelectMultiple):
    """Never drawn itself (includes/municipality_picker.html draws the checkboxes); the error summary's link
    leads to the picker's fieldset."""

    def id_for_label(self, id_, index=None):
        return "kommunen"


def with_details(municipalities) -> list[Municipality]:
    municipalities = list(municipalities)
    for municipality in municipalities:
        municipality.detail = municipality_detail_label(municipality)
    return municipalities


class MunicipalitySearchForm(forms.Form):
    """`?kommune=` (the entry form's search without JavaScript) and `?q=` (its JSON for the script)."""

    q = forms.CharField(max_length=100, required=False)

    def query(self) -> str:
        # A NUL or an overlong query is no query (the CharField refuses NUL before it reaches the database).
        return " ".join(self.cleaned_data["q"].split()) if self.is_valid() else ""


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files at once; each is checked by its content: a PDF or a picture (JPEG, PNG, WebP)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        uploads, errors = [], []
        for file in files:
            try:
                uploads.append(check_attachment(super().clean(file, initial)))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return uploads


def check_attachment(file) -> Upload:
    limit = settings.AWARDS_ATTACHMENT_MAX_BYTES
    if file.size > limit:
        raise ValidationError(
            f"„{file.name}“ ist {filesizeformat(file.size)} groß; erlaubt sind höchstens "
            f"{filesizeformat(limit)} je Datei."
        )
    if detect_document_type(file) == PDF:
        return Upload(file=file, extension=PDF.extension, content_type=PDF.content_type)
    try:
        image_format = validate_image(file, max_bytes=limit)
    except ValidationError as error:
        if _is_picture(file):
            # A picture refused for what it is (e.g. more pixels than allowed): say that, not "no picture".
            raise ValidationError(f"„{file.name}“: {' '.join(error.messages)}") from None
        raise ValidationError(
            f"„{file.name}“ ist weder ein PDF noch ein Bild (JPEG, PNG oder WebP). Maßgeblich ist der Inhalt der "
            "Datei, nicht ihre Endung."
        ) from None
    extension, content_type = IMAGE_TYPES[image_format]
    return Upload(file=file, extension=extension, content_type=content_type)


def _is_picture(file) -> bool:
    """Whether the content is a JPEG, PNG or WebP picture at all (read from its header, not decoded)."""
    try:
        file.seek(0)
        with Image.open(file) as image:
            return image.format in IMAGE_TYPES
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return False
    finally:
        file.seek(0)


class EntryForm(SpamProtectedForm, forms.ModelForm):
    """The applicant's form. To save a draft, title and e-mail address suffice; what submitting needs is
    checked by awards.eligibility (through the service, under the round's lock) and shown at the fields."""

    # Rendered as checkboxes of the chosen and of the found Kommunen (templates/includes/municipality_picker.html).
    partners = forms.ModelMultipleChoiceField(
        label="Weitere beteiligte Kommunen",
        queryset=_municipalities(),
        required=False,
        widget=PickerWidget,
        help_text="Suchen Sie die Kommunen nach ihrem Namen und kreuzen Sie sie an. Angekreuzte Kommunen übernehmen "
        "wir beim Speichern oder mit der nächsten Suche; ein Häkchen entfernen nimmt eine Kommune wieder heraus.",
        error_messages={"invalid_choice": "Eine der gewählten Kommunen gibt es nicht. Bitte suchen Sie sie neu."},
    )
    # Not stored: the search for Kommunen to add ("Kommune suchen" saves the draft and shows what it found).
    municipality_query = forms.CharField(label="Name der Kommune", required=False, max_length=100)
    attachments = AttachmentsField(
        label="Anhänge hinzufügen",
        required=False,
        help_text=lazy(
            lambda: (
                f"PDF oder Bilder (JPEG, PNG, WebP), je Datei höchstens "
                f"{filesizeformat(settings.AWARDS_ATTACHMENT_MAX_BYTES)}, insgesamt höchstens "
                f"{settings.AWARDS_ATTACHMENTS_MAX} Dateien. Sie können mehrere Dateien auf einmal auswählen."
            ),
            str,
        )(),
    )
    remove_attachments = forms.ModelMultipleChoiceField(
        label="Anhänge entfernen",
        queryset=EntryAttachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # The entry's `updated_at` the form was filled from: an older one is not saved over a newer (two tabs).
    version = forms.CharField(required=False, widget=forms.HiddenInput)
    project = forms.ModelChoiceField(
        label="Projekt in der Projektdatenbank",
        queryset=Project.objects.published(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": "Das Projekt, von dem Ihre Bewerbung ausgeht, ist nicht mehr in der Projektdatenbank "
            "veröffentlicht. Ihre Angaben bleiben erhalten; speichern Sie noch einmal, dann ohne Verknüpfung mit "
            "dem Projekt."
        },
    )

    submission_required = set(REQUIRED_FOR_SUBMISSION)
    # Shown together as "federführende Kommune or the confirmation"; neither is optional alone.
    one_of_two = {"lead_municipality", "hvb_confirms"}

    class Meta:
        model = Entry
        fields = [
            "title",
            "category",
            "short_description",
            "project_start",
            "still_in_implementation",
            "cooperation_form",
            "lead_municipality",
            "hvb_confirms",
            "partners",
            "other_partners",
            "organisation_kind",
            "organisation_name",
            "department",
            "contact_name",
            "email",
            "phone",
            "occasion",
            "goal",
            "implementation",
            "benefit",
            "innovation",
            "sustainability",
            "consent",
            "project",
        ]
        labels = {
            "hvb_confirms": "Ohne federführende Kommune: Die Hauptverwaltungsbeamtin oder der Hauptverwaltungsbeamte "
            "bestätigt die Ratsbeschlüsse aller Partner.",
            "consent": "Einwilligung in die Datenverarbeitung",
            "email": "E-Mail-Adresse",
        }
        help_texts = {
            "title": "So heißt das Projekt, z. B. „Gemeinsames Standesamt Beispieltal“.",
            "short_description": "Zwei bis drei Sätze: Wer macht was gemeinsam, und was hat es gebracht?",
            "project_start": "Der Beginn der Zusammenarbeit oder das Datum der Vereinbarung, z. B. 01.03.2019.",
            "still_in_implementation": "Ankreuzen, wenn das Projekt noch umgesetzt wird.",
            "lead_municipality": "Die Kommune, die für alle Partner einreicht.",
            "hvb_confirms": "Nur ankreuzen, wenn keine Kommune federführend ist.",
            "other_partners": "z. B. GPA NRW, ein IT-Dienstleister, eine Gemeinde in den Niederlanden. Sie zählen "
            "nicht als kommunale Partner in NRW.",
            "organisation_name": "Wie die Stelle heißt, die einreicht, z. B. „Stadt Borken“ oder „Zweckverband …“.",
            "department": "z. B. Bürgerdienste, Kämmerei, Amt für Digitalisierung",
            "email": "Dorthin schicken wir den Link zu Ihrem Entwurf und die Eingangsbestätigung.",
            "occasion": "Warum haben die Kommunen zusammengefunden?",
            "goal": "Was soll die Zusammenarbeit erreichen?",
            "implementation": "Wie arbeiten die Partner zusammen: Organisation, Vereinbarung, Kosten, Zeitplan?",
            "benefit": "Was gewinnen die Kommunen und die Menschen vor Ort: Kosten, Qualität, Zeit, Personal?",
            "innovation": "Was ist neu daran, in der Sache oder in der Art der Zusammenarbeit?",
            "sustainability": "Trägt das Projekt auf Dauer, und können andere Kommunen es übernehmen?",
        }
        widgets = {
            "title": forms.TextInput(),
            "short_description": forms.Textarea(attrs={"rows": 4}),
            "project_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "lead_municipality": PlainSelect,
            "other_partners": forms.Textarea(attrs={"rows": 3}),
            "occasion": forms.Textarea(attrs={"rows": 6}),
            "goal": forms.Textarea(attrs={"rows": 6}),
            "implementation": forms.Textarea(attrs={"rows": 6}),
            "benefit": forms.Textarea(attrs={"rows": 6}),
            "innovation": forms.Textarea(attrs={"rows": 6}),
            "sustainability": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {
            "title": {"required": "Bitte geben Sie den Titel des Projekts ein; ohne ihn können wir nichts speichern."},
            "email": {
                "required": "Bitte geben Sie Ihre E-Mail-Adresse ein: Dorthin schicken wir den Link zu Ihrem Entwurf.",
                "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de.",
            },
            "project_start": {"invalid": "Bitte geben Sie ein Datum ein, z. B. 01.03.2019."},
        }

    def __init__(self, *args, round_: Round, contact_hint: str = "", **kwargs):
        if kwargs.get("instance") is None:
            kwargs["instance"] = Entry(round=round_)
        super().__init__(*args, **kwargs)
        self.round = round_
        if round_.min_municipal_partners > 1:
            # Without partners no entry meets the round's minimum.
            self.submission_required = self.submission_required | {"partners"}
        fields = self.fields
        fields["category"].queryset = round_.categories.all()
        fields["category"].empty_label = "– bitte wählen –"
        fields["category"].error_messages["invalid_choice"] = "Bitte wählen Sie eine Kategorie dieser Runde."
        fields["lead_municipality"].queryset = _municipalities()
        fields["lead_municipality"].empty_label = "– keine federführende Kommune –"
        fields["lead_municipality"].error_messages["invalid_choice"] = (
            "Diese Kommune gibt es nicht. Bitte wählen Sie aus der Liste."
        )
        fields["project_start"].input_formats = ["%Y-%m-%d", "%d.%m.%Y"]
        fields["cooperation_form"].choices = [
            ("", "– bitte wählen –"),
            *Entry._meta.get_field("cooperation_form").choices,
        ]
        fields["consent"].help_text = lazy(lambda: with_privacy_link(consent_text()), str)()
        if self.instance.project_id:
            # The entry keeps the project it started from, also once that project is no longer published.
            fields["project"].queryset = Project.objects.filter(Q(is_published=True) | Q(pk=self.instance.project_id))
        if self.instance.pk:
            fields["remove_attachments"].queryset = self.instance.attachments.all()
            self.initial["version"] = self.instance.updated_at.isoformat()
        else:
            del fields["remove_attachments"]
        for name, autocomplete in (("contact_name", "name"), ("email", "email"), ("phone", "tel")):
            fields[name].widget.attrs["autocomplete"] = autocomplete
        fields["organisation_name"].widget.attrs["autocomplete"] = "organization"
        if contact_hint:
            fields["contact_name"].help_text = contact_hint

    def full_clean(self):
        super().full_clean()
        if "project" in self._errors:
            # Shown again, the form no longer carries the vanished project, so the next save goes through.
            self.data = self.data.copy()
            self.data["project"] = ""

    def clean_version(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.cleaned_data["version"]) if self.cleaned_data["version"] else None
        except ValueError:
            return None

    def set_version(self, updated_at: datetime) -> None:
        """Shown again after a refused save over a newer state: the next save replaces that state on purpose."""
        self.data = self.data.copy()
        self.data["version"] = updated_at.isoformat()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_attachments(self):
        uploads = self.cleaned_data["attachments"]
        kept = len(self.instance.attachments.all()) if self.instance.pk else 0
        removed = len(self.data.getlist("remove_attachments")) if hasattr(self.data, "getlist") else 0
        if uploads and kept - removed + len(uploads) > settings.AWARDS_ATTACHMENTS_MAX:
            raise ValidationError(
                f"Höchstens {settings.AWARDS_ATTACHMENTS_MAX} Anhänge je Bewerbung; gespeichert "
                f"{'ist' if kept == 1 else 'sind'} schon {kept}."
            )
        return uploads

    def entry_values(self) -> dict:
        """The cleaned values for awards.services.save_draft."""
        skip = {
            "partners",
            "attachments",
            "remove_attachments",
            "website",
            "rendered_at",
            "version",
            "municipality_query",
        }
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}

    def add_problems(self, problems: list[Problem]) -> None:
        if not self.is_bound:
            self.cleaned_data = {}  # the entry's page showing why it was not submitted (no input to keep)
        for problem in problems:
            field = problem.field if problem.field in self.fields else None
            self.add_error(field, problem.message)

    def chosen_partners(self) -> list[Municipality]:
        """The partner Kommunen ticked so far (as sent, or as stored), for their checkboxes."""
        ids = [int(value) for value in (self["partners"].value() or []) if str(value).isdigit()]
        return with_details(municipality_details().filter(pk__in=ids)) if ids else []

    def municipality_results(self, query: str) -> tuple[list[Municipality], bool]:
        """Kommunen matching `query` that are neither chosen nor the lead, and whether there are more."""
        if not query:
            return [], False
        lead = str(self["lead_municipality"].value() or "")
        taken = [int(value) for value in [*(self["partners"].value() or []), lead] if str(value).isdigit()]
        found = list(municipality_details().search(query).exclude(pk__in=taken)[: MUNICIPALITY_RESULTS + 1])
        return with_details(found[:MUNICIPALITY_RESULTS]), len(found) > MUNICIPALITY_RESULTS

    @property
    def has_field_errors(self) -> bool:
        return any(name != "__all__" for name in self.errors)

    @property
    def files_were_chosen(self) -> bool:
        return bool(self.files and self.files.getlist("attachments"))


# --- Starting from a project of the database ------------------------------------------------------------

_BLOCK_END = re.compile(r"</(p|h[1-6]|blockquote|ul|ol)>|<br\s*/?>", re.IGNORECASE)
_ITEM = re.compile(r"<li[^>]*>", re.IGNORECASE)


def plain_text(rich: str) -> str:
    """Rich text of a Steckbrief as plain text: paragraphs as blank lines, list items with a dash."""
    text = _ITEM.sub("\n– ", rich or "")
    text = _BLOCK_END.sub("\n\n", text)
    text = html.unescape(strip_tags(text))
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def initial_from_project(project: Project) -> dict:
    """What the Steckbrief already says, for a new entry: the applicant checks and completes it."""
    participants = list(Participant.objects.filter(project=project).select_related("municipality"))
    lead = next((p.municipality for p in participants if p.is_lead), None)
    initial = {
        "project": project.pk,
        "title": project.title,
        "short_description": project.teaser,
        "lead_municipality": lead.pk if lead else None,
        "partners": [p.municipality_id for p in participants if p.municipality_id and not p.is_lead],
        "other_partners": "\n".join(p.organisation for p in participants if not p.municipality_id),
        "occasion": plain_text(project.occasion),
        "goal": plain_text(project.goal),
        "implementation": plain_text(project.implementation),
        "benefit": project.benefit,
        "project_start": project.start,
        "still_in_implementation": project.status in (Project.Status.PLANNED, Project.Status.RUNNING),
        "cooperation_form": project.form,
        "organisation_name": lead.name if lead else "",
        "organisation_kind": _kind_of(lead),
    }
    # The project's public contact is not prefilled: the draft's link would go to that address, which may
    # be someone else's. Their name is only offered as a hint (EntryForm's `contact_hint`).
    return initial


def contact_hint(project: Project) -> str:
    """The contact person the Steckbrief names publicly, as a hint beside the entry's contact field."""
    if not (project.public_contact and project.contact_name):
        return ""
    return f"Im Steckbrief des Projekts ist {project.contact_name} als Ansprechperson genannt."


def _kind_of(municipality) -> str:
    if municipality is None:
        return Entry.OrganisationKind.KOMMUNE
    if municipality.kind == Municipality.Kind.KREIS:
        return Entry.OrganisationKind.KREIS
    if municipality.kind == Municipality.Kind.LANDSCHAFTSVERBAND:
        return Entry.OrganisationKind.VERBAND
    return Entry.OrganisationKind.KOMMUNE


class ProjectStartForm(forms.Form):
    """`?projekt=<slug>` of a new entry: only a well-formed address reaches the database (no NUL, no 500)."""

    projekt = forms.SlugField(max_length=200, required=False)

    def project(self) -> Project | None:
        if not self.is_valid() or not self.cleaned_data["projekt"]:
            return None
        return Project.objects.published().filter(slug=self.cleaned_data["projekt"]).first()


class ProjectSearchForm(KernFormMixin, forms.Form):
    suche = forms.CharField(
        label="Projekt in der Projektdatenbank suchen",
        max_length=200,
        required=False,
        help_text="Titel, Kommune oder Stichwort; die Angaben des Steckbriefs übernehmen wir in Ihre Bewerbung.",
    )


class LinkRequestForm(SpamProtectedForm):
    email = forms.EmailField(
        label="Ihre E-Mail-Adresse",
        max_length=254,
        help_text="Die Adresse, die Sie in der Bewerbung angegeben haben.",
        error_messages={
            "required": "Bitte geben Sie Ihre E-Mail-Adresse ein.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"
