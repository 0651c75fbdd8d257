"""Forms of the project submission (/projekte/melden/), of "Änderung melden" and of the editors' decisions.

The submission is a form in six steps. Each step is a form of its own, filled in from the stored submission;
its required fields are needed to go on, not to go back (see SubmissionStepForm.blocks_going_back).
"""

import datetime
import re
from collections import Counter
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.datastructures import MultiValueDict
from django.utils.functional import lazy

from portal.fields import MonthFormField
from portal.forms import with_privacy_link
from portal.forms_rendering import KernFormMixin, PlainSelect
from portal.models import Municipality
from portal.spam import SpamProtectedForm
from portal.uploads import IMAGE_FORMATS, validate_document, validate_image
from projects import services
from projects.models import Document, PartnerRequest, Project, Submission, SubmissionFile, Topic
from projects.services import CONTACT_FIELDS, submission_consent_text

STEPS = {
    1: "Absender",
    2: "Projekt",
    3: "Beteiligte Kommunen",
    4: "Inhalte und Kontakt",
    5: "Dateien",
    6: "Prüfen und absenden",
}
FILES_STEP = 5
LAST_STEP = 6
# Kommunen listed by the search of step 3.
SEARCH_RESULTS = 20
IMAGE_CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
TEXT_MAX = 5000
OTHER_PARTICIPANTS_MAX = 30


SEARCH_MAX = 100


def search_text(value) -> str:
    """What was typed into a search, as the database takes it: PostgreSQL text cannot hold NUL characters."""
    return (value or "").replace("\x00", "").strip()[:SEARCH_MAX]


