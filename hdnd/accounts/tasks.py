"""Background work for accounts: security notices sent by e-mail after the change is committed."""

from django.core.mail import send_mail
from django.tasks import task

from .models import User


@task
def send_account_notice(user_id: int, subject: str, body: str) -> None:
    """Tell the user that something changed on their account, so they notice if it was not them."""
    user = User.objects.filter(pk=user_id, is_active=True).exclude(email="").first()
    if user is not None:
        send_mail(subject, body, None, [user.email])
