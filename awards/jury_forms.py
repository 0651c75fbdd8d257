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
    """The chair's decision on a category, in steps: choose one or more entries, or "ohne Preisträger"
    (`ohne_preistraeger`); confirm (`bestaetigt`), or go back to the choice with it kept (`aendern`).

    `step` says which step the submitted data asks for; `chosen()` are the entries chosen so far.
    """

    CHOOSE, CONFIRM, RECORD = "choose", "confirm", "record"

    preistraeger = forms.TypedMultipleChoiceField(
        label="Preisträger",
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Diesen Beitrag gibt es in dieser Kategorie nicht."},
    )
    ohne_preistraeger = forms.BooleanField(required=False, widget=forms.HiddenInput)
    bestaetigt = forms.BooleanField(required=False, widget=forms.HiddenInput)
    aendern = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, entries: list, **kwargs):
        """`entries`: the category's entries in the competition, each with its `jury_name`."""
        super().__init__(*args, **kwargs)
        self.entries = {entry.pk: entry for entry in entries}
        self.fields["preistraeger"].choices = [(entry.pk, entry.jury_name) for entry in entries]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("aendern") or "preistraeger" in self.errors:
            return cleaned
        if cleaned.get("ohne_preistraeger") and cleaned.get("preistraeger"):
            raise forms.ValidationError(
                "Bitte wählen Sie entweder Preisträger oder „ohne Preisträger abschließen“, nicht beides."
            )
        if not cleaned.get("ohne_preistraeger") and not cleaned.get("preistraeger"):
            self.add_error("preistraeger", "Bitte wählen Sie mindestens einen Beitrag.")
        return cleaned

    @property
    def step(self) -> str:
        if not self.is_bound or not self.is_valid() or self.cleaned_data["aendern"]:
            return self.CHOOSE
        return self.RECORD if self.cleaned_data["bestaetigt"] else self.CONFIRM

    @property
    def without_winners(self) -> bool:
        return self.step != self.CHOOSE and self.cleaned_data["ohne_preistraeger"]

    def chosen(self) -> list:
        """The chosen entries (valid choices only), in the order of the list."""
        chosen = set(getattr(self, "cleaned_data", {}).get("preistraeger") or [])
        return [entry for pk, entry in self.entries.items() if pk in chosen]
