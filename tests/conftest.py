import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits live in the cache; every test starts with none.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def no_min_fill_time(settings):
    settings.FORM_MIN_FILL_SECONDS = 0
    return settings


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploads of a test (images, documents) go to its own directory.
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PROTECTED_MEDIA_ROOT = tmp_path / "protected"
