"""cap135: plans, budgets and the KẾ HOẠCH for capacity-building programmes."""

__version__ = "0.1.0"
