from django.urls import path, re_path

from projects import views

app_name = "projects"

urlpatterns = [
    path("projekte/", views.project_list, name="list"),
    re_path(r"^projekte/export\.(?P<file_format>csv|json)$", views.project_export, name="export"),
    # Submissions, before the projects' addresses ("melden" is no project).
    path("projekte/melden/", views.submission_start, name="submission_start"),
    path("projekte/melden/kommunen.json", views.municipality_search, name="submission_municipalities"),
    path("projekte/melden/bestaetigen/<str:token>/", views.submission_confirm, name="submission_confirm"),
    path("projekte/melden/aenderung/<str:token>/", views.submission_change_link, name="submission_change_link"),
    path("projekte/melden/<str:token>/", views.submission_status, name="submission"),
    path("projekte/melden/<str:token>/schritt-<int:step>/", views.submission_step, name="submission_step"),
    path("projekte/<slug:slug>/aenderung-melden/", views.report_change, name="report_change"),
    path("projekte/<slug:slug>/aenderung-melden/gesendet/", views.report_change_sent, name="report_change_sent"),
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
