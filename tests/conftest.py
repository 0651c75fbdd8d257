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
