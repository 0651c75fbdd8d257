import pytest
from django.core.cache import cache

from portal.demo import create_missing_pages
from portal.models import Page
from portal.services import sync_municipalities
from projects.models import Topic
from projects.topics import create_missing_topics


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


@pytest.fixture
def reference_data(transactional_db):
    """The pages, Kommunen and Themenfelder the migrations create: a transactional test may start without
    them, because an earlier one emptied the tables when it finished."""
    create_missing_pages(Page)
    sync_municipalities()
    create_missing_topics(Topic)
