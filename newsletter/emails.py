"""The newsletter as a mail.

An issue is rendered once (`render_issue`): the HTML from a table layout with its CSS inlined for Outlook and
webmail, a plain-text alternative from its own template, every link absolute. The unsubscribe link is a
placeholder there; `personalise` puts in each subscriber's own link and the List-Unsubscribe headers
(RFC 2369, one-click per RFC 8058), so 50,000 mails cost one template rendering and 50,000 string
replacements. No tracking: no pixels, no redirecting links, no parameters added to links.
"""

import re
import textwrap
from dataclasses import dataclass, field
from email.utils import formataddr
from html import escape
from html.parser import HTMLParser

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from newsletter.models import Block, Issue
from portal.mail import SITE_NAME, absolute_url, editors_address

# Stands for each person's unsubscribe link until `personalise` replaces it; a URL, so that escaping and
# CSS inlining leave it alone.
UNSUBSCRIBE_PLACEHOLDER = "https://abmelden.invalid/__ABMELDELINK__"
LIST_ID = f"Newsletter {SITE_NAME} <newsletter.interkommunales.nrw>"

# Keeps @media rules in a <style> element (phones); everything else goes into style attributes.
_INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
TEXT_WIDTH = 76
_LIST_ITEM = re.compile(r"^(?:- |\d+\. )")
_BLOCK_END = re.compile(r"</(?:p|li|ul|ol|h[1-4]|blockquote|div|td|th|tr|tbody|table)>(?!\n)")
_ROOT_RELATIVE = re.compile(r"""(\s(?:href|src)=["'])/(?!/)""")


@dataclass(frozen=True)
class IssueMail:
    """An issue rendered for every recipient alike, with the unsubscribe link as a placeholder."""

    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class PersonalMail:
    subject: str
    text: str
    html: str
    headers: dict[str, str] = field(default_factory=dict)


def render_issue(issue: Issue) -> IssueMail:
    """Render an issue's mail once: HTML with inlined CSS and its plain-text alternative."""
    context = {
        "issue": issue,
        "blocks": list(Block.objects.filter(issue=issue).for_display()),
        "site_url": settings.PUBLIC_BASE_URL,
        "site_name": SITE_NAME,
        "web_url": absolute_url(issue.get_absolute_url()),
        "subscribe_url": absolute_url(reverse("newsletter:subscribe")),
        "unsubscribe_url": UNSUBSCRIBE_PLACEHOLDER,
    }
    html = short_lines(_INLINER.inline(absolute_links(render_to_string("newsletter/mail/issue.html", context))))
    text = tidy_text(render_to_string("newsletter/mail/issue.txt", context))
    return IssueMail(subject=" ".join(issue.subject.split()), text=text, html=html)


def personalise(mail: IssueMail, *, unsubscribe_url: str) -> PersonalMail:
    """One subscriber's mail: their signed unsubscribe link in the footer and in the headers."""
    return PersonalMail(
        subject=mail.subject,
        text=mail.text.replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe_url),
        html=mail.html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(unsubscribe_url)),
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": LIST_ID,
        },
    )


def sample(mail: IssueMail, *, subject_prefix: str = "") -> PersonalMail:
    """The mail as editors see it in the preview and the test send: no one's personal link (the footer
    points to the sign-up page instead) and therefore no List-Unsubscribe headers."""
    link = absolute_url(reverse("newsletter:subscribe"))
    return PersonalMail(
        subject=subject_prefix + mail.subject,
        text=mail.text.replace(UNSUBSCRIBE_PLACEHOLDER, link),
        html=mail.html.replace(UNSUBSCRIBE_PLACEHOLDER, escape(link)),
    )


def build_message(mail: PersonalMail, *, to: str, name: str = "", connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[formataddr((name, to)) if name else to],
        reply_to=[editors_address()],
        headers=mail.headers,
        connection=connection,
    )
    message.attach_alternative(mail.html, "text/html")
    return message


def absolute_links(html: str) -> str:
    """Links and images to pages of the portal ("/projekte/…") as absolute addresses, as a mail needs."""
    return _ROOT_RELATIVE.sub(rf"\g<1>{settings.PUBLIC_BASE_URL}/", html)


def short_lines(html: str) -> str:
    """A line break after each closing block tag. SMTP allows 998 bytes per line; with longer lines the HTML
    would be sent quoted-printable, which costs every one of 50,000 messages a millisecond to encode."""
    return _BLOCK_END.sub("\\g<0>\n", html)


def absolute(url: str) -> str:
    return absolute_url(url) if url.startswith("/") and not url.startswith("//") else url


def tidy_text(text: str) -> str:
    """A plain-text mail from a template: lines wrapped at 76 characters (never inside a link), no trailing
    blanks, at most one empty line in a row."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    wrapped = []
    for line, following in zip(lines, [*lines[1:], ""], strict=True):
        underlined = bool(following) and set(following) <= {"=", "-"}
        if len(line) <= TEXT_WIDTH or underlined:
            wrapped.append(line)
            continue
        indent = " " * len(match.group(0)) if (match := _LIST_ITEM.match(line)) else ""
        wrapped.extend(
            textwrap.wrap(
                line, width=TEXT_WIDTH, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
            )
        )
    return re.sub(r"\n{3,}", "\n\n", "\n".join(wrapped)) + "\n"


class _TextWriter(HTMLParser):
    """Sanitised rich text (paragraphs, headings, lists, quotes, links, bold, italic) as plain text."""

    PARAGRAPHS = {"p", "div", "h2", "h3", "h4", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.lists: list[list] = []  # [tag, items so far] of the open lists
        self.links: list[tuple[str, int]] = []  # (href, where its text starts) of the open links

    def handle_starttag(self, tag, attrs):
        if tag in self.PARAGRAPHS:
            self.parts.append("\n\n")
        elif tag in ("ul", "ol"):
            self.parts.append("\n" if self.lists else "\n\n")
            self.lists.append([tag, 0])
        elif tag == "li":
            current = self.lists[-1] if self.lists else ["ul", 0]
            current[1] += 1
            bullet = f"{current[1]}." if current[0] == "ol" else "-"
            self.parts.append(f"\n{bullet} ")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.parts)))

    def handle_endtag(self, tag):
        if tag in self.PARAGRAPHS:
            self.parts.append("\n\n")
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.parts.append("\n" if self.lists else "\n\n")
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            label = "".join(self.parts[start:]).strip()
            target = href.removeprefix("mailto:") if href.startswith("mailto:") else absolute(href)
            if href and target != label:
                self.parts.append(f" ({target})")

    def handle_data(self, data):
        self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        lines = [line.strip() for line in "".join(self.parts).splitlines()]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def html_to_text(html: str) -> str:
    writer = _TextWriter()
    writer.feed(html or "")
    writer.close()
    return writer.text()
