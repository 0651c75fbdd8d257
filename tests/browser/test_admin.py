import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from portal.models import Page

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor(django_user_model):
    from django.apps import apps

    from portal.permissions import EDITORIAL_APPS, grant_editor_permissions

    grant_editor_permissions(apps, EDITORIAL_APPS)  # a transactional test database starts without them
    user = django_user_model.objects.create_user("redakteurin", password="ein-langes-passwort-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktion"))
    return user


def test_editor_edits_a_page_in_the_wysiwyg_editor(page, editor):
    page.goto("/admin/")
    page.get_by_label("Benutzername").fill("redakteurin")
    page.get_by_label("Passwort").fill("ein-langes-passwort-123")
    page.get_by_role("button", name="Anmelden").click()
    expect(page.get_by_role("heading", name="Inhalte pflegen")).to_be_visible()

    page.get_by_role("link", name="Seiten").first.click()
    page.get_by_role("link", name="Impressum").click()
    editor_area = page.locator(".ProseMirror[contenteditable=true]")
    expect(editor_area).to_be_visible()
    editor_area.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("Neuer Absatz der Redaktion.")
    page.get_by_role("button", name="Sichern", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("erfolgreich geändert")
    assert "Neuer Absatz der Redaktion." in Page.objects.get(slug="impressum").body
