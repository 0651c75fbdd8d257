from django.urls import include, path

from awards import views

app_name = "awards"

urlpatterns = [
    path("", views.current, name="current"),
    path("archiv/", views.archive, name="archive"),
    path("jury/", include("awards.jury_urls")),
    path("<int:year>/", views.round_detail, name="round"),
    path("<int:year>/preistraeger/", views.winners, name="winners"),
    path("<int:year>/bewerbung/formular/", views.entry_new, name="entry_new"),
    path("<int:year>/bewerbung/link/", views.request_links, name="request_links"),
    path("<int:year>/bewerbung/<str:token>/", views.entry, name="entry"),
    path("<int:year>/bewerbung/<str:token>/anhang/<int:pk>/", views.entry_attachment, name="entry_attachment"),
    path("<int:year>/<slug:page>/", views.round_page, name="page"),
]
