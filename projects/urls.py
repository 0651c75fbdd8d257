from django.urls import path, re_path

from portal.feeds import ProjectFeed
from projects import views

app_name = "projects"

urlpatterns = [
    path("projekte/", views.project_list, name="list"),
    path("projekte/feed/", ProjectFeed(), name="feed"),
    re_path(r"^projekte/export\.(?P<file_format>csv|json)$", views.project_export, name="export"),
    path("projekte/<slug:slug>/", views.project_detail, name="detail"),
    path("dokumente/", views.document_list, name="documents"),
    path("dokumente/rechtsprechung/", views.court_decisions, name="court_decisions"),
    path("dokumente/<slug:slug>/", views.document_detail, name="document"),
    path("dokumente/<slug:slug>/datei/", views.document_download, name="download"),
    path("projekte/<slug:slug>/bestaetigen/<str:token>/", views.project_confirm, name="confirm"),
]

# The partner search, mounted at /partnersuche/ by portal/urls.py.
partner_patterns = (
    [
        path("", views.partner_list, name="list"),
        path("neu/", views.partner_new, name="new"),
        path("neu/gesendet/", views.partner_sent, name="sent"),
        path("bestaetigen/<str:token>/", views.partner_confirm, name="confirm"),
        path("verwalten/<str:token>/", views.partner_manage, name="manage"),
        path("<int:pk>/", views.partner_detail, name="detail"),
    ],
    "partners",
)
