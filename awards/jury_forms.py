"""Forms of the jury area: login, scores, conflict of interest, the chair's choice of winners."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from awards.models import Criterion, Score
from portal.forms_rendering import KernFormMixin

COMMENT_MAX_LENGTH = 5000


class JuryLoginForm(KernFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Benutzername oder Passwort stimmen nicht. Bitte achten Sie auf Groß- und Kleinschreibung.",
        "inactive": "Dieses Konto ist gesperrt. Bitte wenden Sie sich an die Redaktion.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Benutzername"
        self.fields["username"].widget.attrs.update(autocomplete="username", autocapitalize="none")
        self.fields["password"].label = "Passwort"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
        self.fields["username"].error_messages["required"] = "Bitte geben Sie Ihren Benutzernamen ein."
        self.fields["password"].error_messages["required"] = "Bitte geben Sie Ihr Passwort ein."


class ScoreForm(KernFormMixin, forms.Form):
    """Points (0..score_max) and a comment for each criterion of the round; `values()` for the service."""

    def __init__(self, *args, criteria: list[Criterion], score_max: int, own: dict[int, Score], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.score_max = score_max
        range_message = f"Bitte vergeben Sie 0 bis {score_max} Punkte."
        for criterion in criteria:
            points = forms.IntegerField(
                label=f"Punkte für „{criterion.name}“",
                min_value=0,
                max_value=score_max,
                help_text=f"0 bis {score_max}",
                error_messages={
                    "required": f"Bitte vergeben Sie für „{criterion.name}“ 0 bis {score_max} Punkte.",
                    "invalid": f"Bitte geben Sie eine ganze Zahl von 0 bis {score_max} ein.",
                    "min_value": range_message,
                    "max_value": range_message,
                },
                widget=forms.NumberInput(attrs={"min": 0, "max": score_max, "step": 1, "inputmode": "numeric"}),
            )
            comment = forms.CharField(
                label=f"Kommentar zu „{criterion.name}“",
                required=False,
                max_length=COMMENT_MAX_LENGTH,
                error_messages={
                    "max_length": f"Bitte fassen Sie sich kürzer (höchstens {COMMENT_MAX_LENGTH} Zeichen)."
                },
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[self.points_name(criterion)] = points
            self.fields[self.comment_name(criterion)] = comment
            if criterion.pk in own:
                self.initial[self.points_name(criterion)] = own[criterion.pk].value
                self.initial[self.comment_name(criterion)] = own[criterion.pk].comment

    @staticmethod
    def points_name(criterion: Criterion) -> str:
        return f"punkte_{criterion.pk}"

    @staticmethod
    def comment_name(criterion: Criterion) -> str:
        return f"kommentar_{criterion.pk}"

    def groups(self) -> list[tuple[Criterion, forms.BoundField, forms.BoundField]]:
        """(criterion, points field, comment field) per criterion, for the template's fieldsets."""
        return [
            (criterion, self[self.points_name(criterion)], self[self.comment_name(criterion)])
            for criterion in self.criteria
        ]

    def values(self) -> dict[int, tuple[int, str]]:
        return {
            criterion.pk: (
                self.cleaned_data[self.points_name(criterion)],
                self.cleaned_data[self.comment_name(criterion)],
            )
            for criterion in self.criteria
        }


class ConflictForm(KernFormMixin, forms.Form):
    note = forms.CharField(
        label="Anmerkung",
        required=False,
        max_length=2000,
        help_text="z. B. „Ich habe das Projekt beraten.“ Die anderen Jurymitglieder sehen sie nicht.",
        error_messages={"max_length": "Bitte fassen Sie sich kürzer (höchstens 2000 Zeichen)."},
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WinnersForm(forms.Form):
    """The chair's choice: one or more entries of the category. `confirmed` is the second step's button."""

    preistraeger = forms.TypedMultipleChoiceField(
        label="Preisträger",
        coerce=int,
        error_messages={
            "required": "Bitte wählen Sie mindestens einen Beitrag.",
            "invalid_choice": "Diesen Beitrag gibt es in dieser Kategorie nicht.",
        },
    )
    bestaetigt = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, entries: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = {entry.pk: entry for entry in entries}
        self.fields["preistraeger"].choices = [(entry.pk, entry.title) for entry in entries]

    def chosen(self) -> list:
        return [self.entries[pk] for pk in self.cleaned_data["preistraeger"]]
