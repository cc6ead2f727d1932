from borderwork.records.registry import patterns

app_name = "programmes"

# The record types programmes/records.py declares, each with its list, detail and form pages.
urlpatterns = patterns(app_name)
