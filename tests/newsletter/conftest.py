import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image


@pytest.fixture
def public_base_url(settings):
    settings.PUBLIC_BASE_URL = "https://interkommunales.nrw"
    return settings.PUBLIC_BASE_URL


def image_file(name="bauhof.png", size=(1600, 900), mode="RGBA", fmt="PNG") -> ContentFile:
    buffer = io.BytesIO()
    Image.new(mode, size, (29, 63, 140, 255) if mode == "RGBA" else (29, 63, 140)).save(buffer, fmt)
    return ContentFile(buffer.getvalue(), name=name)
