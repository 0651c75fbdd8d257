"""Form fields rendered the KERN way, with errors and hints tied to the input for screen readers."""

from django import forms
from django.forms.boundfield import BoundField


class KernBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "kern-form-check__checkbox"
        elif isinstance(widget, forms.Select):
            css = "kern-form-input__select"
        else:
            css = "kern-form-input__input"
        if self.errors:
            css += f" {css}--error"
            attrs["aria-invalid"] = "true"
        attrs["class"] = f"{attrs.get('class', '')} {css}".strip()
        described_by = []
        if self.help_text:
            described_by.append(f"{self.auto_id}_helptext")
        if self.errors:
            described_by.append(f"{self.auto_id}_error")
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        return attrs


class KernFormMixin:
    """Use on every form of the site; templates render it with includes/form_fields.html."""

    bound_field_class = KernBoundField
