from django.db import transaction

from portal.mail import editors_address, send_templated_mail
from portal.models import ContactMessage


@transaction.atomic
def submit_contact_message(
    *,
    kind: str,
    name: str,
    email: str,
    subject: str,
    message: str,
    organisation: str = "",
    page_url: str = "",
) -> ContactMessage:
    """Store a message from a public form and mail it to the editors after the commit."""
    contact = ContactMessage.objects.create(
        kind=kind,
        name=name,
        email=email,
        organisation=organisation,
        subject=subject,
        message=message,
        page_url=page_url,
    )
    send_templated_mail(
        template="portal/mail/contact_message",
        to=[editors_address()],
        reply_to=[email],
        context={"contact": contact},
    )
    return contact
