"""The commune's page is the hub: it reads every domain app, so it is attached from here."""

from borderwork.hub.commune import hub
from borderwork.records.registry import attach_detail
from communes.models import Commune

attach_detail(Commune, hub)
