from django.conf import settings

from portal.navigation import footer_navigation, main_navigation


def portal(request):
    return {
        "site_name": "Interkommunales.NRW",
        "public_base_url": settings.PUBLIC_BASE_URL,
        "main_navigation": main_navigation(),
        "footer_navigation": footer_navigation(),
    }
