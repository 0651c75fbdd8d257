"""View decorators shared by the apps."""

from functools import wraps

from django.utils.cache import patch_cache_control


def personal(view):
    """For pages reached by a personal link or a login: kept by no cache on the way and by no search engine."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped
