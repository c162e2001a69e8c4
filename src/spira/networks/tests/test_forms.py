import datetime

from hypothesis import given
from hypothesis import strategies as st

from spira.networks.forms import BookingForm


class Anonymous:
    is_authenticated = False


@given(day=st.text(max_size=12), start=st.text(max_size=6), end=st.text(max_size=6))
def test_booking_form_never_crashes_and_gives_aware_times(day, start, end):
    form = BookingForm({"date": day, "start": start, "end": end}, user=Anonymous())

    if form.is_valid():
        assert form.cleaned_data["starts_at"].tzinfo is not None
        assert form.cleaned_data["ends_at"] >= form.cleaned_data["starts_at"] - datetime.timedelta(days=1)
