"""The app's pages and the header menu's sections (``app.py`` builds the navigation from them;
the page benchmark walks them)."""

SIGN_IN_PAGE = "pages/masuk.py"
HOME = "ringkasan"  # the home page's name in links
# (script, title, icon, URL path); the first page is the default.
PAGES = [
    ("pages/ringkasan.py", "nav.ringkasan", ":material/dashboard:", "beranda"),  # served at "/"
    ("pages/indikator.py", "nav.indikator", ":material/bar_chart:", "indikator"),
    ("pages/profil.py", "nav.profil", ":material/location_city:", "profil"),
    ("pages/situasi.py", "nav.situasi", ":material/insights:", "situasi"),
    ("pages/peta.py", "nav.peta", ":material/map:", "peta"),
    ("pages/pengukuran.py", "nav.pengukuran", ":material/straighten:", "pengukuran"),
    ("pages/program.py", "nav.program", ":material/hub:", "program"),
    ("pages/aksi.py", "nav.aksi", ":material/checklist:", "aksi"),
    ("pages/presentasi.py", "nav.presentasi", ":material/slideshow:", "presentasi"),
    ("pages/data.py", "nav.data", ":material/upload_file:", "data"),
    ("pages/audit.py", "nav.audit", ":material/history:", "audit"),
    ("pages/panduan.py", "nav.panduan", ":material/help:", "panduan"),
    ("pages/referensi.py", "nav.referensi", ":material/menu_book:", "referensi"),
    (SIGN_IN_PAGE, "nav.masuk", ":material/login:", "masuk"),
]
# The menu in the header, grouped, so that the sidebar holds only the filters: on a 1366×768
# projector they are on screen at once, not below 14 page links ("" = first, ungrouped).
NAV_SECTIONS = {
    "": ["beranda"],  # the home page (served at "/", and at /ringkasan by its name)
    "nav.s_analisis": ["indikator", "profil", "situasi", "peta", "pengukuran"],
    "nav.s_program": ["program", "aksi", "presentasi"],
    "nav.s_data": ["data", "audit", "referensi"],
    "nav.s_bantuan": ["panduan", "masuk"],
}
