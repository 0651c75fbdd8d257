import html

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from portal.querysets import MARK_START, MARK_STOP

register = template.Library()


@register.filter
def in_section(path: str, section_url: str) -> bool:
    """True when `path` lies in the section that starts at `section_url` (for aria-current)."""
    return section_url != "/" and (path or "").startswith(section_url)


@register.simple_tag
def elided_page_range(page_obj):
    """Page numbers around the current page, with … for the gaps (for includes/pagination.html)."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.filter
def passage(value: str) -> str:
    """A search passage as safe HTML: the text escaped, the words found in <mark>.

    The text may hold entities from sanitised rich text (&amp;); they are decoded before escaping.
    """
    text = escape(" ".join(html.unescape(value or "").split()))
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))
