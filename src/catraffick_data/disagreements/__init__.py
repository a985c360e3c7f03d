"""Where sources disagree or figures do not add up: the rules, the register and the row flags."""
from .register import find_conflicts, flag_figures, register
from .base import Conflict, RuleInput
from .rules import RULES

__all__ = ["find_conflicts", "flag_figures", "register", "RULES", "Conflict", "RuleInput"]
