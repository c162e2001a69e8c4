from .aggregate import Aggregate, AggregateState, Contribution
from .goal import EffectGoal, Measurement
from .portfolio import PortfolioAssessment

__all__ = ["Aggregate", "AggregateState", "Contribution", "EffectGoal", "Measurement", "PortfolioAssessment"]
