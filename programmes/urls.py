from programmes import views

app_name = "programmes"

urlpatterns = [*views.support.urls(), *views.follow_up.urls()]
