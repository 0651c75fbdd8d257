from django.utils import timezone
from django_tasks import task

from newsletter import services


# Below the other mails (confirmations, event mails): a large sending never holds them up.
@task(priority=-10)
def send_issue_task(issue_id: int) -> None:
    """Send the next batch of an issue, then queue the following one: at once, or when the next retry is due.

    Without a backend that can wait (tests), a retry is left to the cron command `send_newsletters`.
    """
    _, next_at = services.continue_sending(issue_id=issue_id)
    if next_at is None:
        return
    if next_at <= timezone.now():
        services.enqueue_sending(issue_id=issue_id)
    elif send_issue_task.get_backend().supports_defer:
        services.enqueue_sending(issue_id=issue_id, run_after=next_at)
