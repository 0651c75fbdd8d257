from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from portal.forms import AccessibilityFeedbackForm, ContactForm, SearchForm
from portal.models import Page
from portal.services import submit_contact_message
from portal.spam import rate_limited

# Pages that carry a form below their text.
PAGE_FORMS = {"kontakt": ContactForm, "barrierefreiheit": AccessibilityFeedbackForm}

RATE_LIMIT_MESSAGE = (
    "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Nachrichten. Bitte versuchen Sie es in einer Stunde "
    "noch einmal oder schreiben Sie uns eine E-Mail."
)


def home(request):
    return render(request, "portal/home.html")


def page(request, slug):
    page = get_object_or_404(Page, slug=slug)
    form_class = PAGE_FORMS.get(slug)
    if request.method not in ("GET", "HEAD") and not (form_class and request.method == "POST"):
        return HttpResponseNotAllowed(["GET", "POST"] if form_class else ["GET"])
    form = form_class(request.POST or None) if form_class else None
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limited(request, slug):
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        else:
            submit_contact_message(kind=form.kind, **form.message_data())
            return redirect("portal:form_sent", slug=slug)
    return render(request, "portal/page.html", {"page": page, "form": form}, status=status)


def form_sent(request, slug):
    page = get_object_or_404(Page, slug=slug)
    if slug not in PAGE_FORMS:
        return redirect(page)
    return render(request, "portal/form_sent.html", {"page": page})


def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    pages = list(Page.objects.search(query)[:50]) if query else []
    return render(request, "portal/search.html", {"form": form, "query": query, "pages": pages})


# --- Error pages (rendered with the site's design) ------------------------------------------------


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
