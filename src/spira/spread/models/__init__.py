from .adoption import Adoption
from .solution import Solution, SolutionLink

__all__ = ["Adoption", "Solution", "SolutionLink"]
