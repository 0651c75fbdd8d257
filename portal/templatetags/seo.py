"""What base.html writes into the head for search engines and link previews: canonical URL, OpenGraph."""

from django import template
from django.conf import settings
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


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The page's own address without its query string, except the page number of a list: "?seite=2" shows
    other items than the first page and stays; filters, searches and sort orders point to the plain list."""
    request = context.get("request")
    if request is None:
        return ""
    url = settings.PUBLIC_BASE_URL + request.path
    page = request.GET.get("seite", "")
    if list(request.GET) == ["seite"] and page.isdigit() and int(page) > 1:
        url += f"?seite={int(page)}"
    return url


@register.simple_tag
def absolute_url(path_or_url: str = "") -> str:
    """An address for other sites (og:image): absolute from PUBLIC_BASE_URL; the default picture when empty."""
    if not path_or_url:
        path_or_url = static(DEFAULT_IMAGE)
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return settings.PUBLIC_BASE_URL + path_or_url
