from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from spira.core.models import ActivityLogEntry, Notification
from spira.spread import services
from spira.spread.choices import AdoptionStatus, SolutionKind
from spira.spread.models import Adoption, Solution

pytestmark = pytest.mark.django_db


def test_create_solution_saves_and_logs(stockholm, owner_member):
    solution = services.create_solution(
        owner_member,
        stockholm,
        name="Idésluss",
        summary="Så driver ni en idésluss.",
        kind=SolutionKind.PLAYBOOK,
    )

    assert solution.slug == "idesluss"
    assert ActivityLogEntry.objects.for_object(solution).get().action == "spread.solution.created"


def test_create_solution_rejects_outsider(stockholm, outsider):
    with pytest.raises(PermissionDenied):
        services.create_solution(outsider, stockholm, name="X", summary="Y", kind=SolutionKind.METHOD)
    assert Solution.objects.count() == 0


def test_create_solution_rejects_bad_licence(stockholm, owner_member):
    with pytest.raises(ValidationError) as error:
        services.create_solution(
            owner_member,
            stockholm,
            name="X",
            summary="Y",
            kind=SolutionKind.SOFTWARE,
            licence="Not a licence",
        )
    assert list(error.value.message_dict) == ["licence"]


def test_procurement_fields_mark_the_solution_as_procurable(stockholm, owner_member):
    solution = services.create_solution(
        owner_member, stockholm, name="Upphandling av larm", summary="Kravställning.",
        kind=SolutionKind.METHOD, framework_agreement="Kammarkollegiet 23.3-1234-22",
    )  # fmt: skip

    assert Solution.objects.procurable().get() == solution


def test_mark_interest_creates_interested_adoption_and_notifies_owner(
    solution, ostersund, adopter_member, owner_member
):
    adoption = services.mark_interest(adopter_member, solution, ostersund)

    assert adoption.status == AdoptionStatus.INTERESTED
    assert adoption.source == solution.owner
    assert adoption.interested_on == timezone.localdate()
    assert Notification.objects.get().recipient == owner_member


def test_mark_interest_rejects_own_solution(solution, stockholm, owner_member):
    with pytest.raises(ValidationError) as error:
        services.mark_interest(owner_member, solution, stockholm)
    assert list(error.value.message_dict) == ["organisation"]
    assert Adoption.objects.count() == 0


def test_mark_interest_rejects_organisation_of_someone_else(solution, ostersund, outsider):
    with pytest.raises(PermissionDenied):
        services.mark_interest(outsider, solution, ostersund)
    assert Adoption.objects.count() == 0


def test_mark_interest_twice_is_refused(solution, ostersund, adopter_member):
    services.mark_interest(adopter_member, solution, ostersund)
    with pytest.raises(ValidationError):
        services.mark_interest(adopter_member, solution, ostersund)
    assert Adoption.objects.count() == 1


def test_status_moves_from_interest_to_pilot_to_use(solution, ostersund, adopter_member):
    adoption = services.mark_interest(adopter_member, solution, ostersund)

    services.change_adoption_status(adopter_member, adoption, AdoptionStatus.PILOTING)
    services.change_adoption_status(adopter_member, adoption, AdoptionStatus.IN_USE)

    adoption.refresh_from_db()
    solution.refresh_from_db()
    assert adoption.status == AdoptionStatus.IN_USE
    assert adoption.in_use_since == timezone.localdate()
    assert solution.adopter_count == 1


def test_status_rejects_future_date(solution, ostersund, adopter_member):
    adoption = services.mark_interest(adopter_member, solution, ostersund)
    tomorrow = timezone.localdate() + timedelta(days=1)

    with pytest.raises(ValidationError) as error:
        services.change_adoption_status(adopter_member, adoption, AdoptionStatus.PILOTING, on=tomorrow)

    assert list(error.value.message_dict) == ["pilot_started_on"]
    adoption.refresh_from_db()
    assert adoption.status == AdoptionStatus.INTERESTED


