"""Facts the tests check against, written once (domain.md §1)."""

LOKUS_2022_NAMES = {
    "Warakas",
    "Cilincing",
    "Sunter Agung",
    "Pademangan Barat",
    "Kebon Bawang",
    "Semper Barat",
    "Penjaringan",
}
