from django.urls import path

from events import views
from portal.feeds import EventFeed

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("archiv/", views.event_archive, name="archive"),
    path("kalender.ics", views.calendar_feed, name="feed"),
    path("feed/", EventFeed(), name="atom"),
    path("anmeldung/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("anmeldung/<str:token>/", views.registration, name="registration"),
    path("<slug:slug>/", views.event_detail, name="detail"),
    path("<slug:slug>/anmeldung-gesendet/", views.registration_sent, name="registration_sent"),
    path("<slug:slug>/kalender.ics", views.event_calendar, name="calendar"),
]
