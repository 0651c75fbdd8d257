from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def portal_deploy_checks(app_configs, **kwargs):
    """What a production deployment needs beyond Django's own checks."""
    problems = []
    if not settings.PUBLIC_BASE_URL.startswith("https://"):
        problems.append(Warning("PUBLIC_BASE_URL should be the https:// address of the portal.", id="portal.W001"))
    if not settings.EMAIL_HOST:
        problems.append(Warning("EMAIL_HOST is not set: mails would only be printed.", id="portal.W002"))
    return problems
