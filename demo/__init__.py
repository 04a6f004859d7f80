"""Synthetic demo data for the dashboard (seeded, reproducible, always labelled synthetic)."""
