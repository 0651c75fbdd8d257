from django import template

from newsletter import emails

register = template.Library()


@register.filter
def plain_text(html: str) -> str:
    """Sanitised rich text as plain text, links written out (for the text part of a mail)."""
    return emails.html_to_text(html)


@register.filter
def underline(text: str, char: str = "-") -> str:
    """A line of `char` as long as the text: a heading in a plain-text mail."""
    return char * len(text)


@register.filter
def absolute(url: str) -> str:
    """A portal path as an absolute address (mails); full addresses stay as they are."""
    return emails.absolute(url or "")
