from django_tasks import task

from portal import mail
from portal.models import OutgoingMail


@task()
def send_mail_task(mail_id: int) -> None:
    """Deliver a stored mail; after a failure, schedule the next attempt on the worker."""
    result = mail.deliver(mail_id=mail_id)
    if result.status == OutgoingMail.Status.RETRYING and send_mail_task.get_backend().supports_defer:
        mail.enqueue_delivery(mail_id=mail_id, run_after=result.next_attempt_at)
