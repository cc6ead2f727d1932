from programmes import views

app_name = "programmes"

urlpatterns = [
    *views.support.urls(),
    *views.follow_up.urls(),
    *views.programme.urls(),
    *views.group.urls(),
    *views.landmark.urls(),
    *views.mobilisation_model.urls(),
    *views.activity.urls(),
]