def _pk(value) -> int | None:
    """A row's id from a form's raw data, or None for anything else ("²" is a digit, but no number)."""
    value = str(value or "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 18 else None


class SearchField(forms.CharField):
    """A search field that drops NUL characters instead of refusing them: nobody types one."""

    def to_python(self, value):
        return search_text(super().to_python(value))


def municipality_choices():
    """The Kommunen that take part in projects: Gemeinden, Kreise and the Landschaftsverbände (not the Bezirke)."""
    return Municipality.objects.exclude(kind=Municipality.Kind.REGIERUNGSBEZIRK).only("pk", "short_name").by_name()


def municipality_details():
    """The same, with what tells Kommunen of the same name apart (kind, Kreis), for lists to pick from."""
    return (
        Municipality.objects.exclude(kind=Municipality.Kind.REGIERUNGSBEZIRK)
        .select_related("kreis")
        .only("pk", "short_name", "name", "kind", "kreis__short_name", "kreis__name", "kreis__kind")
        .by_name()
    )


def municipality_detail_label(municipality: Municipality) -> str:
    """ "Gemeinde im Kreis Borken", "kreisfreie Stadt" """
    kind = municipality.get_kind_display()
    if municipality.kreis_id:
        return f"{kind} {municipality.kreis.with_preposition}"
    return kind


def _too_long(limit: int) -> dict:
    return {"max_length": f"Bitte fassen Sie sich kürzer: höchstens {limit} Zeichen (jetzt %(show_value)d)."}


EMAIL_MESSAGES = {
    "required": "Bitte geben Sie eine E-Mail-Adresse ein.",
    "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de.",
}


def step_target(action: str, step: int) -> int:
    """Where a button of a step leads: "weiter", "zurueck", "suchen" and "hochladen" (stay) or "schritt-<n>" (the
    step navigation, which saves first when JavaScript is on)."""
    if action.startswith("schritt-"):
        target = _pk(action.removeprefix("schritt-"))
        target = step if target is None else target
    else:
        target = {"zurueck": step - 1, "suchen": step, "hochladen": step}.get(action, step + 1)
    return min(max(target, 1), LAST_STEP)


def file_to_remove(action: str) -> int | None:
    """The file a button "entfernen-<id>" of step 5 removes."""
    return _pk(action.removeprefix("entfernen-")) if action.startswith("entfernen-") else None


class SubmissionStepForm(KernFormMixin, forms.Form):
    """One step: its fields are fields of Submission, filled in from it; `required_fields` to go on."""

    step: int
    required_fields: list[str] = []

    def __init__(self, *args, submission: Submission | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission = submission
        if submission is not None:
            for name in self.submission_fields():
                field = Submission._meta.get_field(name)
                if field.many_to_many:
                    value = [obj.pk for obj in getattr(submission, name).all()] if submission.pk else []
                elif field.is_relation:
                    value = getattr(submission, field.attname)
                else:
                    value = getattr(submission, name)
                self.initial.setdefault(name, value)
        for name in self.required_fields:
            self.fields[name].required = True

    @classmethod
    def submission_fields(cls) -> list[str]:
        names = {field.name for field in Submission._meta.get_fields()}
        if issubclass(cls, SpamProtectedForm):
            names -= set(SpamProtectedForm.base_fields)  # its honeypot is called "website"
        return [name for name in cls.base_fields if name in names]

    def values(self) -> dict:
        """The cleaned values of the submission's fields (those that passed, when going back)."""
        return {name: self.cleaned_data[name] for name in self.submission_fields() if name in self.cleaned_data}

    def blocks_going_back(self) -> bool:
        """Going back stores what is valid; only wrong input (not missing input) keeps the person here."""
        return any(error.code != "required" for errors in self.errors.as_data().values() for error in errors)

    def save(self, *, action: str) -> int | None:
        """Store the step as the button asks; returns the step to go to, or None when the page must show errors.

        "Weiter" needs the step complete and reaches the next one; "Zurück", the search and the step navigation
        store what is valid. A submission sent meanwhile (another tab) raises SubmissionNotEditableError.
        """
        valid = self.is_valid()
        if not valid and (action == "weiter" or self.blocks_going_back()):
            return None
        services.save_submission_step(
            submission=self.submission, values=self.values(), reached_step=self.step + 1 if valid else self.step
        )
        return step_target(action, self.step)

    def redirect_suffix(self, action: str) -> str:
        """What the address of the next page carries after the step's path (the search of step 3)."""
        return ""

    @classmethod
    def missing(cls, submission: Submission) -> list[str]:
        """The labels of what the stored submission lacks for this step."""
        labels = []
        for name in cls.required_fields:
            field = Submission._meta.get_field(name)
            empty = not getattr(submission, name).exists() if field.many_to_many else not getattr(submission, name)
            if empty:
                labels.append(str(cls.base_fields[name].label))
        return labels


class SenderForm(SpamProtectedForm, SubmissionStepForm):
    """Step 1: who sends the project. Starting a submission is protected against spam (honeypot, time)."""

    step = 1

    submitter_name = forms.CharField(
        label="Ihr Name", max_length=200, error_messages={"required": "Bitte geben Sie Ihren Namen ein."}
    )
    submitter_email = forms.EmailField(
        label="Ihre E-Mail-Adresse",
        max_length=254,
        help_text="Dorthin schicken wir den Link zum Bestätigen, die Eingangsbestätigung und Rückfragen.",
        error_messages=EMAIL_MESSAGES,
    )
    submitter_municipality = forms.ModelChoiceField(
        label="Ihre Kommune",
        queryset=municipality_choices(),
        required=False,
        empty_label="– keine Kommune in NRW –",
        widget=PlainSelect,
        help_text="Die Stadt, die Gemeinde oder der Kreis, für die Sie das Projekt melden.",
        error_messages={"invalid_choice": "Diese Kommune gibt es nicht. Bitte wählen Sie aus der Liste."},
    )
    submitter_organisation = forms.CharField(
        label="Andere Organisation oder Dienststelle",
        max_length=200,
        required=False,
        help_text="Wenn Sie nicht für eine Kommune melden, z. B. für einen Zweckverband oder ein kommunales "
        "Unternehmen.",
    )
    submitter_function = forms.CharField(
        label="Ihre Funktion",
        max_length=200,
        help_text="z. B. Leiterin des Hauptamts, Referent für Digitalisierung",
        error_messages={"required": "Bitte nennen Sie Ihre Funktion."},
    )
    submitter_phone = forms.CharField(
        label="Ihre Telefonnummer",
        max_length=50,
        required=False,
        help_text="Für Rückfragen der Redaktion; sie wird nicht veröffentlicht.",
    )

    required_fields = ["submitter_name", "submitter_email", "submitter_function"]
    field_order = [
        "submitter_name",
        "submitter_email",
        "submitter_municipality",
        "submitter_organisation",
        "submitter_function",
        "submitter_phone",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, autocomplete in (
            ("submitter_name", "name"),
            ("submitter_email", "email"),
            ("submitter_organisation", "organization"),
            ("submitter_function", "organization-title"),
            ("submitter_phone", "tel"),
        ):
            self.fields[name].widget.attrs["autocomplete"] = autocomplete

    def clean(self):
        if self.submission is not None:
            # Editing a draft that began with the spam checks: no minimum time for the prefilled step.
            cleaned_data = forms.Form.clean(self)
            if cleaned_data.get("website"):
                raise ValidationError("Ihre Angaben konnten nicht angenommen werden.", code="honeypot")
        else:
            cleaned_data = super().clean()
        neither = not cleaned_data.get("submitter_municipality") and not cleaned_data.get("submitter_organisation")
        if neither and "submitter_municipality" not in self.errors:
            self.add_error(
                "submitter_municipality",
                ValidationError("Bitte wählen Sie Ihre Kommune oder nennen Sie Ihre Organisation.", code="required"),
            )
        return cleaned_data

    @classmethod
    def missing(cls, submission):
        labels = super().missing(submission)
        if not submission.submitter_municipality_id and not submission.submitter_organisation:
            labels.append("Ihre Kommune oder Organisation")
        return labels


class ProjectForm(SubmissionStepForm):
    """Step 2: what the project is."""

    step = 2

    title = forms.CharField(
        label="Titel des Projekts",
        max_length=200,
        help_text="Kurz und genau, z. B. „Gemeinsamer Bauhof der Gemeinden Heek und Schöppingen“.",
        error_messages={"required": "Bitte geben Sie den Titel des Projekts ein.", **_too_long(200)},
    )
    teaser = forms.CharField(
        label="Kurzbeschreibung",
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Zwei bis drei Sätze: Wer macht was gemeinsam, und wozu? Sie stehen in der Projektliste.",
        error_messages={"required": "Bitte beschreiben Sie das Projekt in zwei bis drei Sätzen.", **_too_long(600)},
    )
    topics = forms.ModelMultipleChoiceField(
        label="Themenfelder",
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Eines oder mehrere.",
        error_messages={
            "required": "Bitte wählen Sie mindestens ein Themenfeld.",
            "invalid_choice": "Dieses Themenfeld gibt es nicht (mehr). Bitte wählen Sie aus der Liste.",
        },
    )
    form = forms.ChoiceField(
        label="Form der Zusammenarbeit",
        choices=[("", "Bitte wählen")] + Project.Form.choices,
        help_text="Nach dem Gesetz über kommunale Gemeinschaftsarbeit (GkG NRW) oder eine andere Form.",
        error_messages={"required": "Bitte wählen Sie die Form der Zusammenarbeit."},
    )
    status = forms.ChoiceField(
        label="Stand des Projekts",
        choices=[("", "Bitte wählen")] + Project.Status.choices,
        error_messages={"required": "Bitte wählen Sie, wie weit das Projekt ist."},
    )
    start = MonthFormField(label="Beginn", required=False, help_text="Monat und Jahr, z. B. 03.2021.")
    website = forms.URLField(
        label="Website des Projekts",
        required=False,
        assume_scheme="https",
        help_text="Falls es eine gibt, z. B. https://www.beispiel-kommune.de/bauhof",
        error_messages={"invalid": "Bitte geben Sie eine vollständige Adresse ein, z. B. https://www.kommune.de."},
    )

    required_fields = ["title", "teaser", "topics", "form", "status"]


class ParticipantsForm(SubmissionStepForm):
    """Step 3: the lead Kommune, the other Kommunen (chosen from a search) and other participants."""

    step = 3

    lead_municipality = forms.ModelChoiceField(
        label="Hauptverantwortliche Kommune",
        queryset=municipality_choices(),
        empty_label="Bitte wählen",
        widget=PlainSelect,
        help_text="Die Kommune, die das Projekt federführend betreut.",
        error_messages={
            "required": "Bitte wählen Sie die hauptverantwortliche Kommune.",
            "invalid_choice": "Diese Kommune gibt es nicht. Bitte wählen Sie aus der Liste.",
        },
    )
    municipalities = forms.ModelMultipleChoiceField(
        label="Weitere beteiligte Kommunen",
        queryset=municipality_choices(),
        required=False,
        error_messages={"invalid_choice": "Eine der gewählten Kommunen gibt es nicht. Bitte suchen Sie sie neu."},
    )
    other_participants = forms.CharField(
        label="Weitere Beteiligte",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Organisationen, die keine Kommune in NRW sind, z. B. die GPA NRW, ein IT-Dienstleister oder "
        "eine Gemeinde in den Niederlanden. Eine pro Zeile.",
    )
    # Not stored: the search for Kommunen to add.
    q = SearchField(label="Name der Kommune", required=False, max_length=SEARCH_MAX)

    required_fields = ["lead_municipality"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"autocomplete": "off", "type": "search"})

    def clean_other_participants(self):
        names = [line.strip() for line in self.cleaned_data["other_participants"].splitlines() if line.strip()]
        if len(names) > OTHER_PARTICIPANTS_MAX:
            raise ValidationError(f"Bitte nennen Sie höchstens {OTHER_PARTICIPANTS_MAX} weitere Beteiligte.")
        if any(len(name) > 200 for name in names):
            raise ValidationError("Ein Name ist länger als 200 Zeichen. Bitte nur einen Namen pro Zeile.")
        return "\n".join(dict.fromkeys(names))

    def clean(self):
        cleaned_data = super().clean()
        lead = cleaned_data.get("lead_municipality")
        partners = [m for m in cleaned_data.get("municipalities") or [] if m != lead]
        if "municipalities" in cleaned_data:
            cleaned_data["municipalities"] = partners
        if not partners and not cleaned_data.get("other_participants") and not self.errors:
            self.add_error(
                "municipalities",
                ValidationError(
                    "Zur Zusammenarbeit gehören mindestens zwei: Bitte fügen Sie mindestens eine weitere Kommune "
                    "hinzu oder nennen Sie weitere Beteiligte.",
                    code="required",
                ),
            )
        return cleaned_data

    @property
    def lead_id(self) -> int | None:
        return _pk(self["lead_municipality"].value())

    @property
    def query(self) -> str:
        """The search for Kommunen as sent (also when another field of the step is wrong)."""
        return search_text(self.data.get("q")) if self.is_bound else ""

    def redirect_suffix(self, action: str) -> str:
        if action != "suchen":
            return ""
        return f"?{urlencode({'suche': self.query})}#suche" if self.query else "#suche"

    def search(self, query: str) -> dict:
        """The Kommunen ticked so far and those found by the search, as checkboxes (the step works without JS)."""
        chosen = self.chosen
        results = []
        if query:
            excluded = [m.pk for m in chosen] + [self.lead_id or 0]
            results = list(municipality_details().search(query).exclude(pk__in=excluded)[: SEARCH_RESULTS + 1])
        for municipality in [*chosen, *results]:
            municipality.detail = municipality_detail_label(municipality)
        return {
            "chosen": chosen,
            "query": query,
            "results": results[:SEARCH_RESULTS],
            "more_results": len(results) > SEARCH_RESULTS,
        }

    @property
    def chosen(self) -> list[Municipality]:
        """The Kommunen ticked in the list, as sent or as stored (for the checkboxes), without the lead."""
        if self.is_bound:
            ids = [pk for pk in map(_pk, self.data.getlist("municipalities")) if pk is not None]
        else:
            ids = self.initial.get("municipalities", [])
        return list(municipality_details().filter(pk__in=ids).exclude(pk=self.lead_id))

    @classmethod
    def missing(cls, submission):
        labels = super().missing(submission)
        partners = submission.municipalities.exclude(pk=submission.lead_municipality_id)
        if not partners.exists() and not submission.other_participant_names:
            labels.append("mindestens eine weitere Kommune oder Organisation")
        return labels


class ContentForm(SubmissionStepForm):
    """Step 4: the sections of the Steckbrief and the contact person."""

    step = 4

    occasion = forms.CharField(
        label="Anlass",
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Warum haben die Kommunen zusammengefunden? Welche Aufgabe wollten sie gemeinsam lösen?",
        error_messages={"required": "Bitte beschreiben Sie den Anlass.", **_too_long(TEXT_MAX)},
    )
    goal = forms.CharField(
        label="Ziel",
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Was soll die Zusammenarbeit erreichen: Kosten, Qualität, Service für die Bürgerinnen und Bürger?",
        error_messages={"required": "Bitte beschreiben Sie das Ziel.", **_too_long(TEXT_MAX)},
    )
    implementation = forms.CharField(
        label="Umsetzung",
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Wie arbeiten die Kommunen zusammen, und was ist schon erreicht? Absätze durch eine Leerzeile.",
        error_messages=_too_long(TEXT_MAX),
    )
    contact_name = forms.CharField(
        label="Name der Ansprechperson",
        max_length=200,
        help_text="Wer beantwortet Fragen anderer Kommunen zum Projekt?",
        error_messages={"required": "Bitte nennen Sie eine Ansprechperson."},
    )
    contact_function = forms.CharField(label="Funktion der Ansprechperson", max_length=200, required=False)
    contact_email = forms.EmailField(label="E-Mail der Ansprechperson", max_length=254, error_messages=EMAIL_MESSAGES)
    contact_phone = forms.CharField(label="Telefon der Ansprechperson", max_length=50, required=False)
    contact_consent = forms.BooleanField(
        label="Kontaktdaten veröffentlichen",
        required=False,
        help_text="Nur ankreuzen, wenn die Ansprechperson einverstanden ist, dass Name, Funktion, E-Mail und Telefon "
        "auf der Projektseite stehen. Sonst bleiben sie bei der Redaktion.",
    )

    required_fields = ["occasion", "goal", "contact_name", "contact_email"]

    def __init__(self, *args, submission=None, **kwargs):
        super().__init__(*args, submission=submission, **kwargs)
        if submission is not None and submission.hidden_fields:
            # A change by someone else, of a project whose contact is not published: the fields start empty,
            # and left empty the contact stays as it is.
            for name in CONTACT_FIELDS:
                self.fields[name].required = False
        elif submission is not None and not submission.contact_name and not submission.contact_email:
            # Most often the person who reports the project answers questions about it too.
            self.initial.update(
                contact_name=submission.submitter_name,
                contact_function=submission.submitter_function,
                contact_email=submission.submitter_email,
                contact_phone=submission.submitter_phone,
            )

    @classmethod
    def missing(cls, submission):
        labels = super().missing(submission)
        if submission.hidden_fields:
            hidden = {str(cls.base_fields[name].label) for name in CONTACT_FIELDS}
            labels = [label for label in labels if label not in hidden]
        return labels


STEP_FORMS = {1: SenderForm, 2: ProjectForm, 3: ParticipantsForm, 4: ContentForm}


def missing_by_step(submission: Submission) -> dict[int, list[str]]:
    """What the submission lacks before it can be sent, by step."""
    missing = {step: form_class.missing(submission) for step, form_class in STEP_FORMS.items()}
    return {step: labels for step, labels in missing.items() if labels}


FILE_FIELDS = ("document", "image")


class FilesForm(KernFormMixin, forms.Form):
    """Step 5: one document and/or one picture at a time, checked by content. Files the request reader refused
    (too large) arrive as `refused`; `existing` are the files the submission has already."""

    document = forms.FileField(
        label="Dokument",
        required=False,
        help_text="PDF, Word, Excel, PowerPoint oder OpenDocument, höchstens "
        f"{filesizeformat(settings.DOCUMENT_MAX_BYTES)}: z. B. die öffentlich-rechtliche Vereinbarung, eine "
        "Satzung, eine Beschlussvorlage oder einen Bericht.",
    )
    document_title = forms.CharField(
        label="Titel des Dokuments",
        max_length=300,
        required=False,
        help_text="So erscheint es in der Dokumentbibliothek, z. B. „Öffentlich-rechtliche Vereinbarung Bauhof“.",
    )
    document_kind = forms.ChoiceField(
        label="Art des Dokuments", choices=Document.Kind.choices, initial=Document.Kind.OTHER, required=False
    )
    image = forms.FileField(
        label="Bild",
        required=False,
        help_text=f"JPEG, PNG oder WebP, höchstens {filesizeformat(settings.IMAGE_MAX_BYTES)} und 40 Megapixel.",
    )
    image_alt_text = forms.CharField(
        label="Was ist auf dem Bild zu sehen?",
        max_length=300,
        required=False,
        help_text="Für Menschen, die das Bild nicht sehen können, z. B. „Die Bürgermeisterinnen von Heek und "
        "Schöppingen unterzeichnen die Vereinbarung“.",
    )
    image_credit = forms.CharField(
        label="Bildnachweis", max_length=200, required=False, help_text="z. B. © Gemeinde Heek"
    )

    def __init__(self, data=None, files=None, *, submission, existing, refused=None, **kwargs):
        if files is not None:
            # One file per field, the first: a crafted request may send more (see SizeLimitHandler).
            files = MultiValueDict({name: files.getlist(name)[:1] for name in FILE_FIELDS if files.getlist(name)})
        super().__init__(data, files or None, **kwargs)
        self.submission = submission
        self.refused = refused or {}
        self.counts = Counter(f.kind for f in existing)
        # The bytes of the files the submission has, and of those of this request accepted so far.
        self.used_bytes = sum(f.size for f in existing)
        self.file_types = {}
        # What save() stored.
        self.stored: list[SubmissionFile] = []

    def _refused_message(self, name: str) -> str:
        refused = self.refused[name]
        return (
            f"Die Datei „{refused.file_name}“ ist zu groß ({filesizeformat(refused.size)}). Erlaubt sind höchstens "
            f"{filesizeformat(refused.limit)}. Bitte verkleinern Sie sie, z. B. als PDF mit geringerer Auflösung."
        )

    def _check_quota(self, upload) -> None:
        if self.used_bytes + upload.size > settings.SUBMISSION_MAX_BYTES:
            raise ValidationError(services.quota_message(used=self.used_bytes, size=upload.size))
        self.used_bytes += upload.size

    def _check_count(self, kind: str, limit: int, noun: str) -> None:
        if self.counts.get(kind, 0) >= limit:
            raise ValidationError(f"Sie haben schon {limit} {noun} hochgeladen; mehr sind nicht möglich.")

    def clean_document(self):
        if "document" in self.refused:
            raise ValidationError(self._refused_message("document"))
        upload = self.cleaned_data["document"]
        if upload:
            self._check_count(SubmissionFile.Kind.DOCUMENT, settings.SUBMISSION_MAX_DOCUMENTS, "Dokumente")
            self.file_types["document"] = validate_document(upload, max_bytes=settings.DOCUMENT_MAX_BYTES)
            self._check_quota(upload)
        return upload

    def clean_image(self):
        if "image" in self.refused:
            raise ValidationError(self._refused_message("image"))
        upload = self.cleaned_data["image"]
        if upload:
            self._check_count(SubmissionFile.Kind.IMAGE, settings.SUBMISSION_MAX_IMAGES, "Bilder")
            self.file_types["image"] = validate_image(upload, max_bytes=settings.IMAGE_MAX_BYTES)
            self._check_quota(upload)
        return upload

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("document") and not cleaned_data.get("document_title", "").strip():
            self.add_error("document_title", "Bitte geben Sie dem Dokument einen Titel.")
        if cleaned_data.get("image") and not cleaned_data.get("image_alt_text", "").strip():
            self.add_error("image_alt_text", "Bitte beschreiben Sie, was auf dem Bild zu sehen ist.")
        if self.errors:
            # A browser never keeps a chosen file after an error; say so where the file was accepted.
            for name in FILE_FIELDS:
                if cleaned_data.get(name) and name not in self.errors:
                    self.add_error(name, "Die Datei war in Ordnung; bitte wählen Sie sie noch einmal aus.")
        return cleaned_data

    def has_upload(self) -> bool:
        return bool(self.files) or bool(self.refused)

    def save(self, *, action: str) -> int | None:
        """Store the chosen files and return the step the button leads to ("hochladen": this one); None when the
        page must show errors. A submission sent meanwhile (another tab) raises SubmissionNotEditableError."""
        if self.has_upload():
            if not self.is_valid():
                return None
            for upload in self.uploads():
                try:
                    self.stored.append(services.add_submission_file(submission=self.submission, **upload))
                except services.SubmissionNotEditableError:
                    raise
                except services.SubmissionError as error:  # a limit, reached by an upload in another tab
                    self.add_error(None, str(error))
                    return None
        elif action == "hochladen":
            self.add_error(None, "Bitte wählen Sie zuerst eine Datei aus.")
            return None
        target = step_target(action, FILES_STEP)
        if target == LAST_STEP:
            services.save_submission_step(submission=self.submission, values={}, reached_step=LAST_STEP)
        return target

    def uploads(self) -> list[dict]:
        """The accepted files as arguments of projects.services.add_submission_file."""
        data, result = self.cleaned_data, []
        if data.get("document"):
            file_type = self.file_types["document"]
            result.append(
                {
                    "upload": data["document"],
                    "kind": SubmissionFile.Kind.DOCUMENT,
                    "content_type": file_type.content_type,
                    "extension": file_type.extension,
                    "limit": settings.SUBMISSION_MAX_DOCUMENTS,
                    "title": data["document_title"],
                    "document_kind": data.get("document_kind") or Document.Kind.OTHER,
                }
            )
        if data.get("image"):
            image_format = self.file_types["image"]
            result.append(
                {
                    "upload": data["image"],
                    "kind": SubmissionFile.Kind.IMAGE,
                    "content_type": IMAGE_CONTENT_TYPES[image_format],
                    "extension": IMAGE_FORMATS[image_format],
                    "limit": settings.SUBMISSION_MAX_IMAGES,
                    "alt_text": data["image_alt_text"],
                    "credit": data["image_credit"],
                }
            )
        return result


class SendForm(SpamProtectedForm):
    """Step 6: the consent, then the submission is sent."""

    consent = forms.BooleanField(
        label="Einwilligung und Rechte an den Dateien",
        help_text=lazy(lambda: with_privacy_link(submission_consent_text()), str)(),
        error_messages={
            "required": "Bitte stimmen Sie zu, damit wir Ihre Meldung bearbeiten und veröffentlichen dürfen."
        },
    )


class ReportChangeForm(SpamProtectedForm):
    """ "Änderung melden": where to send the link to the form, filled in with the project."""

    email = forms.EmailField(
        label="Ihre E-Mail-Adresse",
        max_length=254,
        help_text="Wir schicken Ihnen einen Link zum Formular, in dem die Angaben des Projekts schon stehen. "
        "Er gilt 3 Tage und nur einmal.",
        error_messages=EMAIL_MESSAGES,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"


# --- The editors' decisions in the admin ---------------------------------------------------------------------


class ApproveForm(forms.Form):
    publish = forms.BooleanField(
        label="Sofort veröffentlichen",
        required=False,
        initial=True,
        help_text="Sonst wird das neue Projekt als Entwurf angelegt, und seine Dokumente sind nicht "
        "veröffentlicht (in der Dokumentbibliothek einzeln zu veröffentlichen).",
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Begründung",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        help_text="Steht in der E-Mail an die absendende Person.",
        error_messages={"required": "Bitte begründen Sie die Ablehnung."},
    )


class RequestChangesForm(forms.Form):
    message = forms.CharField(
        label="Was soll geändert oder ergänzt werden?",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8, "cols": 80}),
        help_text="Steht in der E-Mail an die absendende Person, mit einem Link zum ausgefüllten Formular, und "
        "über dem Formular.",
        error_messages={"required": "Bitte schreiben Sie, was geändert werden soll."},
    )


# Partnersuche ---------------------------------------------------------------------------------------

PARTNER_TOPICS_MAX = 3
# The sentence the title completes, typed again (with "…", "..." or ":" after it); it is removed.
PARTNER_HEADLINE_PREFIX = re.compile(r"^wir\s+suchen\s+partner\s+f(?:ü|ue)r(?=[\s.…:]|$)", re.IGNORECASE)
PARTNER_TITLE_MISSING = "Bitte ergänzen Sie, wofür Sie Partner suchen."


def clean_partner_title(text: str) -> str:
    """The part after "Wir suchen Partner für", without the sentence itself, ellipses and the final full stop."""
    title = PARTNER_HEADLINE_PREFIX.sub("", " ".join(text.split()))
    title = title.lstrip(" .…:").rstrip(" .…")
    if not title:
        raise forms.ValidationError(PARTNER_TITLE_MISSING)
    return title


def _date_text(day) -> str:
    return formats.date_format(day, "j. F Y")


class ExpiryDateInput(forms.DateInput):
    """The browser's date picker; without it (old browsers) a text field that also takes 31.05.2027."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _expiry_field(**kwargs) -> forms.DateField:
    return forms.DateField(
        widget=ExpiryDateInput,
        error_messages={
            "required": "Bitte geben Sie an, bis wann Sie Partner suchen.",
            "invalid": "Bitte geben Sie ein Datum ein, z. B. 31.05.2027.",
        },
        **kwargs,
    )


class PartnerRequestForm(SpamProtectedForm):
    """A Kommune's "Wir suchen Partner für …" (public, then confirmed by mail and checked by the editors)."""

    municipality = forms.ModelChoiceField(
        label="Ihre Kommune",
        queryset=Municipality.objects.exclude(kind=Municipality.Kind.REGIERUNGSBEZIRK)
        .only("pk", "short_name")
        .by_name(),
        empty_label="– bitte wählen –",
        widget=PlainSelect,
        help_text="Die Stadt, die Gemeinde oder der Kreis, für die oder den Sie Partner suchen.",
        error_messages={
            "required": "Bitte wählen Sie Ihre Kommune.",
            "invalid_choice": "Diese Kommune gibt es nicht. Bitte wählen Sie aus der Liste.",
        },
    )
    title = forms.CharField(
        label="Wir suchen Partner für …",
        max_length=160,
        help_text="Ergänzen Sie den Satz, z. B. „einen gemeinsamen Bauhof“ oder „die Ausbildung in der "
        "Steuerverwaltung“.",
        error_messages={
            "required": PARTNER_TITLE_MISSING,
            "max_length": "Bitte fassen Sie sich kürzer: höchstens %(limit_value)d Zeichen.",
        },
    )
    topics = forms.ModelMultipleChoiceField(
        label="Themenfelder",
        queryset=Topic.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=f"Eines bis {PARTNER_TOPICS_MAX}: Danach filtern Interessierte die Liste.",
        error_messages={
            "required": "Bitte wählen Sie mindestens ein Themenfeld.",
            "invalid_choice": "Dieses Themenfeld gibt es nicht. Bitte wählen Sie aus der Liste.",
            "invalid_pk_value": "Dieses Themenfeld gibt es nicht. Bitte wählen Sie aus der Liste.",
        },
    )
    region = forms.ChoiceField(
        label="Wo suchen Sie Partner?",
        required=False,
        help_text="Ein Regierungsbezirk oder Kreis; ohne Auswahl in ganz Nordrhein-Westfalen.",
        error_messages={"invalid_choice": "Diese Region gibt es nicht. Bitte wählen Sie aus der Liste."},
    )
    description = forms.CharField(
        label="Beschreibung",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Was haben Sie vor, was bringen Sie mit, und wen suchen Sie? Zum Beispiel Aufgabe, Größe, "
        "Zeitplan, Form der Zusammenarbeit.",
        error_messages={
            "required": "Bitte beschreiben Sie kurz Ihr Vorhaben.",
            "max_length": "Bitte fassen Sie sich kürzer: höchstens %(limit_value)d Zeichen.",
        },
    )
    contact_name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="Steht mit E-Mail-Adresse und Telefon auf der Seite der Partnersuche.",
        error_messages={"required": "Bitte nennen Sie eine Ansprechperson."},
    )
    contact_function = forms.CharField(
        label="Funktion", max_length=200, required=False, help_text="z. B. Kämmerin, Leiter des Bauamts"
    )
    contact_email = forms.EmailField(
        label="E-Mail-Adresse",
        max_length=254,
        help_text="Dorthin schicken wir den Link, mit dem Sie die Partnersuche bestätigen.",
        error_messages={
            "required": "Bitte geben Sie eine E-Mail-Adresse ein.",
            "invalid": "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de.",
        },
    )
    contact_phone = forms.CharField(label="Telefon", max_length=50, required=False)
    expires_on = _expiry_field(
        label="Gesucht bis",
        help_text=f"Mindestens {services.PARTNER_MIN_DAYS} Tage, höchstens 12 Monate. Eine Woche vorher erinnern "
        "wir Sie; dann können Sie verlängern.",
    )
    consent = forms.BooleanField(
        label="Einwilligung in die Veröffentlichung",
        help_text=lazy(lambda: with_privacy_link(services.partner_consent_text()), str)(),
        error_messages={"required": "Bitte stimmen Sie zu, damit wir Ihre Partnersuche veröffentlichen dürfen."},
    )

    field_order = [
        "municipality",
        "title",
        "topics",
        "region",
        "description",
        "contact_name",
        "contact_function",
        "contact_email",
        "contact_phone",
        "expires_on",
        "consent",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.initial.setdefault("expires_on", services.add_months(today, 6))
        areas = list(
            Municipality.objects.filter(kind__in=[Municipality.Kind.REGIERUNGSBEZIRK, Municipality.Kind.KREIS])
            .only("slug", "short_name", "kind")
            .by_name()
        )
        self.regions = {area.slug: area for area in areas}
        self.fields["region"].choices = [
            ("", "In ganz Nordrhein-Westfalen"),
            (
                "Regierungsbezirke",
                [(a.slug, a.short_name) for a in areas if a.kind == Municipality.Kind.REGIERUNGSBEZIRK],
            ),
            ("Kreise", [(a.slug, a.short_name) for a in areas if a.kind == Municipality.Kind.KREIS]),
        ]
        latest = services.latest_partner_expiry(today)
        earliest = services.earliest_partner_expiry(today)
        self.fields["expires_on"].widget.attrs.update({"min": earliest.isoformat(), "max": latest.isoformat()})
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["contact_function"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"

    def clean_title(self):
        # Whoever types the whole sentence gets it once, not twice.
        return clean_partner_title(self.cleaned_data["title"])

    def clean_topics(self):
        topics = self.cleaned_data["topics"]
        if len(topics) > PARTNER_TOPICS_MAX:
            raise forms.ValidationError(f"Bitte wählen Sie höchstens {PARTNER_TOPICS_MAX} Themenfelder.")
        return topics

    def clean_region(self):
        slug = self.cleaned_data["region"]
        return self.regions[slug] if slug else None

    def clean_expires_on(self):
        return clean_expiry(self.cleaned_data["expires_on"], min_days=services.PARTNER_MIN_DAYS)

    def create(self):
        data = self.cleaned_data
        return services.create_partner_request(
            municipality=data["municipality"],
            title=data["title"],
            topics=data["topics"],
            region=data["region"],
            description=data["description"],
            contact_name=data["contact_name"],
            contact_function=data["contact_function"],
            contact_email=data["contact_email"],
            contact_phone=data["contact_phone"],
            expires_on=data["expires_on"],
        )


def clean_expiry(day, *, after=None, min_days: int = 1):
    """A date after today (and after `after`, the current expiry), at least `min_days` ahead and at most
    12 months."""
    today = timezone.localdate()
    latest = services.latest_partner_expiry(today)
    earliest = max(today, after) if after else today
    if day <= earliest:
        if after and after >= today:
            raise forms.ValidationError(f"Bitte wählen Sie ein Datum nach dem {_date_text(after)}.")
        raise forms.ValidationError("Bitte wählen Sie ein Datum in der Zukunft.")
    if day < today + datetime.timedelta(days=min_days):
        first = today + datetime.timedelta(days=min_days)
        raise forms.ValidationError(
            f"Bitte wählen Sie ein Datum frühestens am {_date_text(first)}: Die Suche soll mindestens "
            f"{min_days} Tage zu sehen sein."
        )
    if day > latest:
        raise forms.ValidationError(f"Höchstens 12 Monate im Voraus: spätestens am {_date_text(latest)}.")
    return day


class PartnerRequestExtendForm(KernFormMixin, forms.Form):
    """The sender keeps the request on the site longer."""

    expires_on = _expiry_field(label="Neues Datum: gesucht bis", help_text="Höchstens 12 Monate ab heute.")

    def __init__(self, *args, partner_request, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner_request = partner_request
        today = timezone.localdate()
        latest = services.latest_partner_expiry(today)
        self.initial.setdefault(
            "expires_on", min(services.add_months(max(partner_request.expires_on, today), 3), latest)
        )
        earliest = max(today, partner_request.expires_on) + datetime.timedelta(days=1)
        self.fields["expires_on"].widget.attrs.update({"min": earliest.isoformat(), "max": latest.isoformat()})

    def clean_expires_on(self):
        return clean_expiry(self.cleaned_data["expires_on"], after=self.partner_request.expires_on)


class PartnerRequestRejectForm(KernFormMixin, forms.Form):
    """The editors' reason for refusing a request; it goes to the sender as written."""

    reason = forms.CharField(
        label="Begründung für die Kommune",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Steht so in der E-Mail an die Ansprechperson.",
        error_messages={"required": "Bitte begründen Sie die Ablehnung; die Kommune erfährt sie per E-Mail."},
    )


class PartnerRequestPublishForm(KernFormMixin, forms.Form):
    """The editors' new date for requests whose own date passed while they waited for the decision."""

    expires_on = _expiry_field(
        label="Neues Datum: gesucht bis",
        help_text="Gilt für die abgelaufenen Partnersuchen; höchstens 12 Monate ab heute. Die Kommune liest es in "
        "der E-Mail zur Veröffentlichung.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.initial.setdefault("expires_on", services.add_months(today, 3))
        latest = services.latest_partner_expiry(today)
        tomorrow = today + datetime.timedelta(days=1)
        self.fields["expires_on"].widget.attrs.update({"min": tomorrow.isoformat(), "max": latest.isoformat()})

    def clean_expires_on(self):
        return clean_expiry(self.cleaned_data["expires_on"])


class PartnerRequestAdminForm(forms.ModelForm):
    """The editors' corrections: the same rules for title, address and date as the public form."""

    class Meta:
        model = PartnerRequest
        fields = [
            "municipality",
            "title",
            "topics",
            "region",
            "description",
            "contact_name",
            "contact_function",
            "contact_email",
            "contact_phone",
            "expires_on",
        ]

    def clean_title(self):
        return clean_partner_title(self.cleaned_data["title"])

    def clean_contact_email(self):
        # Stored in lower case (a constraint): the links and reminders go to one address, however it was typed.
        return self.cleaned_data["contact_email"].strip().lower()

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        # An unchanged date may lie in the past (an expired request whose contact is corrected).
        if day is not None and "expires_on" in self.changed_data:
            return clean_expiry(day)
        return day
