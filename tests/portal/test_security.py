import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.test import Client

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x9!very-long-production-secret-key-for-the-deploy-check-0123456789abcdef",
    "ALLOWED_HOSTS": "interkommunales.nrw",
    "CSRF_TRUSTED_ORIGINS": "https://interkommunales.nrw",
    "PUBLIC_BASE_URL": "https://interkommunales.nrw",
    "EMAIL_HOST": "smtp.example.org",
}


def clean_environ():
    # The browser tests allow async-unsafe ORM calls in this process; a deployment never does.
    return {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean_environ(), "DJANGO_SETTINGS_MODULE": "portal.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_without_debug_on_the_development_key():
    result = run_manage("check", env={"DEBUG": "0", "SECRET_KEY": ""})

    assert result.returncode != 0
    assert "SECRET_KEY is the development default" in result.stderr


def test_check_deploy_reports_nothing_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.django_db
def test_public_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_oversized_request_gets_the_designed_400_page(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = client.post("/kontakt/", {"message": "x" * 5000})

    assert response.status_code == 400
    assert "Diese Anfrage konnten wir nicht verarbeiten" in response.content.decode()


@pytest.mark.django_db
def test_missing_csrf_token_gets_the_designed_403_page():
    client = Client(enforce_csrf_checks=True)

    response = client.post("/kontakt/", {"name": "Kim"})

    assert response.status_code == 403
    assert "Das Formular ist abgelaufen" in response.content.decode()


@pytest.mark.django_db
def test_admin_login_is_throttled_after_repeated_failures(client, django_user_model, settings):
    django_user_model.objects.create_user("redaktion", password="richtig-und-lang-genug")
    settings.AXES_FAILURE_LIMIT = 3

    for _ in range(3):
        client.post("/admin/login/", {"username": "redaktion", "password": "falsch"}, REMOTE_ADDR="10.0.0.1")
    response = client.post(
        "/admin/login/", {"username": "redaktion", "password": "richtig-und-lang-genug"}, REMOTE_ADDR="10.0.0.1"
    )

    assert response.status_code == 429
    assert "Anmeldung vorübergehend gesperrt" in response.content.decode()


@pytest.mark.django_db
def test_editor_groups_are_created_by_migration():
    editors = Group.objects.get(name="Redaktion")

    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"add_page", "change_page", "change_contactmessage", "view_outgoingmail"} <= codenames
    assert "change_user" not in codenames
    assert Group.objects.filter(name="Jury").exists()


@pytest.mark.django_db
def test_unknown_host_gets_the_designed_400_page(client):
    response = client.get("/", HTTP_HOST="angreifer.example")

    assert response.status_code == 400
    assert "Diese Anfrage konnten wir nicht verarbeiten" in response.content.decode()


@pytest.mark.django_db
def test_server_error_page_is_designed(rf):
    from portal.views import server_error

    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Hier ist etwas schiefgegangen" in response.content.decode()
    assert 'href="/impressum/"' in response.content.decode()
