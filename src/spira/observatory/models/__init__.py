from .goal import EffectGoal, Measurement
from .portfolio import PortfolioAssessment

__all__ = ["EffectGoal", "Measurement", "PortfolioAssessment"]
