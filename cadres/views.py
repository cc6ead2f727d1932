"""The cadres app's own page pieces; its record types are declared in `records.py`."""

from django.contrib import messages
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from borderwork.records.registry import kind_of, url_for
from borderwork.records.views import RecordDetailView
from cadres import forms
from cadres.models import (
    Assignment,
    AssignmentKind,
    CadreCandidate,
    Course,
    Officer,
)


def officer_figures() -> dict:
    # A subquery per row shown, not a GROUP BY over every officer's assignments before paging.
    current = (
        Assignment.objects.current_on(timezone.localdate())
        .filter(officer=OuterRef("pk"))
        .order_by()
        .values("officer")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return {"current_assignments": Coalesce(Subquery(current), 0)}


def course_figures() -> dict:
    return {
        "participant_count": Count("participants"),
        "minority_count": Count(
            "participants", filter=Q(participants__ethnic_group__is_minority=True)
        ),
    }


def officer_assignments(officer: Officer, user) -> dict:
    """The officer's assignments, those held today first, newest first within each."""
    today = timezone.localdate()
    assignments = list(
        officer.assignments.visible_to(user).select_related("commune", "district", "party_cell")
    )
    for assignment in assignments:
        assignment.current = assignment.is_current(today)
    assignments.sort(key=lambda assignment: not assignment.current)
    return {"assignments": assignments}


def assignment_detail(assignment: Assignment, user) -> dict:
    """The form that ends the term, and a delegate's petitions."""
    context = {"end_form": forms.EndTermForm(assignment=assignment)}
    context["is_delegate"] = assignment.kind == AssignmentKind.PEOPLES_COUNCIL
    if context["is_delegate"]:
        context["petitions"] = assignment.petitions.visible_to(user)
    return context


def course_participants(course: Course, user) -> dict:
    participants = list(course.participants.select_related("ethnic_group", "commune"))
    minority = sum(1 for p in participants if p.ethnic_group and p.ethnic_group.is_minority)
    return {"participants": participants, "minority_count": minority}


def candidate_admissions(candidate: CadreCandidate, user) -> dict:
    admissions = candidate.admissions.visible_to(user).select_related("commune")
    return {"admissions": admissions}


class EndTermView(RecordDetailView):
    """Ends an assignment's term from its page; a refused date shows there, in red."""

    http_method_names = ["post"]

    @property
    def kind(self):
        return kind_of(Assignment)

    def get_queryset(self):
        # Only someone who may change the assignment may end it; for anyone else it is a 404.
        return Assignment.objects.editable_by(self.request.user).select_related(
            *self.kind.select_related
        )

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = forms.EndTermForm(request.POST, assignment=self.object)
        if form.is_valid():
            form.save()
            messages.success(
                request,
                _("Đã kết thúc nhiệm kỳ ngày %(day)s: %(record)s.")
                % {"day": self.object.ended_on.strftime("%d/%m/%Y"), "record": self.object},
            )
            return HttpResponseRedirect(url_for(self.object))
        messages.error(request, _("Chưa kết thúc được nhiệm kỳ: hãy sửa ngày kết thúc."))
        context = self.get_context_data(object=self.object)
        context["end_form"] = form
        return self.render_to_response(context)
