from django import template

register = template.Library()


@register.filter
def in_section(path: str, section_url: str) -> bool:
    """True when `path` lies in the section that starts at `section_url` (for aria-current)."""
    return section_url != "/" and (path or "").startswith(section_url)


@register.simple_tag
def elided_page_range(page_obj):
    """Page numbers around the current page, with … for the gaps (for includes/pagination.html)."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
