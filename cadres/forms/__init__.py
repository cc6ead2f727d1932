"""Forms of the cadres app, by subject."""

from cadres.forms.courses import (
    CourseForm,
    CourseParticipantForm,
    NewParticipant,
    parse_participants,
)
from cadres.forms.development import CadreCandidateForm, PartyAdmissionForm
from cadres.forms.officers import AssignmentForm, EndTermForm, OfficerForm, PetitionForm

__all__ = [
    "AssignmentForm",
    "CadreCandidateForm",
    "CourseForm",
    "CourseParticipantForm",
    "EndTermForm",
    "NewParticipant",
    "OfficerForm",
    "PartyAdmissionForm",
    "PetitionForm",
    "parse_participants",
]
