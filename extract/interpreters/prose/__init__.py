"""Figures stated in the prose, and their reconciliation with the tables."""
