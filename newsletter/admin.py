from django.contrib import admin

from newsletter.models import Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Subscriptions are made and ended by the people themselves (double opt-in); editors only look."""

    list_display = ["email", "status", "organisation", "requested_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ["status", "consent_version", "requested_at"]
    search_fields = ["email", "name", "organisation"]
    date_hierarchy = "requested_at"
    readonly_fields = [
        "email",
        "name",
        "organisation",
        "status",
        "consent_text",
        "consent_version",
        "requested_at",
        "confirmed_at",
        "unsubscribed_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