def test_status_rejects_transition_backwards(solution, ostersund, adopter_member):
    adoption = services.mark_interest(adopter_member, solution, ostersund)
    services.change_adoption_status(adopter_member, adoption, AdoptionStatus.IN_USE)

    with pytest.raises(ValidationError):
        services.change_adoption_status(adopter_member, adoption, AdoptionStatus.INTERESTED)


def test_discontinuing_needs_a_reason(solution, ostersund, adopter_member):
    adoption = services.mark_interest(adopter_member, solution, ostersund)

    with pytest.raises(ValidationError) as error:
        services.change_adoption_status(adopter_member, adoption, AdoptionStatus.DISCONTINUED)

    assert list(error.value.message_dict) == ["reason"]


def test_status_change_by_source_is_refused(solution, ostersund, adopter_member, owner_member):
    adoption = services.mark_interest(adopter_member, solution, ostersund)

    with pytest.raises(PermissionDenied):
        services.change_adoption_status(owner_member, adoption, AdoptionStatus.PILOTING)


def test_adoption_is_verified_when_both_confirm(solution, stockholm, ostersund, adopter_member, owner_member):
    adoption = services.register_adoption(adopter_member, solution, ostersund, status=AdoptionStatus.IN_USE)

    services.confirm_adoption(adopter_member, adoption, ostersund)
    assert not adoption.is_verified
    services.confirm_adoption(owner_member, adoption, stockholm)

    adoption.refresh_from_db()
    assert adoption.is_verified


def test_confirm_by_organisation_not_party_is_refused(solution, adopter_member, ostersund):
    from spira.organisations.tests.factories import MembershipFactory, MunicipalityFactory

    other = MunicipalityFactory(name="Bjurholm")
    user = MembershipFactory(organisation=other).user
    adoption = services.mark_interest(adopter_member, solution, ostersund)

    with pytest.raises(ValidationError) as error:
        services.confirm_adoption(user, adoption, other)

    assert list(error.value.message_dict) == ["organisation"]
    adoption.refresh_from_db()
    assert adoption.adopter_confirmed_at is None
    assert adoption.source_confirmed_at is None


def test_confirm_for_party_by_non_member_is_refused(solution, ostersund, adopter_member, outsider):
    adoption = services.mark_interest(adopter_member, solution, ostersund)

    with pytest.raises(PermissionDenied):
        services.confirm_adoption(outsider, adoption, ostersund)


def test_status_change_clears_confirmations(solution, stockholm, ostersund, adopter_member, owner_member):
    adoption = services.register_adoption(adopter_member, solution, ostersund, status=AdoptionStatus.PILOTING)
    services.confirm_adoption(adopter_member, adoption, ostersund)
    services.confirm_adoption(owner_member, adoption, stockholm)

    services.change_adoption_status(adopter_member, adoption, AdoptionStatus.IN_USE)

    assert not adoption.is_verified


def test_update_adoption_records_effect_with_indicator(solution, ostersund, adopter_member):
    adoption = services.mark_interest(adopter_member, solution, ostersund)

    services.update_adoption(
        adopter_member, adoption, effect="Kortare väntetider.", indicator="Väntetid", indicator_unit="dagar",
        baseline=30, result=12,
    )  # fmt: skip

    adoption.refresh_from_db()
    assert adoption.effect_change == -18


def test_update_adoption_rejects_baseline_without_indicator(solution, ostersund, adopter_member):
    adoption = services.mark_interest(adopter_member, solution, ostersund)

    with pytest.raises(ValidationError) as error:
        services.update_adoption(adopter_member, adoption, baseline=3)

    assert list(error.value.message_dict) == ["indicator"]


def test_register_adoption_rejects_learning_from_itself(solution, ostersund, adopter_member):
    with pytest.raises(ValidationError) as error:
        services.register_adoption(adopter_member, solution, ostersund, source=ostersund)
    assert list(error.value.message_dict) == ["source"]
