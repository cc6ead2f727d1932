from communes.models.geography import (
    Commune,
    CommuneKind,
    District,
    EthnicGroup,
    Province,
    Station,
    StationCoverage,
    Village,
    VillageKind,
)
from communes.models.party import (
    PartyCell,
    PartyCellRating,
    PartyCommittee,
    PartyCommitteeRating,
    QualityRating,
)
from communes.models.profiles import CommuneProfile
from communes.models.regulations import (
    CoordinationRegulation,
    Counterpart,
    Directive,
    RegulationReview,
    RegulationStatus,
    ReviewKind,
)

__all__ = [
    "Commune",
    "CommuneKind",
    "CommuneProfile",
    "CoordinationRegulation",
    "Counterpart",
    "Directive",
    "District",
    "EthnicGroup",
    "PartyCell",
    "PartyCellRating",
    "PartyCommittee",
    "PartyCommitteeRating",
    "Province",
    "QualityRating",
    "RegulationReview",
    "RegulationStatus",
    "ReviewKind",
    "Station",
    "StationCoverage",
    "Village",
    "VillageKind",
]
