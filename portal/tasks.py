from django_tasks import task

from portal import mail


@task()
def send_mail_task(mail_id: int) -> None:
    mail.deliver(mail_id=mail_id)
