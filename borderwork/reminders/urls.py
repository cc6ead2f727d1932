from django.urls import path

from borderwork.reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.reminder_list, name="list"),
    path("so-viec/", views.reminder_count, name="count"),
    path("cho-duyet/", views.awaiting_approval, name="awaiting"),
]
