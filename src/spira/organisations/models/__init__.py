from .membership import Membership
from .organisation import County, Organisation
from .sdg import Sdg

__all__ = ["County", "Membership", "Organisation", "Sdg"]
