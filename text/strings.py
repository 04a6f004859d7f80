"""Every UI text in one table (Bahasa Indonesia), looked up with ``t(key, **values)``: one block
per page or part (the key's prefix), the blocks in alphabetical order."""

from __future__ import annotations

STRINGS: dict[str, str] = {
    "aksi.title": "Aksi konvergensi",
    "aksi.year": "Tahun aksi",
    "aksi.header": "Tahun {tahun}: tahap ke-{nomor} dari {total} — {aksi}",
    "aksi.header_done": "Tahun {tahun}: {total} dari {total} aksi selesai",
    "aksi.framework": "Kerangka: {nama}. Tahap = aksi utama pertama (berurutan) yang belum selesai; status 'terlambat' bila rencana selesai sudah lewat.",
    "aksi.as_of": "**Status per {tanggal}** — {dasar}, atau hari ini (WIB) bila belum berakhir. Slide aksi di Presentasi dan berkasnya memakai dasar yang sama.",
    "aksi.as_of_period": "akhir periode {periode} yang dipilih di samping",
    "aksi.as_of_year": "akhir tahun {tahun} (periode di samping ada di tahun lain)",
    "aksi.as_of_today": " Periode itu belum berakhir: status per hari ini.",
    "aksi.none": "Belum ada data aksi. Buat tahun baru dari kerangka di bawah.",
    "aksi.progress": "Progres per aksi",
    "aksi.timeline": "Rencana dan realisasi",
    "aksi.kelurahan": "Progres per {unit} (aksi tingkat {unit})",
    "aksi.compare": "Perbandingan antartahun",
    "aksi.compare_other": "Hanya tahun dengan kerangka aksi yang sama dengan {tahun} yang "
    "dibandingkan; tahun {lain} memakai kerangka lain (nomor aksinya berarti aksi yang lain).",
    "aksi.edit": "Perbarui progres {tahun}",
    "aksi.edit_help": "Ubah sel lalu tekan Simpan. Semua perubahan diperiksa dulu dan dicatat (siapa, kapan, dari apa menjadi apa).",
    "aksi.save": "Simpan perubahan",
    "aksi.saved": "{n} isian disimpan dan dicatat di log perubahan.",
    "aksi.nothing": "Tidak ada perubahan untuk disimpan.",
    "aksi.invalid": "Perubahan belum disimpan:",
    "aksi.evidence": "Berkas bukti",
    "aksi.evidence_help": "PDF, gambar (PNG/JPG) atau dokumen Office, paling besar {mb} MB. Nama berkas dibersihkan; isinya disimpan di basis data.",
    "aksi.evidence_row": "Untuk baris",
    "aksi.evidence_file": "Berkas bukti",
    "aksi.evidence_save": "Simpan bukti",
    "aksi.evidence_saved": "Bukti {file} disimpan dan dicatat di log perubahan.",
    "aksi.file": "Unduh / impor progres (XLSX, CSV)",
    "aksi.export_xlsx": "Unduh progres (XLSX)",
    "aksi.export_csv": "Unduh progres (CSV)",
    "aksi.import": "Impor progres yang sudah diubah (uji coba dulu)",
    "aksi.import_problems": "{n} masalah; tidak ada yang disimpan. Perbaiki berkas lalu unggah ulang.",
    "aksi.import_changes": "Uji coba: {n} isian akan berubah.",
    "aksi.import_save": "Simpan impor",
    "aksi.switch_title": "Ganti kerangka tahun {tahun}",
    "aksi.switch_help": "Kerangka tahun {tahun} dapat diganti selama semua aksinya belum mulai; baris progresnya dibuat ulang dari kerangka baru dan penggantian dicatat.",
    "aksi.switch": "Ganti kerangka tahun {tahun}",
    "aksi.switched": "Tahun {tahun} kini memakai kerangka {kerangka}.",
    "aksi.audit": "Log perubahan",
    "aksi.audit_none": "Belum ada perubahan tercatat.",
    "aksi.new": "Tahun baru dari kerangka",
    "aksi.new_year": "Tahun",
    "aksi.new_framework": "Kerangka",
    "aksi.new_create": "Buat tahun {tahun}",
    "aksi.new_done": "Tahun {tahun} dibuat dari kerangka {kerangka}.",
    "aksi.new_exists": "Tahun {tahun} sudah ada.",
    "app.title": "Dasbor Konvergensi Stunting {judul_wilayah}",
    "app.error": (
        "Maaf, terjadi kesalahan di halaman ini. Rinciannya dicatat di log server. Muat ulang "
        "halaman; bila berulang, hubungi admin dasbor."
    ),
    "app.short": "Konvergensi Stunting {judul_wilayah}",
    "area.kota": "{wilayah}",
    "area.kecamatan": "Kecamatan {name}",
    "audit.title": "Log Audit",
    "audit.what": "melihat log audit",
    "audit.intro": (
        "Setiap perubahan data dan setiap upaya masuk: siapa, kapan (WIB), jenis, objek dan "
        "rinciannya. Log hanya bertambah; tidak ada yang dapat diubah dari aplikasi."
    ),
    "audit.jenis": "Jenis",
    "audit.oleh": "Oleh",
    "audit.all": "Semua",
    "audit.days": "Tanggal (WIB)",
    "audit.search": "Cari di objek atau rincian",
    "audit.count": "{n} dari {total} catatan.",
    "audit.page": "Halaman (dari {pages}; {rows} catatan per halaman, terbaru dulu)",
    "audit.export_cut": "Unduhan berisi {n} catatan terbaru yang cocok; persempit saringan untuk yang lebih lama.",
    "audit.csv": "Unduh CSV",
    "audit.xlsx": "Unduh Excel",
    "audit.users": "Pengguna dan peran",
    "audit.users_help": (
        "Diubah oleh admin server: `python manage.py add-user`, `set-user --role/--status`, "
        "`users`. Hash kata sandi tidak pernah ditampilkan."
    ),
    "auth.title": "Masuk",
    "auth.intro": (
        "Semua orang dapat melihat dasbor. Untuk **mengubah data** — unggah berkas, membatalkan "
        "dataset, mengisi progres aksi, mengimpor batas wilayah, mengubah rencana kegiatan, "
        "menulis catatan rapat — masuklah dengan akun berperan **editor** atau **admin**. Setiap "
        "perubahan dicatat atas nama akun Anda di halaman Audit."
    ),
    "auth.sso": "Masuk dengan akun kantor (SSO)",
    "auth.sso_refused": (
        "Penyedia SSO tidak mengirim e-mail yang terverifikasi untuk akun ini, jadi Anda belum "
        "masuk. Keluar dari akun SSO ini lalu masuk dengan akun kantor lain, atau hubungi admin "
        "dasbor."
    ),
    "auth.sso_sign_out": "Keluar dari akun SSO",
    "auth.username": "Nama pengguna",
    "auth.password": "Kata sandi",
    "auth.sign_in": "Masuk",
    "auth.sign_out": "Keluar",
    "auth.wait": "Terlalu banyak percobaan gagal dari sesi ini. Tunggu {detik} detik, lalu coba lagi.",
    "auth.go_sign_in": "Masuk sebagai editor",
    "auth.signed_in_as": "Masuk sebagai **{nama}** (peran: {peran})",
    "auth.session_ended": (
        "Sesi Anda berakhir (keluar di tab lain, kedaluwarsa, kata sandi atau peran diganti, "
        "atau akun dinonaktifkan). Masuk lagi untuk mengubah data."
    ),
    "auth.need_sign_in": "Hanya editor atau admin yang masuk yang dapat {what}.",
    "auth.need_editor": (
        "Akun Anda berperan **{peran}**: hanya dapat melihat. Untuk {what}, minta admin dasbor "
        "memberi peran editor (`python manage.py set-user NAMA --role editor`)."
    ),
    "auth.no_users": (
        "Belum ada pengguna di basis data ini. Admin server membuatnya dengan: "
        "`python manage.py add-user NAMA --role admin` (kata sandi diminta, disimpan sebagai hash "
        "bergaram), atau `--oidc` untuk e-mail yang masuk lewat SSO."
    ),
    "auth.role_pembaca": "Peran **pembaca**: dapat melihat semua halaman, tidak dapat mengubah data.",
    "auth.role_editor": (
        "Peran **editor**: dapat mengunggah data, membatalkan dataset, mengisi progres aksi, "
        "mengimpor batas wilayah, mengubah rencana kegiatan dan menulis catatan rapat."
    ),
    "auth.role_admin": "Peran **admin**: seperti editor, ditambah melihat daftar pengguna di halaman Audit.",
    "auth.what_upload": "mengunggah dan menyimpan berkas indikator",
    "auth.what_rollback": "membatalkan atau memulihkan dataset dan mengunduh berkas asli",
    "auth.what_boundaries": "mengimpor atau membatalkan batas wilayah",
    "auth.what_aksi": "mengubah progres aksi",
    "auth.what_aksi_file": "mengimpor berkas progres aksi",
    "auth.what_evidence": "mengunggah berkas bukti",
    "auth.what_aksi_year": "menambah tahun aksi",
    "auth.what_framework": "mengganti kerangka aksi",
    "auth.what_activities": "mengubah daftar rencana kegiatan",
    "auth.what_measurements": "memeriksa dan menyimpan rekaman pengukuran",
    "auth.what_notes": "menulis catatan rapat",
    "badge.synthetic": "Data contoh (sintetis)",
    "badge.synthetic_help": (
        "Angka di halaman ini berasal dari data contoh buatan (sintetis) yang dibuat oleh "
        "demo/generate.py, bukan data resmi. Unggah data resmi untuk menggantinya."
    ),
    "badge.synthetic_mixed": (
        "Sebagian angka di halaman ini berasal dari data contoh buatan (sintetis) yang dibuat "
        "oleh demo/generate.py, sebagian dari data yang diunggah. Batalkan dataset 'Data contoh "
        "(sintetis)' di Data › Riwayat unggahan agar hanya data resmi yang tampil."
    ),
    "batas.tab": "Batas wilayah",
    "batas.intro": (
        "Peta memakai batas **perkiraan** sampai batas resmi diunggah. Unggah GeoJSON, Shapefile "
        "dalam satu zip (.shp, .shx, .dbf, .prj) atau GeoPackage; CRS apa pun diubah ke EPSG:4326, "
        "{unit} dicocokkan dengan kode atau nama, geometri yang tidak valid diperbaiki, lalu "
        "disederhanakan untuk tampilan. Setiap unggahan menjadi versi baru yang dapat dibatalkan."
    ),
    "batas.upload": "Berkas batas {unit}",
    "batas.summary": "{matched} dari {total} {unit} cocok · {features} fitur dibaca",
    "batas.save": "Simpan batas",
    "batas.saved": "Batas tersimpan sebagai versi #{id}; peta kini memakainya.",
    "batas.none": "Tidak ada {unit} yang cocok; tidak ada yang dapat disimpan.",
    "batas.versions": "Versi batas",
    "batas.rollback": "Batalkan versi #{id}",
    "batas.rolled_back": "Versi #{id} dibatalkan; peta memakai versi sebelumnya atau batas perkiraan.",
    "batas.current": "Dipakai di peta: versi #{id} ({file}).",
    "batas.current_none": "Dipakai di peta: batas perkiraan (belum ada batas resmi).",
    "card.prevalence": "Prevalensi stunting (e-PPGBM)",
    "card.prevalence_caption": "{num} dari {den} balita diukur · {periode} · {n} dari {total} {unit} melapor",
    "card.change": "Perubahan sejak 2022",
    "card.change_caption": "{now} dibanding {baseline} ({value}), pada {n} {unit} yang melapor di kedua periode; poin persentase",
    "card.change_base_year": "Tahun dasar",
    "card.change_base_caption": "2022 adalah tahun dasar; perubahan dihitung untuk periode 2023 dan sesudahnya.",
    "card.change_verdict": "{verdict} (uji Newcombe 95%, ≥ {poin} poin)",
    "card.change_none": "Tidak ada {unit} yang melapor pada periode ini dan periode yang sama tahun 2022.",
    "card.survey": "Prevalensi stunting (survei SSGI/SKI)",
    "card.survey_caption": "Tingkat {kabkota} · {periode} · n = {den}. Survei sampel: jangan dibandingkan langsung dengan e-PPGBM.",
    "card.survey_none": "Tidak ada data survei tingkat {kabkota} sampai tahun ini.",
    "card.lokus": "{Unit} lokus {tahun}",
    "card.lokus_caption": "dari {total} {unit}{suffix}",
    "card.lokus_from": " (penetapan tahun {tahun})",
    "card.stage": "Tahap aksi konvergensi {tahun}",
    "card.stage_value": "Ke-{nomor} dari {total}",
    "card.stage_done": "{total} dari {total} selesai",
    "card.stage_none": "Belum ada data aksi untuk tahun ini.",
    "card.coverage": "Cakupan intervensi {kelompok}",
    "card.coverage_caption": "{reached} dari {with_target} indikator bertarget tercapai · rata-rata target {target} · {periode}",
    "card.coverage_percent_only": " · {n} indikator tidak dihitung: nilainya hanya persen (tanpa pembilang/penyebut)",
    "card.no_data": "Tidak ada data",
    "col.profil": "Profil",
    "col.profil_link": "Profil →",
    "data.title": "Data indikator",
    "data.intro": (
        "Unggah rekap indikator (CSV, Excel .xlsx atau .xls). Berkas diperiksa dulu (uji coba): "
        "Anda melihat apa yang akan ditambahkan, diperbarui atau diabaikan beserta alasannya, "
        "sebelum menekan **Simpan**. Setiap unggahan disimpan sebagai versi baru dan dapat dibatalkan; "
        "data lama tidak pernah dihapus."
    ),
    "data.synthetic_hint": (
        "Setelah data resmi diunggah, data contoh dapat dibatalkan di tab Riwayat unggahan "
        "(dataset 'Data contoh (sintetis)' dan 'Pengukuran balita contoh (sintetis)')."
    ),
    "data.tab_upload": "Unggah",
    "data.tab_history": "Riwayat unggahan",
    "data.tab_templates": "Templat",
    "data.upload": "Berkas indikator",
    "data.upload_help": "Batas ukuran {mb} MB. Format panjang (satu baris per {unit} × indikator × periode) atau lebar (satu baris per {unit}, satu kolom per indikator).",
    "data.periode": "Periode (bila berkas tidak punya kolom periode)",
    "data.periode_help": "Mis. Triwulan II 2024, TW 2 2024, 2024-Q2, Semester I 2024, Agustus 2024 atau 2024. Kosongkan untuk membaca dari judul berkas.",
    "data.periode_read": "Dibaca sebagai: {periode}",
    "data.periode_bad": "Periode '{text}' tidak dikenali. Contoh: Triwulan II 2024, 2024-Q2, Agustus 2024.",
    "data.sumber": "Sumber data untuk seluruh berkas",
    "data.sumber_default": "Dari kolom sumber berkas, atau sumber katalog tiap indikator",
    "data.proporsi": "Nilai ditulis sebagai proporsi (0,85 = 85%)",
    "data.counts_replaced": "{n} nilai berhitungan (pembilang/penyebut) akan diganti nilai persen saja: {unit}, indikator dan periode itu lalu tidak ikut dijumlahkan ke kecamatan/{kabkota}. Centang di bawah untuk mempertahankan hitungan yang tersimpan.",
    "data.counts_kept": "{n} nilai persen saja tidak diimpor: pembilang/penyebut yang tersimpan untuk kunci yang sama dipertahankan.",
    "data.keep_counts": "Pertahankan pembilang/penyebut yang tersimpan",
    "data.keep_counts_help": "Nilai persen tanpa pembilang/penyebut tidak diimpor untuk {unit} × indikator × periode yang sudah punya hitungan; nilai lain di berkas tetap diimpor.",
    "data.sheet": "Lembar kerja",
    "data.checking": "Memeriksa berkas…",
    "data.dry_run": "Hasil uji coba — belum ada yang disimpan",
    "data.m_rows": "Baris dibaca",
    "data.m_added": "Nilai baru",
    "data.m_updated": "Nilai diperbarui",
    "data.m_same": "Nilai sama",
    "data.m_ignored": "Nilai diabaikan",
    "data.m_ignored_help": "Nilai yang tidak diimpor karena galat; baris total dan baris kosong tidak dihitung.",
    "data.notes": "Yang dikenali dari berkas",
    "data.personal": "Data pribadi ditemukan di kolom {kolom}. Kolom itu diabaikan dan tidak "
    "disimpan, dan berkas aslinya tidak diarsipkan.",
    "data.problems": "Masalah: {errors} galat, {warnings} peringatan",
    "data.problems_none": "Tidak ada masalah.",
    "data.problems_download": "Unduh daftar masalah (CSV)",
    "data.preview": "Pratinjau nilai yang akan disimpan ({shown} dari {total})",
    "data.nothing_all_kept": "Semua nilai berkas ini sudah punya pembilang/penyebut tersimpan yang dipertahankan; tidak ada yang perlu disimpan. Hapus centang 'Pertahankan pembilang/penyebut yang tersimpan' bila nilai persen berkas ini yang ingin dipakai.",
    "data.nothing": "Tidak ada nilai valid untuk disimpan. Pilih arti kolom atau nama indikator di langkah pemetaan, atau perbaiki berkas lalu unggah ulang.",
    "data.skip_confirm": "Simpan {valid} nilai yang valid saja; {ignored} nilai bermasalah diabaikan",
    "data.skip_confirm_errors": "Simpan {valid} nilai yang valid saja; yang bergalat di atas ({errors} galat) tidak disimpan",
    "data.save": "Simpan",
    "data.unclear_confirm": "Simpan tanpa kolom yang artinya belum dipilih: {kolom} (kolom itu tidak diimpor)",
    "data.saved": "Tersimpan sebagai dataset #{id}: {n} nilai dari {file}. Semua halaman kini memakai data ini.",
    "data.duplicate": (
        "Berkas ini sudah disimpan sebagai dataset #{id} pada {waktu} oleh {oleh}; tidak perlu "
        "disimpan lagi. Bila perlu menyimpannya ulang, batalkan dataset #{id} dulu ({tempat})."
    ),
    "data.duplicate_where": "tab Riwayat unggahan",
    "data.save_failed": "Penyimpanan gagal dan dibatalkan seluruhnya; data tersimpan tidak berubah. ({detail})",
    "data.check_failed": "Berkas {file} tidak dapat diperiksa karena kesalahan tak terduga ({detail}). Tidak ada yang disimpan.",
    "data.ind_title": "Tambahkan indikator baru ke katalog ({n} belum dikenali)",
    "data.ind_help": (
        "Periksa dulu saran di tabel masalah: mungkin indikatornya sudah ada dengan kode lain. "
        "Indikator yang ditambahkan tersimpan di basis data, tampil di Data Referensi, dan berkas "
        "diperiksa ulang."
    ),
    "data.ind_from": "Indikator di berkas",
    "data.ind_close": "Nama ini mirip indikator yang sudah ada: {mirip}. Bila sama, pilih indikator itu di langkah pemetaan: menambahkannya lagi akan menyimpan satu indikator dua kali dengan dua kode.",
    "data.ind_kode": "Kode (3 huruf + 2 angka, mis. SEN12)",
    "data.ind_nama": "Nama indikator",
    "data.ind_kelompok": "Kelompok",
    "data.ind_sasaran": "Sasaran (mis. Balita)",
    "data.ind_satuan": "Satuan",
    "data.ind_arah": "Arah",
    "data.ind_tinggi_baik": "Makin tinggi makin baik",
    "data.ind_rendah_baik": "Makin rendah makin baik",
    "data.ind_target": "Target (kosongkan bila belum ada)",
    "data.ind_tahun": "Tahun target",
    "data.ind_sumber": "Sumber data",
    "data.ind_submit": "Tambahkan ke katalog",
    "data.ind_invalid": "Indikator belum dapat ditambahkan:",
    "data.ind_added": "Indikator {kode} ditambahkan ke katalog; berkas diperiksa ulang.",
    "data.tab_profiles": "Profil pemetaan",
    "data.tab_completeness": "Kelengkapan laporan",
    "data.history_empty": "Belum ada dataset.",
    "data.history_pick": "Dataset",
    "data.history_status": "Status dataset ini: **{status}**",
    "data.rollback": "Batalkan unggahan ini",
    "data.restore": "Pulihkan dataset ini",
    "data.rollback_confirm": "Saya yakin: nilai dataset {dataset} tidak dipakai lagi (tetap tersimpan dan dapat dipulihkan)",
    "data.restore_confirm": "Saya yakin: nilai dataset {dataset} dipakai lagi",
    "data.rolled_back": "Dataset #{id} dibatalkan; nilai sebelumnya berlaku lagi.",
    "data.restored": "Dataset #{id} dipulihkan.",
    "data.original": "Unduh berkas asli",
    "data.original_missing": "Berkas asli tidak diarsipkan: {reason}",
    "data.log": "Catatan perubahan",
    "data.templates_intro": "Templat berisi {jumlah_unit} {unit} {wilayah} dengan kode Kemendagri. Isi, simpan, lalu unggah di tab Unggah.",
    "data.template_long": "Format panjang: satu baris per {unit} × indikator × periode",
    "data.template_wide": "Format lebar: satu baris per {unit}, kolom pembilang/penyebut per indikator",
    "datasets.title": "Asal data yang ditampilkan",
    "edit.conflict": "Tidak ada yang disimpan: {n} baris sudah diubah orang lain setelah layar ini dibuka. Di bawah: siapa mengubah apa dan kapan. Muat ulang untuk memakai isian terbaru (perubahan Anda dibuang), atau timpa dengan isian Anda.",
    "edit.conflict_row": "Baris",
    "edit.conflict_kept": "ada",
    "edit.conflict_gone": "dihapus",
    "edit.conflict_same": "(isian yang Anda lihat sama, tetapi baris ini sudah disimpan ulang)",
    "edit.reload": "Muat ulang isian terbaru",
    "edit.overwrite": "Timpa dengan isian saya",
    "edit.overwritten": "Perubahan Anda disimpan, menimpa perubahan oleh {oleh} pada {waktu}.",
    "edit.col_row": "Baris",
    "edit.col_field": "Isian",
    "edit.col_read": "Dibaca layar Anda",
    "edit.col_mine": "Isian Anda",
    "edit.col_now": "Tersimpan sekarang",
    "edit.col_by": "Diubah oleh",
    "edit.col_when": "Waktu",
    "empty.values": "Belum ada data indikator. Unduh templat di halaman **Data** (tab Templat), isi, lalu unggah di tab Unggah.",
    "error.other_region": "basis data ini dibuat untuk {lama} ({kode_lama}), bukan untuk {baru} ({kode_baru}) yang folder referensinya dipilih. Data dua wilayah tidak dicampur: jalankan tanpa DASBOR_DB_URL (setiap wilayah mendapat basis datanya sendiri di var/) atau pilih folder referensi {lama} (DASBOR_REFERENCE_DIR)",
    "error.reference": "Data referensi tidak valid. Perbaiki berkas di data/reference lalu muat ulang halaman.",
    "error.database": "Basis data {url} tidak dapat dibuka atau disiapkan: {detail}. Periksa pengaturan DASBOR_DB_URL dan izin tulis foldernya.",
    "filter.header": "Filter",
    "filter.tahun": "Tahun",
    "filter.periode": "Periode",
    "filter.kecamatan": "Kecamatan",
    "filter.all_kecamatan": "Semua kecamatan",
    "indikator.title": "Indikator",
    "indikator.pick": "Indikator (yang pertama untuk grafik batang dan tren)",
    "indikator.level": "Tingkat wilayah",
    "indikator.level_kelurahan": "{Unit}",
    "indikator.level_kecamatan": "Kecamatan (Σ {unit}nya)",
    "indikator.dari": "Dari periode",
    "indikator.sampai": "Sampai periode",
    "indikator.none": "Pilih setidaknya satu indikator.",
    "indikator.range_bad": "'Dari periode' harus sebelum 'Sampai periode'; yang dipakai: {dari} sampai {sampai}.",
    "indikator.bar_caption": "{area} · {periode}. Warna: hijau tercapai, jingga mendekati (≤ {poin} poin dari target), merah belum, abu-abu tanpa target / tidak ada data. ★ = lokus {tahun}.",
    "indikator.small": "{n} wilayah dengan penyebut di bawah {min} sasaran: persentasenya mudah berayun, baca dengan hati-hati ({names}).",
    "indikator.trend": "Tren {nama}: lokus dibanding bukan lokus",
    "indikator.trend_caption": "Setiap titik = Σ pembilang ÷ Σ penyebut kelompok itu ({sumber}).",
    "indikator.heatmap": "Pencapaian target per wilayah dan indikator · {periode}",
    "indikator.heatmap_caption": "Warna = selisih dari target (hijau di atas, merah di bawah target; dibatasi ±30 poin); teks = cakupan. Abu-abu: tidak ada data atau tanpa target.",
    "indikator.change": "Perubahan {dari} → {sampai}: {nama}",
    "indikator.change_caption": "{membaik} wilayah membaik, {memburuk} memburuk, {tetap} tidak berubah bermakna{tanpa} (hanya yang melapor di kedua periode). Membaik/memburuk hanya bila interval 95% selisih kedua proporsi (metode Newcombe) tidak memuat nol **dan** perubahannya paling sedikit {poin} poin. Diurutkan dari yang paling membaik.",
    "indikator.change_untested": ", {n} tanpa uji (nilai hanya persen, tanpa pembilang/penyebut)",
    "indikator.lokus": "Lokus dibanding bukan lokus",
    "indikator.bars_none": "Tidak ada nilai {indikator} yang dapat ditampilkan per wilayah pada {periode}.",
    "indikator.bars_none_percent_only": " {n} {unit} hanya punya nilai persen (tanpa pembilang/penyebut), yang tidak dapat dijumlahkan ke kecamatan: pilih tingkat '{Unit}' untuk melihat nilai itu.",
    "indikator.heatmap_none": "Tidak ada nilai indikator yang dipilih yang dapat ditampilkan per wilayah pada {periode}.",
    "indikator.lokus_none": "Tidak ada {unit} yang punya pembilang/penyebut di {dari} dan di {sampai}: perbandingan lokus dan bukan lokus hanya dihitung atas {unit} yang melapor di kedua periode, jadi tidak dapat dihitung.",
    "indikator.sampai_other": "Ditampilkan sampai {sampai}; filter di samping: {periode}.",
    "indikator.percent_only_kelurahan": "{n} {unit} hanya punya nilai persen (tanpa pembilang/penyebut): batangnya bergaris dan lebih pucat; nilai itu tidak ikut dijumlahkan ke kecamatan/{kabkota}.",
    "indikator.percent_only_kecamatan": "{n} {unit} hanya punya nilai persen (tanpa pembilang/penyebut): tidak dapat dijumlahkan, jadi angka kecamatan hanya dari {unit} yang punya hitungan; kecamatan tanpa hitungan sama sekali ditandai 'hanya persen'.",
    "indikator.not_summed": "{n} nilai {unit} hanya berupa persen (tanpa pembilang/penyebut) dan tidak dapat dijumlahkan: tidak ikut dalam angka kelompok ini.",
    "indikator.trend_none": "Tidak ada nilai berhitungan (pembilang/penyebut) untuk tren {dari} – {sampai}.",
    "indikator.heatmap_percent_only": "Tanda \\* = nilai persen saja (tanpa pembilang/penyebut).",
    "indikator.change_none": "Tidak ada wilayah dengan nilai di kedua periode: perubahan tidak dapat dihitung.",
    "indikator.alerts": "Peringatan ({n})",
    "indikator.alerts_none": "Tidak ada peringatan untuk periode ini.",
    "indikator.table": "Data",
    "indikator.download": "Unduh data (CSV)",
    "lengkap.intro": (
        "Siapa yang sudah melapor data indikator untuk satu periode. Indikator **diharapkan** dari "
        "setiap {unit} bila paling sedikit satu {unit} melaporkannya pada periode itu. "
        "**Terlambat**: dataset yang memuat nilainya diunggah lebih dari {hari} hari sesudah akhir "
        "periode (`DASBOR_BATAS_LAPOR_HARI`); data contoh tidak punya waktu unggah sendiri dan tidak "
        "pernah terlambat. Prevalensi yang dihitung ulang dasbor dan survei SSGI/SKI bukan laporan "
        "{unit} dan tidak dihitung."
    ),
    "lengkap.empty": "Belum ada data indikator per {unit}.",
    "lengkap.periode": "Periode laporan",
    "lengkap.headline": (
        "**{Unit} melapor lengkap: {n}/{total}** · kelengkapan {lengkap} · tepat waktu {tepat} "
        "· {indikator} indikator diharapkan"
    ),
    "lengkap.by_kecamatan": "Kelengkapan per kecamatan",
    "lengkap.by_indicator": "Kelengkapan per indikator",
    "lengkap.by_indicator_caption": (
        "Hanya indikator yang belum lengkap atau terlambat, paling sedikit tepat waktu di atas; "
        "{n} indikator lain lengkap dan tepat waktu (semua ada di unduhan XLSX)."
    ),
    "lengkap.grid": "Matriks {unit} × indikator",
    "lengkap.grid_caption": "✓ melapor tepat waktu · ! terlambat · ✗ belum melapor",
    "lengkap.gaps": "Laporan yang perlu dikejar ({n})",
    "lengkap.no_gaps": "Semua {unit} melapor semua indikator yang diharapkan, tepat waktu.",
    "lengkap.download_csv": "Unduh daftar (CSV)",
    "lengkap.download_xlsx": "Unduh daftar dan ringkasan (XLSX)",
    "lengkap.ringkasan": (
        "{Unit} yang melaporkan semua indikator yang diharapkan: {n}/{total} ({periode}) — "
        "rinciannya di halaman Data, tab Kelengkapan laporan."
    ),
    "lengkap.deck": (
        "Kelengkapan laporan {periode}: {n}/{total} {unit} melaporkan semua indikator yang "
        "diharapkan (kelengkapan {lengkap}, tepat waktu {tepat})"
    ),
    "link.ambiguous": (
        "Ada {n} {what} bernama '{value}': {names}. Ditampilkan {shown} — pilih yang lain di "
        "daftar bila perlu."
    ),
    "link.unknown": "{what} '{value}' tidak dikenal; ditampilkan {shown}.",
    "link.slide": "Slide '{value}' tidak dikenal; ditampilkan slide {shown} (ada slide 1–{total}).",
    "lintasan.area": "Lintasan menuju target stunting · {area}",
    "lintasan.area_caption": "Sumber {sumber} per {unit} (nilai tahunan = periode terakhir tiap tahun sampai {tahun}); baris {kabkota} juga dari SSGI/SKI — tiap baris satu sumber, tidak pernah dicampur. Urut dari yang paling jauh dari jalurnya.",
    "lintasan.chart_none": "Grafik lintasan butuh nilai {sumber} dari sedikitnya dua tahun dan target dengan tahunnya.",
    "lintasan.method": "Cara menghitung AARR dan jalur yang dibutuhkan",
    "lintasan.method_body": (
        "**Nilai tahunan** = nilai periode terakhir tiap tahun dari satu sumber (mis. Triwulan IV); "
        "untuk {kabkota}/kecamatan Σ balita stunting ÷ Σ balita diukur atas {unit} yang melapor pada "
        "periode itu. e-PPGBM (dilaporkan), e-PPGBM (dihitung ulang dari rekaman) dan SSGI/SKI "
        "dihitung terpisah.\n\n"
        "**AARR sejauh ini** (average annual rate of reduction, UNICEF/WHO; dipakai Global Nutrition "
        "Report untuk *on/off course*) = 1 − (P_akhir ÷ P_awal)^(1 ÷ (t_akhir − t_awal)), dalam persen "
        "per tahun; negatif bila prevalensi naik.\n\n"
        "**AARR dibutuhkan** = 1 − (target ÷ P_akhir)^(1 ÷ (tahun target − t_akhir)). "
        "**Sesuai jalur** bila AARR sejauh ini ≥ AARR dibutuhkan (atau target sudah tercapai). "
        "**Tren mencapai target** = tahun akhir + ⌈ln(target ÷ P_akhir) ÷ ln(1 − AARR)⌉.\n\n"
        "**Status**: ✓ sesuai jalur; ✓ di bawah target (nilai terakhir ≤ target); ⚠ belum sesuai "
        "jalur; ⚠ lewat, belum tercapai (tahun target tidak sesudah tahun data terakhir dan nilai "
        "masih di atas target); data < 2 tahun (AARR butuh dua tahun); tak terhitung (prevalensi "
        "awal 0). Grafik dan kalimat memakai target pertama sesudah tahun data terakhir.\n\n"
        "Target dari data referensi: {targets}."
    ),
    "lintasan.pick": "Target",
    "lintasan.profile": "Lintasan menuju target: {nama} dan {kabkota}",
    "lintasan.series": "Grafik lintasan untuk (satu wilayah, satu sumber)",
    "lintasan.sources": "Prevalensi stunting per sumber, berdampingan",
    "lintasan.sources_caption": "Setiap kolom satu sumber dan satu wilayah, dengan pembilang/penyebut dan periode yang dipakai: e-PPGBM dilaporkan, e-PPGBM dihitung ulang dari rekaman pengukuran, dan survei SSGI/SKI (hanya tingkat {kabkota}). Angka register dan survei adalah besaran berbeda: jangan dibandingkan seolah satu deret.",
    "lintasan.sources_none": "Belum ada nilai prevalensi stunting untuk {unit} ini atau {kabkota}.",
    "lintasan.table_none": "Belum ada nilai prevalensi stunting untuk menghitung lintasan.",
    "map.title": "Langkah pemetaan",
    "map.unset": "— pilih —",
    "map.new": "Indikator baru (tambahkan ke katalog)…",
    "map.automatic": "Dibaca otomatis dari nama (periksa; ubah di bawah bila keliru):",
    "map.todo": "{n} kolom atau nama indikator belum dikenali. Pilih artinya di bawah, lalu klik 'Periksa ulang dengan pilihan ini'. Berkas tidak perlu diubah.",
    "map.todo_header": "Pilih baris judul kolom di bawah, lalu klik 'Periksa ulang dengan pilihan ini'; arti tiap kolom dapat dipilih sesudahnya. Berkas tidak perlu diubah.",
    "map.columns": "Semua kolom dan cara membacanya",
    "map.column": "Kolom '{header}' ({letter}{where})",
    "map.name": "Indikator '{text}'",
    "map.apply": "Periksa ulang dengan pilihan ini",
    "map.header_rows": "Baris judul (header) tidak ditemukan otomatis. Baris pertama berkas:",
    "map.row": "Baris",
    "map.cells": "Isi",
    "map.header_row": "Nomor baris judul kolom",
    "map.sheets": "Lembar yang diimpor (bersama-sama sebagai satu dataset)",
    "map.sheets_help": "Setiap lembar berisi tabel; periode tiap lembar dibaca dari nama atau judul lembarnya (lihat 'Yang dikenali dari berkas').",
    "map.sheets_none": "Pilih paling sedikit satu lembar.",
    "map.sheets_skipped": "Lembar tanpa tabel dilewati: {sheets}.",
    "map.profile_applied": "Profil pemetaan '{nama}' diterapkan karena judul kolom berkas ini sama. Pilihannya tampil di bawah dan dapat diubah.",
    "map.profile_name": "Simpan pilihan ini sebagai profil pemetaan",
    "map.profile_help": "Berkas berikutnya dengan judul kolom yang sama (mis. rekap bulan depan dari kantor yang sama) langsung memakai pilihan ini.",
    "map.profile_save": "Simpan profil",
    "map.profile_empty": "Isi nama profil.",
    "map.profile_saved": "Profil pemetaan '{nama}' {done}.",
    "map.profiles_empty": "Belum ada profil pemetaan. Profil dibuat di tab Unggah, pada langkah pemetaan sebuah berkas.",
    "map.what_delete": "menghapus profil pemetaan",
    "map.profiles_pick": "Profil",
    "map.profiles_confirm": "Saya yakin: hapus profil '{nama}' (berkas yang sudah disimpan tidak berubah)",
    "map.profiles_delete": "Hapus profil",
    "map.profiles_changed": "Profil '{nama}' baru saja diubah orang lain; tidak dihapus. Periksa daftarnya lalu ulangi.",
    "map.profiles_deleted": "Profil pemetaan '{nama}' dihapus.",
    "map.status_dikenali": "Dikenali dari judul",
    "map.status_nama": "Dikenali dari nama indikator",
    "map.status_pemetaan": "Menurut pemetaan",
    "map.status_diabaikan": "Diabaikan",
    "map.status_tidak_jelas": "Perlu dipilih",
    "map.status_pribadi": "Data pribadi: tidak dibaca",
    "map.role_abaikan": "Abaikan kolom ini",
    "map.role_kode_wilayah": "Kode {unit} (Kemendagri)",
    "map.role_nama_wilayah": "Nama {unit}",
    "map.role_kecamatan": "Kecamatan",
    "map.role_periode": "Periode",
    "map.role_tahun": "Tahun",
    "map.role_triwulan": "Triwulan",
    "map.role_semester": "Semester",
    "map.role_bulan": "Bulan",
    "map.role_sumber_data": "Sumber data (nama kantor atau kode)",
    "map.role_indikator": "Nama/kode indikator (format panjang)",
    "map.role_pembilang": "Pembilang (format panjang)",
    "map.role_penyebut": "Penyebut (format panjang)",
    "map.role_nilai": "Nilai/persen (format panjang)",
    "map.field_pembilang": "pembilang (yang dilayani)",
    "map.field_penyebut": "penyebut (sasaran)",
    "map.field_nilai": "nilai/persen",
    "method.title": "Cara menghitung",
    "method.body": (
        "- **Prevalensi** wilayah = Σ balita stunting ÷ Σ balita diukur × 100 (bukan rata-rata persentase {unit}).\n"
        "- **Perubahan sejak 2022** = prevalensi periode terpilih − prevalensi periode yang sama tahun 2022, dalam poin persentase, "
        "dihitung hanya pada {unit} yang melapor di kedua periode (agar yang dibandingkan sama); "
        "disebut membaik/memburuk hanya bila interval 95% selisih kedua proporsi (metode Newcombe) "
        "tidak memuat nol dan perubahannya paling sedikit DASBOR_PERUBAHAN_POIN poin (bawaan 2), "
        "selain itu tidak berubah bermakna.\n"
        "- **Tahap aksi** = aksi utama pertama (berurutan) yang belum selesai pada akhir periode terpilih; aksi pendukung tidak dihitung sebagai tahap.\n"
        "- **Cakupan** indikator = Σ sasaran yang menerima layanan ÷ Σ seluruh sasaran × 100; "
        "**rata-rata cakupan** adalah rata-rata sederhana dari cakupan indikator yang bertarget dan "
        "'lebih tinggi lebih baik' (indikator 'lebih rendah lebih baik' seperti kehamilan tidak diinginkan "
        "dihitung pada jumlah tercapai, tidak pada rata-rata).\n"
        "- **Tingkat konvergensi** (scorecard) = ΣY ÷ (jumlah indikator × jumlah sasaran − ΣTS) × 100.\n"
        "- Sumber data tidak dicampur: e-PPGBM (register) dan SSGI/SKI (survei) ditampilkan terpisah."
    ),
    "nav.ringkasan": "Ringkasan",
    "nav.s_analisis": "Analisis",
    "nav.s_program": "Program & aksi",
    "nav.s_data": "Kelola data",
    "nav.s_bantuan": "Bantuan",
    "nav.referensi": "Data Referensi",
    "nav.pengukuran": "Pengukuran Balita",
    "nav.data": "Data",
    "nav.indikator": "Indikator",
    "nav.profil": "Profil {Unit}",
    "nav.situasi": "Analisis Situasi",
    "nav.panduan": "Panduan & Metodologi",
    "nav.peta": "Peta",
    "nav.aksi": "Aksi Konvergensi",
    "nav.program": "Pemetaan Program",
    "nav.presentasi": "Presentasi",
    "nav.audit": "Audit",
    "nav.masuk": "Masuk",
    "notice.period_fallback": "Belum ada data prevalensi e-PPGBM untuk {diminta}; yang ditampilkan adalah periode terakhir sebelumnya: {dipakai}.",
    "panduan.title": "Panduan & Metodologi",
    "panduan.intro": (
        "Halaman ini menjelaskan arti setiap angka di dasbor, dari mana datanya, batas-batasnya, "
        "dan cara memperbarui data. Semua perhitungan ada di folder `analysis/` dan diuji dengan "
        "contoh yang dihitung tangan."
    ),
    "panduan.definitions": "Definisi dan rumus",
    "panduan.definitions_body": (
        "| Ukuran | Rumus | Keterangan |\n"
        "|---|---|---|\n"
        "| Cakupan indikator | Σ sasaran yang menerima layanan ÷ Σ seluruh sasaran × 100 | per {unit} × indikator × periode |\n"
        "| Prevalensi stunting | Σ balita stunting (TB/U < −2 SD) ÷ Σ balita diukur × 100 | e-PPGBM; survei SSGI/SKI ditampilkan terpisah |\n"
        "| Nilai kecamatan / {kabkota} | Σ pembilang ÷ Σ penyebut seluruh {unit}nya | **bukan** rata-rata persentase {unit} |\n"
        "| Selisih dari target | cakupan − target (untuk indikator 'makin rendah makin baik': target − nilai) | positif = lebih baik dari target, dalam poin |\n"
        "| Status target | tercapai: selisih ≥ 0 · mendekati: selisih ≥ −{poin} poin · belum: lainnya | ambang dapat diubah (DASBOR_AMBANG_MENDEKATI) |\n"
        "| Penyebut kecil | penyebut < {min} sasaran | persentase mudah berayun; ditandai (DASBOR_PENYEBUT_MIN) |\n"
        "| Indeks konvergensi | indikator intervensi yang tercapai ÷ indikator intervensi yang punya data dan target × 100 | spesifik + sensitif |\n"
        "| Tingkat konvergensi (scorecard) | ΣY ÷ (jumlah indikator × jumlah sasaran − ΣTS) × 100 | ibu hamil, anak 0–23 bulan, dan total |\n"
        "| Skor prioritas | Σ (bobot × komponen 0–100) ÷ Σ bobot | komponen: prevalensi, jumlah balita stunting, kesenjangan cakupan |\n"
        "| Kesenjangan cakupan | rata-rata kekurangan dari target (poin) pada indikator intervensi bertarget | indikator yang tercapai dihitung 0 |\n"
        "| Perubahan | nilai akhir − nilai awal (poin) | hanya wilayah yang melapor di kedua periode |\n"
        '| Membaik / memburuk / tidak berubah bermakna | membaik atau memburuk (menurut arah indikator) hanya bila interval kepercayaan 95% selisih kedua proporsi (pembilang/penyebut awal dan akhir) tidak memuat nol **dan** perubahannya paling sedikit DASBOR_PERUBAHAN_POIN poin (bawaan 2); selain itu tidak berubah bermakna | interval: metode hibrida skor Wilson Newcombe (1998, *Statistics in Medicine* 17:873–890, metode 10); nilai hanya persen tidak diuji. Aturan "> 2 poin" saja menandai hampir semua {unit} kecil karena acak |\n'
        "| Perubahan yang perlu dicek | {unit} yang berubah bermakna (aturan di atas) dari putaran sebelumnya — periode sejenis sebelumnya yang ada datanya (triwulan dengan triwulan, tahun dengan tahun) — atau yang penyebutnya kini ≤ separuh penyebut putaran sebelumnya | indikator persen dengan pembilang/penyebut; ditampilkan di Ringkasan, Profil, tooltip Peta dan slide situasi dengan kedua pasang angka (12/240 → 30/250) |\n"
        "| Komposisi stunting | pendek dan sangat pendek ÷ balita diukur | dari jumlah SAS04, SAS05 dan SAS03 |\n"
        '| Cakupan pengukuran | balita diukur (rekaman umur 0–59 bulan di bulan penimbangan, tanpa rekaman ganda) ÷ balita sasaran × 100; kecamatan/{kabkota}: Σ diukur ÷ Σ sasaran | sasaran: SAS06 "Jumlah balita sasaran (S)" pada periode yang memuat bulan itu, atau S dari D/S (SKD01); di samping setiap prevalensi dihitung ulang: < {waspada}% ⚠ rendah, ≥ {percaya}% ✓ terpercaya (DASBOR_CAKUPAN_UKUR_WASPADA/_PERCAYA); tanpa sasaran: "sasaran tidak tersedia" |\n'
        "| AARR (laju penurunan tahunan rata-rata) | 1 − (P_akhir ÷ P_awal)^(1 ÷ (t_akhir − t_awal)); dibutuhkan: 1 − (target ÷ P_akhir)^(1 ÷ (tahun target − t_akhir)); sesuai jalur bila AARR ≥ yang dibutuhkan | nilai tahunan = periode terakhir tiap tahun, satu sumber saja (e-PPGBM, e-PPGBM dihitung ulang, SSGI/SKI); target 14% pada 2024 (RPJMN 2020–2024) dan 14,2% pada 2029 (RPJMN 2025–2029, Perpres 12/2025) dari data referensi. Definisi UNICEF/WHO, seperti Global Nutrition Report |\n"
        "| Sel matriks konvergensi | jumlah kegiatan (tidak batal) yang menyasar {unit} dan intervensi itu; merah = di bawah target (belum/mendekati) tanpa kegiatan | 'semua' = {jumlah_unit} {unit} |\n"
        "| Tidak membaik | cakupan turun (menurut arah indikator) atau tetap sementara masih di bawah target, dibanding periode yang sama tahun lalu | hanya intervensi lokus yang disasar kegiatan |\n"
        "| % realisasi anggaran | Σ realisasi ÷ Σ pagu × 100 | realisasi kosong = 0; per {unit}, anggaran dibagi rata ke {unit} sasarannya |\n"
        "| Skor plausibilitas pengukuran | Σ poin penalti uji: WHZ di luar ±3 dari rerata survei, SD WHZ, rasio jenis kelamin (uji binomial), rasio umur 6–29 : 30–59 bulan (uji χ²), DPS berat dan tinggi, kemencengan dan keruncingan WHZ | 0–9 sangat baik, 10–14 baik, 15–24 cukup, > 24 bermasalah; di bawah 100 anak hanya nilai tiap uji, tanpa penilaian, poin dan skor (tidak bermakna). Ambang: SMART Methodology, *Manual 2.0* (2017), Plausibility Check (data/reference/plausibilitas.csv) |\n"
        "| Tabel standar WHO (Pengukuran → Tabel standar WHO; `manage.py prevalence`) | per kelompok umur (0–5, 6–11, 12–23, 24–35, 36–47, 48–59 bulan), jenis kelamin, umur × jenis kelamin dan total: n = anak di kelompok dengan nilai indeks (N tanpa bobot), % = kasus ÷ n × 100 untuk TB/U < −3 dan < −2 SD, BB/U < −3 dan < −2 SD, BB/TB < −3, < −2, > +1, > +2 dan > +3 SD; rata-rata dan SD (n − 1) z-skor; IK 95% logit: logit(p) ± t(0,975; N − 1) · √(N/(N − 1) ÷ (n·p·(1 − p))), N = anak dinilai di seluruh tabel; 0% dan 100% berinterval 0–0 dan 100–100 | z-skor tidak masuk akal dikeluarkan; edema dihitung < −3 SD pada BB/U dan BB/TB (tidak masuk rata-rata/SD); klasifikasi pada z dibulatkan 2 desimal. Sama seperti WHO Anthro Survey Analyser / paket R anthro `anthro_prevalence` (data tanpa bobot) |\n"
        "| SKDN posyandu (SKD01–SKD03) | D/S = Σ balita ditimbang ÷ Σ balita sasaran; N/D = Σ balita naik berat badan ÷ Σ balita ditimbang; N/D′ = Σ balita naik berat badan ÷ Σ balita ditimbang dua bulan berturut-turut (× 100) | dari jumlah rekap posyandu seperti indikator lain; target D/S 85% (Rencana Aksi Pembinaan Gizi Masyarakat Kemenkes 2010–2014) |\n"
        "| Kelengkapan laporan | Σ laporan masuk ÷ Σ laporan diharapkan × 100; tepat waktu: tanpa yang terlambat | diharapkan = indikator yang dilaporkan paling sedikit satu {unit} pada periode itu; terlambat = diunggah sesudah akhir periode + DASBOR_BATAS_LAPOR_HARI hari (bawaan 10); halaman Data, tab Kelengkapan laporan |\n"
    ),
    "panduan.sources": "Sumber data dan perbedaannya",
    "panduan.sources_body": (
        "- **e-PPGBM** (register): hasil penimbangan dan pengukuran balita di posyandu, per {unit}. "
        "Mencakup balita yang datang; angka dapat berbeda dari survei karena cakupan pengukuran dan "
        "kualitas alat ukur.\n"
        "- **e-PPGBM (dihitung ulang)**: prevalensi yang dihitung dasbor sendiri dari rekaman "
        "pengukuran e-PPGBM (halaman Pengukuran Balita) dengan z-skor WHO 2006 berbasis umur dalam "
        "hari. Dapat berbeda dari status di e-PPGBM (yang memakai umur dalam bulan); perbedaannya "
        "ditampilkan di panel kualitas data. Rekaman tidak menyimpan NIK, nama, alamat atau tanggal "
        "lahir.\n"
        "- **SSGI/SKI** (survei sampel Kemenkes): hanya valid di tingkat {kabkota}; tidak boleh dibandingkan "
        "langsung dengan e-PPGBM dan tidak pernah digambar pada sumbu yang sama.\n"
        "- **Laporan rutin** (puskesmas dan OPD) dan **Pendataan Keluarga BKKBN** untuk cakupan intervensi.\n"
        "- **Scorecard konvergensi** (KPM/e-HDW): hitungan Y/T/TS per sasaran 1000 HPK.\n"
        "- Setiap indikator dihitung dari satu sumber (sumber di katalog, halaman Data Referensi); "
        "sumber tidak pernah dicampur diam-diam."
    ),
    "panduan.limits": "Keterbatasan",
    "panduan.limits_body": (
        "- **Penyebut kecil**: di {unit} dengan sedikit sasaran, satu orang mengubah persentase "
        "beberapa poin. Lihat kolom pembilang/penyebut dan tanda 'penyebut kecil'.\n"
        "- **Perbandingan ekologis**: {unit} dengan cakupan rendah dan prevalensi tinggi tidak berarti "
        "anak yang tidak terlayani adalah anak yang stunting; dasbor membandingkan wilayah, bukan orang.\n"
        "- **Kelengkapan laporan**: {unit} yang tidak melapor ditampilkan 'tidak ada data', tidak "
        "pernah sebagai 0; perubahan hanya dihitung pada {unit} yang melapor di kedua periode.\n"
        "- **Target**: sebagian target belum dikonfirmasi (lihat Data Referensi); skor prioritas "
        "bersifat relatif terhadap {unit} yang ditampilkan, bukan ukuran mutlak.\n"
        "- **Batas peta**: tanpa batas resmi yang diunggah, peta memakai batas perkiraan dari titik "
        "label {unit} (bentuk dan luas tidak tepat; warna dan angka tetap benar).\n"
        "- **Data contoh**: selama lencana 'Data contoh (sintetis)' tampil, angkanya buatan."
    ),
    "panduan.upload": "Cara memperbarui data",
    "panduan.upload_body": (
        "1. **Masuk** (menu **Bantuan** di atas halaman) dengan akun berperan editor atau admin: "
        "semua perubahan data memerlukannya dan dicatat atas nama akun Anda di halaman **Audit**. "
        "Akun dibuat admin server: `python manage.py add-user NAMA --role editor`.\n"
        "2. Buka halaman **Data** → tab **Templat**, unduh templat format panjang atau lebar (CSV atau XLSX).\n"
        "3. Isi pembilang dan penyebut per {unit} (kode Kemendagri sudah terisi), simpan.\n"
        "4. Di tab **Unggah**, pilih berkas; periksa hasil uji coba (nilai baru, diperbarui, diabaikan "
        "dan daftar masalah beserta saran perbaikan).\n"
        "5. Tekan **Simpan**. Setiap unggahan menjadi versi baru yang dapat "
        "dibatalkan di tab **Riwayat unggahan**; data lama tidak dihapus.\n"
        "6. Dari baris perintah: `python manage.py import BERKAS --dry-run` untuk memeriksa, tanpa "
        "`--dry-run` untuk menyimpan.\n"
        "7. **Rekaman pengukuran balita** (ekspor e-PPGBM apa adanya, atau templat pengukuran): "
        "halaman **Pengukuran Balita** → tab **Unggah rekaman**; diperiksa dulu, NIK/nama/alamat "
        "dibuang sebelum disimpan, lalu prevalensi dihitung ulang. Metode z-skor ada di tab "
        "**Kualitas data** → *Metode perhitungan*. Untuk analis: `python manage.py zscore IN.csv "
        "OUT.csv` menambahkan z-skor ke CSV.\n"
        "8. **Rencana kegiatan (Aksi 2)**: halaman **Pemetaan Program** → tab **Daftar kegiatan**. "
        "Tambah satu kegiatan lewat formulir, ubah atau hapus di editor, atau unduh daftar/templat "
        "XLSX, isi di spreadsheet (OPD, sumber dana dan indikator boleh kode atau nama; {unit} "
        "dipisah `;`, atau `semua`; rupiah boleh `1.500.000.000` atau `Rp1,5 M`) lalu impor: "
        "uji coba dulu, baris ber-ID memperbarui, tanpa ID menambah. Semua perubahan dicatat di "
        "**Log perubahan**.\n"
        "9. **Rembuk stunting**: pilih tahun dan periode di panel samping, buka **Presentasi**. "
        "Panah kiri/kanan (atau PageUp/PageDown dari clicker) berpindah slide; nomor slide ada "
        "di URL (`/presentasi?slide=3`). Matikan **Mode tayang** untuk kembali ke panel samping. "
        "Tulis **Catatan rapat** per slide di bawah slide; catatan ikut diunduh di PowerPoint "
        "(catatan pembicara), PDF dan Excel. Tanpa dasbor: `python manage.py report --year 2025 "
        "--format pptx --out rembuk.pptx`. Judul setiap slide dihitung dari data dengan kalimat "
        "baku; tidak ada angka yang ditulis tangan."
    ),
    "periksa.waiting": "Menunggu pemeriksaan sebelumnya selesai sebelum memeriksa {file}…",
    "periksa.busy": (
        "Berkas {file} belum diperiksa: pemeriksaan berkas lain masih berjalan di sesi ini. "
        "Tunggu hingga selesai, lalu pilih berkasnya lagi (atau muat ulang halaman)."
    ),
    "perubahan.title": "Perubahan yang perlu dicek ({n})",
    "perubahan.caption": (
        "{Unit} yang nilainya berubah bermakna dari putaran sebelumnya (periode sejenis: "
        "tahun dengan tahun, triwulan dengan triwulan) — interval 95% selisih kedua proporsi "
        "(metode Newcombe) tidak memuat nol **dan** perubahannya paling sedikit {poin} poin — "
        "atau yang penyebutnya turun ke separuh atau kurang (kolom Alasan: “penyebut ≤ ½ putaran "
        "lalu”). Periksa dulu datanya (berapa balita "
        "ditimbang, entri ganda) sebelum membacanya sebagai kemajuan atau kemunduran. Daftar ini "
        "memuat prevalensi — angka yang dilaporkan dan yang dihitung ulang dasbor dari rekaman "
        "pengukuran (putarannya bulan penimbangan), masing-masing dengan sumbernya, tidak pernah "
        "dicampur — serta indikator mana pun yang penyebutnya turun ke separuh; stunting lebih dulu."
    ),
    "perubahan.all": "Lihat semua {n} perubahan",
    "perubahan.shown": "Ditampilkan {n} perubahan pertama dari {total} (urutan daftar). Nyalakan «Lihat semua» untuk daftar lengkap.",
    "perubahan.none": "Tidak ada perubahan prevalensi yang perlu dicek pada putaran ini.",
    "perubahan.others": (
        "{n} perubahan bermakna indikator intervensi dan lainnya tidak didaftar di sini: lihat "
        "tabel perubahan di halaman Indikator."
    ),
    "perubahan.line": "{rounds}: {counts} ({poin}) — {reason}",
    "perubahan.reason_change": "{arah} bermakna",
    "perubahan.reason_halved": "penyebut turun ke separuh atau kurang",
    "perubahan.reason_halved_short": "penyebut ≤ ½ putaran lalu",
    "perubahan.profil": "Perlu dicek — {indikator} · {sumber} · {line}",
    "peta.tooltip_change": "Dari {periode}: {counts}\n{poin} · {verdict}",
    "peta.tooltip_check": "⚠ perlu dicek: {reason}",
    "peta.tooltip_flag": "⚠ perlu dicek · {indikator}\n{sumber}, {rounds}:\n{counts} ({poin})\n{reason}",
    "peta.tooltip_more": "+{n} perubahan lain perlu dicek — klik untuk rincian",
    "peta.tooltip_untested": "tanpa uji",
    "peta.tooltip_bare": "Dari {periode}: {a} → {b}\n{poin} · tanpa uji (hanya persen)",
    "peta.percent_only": "Hanya persen (tanpa pembilang/penyebut) · {sumber} · {periode}",
    "peta.percent_only_note": "{n} {unit} hanya punya nilai persen (tanpa pembilang/penyebut): berwarna di peta, tetapi tidak ikut dijumlahkan ke kecamatan/{kabkota}.",
    "peta.title": "Peta",
    "peta.subtitle": "{area_note} · {periode} · ★ garis tebal = lokus {tahun}",
    "peta.metric": "Ukuran",
    "peta.metric_prevalensi": "Prevalensi stunting (e-PPGBM)",
    "peta.metric_cakupan": "Cakupan indikator",
    "peta.metric_selisih": "Selisih dari target",
    "peta.metric_indeks": "Indeks konvergensi",
    "peta.metric_skor": "Skor prioritas",
    "peta.indicator": "Indikator",
    "peta.method": "Kelas warna",
    "peta.k": "Jumlah kelas",
    "peta.bubbles": "Gelembung jumlah balita stunting",
    "peta.tiles": "Peta dasar OpenStreetMap (perlu internet)",
    "peta.m_prevalensi": "Prevalensi stunting · {periode}",
    "peta.m_selisih_title": "Selisih {kode} dari target · {periode}",
    "peta.m_indeks": "Indeks konvergensi · {periode}",
    "peta.m_skor": "Skor prioritas · {periode}",
    "peta.outline_caption": "Belum ada data: peta menampilkan batas {unit} tanpa warna. Warna muncul setelah data diunggah.",
    "peta.outline_lokus": "★ lokus",
    "peta.outline_title": "Belum ada data",
    "peta.approximate": "Batas perkiraan — unggah batas resmi",
    "peta.approximate_help": (
        "Batas {unit} pada peta ini **perkiraan**: dibuat dari titik label resmi tiap {unit} "
        "(sel Voronoi, dipotong pada batas luar yang diperlebar), bukan batas administrasi. "
        "Warna dan angka per {unit} tetap benar; bentuk dan luasnya tidak."
    ),
    "peta.no_point": (
        "{n} {unit} tidak ada titik label — tidak tampil di peta perkiraan; unggah batas resmi "
        "(Data → Batas wilayah): {names}."
    ),
    "peta.no_point_more": "{names} dan {more} lainnya",
    "peta.official": "Batas resmi dari {file} (versi #{id}).",
    "peta.official_missing": "Tanpa batas di berkas itu (tidak digambar): {names}.",
    "peta.counts_label": "Jumlah balita stunting",
    "peta.source_each": "sumber tiap indikator (katalog)",
    "peta.source_score": "skor analisis situasi (e-PPGBM dan cakupan intervensi)",
    "peta.no_target": "Indikator ini tidak punya target; kelas memakai kuantil.",
    "peta.click": "Klik {unit} pada peta untuk melihat rinciannya di sini.",
    "peta.details": "{kelurahan}",
    "peta.profile": "Buka profil {kelurahan}",
    "peta.png": "Unduh peta (PNG)",
    "peta.no_data": "Tidak ada nilai untuk ukuran ini pada periode ini.",
    "picker.help_tables": (
        "Diterima: CSV (pemisah koma atau titik koma), TSV atau TXT (pemisah tab), "
        "Excel .xlsx dan .xls."
    ),
    "picker.no_suffix": "tanpa akhiran",
    "picker.button": "Pilih berkas",
    "picker.drop": "atau seret berkas ke sini",
    "picker.limit": "maks. {mb} MB",
    "picker.refused": (
        "Berkas {file} tidak diterima: jenisnya {jenis}. Unggah berkas {types}; dari aplikasi "
        "lain, simpan dulu sebagai CSV atau Excel."
    ),
    "pres.title": "Presentasi rembuk stunting",
    "pres.prev": "◀ Sebelumnya",
    "pres.next": "Berikutnya ▶",
    "pres.tayang": "Mode tayang",
    "pres.notes": "Catatan rapat · slide {n}: {judul}",
    "pres.notes_label": "Catatan (disimpan bersama presentasi tahun dan periode ini, ikut diekspor)",
    "pres.notes_save": "Simpan catatan",
    "pres.notes_saved": "Catatan tersimpan.",
    "pres.notes_same": "Catatan tidak berubah; tidak ada yang disimpan.",
    "pres.notes_conflict": "Catatan Anda tidak disimpan: {oleh} menyimpan catatan slide ini pada {waktu}, setelah layar ini dibuka. Catatan yang tersimpan sekarang:",
    "pres.notes_count": "{n} dari {total} slide punya catatan rapat.",
    "pres.download": "Unduh presentasi",
    "pres.download_caption": (
        "Slide yang sama untuk tahun {tahun}, {periode}, beserta catatan rapat: PowerPoint "
        "(grafik sebagai gambar, angka sebagai tabel yang dapat diubah), PDF A4 (dengan tabel "
        "data dan catatan metode) dan Excel (semua tabel hasil hitungan)."
    ),
    "pres.city_only": (
        "Presentasi rembuk stunting selalu untuk seluruh {kabkota}; pilihan kecamatan {kecamatan} di "
        "panel samping tidak dipakai di slide."
    ),
    "pres.download_pptx": "PowerPoint (.pptx)",
    "pres.download_pdf": "Laporan PDF (A4)",
    "pres.download_xlsx": "Tabel Excel (.xlsx)",
    "pres.cli": (
        "Tanpa membuka dasbor: `python manage.py report --year 2025 --period 2025-Q4 "
        "--format pptx --out rembuk.pptx`."
    ),
    "pres.trust_more": "Dan {n} {unit} lain perlu dicek: daftar lengkap di laporan PDF dan tabel Excel",
    "profil.title": "Profil {unit}",
    "profil.pick": "{Unit} (ketik untuk mencari)",
    "profil.subtitle": "Kecamatan {kecamatan} · {periode} · {lokus}",
    "profil.cov_line": (
        "Rekaman pengukuran {bulan} (e-PPGBM dihitung ulang): stunting {persen} ({kasus} dari "
        "{valid} anak) · cakupan pengukuran {cakupan}"
    ),
    "profil.cov_counts": "{cakupan} ({diukur} dari {sasaran} balita sasaran)",
    "profil.cov_help": (
        "Cakupan pengukuran = balita diukur bulan itu ÷ balita sasaran (SAS06, atau S dari D/S). "
        "Di bawah {waspada}% ⚠ rendah: prevalensi dihitung ulang mungkin tidak mewakili; mulai "
        "{percaya}% ✓ terpercaya."
    ),
    "profil.lokus_yes": "★ lokus {tahun}",
    "profil.lokus_no": "bukan lokus {tahun}",
    "profil.prevalence": "Prevalensi stunting (e-PPGBM)",
    "profil.prevalence_caption": "{num} dari {den} balita diukur · {kabkota} {kota}",
    "profil.change": "Perubahan sejak 2022",
    "profil.priority": "Peringkat prioritas",
    "profil.priority_value": "{rank} dari {total}",
    "profil.priority_caption": "Skor {skor} (bobot bawaan 40/30/30) · peringkat prevalensi {prev_rank} dari {total}",
    "profil.index": "Indeks konvergensi",
    "profil.index_caption": "{reached} dari {assessed} indikator intervensi bertarget tercapai · tingkat konvergensi scorecard {rate}",
    "profil.composition": "Komposisi stunting: {pendek} pendek dan {sangat} sangat pendek dari {diukur} balita diukur ({persen_pendek} dan {persen_sangat}); {porsi} anak stunting tergolong sangat pendek.",
    "profil.reasons": "Alasan utama (kekurangan terbesar dari target)",
    "profil.reasons_none": "Semua indikator intervensi bertarget sudah tercapai atau tidak ada data.",
    "profil.alerts": "Peringatan",
    "profil.indicators": "Semua indikator · {periode}",
    "profil.trend": "Tren prevalensi stunting: {nama} dibanding {kabkota}",
    "profil.scorecard": "Scorecard konvergensi · {periode}",
    "profil.scorecard_none": "Belum ada data scorecard untuk {unit} ini pada periode ini.",
    "profil.formula": "Rumus indeks dan tingkat konvergensi",
    "profil.formula_body": (
        "- **Indeks konvergensi** = indikator intervensi (spesifik dan sensitif) yang mencapai target ÷ "
        "indikator intervensi yang punya data dan target × 100.\n"
        "- **Tingkat konvergensi** (scorecard, domain resmi) = ΣY ÷ (jumlah indikator × jumlah sasaran − ΣTS) × 100, "
        "dihitung terpisah untuk ibu hamil (8 indikator) dan anak 0–23 bulan (10 indikator), lalu total. "
        "Y = menerima layanan, T = tidak menerima, TS = tidak sesuai/tidak berlaku."
    ),
    "prog.title": "Pemetaan program (Aksi 2)",
    "prog.subtitle": (
        "Kegiatan OPD mana yang menjangkau {unit} dan intervensi mana, dan di mana cakupan "
        "rendah belum disasar kegiatan apa pun. Kegiatan berstatus batal tidak dihitung."
    ),
    "prog.tahun": "Tahun kegiatan",
    "prog.opd": "OPD",
    "prog.dana": "Sumber dana",
    "prog.all": "Semua",
    "prog.period_note": (
        "Cakupan: {periode} (sumber utama tiap indikator) · dibandingkan dengan {lalu} · {area}"
    ),
    "prog.period_ahead": (
        "Tahun {tahun} belum punya data cakupan: kegiatan dibandingkan dengan data terbaru, {periode}."
    ),
    "prog.no_period": "Belum ada data cakupan intervensi sampai tahun {tahun}.",
    "prog.tab_matrix": "Matriks konvergensi",
    "prog.tab_gaps": "Kesenjangan lokus",
    "prog.tab_budget": "Anggaran",
    "prog.tab_register": "Daftar kegiatan",
    "prog.card_kegiatan": "Kegiatan",
    "prog.card_kegiatan_cap": "{n_opd} OPD · {n_lokus} menyasar lokus",
    "prog.card_gap": "Sel lokus merah",
    "prog.card_gap_cap": "intervensi lokus di bawah target tanpa kegiatan ({n_lokus} dari {total} lokus)",
    "prog.card_pagu": "Pagu",
    "prog.card_pagu_cap": "realisasi {realisasi} ({persen})",
    "prog.matrix_help": (
        "Angka di tiap sel = jumlah kegiatan yang menyasar {unit} dan intervensi itu. "
        "Warna = status cakupan terhadap target. ★ = lokus (di atas). Arahkan kursor untuk "
        "cakupan, target dan OPD."
    ),
    "prog.matrix_table": "Tabel matriks",
    "prog.download_matrix": "Unduh matriks (CSV)",
    "prog.codes": "Kode indikator",
    "prog.no_activities": "Belum ada kegiatan tahun {tahun} untuk pilihan ini. Tambahkan di tab Daftar kegiatan.",
    "prog.gaps_title": "Intervensi di bawah target tanpa kegiatan",
    "prog.gaps_help": "Per lokus: intervensi yang cakupannya di bawah target dan tidak disasar kegiatan apa pun tahun {tahun}; selisih terbesar dulu.",
    "prog.gaps_none": "Setiap intervensi lokus yang di bawah target sudah disasar minimal satu kegiatan.",
    "prog.gaps_summary": "{n_lokus} dari {total} lokus punya intervensi di bawah target tanpa kegiatan ({n} sel).",
    "prog.stalled_title": "Ada kegiatan, cakupan tidak membaik",
    "prog.stalled_help": "Intervensi lokus yang disasar kegiatan tahun {tahun} tetapi cakupannya {periode} tidak lebih baik dari {lalu} (arah indikator diperhitungkan).",
    "prog.stalled_none": "Semua intervensi lokus yang disasar kegiatan membaik dibanding tahun sebelumnya (atau belum ada data pembanding).",
    "prog.stalled_ahead": "Belum dapat dinilai: data cakupan tahun {tahun} belum ada.",
    "prog.download_gaps": "Unduh kedua daftar (XLSX)",
    "prog.budget_opd": "Per OPD",
    "prog.budget_group": "Per kelompok intervensi",
    "prog.budget_lokus": "Lokus dan bukan lokus",
    "prog.budget_kelurahan": "Per {unit}",
    "prog.budget_method": (
        "Cara hitung: persentase realisasi = Σ realisasi ÷ Σ pagu; realisasi kosong dihitung 0. "
        "Per kelompok, kegiatan yang menyasar indikator spesifik dan sensitif sekaligus masuk "
        "'spesifik & sensitif' (tidak dibagi). Per {unit}, anggaran kegiatan dibagi rata ke "
        "{unit} sasarannya ('semua' = {jumlah_unit} {unit}) — perkiraan, karena rincian lokasi "
        "anggaran tidak dicatat."
    ),
    "prog.download_budget": "Unduh anggaran (XLSX)",
    "prog.register_count": "{n} kegiatan tahun {tahun} (filter OPD, sumber dana dan kecamatan diterapkan; termasuk yang batal).",
    "prog.export_xlsx": "Unduh daftar kegiatan (XLSX, semua tahun)",
    "prog.export_csv": "Unduh daftar kegiatan (CSV, semua tahun)",
    "prog.template": "Unduh templat kosong (XLSX)",
    "prog.add": "Tambah kegiatan",
    "prog.edit": "Ubah atau hapus kegiatan tahun {tahun}",
    "prog.edit_help": "Ubah sel lalu tekan Simpan; centang Hapus untuk menyembunyikan kegiatan. Setiap perubahan diperiksa dan dicatat (siapa, kapan, dari apa menjadi apa).",
    "prog.import": "Impor dari berkas (XLSX/CSV)",
    "prog.import_help": "Baris ber-ID memperbarui kegiatan itu; baris tanpa ID menjadi kegiatan baru. Kegiatan yang tidak ada di berkas tidak diubah.",
    "prog.import_file": "Berkas daftar kegiatan",
    "prog.import_problems": "Uji coba menemukan {n} masalah; tidak ada yang disimpan. Perbaiki berkas lalu unggah ulang.",
    "prog.import_plan": "Uji coba: {baru} kegiatan baru, {ubah} isian berubah pada {n_ubah} kegiatan.",
    "prog.import_nothing": "Berkas sama dengan daftar tersimpan; tidak ada yang perlu disimpan.",
    "prog.import_save": "Simpan hasil impor",
    "prog.audit": "Log perubahan",
    "prog.audit_none": "Belum ada perubahan tercatat.",
    "prog.audit_download": "Unduh log (CSV)",
    "prog.choose": "Pilih satu atau lebih",
    "prog.f_nama": "Nama kegiatan",
    "prog.f_opd": "OPD penanggung jawab",
    "prog.f_indikator": "Indikator intervensi yang dilayani",
    "prog.f_kelurahan": "{Unit} sasaran",
    "prog.f_semua": "Semua {unit} (seluruh {kabkota})",
    "prog.f_volume": "Volume target",
    "prog.f_satuan": "Satuan volume",
    "prog.f_pagu": "Pagu (Rp)",
    "prog.f_realisasi": "Realisasi (Rp)",
    "prog.f_dana": "Sumber dana",
    "prog.f_status": "Status",
    "prog.f_catatan": "Catatan",
    "prog.f_hapus": "Hapus",
    "prog.save_new": "Simpan kegiatan",
    "prog.save_edit": "Simpan perubahan",
    "prog.invalid": "Belum disimpan; perbaiki dulu:",
    "prog.nothing": "Tidak ada perubahan untuk disimpan.",
    "prog.added": "Kegiatan '{nama}' disimpan dan dicatat di log.",
    "prog.saved": "{n} isian diubah dan {hapus} kegiatan dihapus; semuanya dicatat di log.",
    "prog.imported": "Impor disimpan: {baru} kegiatan baru, {ubah} isian diubah; dicatat di log.",
    "ranking.title": "Peringkat {unit} menurut prevalensi stunting",
    "ranking.caption": (
        "Diurutkan dari prevalensi tertinggi (e-PPGBM, {periode}). ★ = {unit} lokus {tahun}. "
        "Perubahan dibanding {baseline}. Tingkat konvergensi dari scorecard (ΣY ÷ (ΣY + ΣT))."
    ),
    "referensi.title": "Data referensi",
    "referensi.intro": (
        "Data acuan {wilayah} yang dimuat dari folder `{folder}` dan diperiksa setiap kali aplikasi dimulai. "
        "Lokus per tahun dan target daerah ditetapkan di aplikasi (tab Lokus dan Katalog indikator; "
        "tersimpan di basis data dan dicatat di log audit). Indikator baru yang "
        "muncul di berkas unggahan dapat juga ditambahkan di halaman Data (tersimpan di basis data)."
    ),
    "referensi.kelurahan": "{Unit} ({n})",
    "referensi.indikator": "Katalog indikator ({n})",
    "referensi.lokus": "Lokus per tahun",
    "referensi.kerangka": "Kerangka aksi konvergensi",
    "referensi.sumber": "Sumber data",
    "referensi.target_lain": "Target lain dari sumber berbeda (disimpan berdampingan, tidak menggantikan target utama):",
    "referensi.bulan_note": "Bulan rencana setiap tahapan belum dikonfirmasi dari pedoman resmi; ubah di tahapan_aksi.csv.",
    "regionadmin.target_daerah": "target daerah ({sumber})",
    "regionadmin.notice": "Lokus {unit} tahun {tahun} belum ditetapkan — tetapkan di Data Referensi → Lokus.",
    "regionadmin.bad_year": "Tahun '{tahun}' tidak valid: isi tahun empat angka antara 2000 dan 2100.",
    "regionadmin.unknown_codes": "Kode {unit} tidak dikenal di folder referensi: {codes}.",
    "regionadmin.need_dasar": "Isi dasar penetapan (mis. nomor SK Bupati/Wali Kota atau berita acara rembuk stunting).",
    "regionadmin.too_long": "Teks terlalu panjang: paling banyak {n} karakter.",
    "regionadmin.unknown_indicator": "Indikator {kode} tidak ada di katalog.",
    "regionadmin.bad_target": "Target harus angka 0 atau lebih (titik atau koma desimal).",
    "regionadmin.bad_percent": "Target persen harus angka antara 0 dan 100.",
    "regionadmin.need_source": "Isi sumber target (mis. Perbup 12/2024 atau RPJMD 2025–2029).",
    "regionadmin.lokus_title": "Tetapkan lokus",
    "regionadmin.lokus_what": "menetapkan lokus",
    "regionadmin.lokus_year": "Tahun lokus",
    "regionadmin.lokus_pick": "Lokus {unit} tahun {tahun}",
    "regionadmin.lokus_placeholder": "Pilih atau ketik nama {unit}…",
    "regionadmin.lokus_pick_help": "Ketik untuk mencari nama {unit} atau kecamatan. Daftar ini menggantikan seluruh lokus tahun itu.",
    "regionadmin.lokus_dasar": "Dasar penetapan",
    "regionadmin.lokus_dasar_help": "Mis. SK Bupati/Wali Kota No. …/{tahun} atau berita acara rembuk stunting.",
    "regionadmin.lokus_save": "Simpan lokus {tahun}",
    "regionadmin.lokus_saved": "Lokus {tahun} disimpan ({n} {unit}) dan dicatat di log audit.",
    "regionadmin.lokus_same": "Lokus {tahun} tidak berubah; tidak ada yang disimpan.",
    "regionadmin.lokus_invalid": "Lokus belum disimpan:",
    "regionadmin.lokus_from_app": "Lokus {tahun} ditetapkan di aplikasi oleh {oleh} pada {waktu}; berkas referensi (lokus.csv) tidak lagi mengubahnya.",
    "regionadmin.lokus_in_force": "Tahun {tahun} belum punya lokus sendiri: halaman memakai lokus tahun {dari}.",
    "regionadmin.no_lokus_view": "Belum ada lokus {unit} untuk tahun {tahun}: bagian ini baru dapat dihitung setelah lokus ditetapkan (Data Referensi → Lokus).",
    "regionadmin.lokus_none": "Belum ada lokus {unit} untuk tahun {tahun} atau tahun sebelumnya.",
    "regionadmin.target_title": "Target daerah",
    "regionadmin.target_help": (
        "Bila daerah menetapkan target sendiri (Perbup/Perwali, RPJMD), isi di sini: target itu "
        "dipakai di semua halaman, presentasi dan peta, dengan sumber 'target daerah (…)'. Tanpa "
        "target daerah dipakai target katalog (Perpres 72/2021, RPJMN)."
    ),
    "regionadmin.target_what": "mengubah target daerah",
    "regionadmin.target_none": "Belum ada target daerah: semua indikator memakai target katalog.",
    "regionadmin.target_pick": "Indikator",
    "regionadmin.target_national": "Target nasional (katalog): {target} pada {tahun} ({sumber}).",
    "regionadmin.target_current": "Target daerah sekarang: {target} pada {tahun} ({sumber}); diubah oleh {oleh}, {waktu}.",
    "regionadmin.target_value": "Target",
    "regionadmin.target_year": "Tahun target",
    "regionadmin.target_source": "Sumber target",
    "regionadmin.target_source_help": "Mis. Perbup 12/2024 atau RPJMD 2025–2029.",
    "regionadmin.target_save": "Simpan target daerah",
    "regionadmin.target_saved": "Target daerah {kode} disimpan dan dicatat di log audit.",
    "regionadmin.target_same": "Target {kode} tidak berubah; tidak ada yang disimpan.",
    "regionadmin.target_invalid": "Target belum disimpan:",
    "regionadmin.target_reset": "Kembalikan ke target nasional",
    "regionadmin.target_reset_done": "Target {kode} kembali ke target nasional; dicatat di log audit.",
    "ringkasan.title": "Ringkasan",
    "ringkasan.subtitle": "{area} · {periode}",
    "situasi.title": "Analisis situasi",
    "situasi.subtitle": "{area} · {periode} · skor prioritas untuk menetapkan lokus tahun {tahun}",
    "situasi.weights": "Bobot skor prioritas",
    "situasi.w_prevalensi": "Prevalensi stunting",
    "situasi.w_jumlah": "Jumlah balita stunting",
    "situasi.w_kesenjangan": "Kesenjangan cakupan intervensi",
    "situasi.n": "Jumlah lokus yang direkomendasikan",
    "situasi.weights_zero": "Semua bobot 0: skor tidak dapat dihitung. Beri setidaknya satu bobot di atas 0.",
    "situasi.ranking": "Peringkat prioritas {unit}",
    "situasi.ranking_caption": (
        "Skor 0–100 (makin tinggi makin prioritas), periode {periode}. Bobot: prevalensi {w1}, jumlah "
        "balita stunting {w2}, kesenjangan cakupan {w3}. ★ = lokus {tahun_lokus}. Klik 'Profil' untuk rincian {unit}."
    ),
    "situasi.incomplete": "{n} {unit} tidak punya semua komponen; skornya dihitung dari komponen yang ada (tanda ¹).",
    "situasi.recommend": "Rekomendasi lokus tahun {tahun}",
    "situasi.recommend_caption": "{n} {unit} dengan skor tertinggi, dibanding lokus {tahun_lokus}: {tetap} tetap, {masuk} masuk, {keluar} keluar.",
    "situasi.recommend_caption_set": "{n} {unit} dengan skor tertinggi, dibanding lokus {tahun_lokus} yang sudah ditetapkan: {tetap} tetap, {masuk} masuk, {keluar} keluar.",
    "situasi.leaving": "Lokus sekarang yang tidak lagi direkomendasikan: {names}.",
    "situasi.no_lokus": "Belum ada lokus yang ditetapkan untuk tahun ini atau sebelumnya.",
    "situasi.method": "Cara menghitung skor prioritas dan indeks konvergensi",
    "situasi.method_body": (
        "- Tiga komponen per {unit}, periode terpilih: **prevalensi stunting** (e-PPGBM, %), "
        "**jumlah balita stunting**, dan **kesenjangan cakupan** = rata-rata kekurangan dari target "
        "(poin) pada indikator intervensi spesifik dan sensitif yang punya data dan target "
        "(indikator yang sudah mencapai target dihitung 0).\n"
        "- Setiap komponen diskalakan 0–100 di antara {unit} yang ditampilkan: nilai terendah = 0, "
        "tertinggi = 100.\n"
        "- **Skor prioritas** = Σ (bobot × komponen) ÷ Σ bobot komponen yang tersedia. {Unit} tanpa "
        "salah satu komponen ditandai ¹.\n"
        "- **Indeks konvergensi** = jumlah indikator intervensi yang mencapai target ÷ jumlah indikator "
        "intervensi yang punya data dan target × 100.\n"
        "- **Tingkat konvergensi** (scorecard) = ΣY ÷ (jumlah indikator × jumlah sasaran − ΣTS) × 100; "
        "ditampilkan bila data scorecard tersedia.\n"
        "- **Status target**: tercapai (≥ target; untuk indikator 'makin rendah makin baik': ≤ target), "
        "mendekati (kurang dari {poin} poin dari target), belum. Penyebut di bawah {min} sasaran ditandai "
        "'penyebut kecil' (angka persen mudah berayun)."
    ),
    "top.all": "Lihat semua {n} {unit}",
    "top.chart": "Grafik menampilkan {n} {unit} terburuk dari {total}; semua ada di tabel.",
    "top.chart_lokus": "Grafik menampilkan {n} dari {total} {unit}: {lokus} lokus lebih dulu, lalu yang terburuk; semua ada di tabel.",
    "top.shown": "Ditampilkan {n} {unit} terburuk dari {total}. Nyalakan «Lihat semua» untuk daftar lengkap (tabel dapat digulir).",
    "trend.title": "Tren prevalensi stunting (e-PPGBM): lokus dibanding bukan lokus",
    "trend.caption": "Setiap titik = Σ balita stunting ÷ Σ balita diukur pada kelompok itu. Garis putus-putus: target {target} ({sumber}).",
    "ukur.title": "Pengukuran balita (Aksi 7)",
    "ukur.subtitle": (
        "Prevalensi dihitung ulang di dasbor dari rekaman pengukuran e-PPGBM dengan z-skor "
        "WHO 2006 (Permenkes 2/2020). Sumber: **e-PPGBM (dihitung ulang)** — berbeda dari angka "
        "e-PPGBM yang dilaporkan dan dari survei SSGI/SKI; jangan dibandingkan pada satu sumbu."
    ),
    "ukur.tab_prev": "Prevalensi",
    "ukur.tab_quality": "Kualitas data",
    "ukur.tab_upload": "Unggah rekaman",
    "ukur.tab_calc": "Kalkulator z-skor",
    "ukur.empty": "Belum ada rekaman pengukuran. Unggah ekspor e-PPGBM di tab Unggah rekaman.",
    "ukur.periode": "Bulan pengukuran",
    "ukur.indikator": "Indikator",
    "ukur.tingkat": "Tingkat",
    "ukur.level_kelurahan": "{Unit}",
    "ukur.level_kecamatan": "Kecamatan",
    "ukur.source_note": "{area} · {periode} · sumber: e-PPGBM (dihitung ulang)",
    "ukur.card_caption": "{batas} · {kasus} dari {valid} anak · IK 95% {ci}",
    "ukur.no_valid": "Tidak ada rekaman valid untuk periode dan wilayah ini.",
    "ukur.cov_rendah": "⚠ rendah",
    "ukur.cov_sedang": "",
    "ukur.cov_terpercaya": "✓ terpercaya",
    "ukur.cov_melebihi": "⚠ melebihi sasaran",
    "ukur.cov_tanpa_sasaran": "sasaran tidak tersedia",
    "ukur.cov_tanpa_n": "sasaran tidak tersedia ({n} {unit})",
    "ukur.cov_ds": "(S dari D/S)",
    "ukur.cov_ds_n": "sasaran dari S pada D/S (SKD01) untuk {n} {unit} tanpa SAS06",
    "ukur.cov_column": "Cakupan pengukuran",
    "ukur.cov_card": "Cakupan pengukuran",
    "ukur.cov_card_caption": "{diukur} dari {sasaran} balita sasaran {pita}",
    "ukur.cov_card_none": "{diukur} balita diukur · {pita}",
    "ukur.cov_caption": (
        "Cakupan pengukuran = balita diukur (rekaman umur 0–59 bulan pada bulan ini) ÷ balita "
        'sasaran (indikator SAS06 "Jumlah balita sasaran (S)", atau S dari D/S bila tidak ada) '
        "pada periode yang memuat bulan ini. Di bawah {waspada}% ⚠ rendah: prevalensi mungkin "
        "tidak mewakili semua balita; mulai {percaya}% ✓ terpercaya; di atas 100% periksa sasaran "
        "atau rekaman ganda. Tanpa sasaran tidak ada angka cakupan."
    ),
    "ukur.chart_title": "{nama} · {periode}",
    "ukur.chart_caption": (
        "Garis hitam: interval kepercayaan 95% (Wilson). Batang abu-abu: kurang dari {n} anak "
        "dengan data valid — baca dengan hati-hati. ★ = {unit} lokus, merah."
    ),
    "ukur.download": "Unduh tabel (CSV)",
    "ukur.haz_caption": (
        "Batang: sebaran z-skor TB/U anak di wilayah dan bulan ini (nilai tidak masuk akal "
        "dibuang). Kurva hijau: standar WHO. Sebaran yang bergeser ke kiri berarti lebih banyak "
        "anak pendek; SD jauh di atas 1,2 menandakan masalah pengukuran."
    ),
    "ukur.plaus_title": "Plausibilitas (gaya SMART)",
    "ukur.plaus_score": "Skor total **{total}** ({n} anak dinilai): **{vonis}** (0–9 sangat baik, 10–14 baik, 15–24 cukup, di atas 24 bermasalah).",
    "ukur.plaus_small": "Hanya {n} anak dinilai: skor plausibilitas tidak bermakna di bawah {min} anak, jadi tidak dihitung. Nilai tiap uji tetap ditampilkan, tanpa penilaian dan poin (–).",
    "ukur.plaus_source": "Ambang dari data/reference/plausibilitas.csv (SMART Methodology, Manual 2.0, 2017). SD HAZ/WAZ diberi penilaian tetapi tidak menambah skor.",
    "ukur.plaus_areas_title": "Plausibilitas per wilayah",
    "ukur.plaus_areas_caption": (
        "{periode}: {kabkota}, kecamatan dan {unit} berdampingan. Angka dalam kurung = poin "
        "penalti uji itu. Kolom SD menampilkan SD itu sendiri (idealnya sekitar 1; dinilai dari "
        "selisihnya dengan 1). Di bawah {min} anak hanya nilai tiap uji yang ditampilkan — tanpa "
        "penilaian, poin, maupun skor, karena tidak bermakna. Arahkan kursor ke judul kolom "
        "untuk nama lengkapnya."
    ),
    "ukur.std_caption": (
        "N = anak 0–59 bulan dengan nilai indeks (z-skor tidak masuk akal dikeluarkan; anak "
        "dengan edema dihitung < −3 SD pada BB/U dan BB/TB, tetapi tidak masuk rata-rata dan "
        "SD). IK 95% = interval logit seperti paket R anthro (`anthro_prevalence`) untuk data "
        "tanpa bobot. Kelompok tanpa anak ditulis –."
    ),
    "ukur.std_download": "Unduh tabel standar dan plausibilitas (XLSX)",
    "ukur.std_empty": "Tidak ada anak 0–59 bulan yang dinilai di wilayah dan bulan ini.",
    "ukur.std_index": "Indeks",
    "ukur.std_intro": (
        "{area} · {periode} · tabel standar WHO (seperti WHO Anthro Survey Analyser): "
        "prevalensi per kelompok umur, jenis kelamin, dan umur × jenis kelamin."
    ),
    "ukur.tab_std": "Tabel standar WHO",
    "ukur.quality_intro": "{area} · {periode} · seperti laporan kualitas data WHO Anthro",
    "ukur.position_title": "Cara ukur yang bertentangan dengan umur",
    "ukur.position_caption": (
        "Menurut WHO, anak di bawah 24 bulan diukur panjang badannya sambil berbaring dan anak "
        "24 bulan ke atas diukur tingginya sambil berdiri. Berbaring pada umur 24 bulan ke atas "
        "dikoreksi −0,7 cm, berdiri di bawah 24 bulan +0,7 cm sebelum z-skor dihitung. Berdiri "
        "di bawah 9 bulan tidak mungkin: cara ukurnya dianggap tidak diketahui (WHO Anthro). "
        "Banyak angka di sini berarti kolom cara ukur diisi otomatis, bukan sesuai pengukuran."
    ),
    "ukur.digits_height": "Angka desimal tinggi/panjang badan",
    "ukur.digits_weight": "Angka desimal berat badan",
    "ukur.method": "Metode perhitungan",
    "ukur.method_text": (
        "- **Umur** dalam hari = tanggal ukur − tanggal lahir; hanya umur 0–59 bulan yang dinilai. "
        "z-skor dihitung saat impor dari umur tepat; yang disimpan hanya z-skor itu dan umur "
        "dibulatkan ke pertengahan bulannya, sehingga tanggal lahir tidak dapat dihitung balik.\n"
        "- **Tinggi terkoreksi**: +0,7 cm bila anak < 731 hari diukur berdiri; −0,7 cm bila "
        "≥ 731 hari diukur terlentang. Diukur berdiri sebelum 9 bulan dianggap posisi tidak "
        "diketahui (ditandai).\n"
        "- **z-skor** TB/U, BB/U, BB/TB dengan tabel LMS WHO 2006 per hari dan per 0,1 cm "
        "(diinterpolasi); BB/U dan BB/TB disesuaikan di luar ±3 SD seperti WHO Anthro.\n"
        "- **Tidak masuk akal** (dikeluarkan dari prevalensi): |TB/U| > 6; BB/U < −6 atau > 5; "
        "|BB/TB| > 5. Klasifikasi memakai z-skor yang dibulatkan 2 desimal.\n"
        "- **Prevalensi** = kasus ÷ anak dengan data valid; kecamatan dan {kabkota} = Σ kasus ÷ Σ anak "
        "valid. **IK 95%** metode Wilson.\n"
        "- **Skor preferensi angka (DPS)**: 0 = tanpa preferensi; < 8 sangat baik, < 12 baik, "
        "< 20 cukup, ≥ 20 bermasalah (WHO–UNICEF 2019).\n"
        "- Berkas baru untuk {unit} dan bulan yang sama **menggantikan** rekaman lama (tidak "
        "dijumlahkan); bila dipilih saat menyimpan, berkas mengganti **seluruh bulan** ({unit} "
        "yang tidak ada di berkas tidak lagi punya rekaman bulan itu). Uji coba menyebut berapa "
        "rekaman {unit} × bulan mana yang diganti. Membatalkan dataset di halaman Data "
        "mengembalikan rekaman lama."
    ),
    "ukur.upload_intro": (
        "Unggah **ekspor e-PPGBM** apa adanya (CSV atau Excel) atau **templat pengukuran**. "
        "NIK, nama anak, nama orang tua, alamat, RT/RW dan tanggal lahir **dibuang sebelum "
        "disimpan**; yang disimpan hanya {unit}, posyandu, jenis kelamin, umur (dibulatkan ke "
        "bulan), tanggal ukur, tinggi, berat, cara ukur, z-skor (dihitung dari umur tepat) dan "
        "z-skor/status e-PPGBM. Berkas asli tidak diarsipkan."
    ),
    "ukur.template": "Unduh templat pengukuran (CSV)",
    "ukur.upload": "Berkas pengukuran",
    "ukur.upload_help": "Batas ukuran {mb} MB.",
    "ukur.checking": "Memeriksa berkas…",
    "ukur.dry_run": "Hasil pemeriksaan (belum disimpan)",
    "ukur.m_rows": "Baris dibaca",
    "ukur.m_kept": "Rekaman akan disimpan",
    "ukur.m_skipped": "Baris dilewati",
    "ukur.m_skipped_help": (
        "Baris dibaca yang tidak disimpan: baris dengan galat, ekspor ganda, atau anak berumur 60 "
        "bulan atau lebih. Rinciannya di daftar masalah."
    ),
    "ukur.m_errors": "Galat",
    "ukur.m_warnings": "Peringatan",
    "ukur.m_problems_help": "Jumlah masalah, bukan baris: satu baris dapat punya beberapa masalah.",
    "ukur.format": "Format: {format} · bulan pengukuran: {periode}",
    "ukur.dropped": "Kolom data pribadi dibuang sebelum disimpan: {kolom}.",
    "ukur.birth_used": "Tanggal lahir (kolom '{kolom}') hanya dipakai untuk menghitung umur, "
    "lalu dibuang; yang disimpan hanya umur anak.",
    "ukur.ignored": "Kolom lain tidak dipakai: {kolom}.",
    "ukur.dup_summary": (
        "**{n} baris tidak dihitung karena anaknya sudah diukur lagi di bulan yang sama** "
        "(NIK sama, atau tanpa NIK: jenis kelamin, tanggal lahir dan {unit} sama dengan "
        "selisih tinggi ≤ 0,5 cm dan berat ≤ 0,1 kg). Tiap anak dihitung sekali, dengan "
        "pengukuran yang lebih akhir (tanggal ukur, lalu urutan baris). NIK dan tanggal lahir "
        "hanya dipakai untuk pemeriksaan ini dan tidak disimpan."
    ),
    "ukur.dup_list": "Daftar baris ganda ({n})",
    "ukur.dup_line": "baris {baris} = baris {dipakai} ({alasan}) — baris {baris} tidak dihitung",
    "ukur.dup_nik": "NIK sama",
    "ukur.dup_no_nik": "tanpa NIK: data anak sama, ukuran hampir sama",
    "ukur.dup_more": "… dan {n} baris lainnya (lihat juga tabel masalah di bawah).",
    "ukur.problems_none": "Tidak ada masalah: semua baris dapat disimpan.",
    "ukur.problems": "{errors} galat dan {warnings} peringatan",
    "ukur.nothing": "Tidak ada rekaman valid untuk disimpan. Perbaiki berkas lalu unggah lagi.",
    "ukur.save": "Simpan rekaman",
    "ukur.replace_none": (
        "Belum ada rekaman tersimpan untuk bulan di berkas ini: tidak ada rekaman yang diganti."
    ),
    "ukur.replace_summary": (
        "**{n} rekaman tersimpan** dari **{k} {unit} × bulan** akan diganti oleh rekaman "
        "berkas ini: {daftar}."
    ),
    "ukur.replace_more": "dan {n} lainnya (lihat tabel)",
    "ukur.replace_item": "{kelurahan} {bulan} ({lama} → {baru})",
    "ukur.replace_warning": (
        "**Perhatian: {k} {unit} × bulan akan kehilangan lebih dari seperlima rekamannya**: "
        "{daftar}. Apakah berkas ini ekspor lengkap bulan itu? Bila bukan, unggah ekspor yang "
        "lengkap; bila ya, pilih di bawah apa yang diganti."
    ),
    "ukur.replace_table": "Rekaman tersimpan yang diganti, per {unit} × bulan",
    "ukur.replace_choice": "Yang diganti oleh berkas ini",
    "ukur.cakupan_kelurahan": (
        "Hanya {unit} yang ada di berkas ({n} rekaman tersimpan); {unit} lain pada bulan itu tetap"
    ),
    "ukur.cakupan_bulan": (
        "Seluruh bulan ({n} rekaman tersimpan); {unit} yang tidak ada di berkas tidak lagi "
        "punya rekaman bulan itu"
    ),
    "ukur.replace_choose": "Pilih dulu apa yang diganti, lalu simpan.",
    "ukur.duplicate_where": "halaman Data, tab Riwayat unggahan",
    "ukur.save_failed": "Penyimpanan gagal, tidak ada yang berubah: {detail}",
    "ukur.saved": (
        "Tersimpan sebagai dataset #{id}: {n} rekaman. Prevalensi per {unit} dihitung ulang "
        "dan tersedia sebagai sumber e-PPGBM (dihitung ulang)."
    ),
    "ukur.calc_intro": (
        "Hitung z-skor satu anak, mis. untuk memeriksa kasus dalam rapat. Tidak ada yang disimpan."
    ),
    "ukur.calc_sex": "Jenis kelamin",
    "ukur.calc_born": "Tanggal lahir",
    "ukur.calc_measured": "Tanggal pengukuran",
    "ukur.calc_height": "Tinggi/panjang badan (cm)",
    "ukur.calc_weight": "Berat badan (kg)",
    "ukur.calc_position": "Cara ukur",
    "ukur.pos_1": "Terlentang (panjang badan)",
    "ukur.pos_2": "Berdiri (tinggi badan)",
    "ukur.pos_0": "Tidak diketahui (mengikuti umur)",
    "ukur.calc_oedema": "Edema (bengkak) kedua kaki",
    "ukur.calc_negative": "Tanggal pengukuran sebelum tanggal lahir.",
    "ukur.calc_age_value": "**Umur:** {hari} hari ({bulan} bulan penuh)",
    "ukur.calc_too_old": "Umur 60 bulan atau lebih: di luar standar WHO untuk balita.",
    "ukur.calc_9mo": "Diukur berdiri sebelum 9 bulan: posisi dianggap tidak diketahui (tanpa koreksi).",
    "ukur.calc_corrected": "Tinggi terkoreksi yang dipakai: {tinggi} cm.",
}


