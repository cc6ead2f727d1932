from borderwork.records.registry import patterns

app_name = "cadres"

# The record types cadres/records.py declares, each with its list, detail and form pages.
urlpatterns = patterns(app_name)
