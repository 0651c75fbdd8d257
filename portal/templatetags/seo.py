"""What base.html writes into the head for search engines and link previews: canonical URL, OpenGraph."""

import re

from django import template
from django.conf import settings
from django.core.paginator import Page
from django.templatetags.static import static
from django.utils.safestring import mark_safe

register = template.Library()

# Sharing services show this picture (1200 × 630) when a page has none of its own.
DEFAULT_IMAGE = "img/og-default.png"


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # The content was escaped as it was rendered; it goes into the page (and attributes) as it is.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """`{% capture name %}…{% endcapture %}`: render the content once into a variable, e.g. a block that the
    page sets and that the head needs twice (<title> and og:title). Blocks inside stay overridable."""
    try:
        _, name = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("capture takes one argument: the variable's name") from None
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, name)


# ASCII digits only: "²".isdigit() is true, but int("²") fails.
PAGE_NUMBER = re.compile(r"[0-9]{1,9}")


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's own address without its query string, except the page number of a list: "?seite=2" shows
    other items than the first page and stays; filters, searches and sort orders point to the plain list.

    The number is the page actually shown (`page_obj`): "?seite=999" of a list with two pages shows page 2.
    """
    request = context.get("request")
    if request is None:
        return ""
    url = settings.PUBLIC_BASE_URL + request.path
    if list(request.GET) != ["seite"]:
        return url
    page_obj = context.get("page_obj")
    if isinstance(page_obj, Page):
        number = page_obj.number
    else:
        number = int(request.GET["seite"]) if PAGE_NUMBER.fullmatch(request.GET["seite"]) else 1
    return f"{url}?seite={number}" if number > 1 else url


@register.simple_tag
def absolute_url(path_or_url: str = "") -> str:
    """An address for other sites (og:image): absolute from PUBLIC_BASE_URL; the default picture when empty."""
    if not path_or_url:
        path_or_url = static(DEFAULT_IMAGE)
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return settings.PUBLIC_BASE_URL + path_or_url
