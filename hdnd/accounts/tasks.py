"""Background work for accounts. Security notices now go through the mail outbox (``core.outbox``),
written in the change's transaction; this task stays for rows queued before that."""

from django.tasks import task

from hdnd.core.outbox import queue_mail

from .models import User


@task
def send_account_notice(user_id: int, subject: str, body: str) -> None:
    """Tell the user that something changed on their account, so they notice if it was not them."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is not None:
        queue_mail(subject, body, [user.email])
