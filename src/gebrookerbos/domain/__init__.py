"""The domain: codes, rules and read models of plots and initiatives (pure Python, no view code).

The vocabulary (``Availability``, ``Stage``, ...) lives in :mod:`gebrookerbos.domain.codes` and is
re-exported here, so ``from gebrookerbos.domain import Stage`` reads as the domain word it is.
"""

from gebrookerbos.domain.codes import *  # noqa: F403
from gebrookerbos.domain.codes import __all__  # noqa: F401
