"""Many people try to book the same room for the same hour at the same moment: exactly one gets it."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection

from spira.networks import services
from spira.networks.models import Booking, BookingSlot
from spira.networks.tests.conftest import HubWorld
from spira.networks.tests.factories import next_weekday_at
from spira.organisations.tests.factories import MembershipFactory

ATTEMPTS = 30


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_the_same_hour_end_with_exactly_one():
    world = HubWorld()
    people = [MembershipFactory(organisation=world.municipality).user for _ in range(ATTEMPTS)]
    starts = next_weekday_at(10)
    barrier = threading.Barrier(ATTEMPTS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(user):
        try:
            barrier.wait()
            services.book_resource(user, world.room, starts, starts + datetime.timedelta(hours=1))
            outcome = "booked"
        except ValidationError:
            outcome = "refused"
        except OperationalError:
            # SQLite's busy timeout ran out: the attempt failed and changed nothing.
            outcome = "busy"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=attempt, args=(user,)) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("booked") == 1
    assert len(outcomes) == ATTEMPTS
    assert Booking.objects.count() == 1
    assert BookingSlot.objects.count() == 2
