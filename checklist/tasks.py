"""Work done off the request path, through Django's tasks framework (settings.TASKS)."""

from django.contrib.auth.forms import PasswordResetForm
from django.tasks import task


@task
def send_password_reset(email: str, domain: str, use_https: bool) -> None:
    """Mail a reset link to every active account with this address, if there is one.

    A task, so that the request takes the same time for a known and an unknown address: it
    only enqueues. The link is made here, never passed in: a backend stores task arguments,
    and a reset token must not be stored anywhere.
    """
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https)