# The region's words (``analysis.region.Region.words``), set when the reference folder is loaded
# (``use_region``): every text may say ``{unit}``, ``{Unit}``, ``{wilayah}``, ``{kabkota}`` ….
REGION_WORDS: dict[str, str] = {
    "unit": "desa/kelurahan",
    "Unit": "Desa/Kelurahan",
    "wilayah": "kabupaten/kota",
    "wilayah_resmi": "kabupaten/kota",
    "nama_wilayah": "kabupaten/kota",
    "judul_wilayah": "kabupaten/kota",
    "kabkota": "kabupaten/kota",
    "Kabkota": "Kabupaten/Kota",
    "jumlah_unit": "semua",
    "kode_wilayah": "kode kabupaten/kota",
}


def use_region(words: dict[str, str]) -> None:
    """Make every later ``t`` use the words of the region served (one per process)."""
    REGION_WORDS.update(words)


def word(name: str) -> str:
    """One of the region's words for texts built outside ``t`` (table headers, slides):
    ``word("Unit")`` "Desa", ``word("kabkota")`` "kabupaten"."""
    return REGION_WORDS[name]


def group_label(name: str) -> str:
    """A group of places as shown: analysis's "Semua kelurahan" (all places of the area) in the
    region's word ("Semua desa"); other group names as they are."""
    return f"Semua {REGION_WORDS['unit']}" if name == "Semua kelurahan" else name


def region_words() -> dict[str, str]:
    """A copy of the region's words, for code below ``text`` that takes them as an argument."""
    return dict(REGION_WORDS)


def t(key: str, **values: object) -> str:
    """The UI text for ``key`` with ``{placeholders}`` filled from ``values`` and the region's
    words (``REGION_WORDS``)."""
    return STRINGS[key].format(**{**REGION_WORDS, **values})
