from django.contrib import admin, messages

from portal import mail
from portal.demo import PAGES
from portal.models import ContactMessage, OutgoingMail, Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "lead", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["updated_at"]

    # Impressum, Datenschutz, Kontakt and the other pages of the footer must always exist.
    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.slug in PAGES)

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.slug in PAGES:
            return [*self.readonly_fields, "slug"]
        return self.readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj and obj.slug in PAGES else self.prepopulated_fields


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "name", "email", "created_at", "handled"]
    list_filter = ["kind", "handled", "created_at"]
    list_editable = ["handled"]
    search_fields = ["subject", "name", "email", "organisation", "message"]
    date_hierarchy = "created_at"
    readonly_fields = ["kind", "name", "email", "organisation", "subject", "message", "page_url", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipients", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "template", "created_at"]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = [
        "subject",
        "to",
        "reply_to",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "created_at",
        "sent_at",
        "template",
        "body_text",
    ]
    readonly_fields = fields

    @admin.display(description="An")
    def recipients(self, obj):
        return ", ".join(obj.to)

    @admin.action(description="Ausgewählte E-Mails erneut senden")
    def send_again(self, request, queryset):
        ids = list(queryset.exclude(status=OutgoingMail.Status.SENT).values_list("pk", flat=True))
        for mail_id in ids:
            mail.resend_mail(mail_id=mail_id)
        messages.info(
            request, f"{len(ids)} E-Mail(s) zum Senden eingereiht. Der Status erscheint hier, sobald sie raus sind."
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
