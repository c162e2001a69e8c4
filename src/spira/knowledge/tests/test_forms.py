from hypothesis import given
from hypothesis import strategies as st

from spira.knowledge.forms import ReviewForm


@given(rating=st.text(max_size=4), strengths=st.text(max_size=50))
def test_review_form_accepts_only_ratings_1_to_5(rating, strengths):
    form = ReviewForm({"rating": rating, "strengths": strengths, "language": "sv"})

    valid = form.is_valid()

    assert valid == (
        rating in {"1", "2", "3", "4", "5"} and bool(strengths.strip()) and "\x00" not in strengths
    )
