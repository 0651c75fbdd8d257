"""The editors' newsletter: subscribers to look at, issues composed from blocks, a preview of the mail
(HTML and plain text), a test send, sending to everyone or at a planned time, and the progress of a
sending with its errors. Sending and scheduling go through newsletter.services.
"""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.views.decorators.clickjacking import xframe_options_sameorigin

from newsletter import emails, services
from newsletter.forms import BlockForm, ScheduleForm, TestSendForm
from newsletter.models import Block, Delivery, Issue, Subscriber

ERRORS_SHOWN = 50
PROGRESS_REFRESH_SECONDS = 10


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


def _when(moment) -> str:
    return date_format(timezone.localtime(moment), "d.m.Y H:i") if moment else "–"


class BlockInline(admin.StackedInline):
    model = Block
    form = BlockForm
    autocomplete_fields = ["project", "event"]
    fields = [
        ("position", "kind"),
        "heading",
        "text",
        "project",
        "event",
        ("link_label", "url"),
        "image",
        "alt_text",
        ("caption", "credit"),
    ]
    verbose_name_plural = "Bausteine (in der Reihenfolge der Zahlen)"

    class Media:
        # Shows the fields of the chosen kind only; without JavaScript every field is shown.
        js = ["js/admin/newsletter-blocks.js"]

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0

    def _editable(self, obj):
        return obj is None or obj.is_editable

    def has_add_permission(self, request, obj=None):
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(obj) and super().has_delete_permission(request, obj)


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["label", "subject", "status", "sending_time", "progress"]
    list_filter = ["status"]
    search_fields = ["label", "subject"]
    prepopulated_fields = {"slug": ["label"]}
    inlines = [BlockInline]
    readonly_fields = ["status", "scheduled_at", "started_at", "finished_at", "progress"]
    fieldsets = [
        (None, {"fields": ["label", "slug", "subject", "preheader", "intro"]}),
        ("Schluss", {"fields": ["closing"], "description": "Steht in der E-Mail nach den Bausteinen."}),
        ("Versand", {"fields": ["status", "scheduled_at", "started_at", "finished_at", "progress"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("mail_html", "mail_text")

    def has_change_permission(self, request, obj=None):
        # Once it goes out, an issue stays as it was sent (its web version is public).
        return (obj is None or obj.is_editable) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return (obj is None or obj.status != Issue.Status.SENDING) and super().has_delete_permission(request, obj)

    @admin.display(description="Versand", ordering="started_at")
    def sending_time(self, obj):
        if obj.status == Issue.Status.SCHEDULED:
            return f"geplant für {_when(obj.scheduled_at)}"
        return _when(obj.started_at)

    @admin.display(description="Fortschritt")
    def progress(self, obj):
        if obj is None or obj.pk is None or obj.is_editable:
            return "–"
        return format_html(
            '<a href="{}">{} von {} gesendet{}</a>',
            reverse("admin:newsletter_issue_progress", args=[obj.pk]),
            number_format(obj.sent_count, force_grouping=True),
            number_format(obj.recipients_count, force_grouping=True),
            f", {number_format(obj.failed_count, force_grouping=True)} fehlgeschlagen" if obj.failed_count else "",
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for block in form.instance.blocks.filter(kind=Block.Kind.IMAGE, rendition=""):
            services.create_block_rendition(block=block)

    # --- Own pages ------------------------------------------------------------------------------

    def get_urls(self):
        own = [
            ("vorschau/", self.preview_view, "preview"),
            ("vorschau/mail.html", self.preview_html_view, "preview_html"),
            ("testversand/", self.test_send_view, "test_send"),
            ("versand/", self.send_view, "send"),
            ("fortschritt/", self.progress_view, "progress"),
        ]
        return [
            path(f"<int:pk>/{route}", self.admin_site.admin_view(view), name=f"newsletter_issue_{name}")
            for route, view, name in own
        ] + super().get_urls()

    def _issue(self, request, pk, permission="view") -> Issue:
        if not request.user.has_perm(f"newsletter.{permission}_issue"):
            raise PermissionDenied
        return get_object_or_404(Issue.objects.defer("mail_html", "mail_text"), pk=pk)

    def _context(self, request, issue, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": issue.label,
            "issue": issue,
            "original": issue,
            "opts": self.model._meta,
            **extra,
        }

    def preview_view(self, request, pk, form=None):
        """The mail as subscribers will see it: the HTML in a sandboxed frame, the plain text, a test send."""
        issue = self._issue(request, pk)
        mail = emails.sample(emails.render_issue(issue))
        context = self._context(
            request,
            issue,
            "Vorschau",
            mail=mail,
            form=form or TestSendForm(initial={"email": request.user.email}),
            may_send=request.user.has_perm("newsletter.change_issue"),
        )
        return TemplateResponse(request, "admin/newsletter/issue/preview.html", context)

    @xframe_options_sameorigin
    @csp_replace({"frame-ancestors": [SELF]})
    def preview_html_view(self, request, pk):
        """The HTML of the mail alone, for the preview's frame; links open outside the frame."""
        issue = self._issue(request, pk)
        html = emails.sample(emails.render_issue(issue)).html.replace("<head>", '<head><base target="_blank">', 1)
        return HttpResponse(html)

    def test_send_view(self, request, pk):
        issue = self._issue(request, pk, "change")
        if request.method != "POST":
            return redirect("admin:newsletter_issue_preview", issue.pk)
        form = TestSendForm(request.POST)
        if not form.is_valid():
            return self.preview_view(request, pk, form=form)
        services.send_test(issue=issue, email=form.cleaned_data["email"])
        self.message_user(
            request,
            f"Der Test an {form.cleaned_data['email']} ist eingereiht und geht in den nächsten Minuten hinaus "
            "(Status unter „Ausgehende E-Mails“).",
            messages.SUCCESS,
        )
        return redirect("admin:newsletter_issue_preview", issue.pk)

    def send_view(self, request, pk):
        """Send now to everyone confirmed (after showing how many), or plan the sending for a time."""
        issue = self._issue(request, pk, "change")
        if not issue.is_editable:
            return redirect("admin:newsletter_issue_progress", issue.pk)
        schedule_form = ScheduleForm(request.POST if request.POST.get("action") == "schedule" else None)
        if request.method == "POST":
            try:
                if request.POST.get("action") == "send":
                    issue = services.start_sending(issue=issue)
                    self.message_user(
                        request,
                        f"Der Versand an {number_format(issue.recipients_count, force_grouping=True)} Abonnentinnen "
                        "und Abonnenten hat begonnen.",
                        messages.SUCCESS,
                    )
                    return redirect("admin:newsletter_issue_progress", issue.pk)
                if request.POST.get("action") == "unschedule":
                    services.unschedule_issue(issue=issue)
                    self.message_user(request, "Die Planung ist aufgehoben; die Ausgabe ist wieder ein Entwurf.")
                    return redirect("admin:newsletter_issue_change", issue.pk)
                if schedule_form.is_valid():
                    issue = services.schedule_issue(issue=issue, at=schedule_form.cleaned_data["at"])
                    self.message_user(
                        request, f"Der Versand ist für {_when(issue.scheduled_at)} geplant.", messages.SUCCESS
                    )
                    return redirect("admin:newsletter_issue_change", issue.pk)
            except services.SendingError as error:
                self.message_user(request, str(error), messages.ERROR)
        recipients = Subscriber.objects.confirmed().count()
        context = self._context(
            request,
            issue,
            "Versenden",
            recipients=recipients,
            recipients_display=number_format(recipients, force_grouping=True),
            problems=services.problems_before_sending(issue),
            schedule_form=schedule_form,
            scheduled_at=_when(issue.scheduled_at),
        )
        return TemplateResponse(request, "admin/newsletter/issue/send.html", context)

    def progress_view(self, request, pk):
        """Sent, pending, failed while it runs (the page refreshes itself), and the errors."""
        issue = self._issue(request, pk)
        if request.method == "POST":
            if not request.user.has_perm("newsletter.change_issue"):
                raise PermissionDenied
            if request.POST.get("action") == "retry":
                count = services.retry_failed_deliveries(issue=issue)
                self.message_user(request, f"{count} fehlgeschlagene Zustellung(en) werden erneut versucht.")
            elif request.POST.get("action") == "resume" and issue.status == Issue.Status.SENDING:
                services.start_sending(issue=issue)
                self.message_user(
                    request, "Der Versand wird fortgesetzt; schon Gesendetes geht nicht noch einmal hinaus."
                )
            return redirect("admin:newsletter_issue_progress", issue.pk)
        deliveries = Delivery.objects.filter(issue=issue)
        refresh = issue.status == Issue.Status.SENDING and "anhalten" not in request.GET
        context = self._context(
            request,
            issue,
            "Versandfortschritt",
            counts=deliveries.counts(),
            errors=list(deliveries.with_errors().select_related("subscriber")[:ERRORS_SHOWN]),
            errors_shown=ERRORS_SHOWN,
            refresh_seconds=PROGRESS_REFRESH_SECONDS if refresh else None,
            started_at=_when(issue.started_at),
            finished_at=_when(issue.finished_at),
            may_send=request.user.has_perm("newsletter.change_issue"),
        )
        return TemplateResponse(request, "admin/newsletter/issue/progress.html", context)


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Who got which issue: a record kept by the sending job; nothing to change here."""

    list_display = ["subscriber", "issue", "status", "attempts", "attempted_at", "sent_at", "short_error"]
    list_filter = ["status", "issue"]
    list_select_related = ["subscriber", "issue"]
    search_fields = ["subscriber__email"]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).defer("issue__mail_html", "issue__mail_text")

    @admin.display(description="Letzter Fehler")
    def short_error(self, obj):
        return obj.last_error[:120]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
