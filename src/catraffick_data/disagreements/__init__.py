"""Where sources disagree or figures do not add up: the rules, the register and the row flags."""
from .register import find_conflicts, flag_figures, register
from .rules import RULES, Conflict, RuleInput

__all__ = ["find_conflicts", "flag_figures", "register", "RULES", "Conflict", "RuleInput"]
