"""Field types shared by the apps."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats

MONTH_INPUT = re.compile(r"^\s*(\d{1,2})\s*[./-]\s*(\d{4})\s*$|^\s*(\d{4})\s*-\s*(\d{1,2})\s*$")


class MonthFormField(forms.DateField):
    """A month typed as "03.2021", "3/2021" or "2021-03"; the first day of the month is stored."""

    widget = forms.TextInput(attrs={"placeholder": "MM.JJJJ", "inputmode": "numeric", "size": 8})
    default_error_messages = {"invalid": "Bitte geben Sie Monat und Jahr ein, zum Beispiel 03.2021."}

    def prepare_value(self, value):
        if isinstance(value, datetime.date):
            return value.strftime("%m.%Y")
        return value

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        match = MONTH_INPUT.match(str(value))
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        month, year = (match[1], match[2]) if match[1] else (match[4], match[3])
        try:
            return datetime.date(int(year), int(month), 1)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class MonthField(models.DateField):
    """A date of month precision (project start and end): always the first day of the month."""

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, datetime.date) and value.day != 1:
            setattr(model_instance, self.attname, value.replace(day=1))
        return super().pre_save(model_instance, add)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": MonthFormField, **kwargs})


def month_label(value: datetime.date | None) -> str:
    """ "März 2021" """
    return formats.date_format(value, "F Y") if value else ""
