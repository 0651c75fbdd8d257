from django import template

register = template.Library()


@register.filter
def in_section(path: str, section_url: str) -> bool:
    """True when `path` lies in the section that starts at `section_url` (for aria-current)."""
    return section_url != "/" and (path or "").startswith(section_url)
