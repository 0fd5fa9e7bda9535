"""Demand-aware timetabling: participants' wishes, the solver that proposes a grid, and fair seat
allocation."""
