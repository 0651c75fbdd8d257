"""The site's URLs plus a stand-in "projects" section, to test the navigation."""

from django.http import HttpResponse
from django.urls import include, path

from portal.urls import urlpatterns as portal_urlpatterns

section = ([path("projekte/", lambda request: HttpResponse("Projekte"), name="list")], "projects")
urlpatterns = [path("", include(section)), *portal_urlpatterns]
