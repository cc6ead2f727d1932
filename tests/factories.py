"""factory_boy factories for the records tests build on."""

import datetime

import factory

from borderwork.accounts.models import Role, User
from cadres.models import Assignment, AssignmentKind, Officer
from communes.models import (
    Commune,
    CommuneProfile,
    District,
    EthnicGroup,
    PartyCell,
    PartyCommittee,
    Province,
    Station,
    StationCoverage,
    Village,
)
from programmes.models import Programme, SupportRecord


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province

    name = factory.Sequence(lambda n: f"Tỉnh {n}")
    slug = factory.Sequence(lambda n: f"tinh-{n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    name = factory.Sequence(lambda n: f"Huyện {n}")
    slug = factory.Sequence(lambda n: f"huyen-{n}")
    province = factory.SubFactory(ProvinceFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune

    name = factory.Sequence(lambda n: f"Xã {n}")
    slug = factory.Sequence(lambda n: f"xa-{n}")
    province = factory.SubFactory(ProvinceFactory)


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    name = factory.Sequence(lambda n: f"Thôn {n}")
    commune = factory.SubFactory(CommuneFactory)


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Station

    name = factory.Sequence(lambda n: f"Đồn Biên phòng {n}")
    slug = factory.Sequence(lambda n: f"don-{n}")
    province = factory.SubFactory(ProvinceFactory)


class StationCoverageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StationCoverage

    station = factory.SubFactory(StationFactory)
    commune = factory.SubFactory(
        CommuneFactory, province=factory.SelfAttribute("..station.province")
    )


class EthnicGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EthnicGroup
        django_get_or_create = ("name",)

    name = "Xtiêng"


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommuneProfile

    commune = factory.SubFactory(CommuneFactory)
    year = 2025


class PartyCommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyCommittee

    commune = factory.SubFactory(CommuneFactory)
    name = factory.LazyAttribute(lambda o: f"Đảng ủy {o.commune}")


class PartyCellFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartyCell

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Chi bộ thôn {n}")


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    rank = "Đại úy"
    station = factory.SubFactory(StationFactory)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    officer = factory.SubFactory(OfficerFactory)
    kind = AssignmentKind.PARTY_COMMITTEE
    commune = factory.SubFactory(
        CommuneFactory, province=factory.SelfAttribute("..officer.station.province")
    )
    started_on = datetime.date(2025, 7, 1)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)

    name = "Nuôi bò vì người nghèo nơi biên giới"
    slug = "bo-giong"
    kind = "livelihood"
    unit = "cows"


class SupportRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportRecord

    programme = factory.SubFactory(ProgrammeFactory)
    station = factory.SubFactory(StationFactory)
    commune = factory.SubFactory(
        CommuneFactory, province=factory.SelfAttribute("..station.province")
    )
    recipient_name = factory.Sequence(lambda n: f"Hộ ông Thị {n}")
    given_on = datetime.date(2025, 9, 1)
    quantity = 1
    value_vnd = 18_000_000


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.NATIONAL
    password = factory.PostGenerationMethodCall("set_password", "borderwork-demo")

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):  # factory_boy passes the object as `obj`
        if create:
            obj.save()


class DirectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "communes.Directive"
        django_get_or_create = ("code",)

    code = "1540-QĐ/TU"
    title = "Quy định về đảng viên Bộ đội Biên phòng tham gia sinh hoạt chi bộ thôn, ấp"


class CoordinationRegulationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "communes.CoordinationRegulation"

    number = factory.Sequence(lambda n: f"{n}/QC-ĐBP")
    title = "Quy chế phối hợp xây dựng hệ thống chính trị cơ sở"
    station = factory.SubFactory(StationFactory)
    commune = factory.SubFactory(
        CommuneFactory, province=factory.SelfAttribute("..station.province")
    )
    signed_on = datetime.date(2025, 9, 1)


class LandmarkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programmes.Landmark"

    number = factory.Sequence(lambda n: str(100 + n))
    commune = factory.SubFactory(CommuneFactory)


class SelfManagementGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programmes.SelfManagementGroup"

    kind = "collective"
    name = factory.Sequence(lambda n: f"Chi đoàn Thanh niên ấp {n}")
    station = factory.SubFactory(StationFactory)
    commune = factory.SubFactory(
        CommuneFactory, province=factory.SelfAttribute("..station.province")
    )
    registered_on = datetime.date(2025, 8, 1)
    members = 12


class MassMobilisationModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programmes.MassMobilisationModel"

    name = factory.Sequence(lambda n: f"Mô hình Dân vận khéo {n}")
    field = "economy"
    station = factory.SubFactory(StationFactory)
    commune = factory.SubFactory(
        CommuneFactory, province=factory.SelfAttribute("..station.province")
    )
    started_on = datetime.date(2025, 8, 1)


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "programmes.Activity"

    kind = "propaganda"
    topic = factory.Sequence(lambda n: f"Tuyên truyền Luật Biên giới quốc gia, đợt {n}")
    station = factory.SubFactory(StationFactory)
    commune = factory.SubFactory(
        CommuneFactory, province=factory.SelfAttribute("..station.province")
    )
    held_on = datetime.date(2025, 9, 10)
    sessions = 2
    attendees = 120


class PetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cadres.Petition"

    assignment = factory.SubFactory(AssignmentFactory, kind=AssignmentKind.PEOPLES_COUNCIL)
    received_on = datetime.date(2025, 9, 15)
    voters = "Cử tri ấp 3"
    subject = "Đề nghị sửa chữa tuyến đường liên thôn bị sạt lở sau mùa mưa."


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cadres.Course"

    kind = "party"
    title = factory.Sequence(lambda n: f"Lớp bồi dưỡng nhận thức về Đảng, khóa {n} năm 2025")
    host = "Đảng ủy xã"
    station = factory.SubFactory(StationFactory)
    commune = factory.SubFactory(
        CommuneFactory, province=factory.SelfAttribute("..station.province")
    )
    started_on = datetime.date(2025, 9, 8)
    ended_on = datetime.date(2025, 9, 12)


class CourseParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cadres.CourseParticipant"

    course = factory.SubFactory(CourseFactory)
    full_name = factory.Sequence(lambda n: f"Điểu Thị {n}")
    commune = factory.SelfAttribute("course.commune")


class CadreCandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cadres.CadreCandidate"

    full_name = factory.Sequence(lambda n: f"Thị Nguồn {n}")
    birth_year = 2003
    commune = factory.SubFactory(CommuneFactory)
    source = "recruitment"
    identified_on = datetime.date(2025, 8, 1)


class PartyAdmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cadres.PartyAdmission"

    full_name = factory.Sequence(lambda n: f"Điểu Văn {n}")
    commune = factory.SubFactory(CommuneFactory)
    admitted_on = datetime.date(2025, 10, 3)
