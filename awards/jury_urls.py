"""The jury area below /landespreis/jury/ (namespace "awards:jury")."""

app_name = "jury"

urlpatterns = []
