from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from newsletter import services
from newsletter.forms import SubscribeForm
from newsletter.models import Block, Issue
from portal.spam import rate_limited

ISSUES_PER_PAGE = 20

RATE_LIMIT_MESSAGE = (
    "Von Ihrem Anschluss kamen sehr viele Anmeldungen. Bitte versuchen Sie es in einer Stunde noch einmal."
)


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    # The home page's short form brings the address along (GET), so that page sets no cookie.
    initial = {"email": request.GET.get("email", "")[:254]} if request.method != "POST" else None
    form = SubscribeForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limited(request, "newsletter"):
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        else:
            services.request_subscription(
                email=form.cleaned_data["email"],
                name=form.cleaned_data["name"],
                organisation=form.cleaned_data["organisation"],
            )
            return redirect("newsletter:requested")
    return render(request, "newsletter/subscribe.html", {"form": form}, status=status)


def requested(request):
    return render(request, "newsletter/requested.html")


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link in the confirmation mail shows a button; only the button confirms.

    Mail scanners open links on their own; a confirmation by GET would not prove that the person did.
    """
    subscriber = services.subscriber_to_confirm(token)
    if subscriber is None or subscriber.status == subscriber.Status.UNSUBSCRIBED:
        return render(request, "newsletter/link_invalid.html", {"kind": "confirm"}, status=404)
    if request.method == "POST":
        subscriber = services.confirm_subscription(subscriber=subscriber)
        return render(request, "newsletter/confirmed.html", {"subscriber": subscriber})
    return render(request, "newsletter/confirm.html", {"subscriber": subscriber})


@csrf_exempt  # RFC 8058: mail programs POST "List-Unsubscribe=One-Click" without a form of ours.
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """A signed link, valid without logging in. GET shows a button; any POST unsubscribes at once."""
    subscriber = services.subscriber_to_unsubscribe(token)
    if subscriber is None:
        return render(request, "newsletter/link_invalid.html", {"kind": "unsubscribe"}, status=404)
    if request.method == "POST":
        services.unsubscribe(subscriber=subscriber)
        return render(request, "newsletter/unsubscribed.html")
    return render(request, "newsletter/unsubscribe.html", {"subscriber": subscriber})


@require_safe
def archive(request):
    """The issues that went out, newest first."""
    page_obj = Paginator(Issue.objects.archive(), ISSUES_PER_PAGE).get_page(request.GET.get("seite"))
    return render(request, "newsletter/archive.html", {"page_obj": page_obj})


@require_safe
def issue_detail(request, slug):
    """The web version of an issue: the same content as the mail, without anyone's unsubscribe link.
    Editors also see drafts here (their preview); everyone else gets a 404 until the issue goes out."""
    issue = Issue.objects.visible_to(request.user).filter(slug=slug).first()
    if issue is None:
        return render(request, "newsletter/not_found.html", status=404)
    blocks = list(Block.objects.filter(issue=issue).for_display())
    return render(request, "newsletter/issue_detail.html", {"issue": issue, "blocks": blocks})
