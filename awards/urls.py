from django.urls import include, path

app_name = "awards"

urlpatterns = [
    path("jury/", include("awards.jury_urls")),
]
