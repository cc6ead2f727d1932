from cadres import views

app_name = "cadres"

urlpatterns = [
    *views.officer.urls(),
    *views.assignment.urls(),
    *views.petition.urls(),
    *views.course.urls(),
    *views.participant.urls(),
    *views.candidate.urls(),
    *views.admission.urls(),
]
