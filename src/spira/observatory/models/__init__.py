from .aggregate import Aggregate, AggregateState
from .goal import EffectGoal, Measurement
from .portfolio import PortfolioAssessment

__all__ = ["Aggregate", "AggregateState", "EffectGoal", "Measurement", "PortfolioAssessment"]
