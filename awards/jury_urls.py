"""The jury area below /landespreis/jury/ (namespace "awards:jury")."""

from django.urls import path

from awards import jury_views

app_name = "jury"

urlpatterns = [
    path("", jury_views.home, name="home"),
    path("anmelden/", jury_views.login, name="login"),
    path("abmelden/", jury_views.logout, name="logout"),
    path("<int:year>/", jury_views.round_overview, name="round"),
    path("<int:year>/kategorie/<int:pk>/", jury_views.category_ranking, name="category"),
    path("<int:year>/kategorie/<int:pk>/preistraeger/", jury_views.decide_category, name="decide"),
    path("<int:year>/beitrag/<int:pk>/", jury_views.entry_detail, name="entry"),
    path("<int:year>/beitrag/<int:pk>/befangenheit/", jury_views.declare_conflict, name="conflict"),
    path(
        "<int:year>/beitrag/<int:pk>/anhang/<int:attachment_pk>/",
        jury_views.entry_attachment,
        name="attachment",
    ),
]
