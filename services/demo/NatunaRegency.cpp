#include "demo/NatunaRegency.h"

#include <QSet>

namespace rd {

namespace {

using Field = NatunaRegency::Field;
using Unit = NatunaRegency::Unit;

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list << QString::fromUtf8(item);
    return list;
}

// Kecamatan codes 01-15 number the fifteen kecamatan in this list's order; the register only
// needs a NIK of valid form, not the Kemendagri numbering.
struct Kecamatan
{
    const char *name;
    std::initializer_list<const char *> lurah;
    std::initializer_list<const char *> desa;
    int staffSlots;
};

const Kecamatan kKecamatan[] = {
    {"Bunguran Timur",
     {"Lurah Ranai", "Lurah Ranai Darat", "Lurah Bandarsyah"},
     {"Kepala Desa Sepempang"},
     4},
    {"Bunguran Barat", {"Lurah Sedanau"}, {}, 3},
    {"Bunguran Utara", {}, {"Kepala Desa Kelarik"}, 2},
    {"Bunguran Selatan", {}, {"Kepala Desa Cemaga"}, 2},
    {"Bunguran Tengah", {}, {}, 2},
    {"Bunguran Timur Laut", {}, {"Kepala Desa Pengadah"}, 2},
    {"Bunguran Batubi", {}, {}, 2},
    {"Pulau Laut", {}, {}, 2},
    {"Pulau Tiga", {}, {"Kepala Desa Sabang Mawang"}, 2},
    {"Pulau Tiga Barat", {}, {}, 2},
    {"Serasan", {}, {}, 3},
    {"Serasan Timur", {}, {}, 2},
    {"Subi", {}, {}, 2},
    {"Midai", {}, {}, 2},
    {"Suak Midai", {}, {}, 2},
};

const QString kDiskominfo = QStringLiteral("Dinas Komunikasi dan Informatika");
const QString kSetda = QStringLiteral("Sekretariat Daerah");
const QString kContractPosition = QStringLiteral("Tenaga Pendukung Operator Aplikasi");

std::vector<Unit> buildUnits()
{
    std::vector<Unit> units;
    auto add = [&units](const char *name, Field field, const char *head,
                        std::initializer_list<const char *> leaders,
                        std::initializer_list<const char *> staff, int staffSlots) {
        Unit unit;
        unit.name = QString::fromUtf8(name);
        unit.field = field;
        unit.head = QString::fromUtf8(head);
        unit.leaders = strings(leaders);
        unit.staff = strings(staff);
        unit.staffSlots = staffSlots;
        units.push_back(unit);
    };
    add("Sekretariat Daerah", Field::Government, "Sekretaris Daerah",
        {"Asisten Pemerintahan dan Kesejahteraan Rakyat", "Asisten Perekonomian dan Pembangunan",
         "Asisten Administrasi Umum", "Kepala Bagian Hukum", "Kepala Bagian Organisasi",
         "Kepala Bagian Tata Pemerintahan", "Kepala Bagian Pengadaan Barang dan Jasa",
         "Kepala Bagian Protokol dan Komunikasi Pimpinan", "Kepala Bagian Umum"},
        {"Analis Hukum Ahli Pertama", "Perancang Peraturan Perundang-undangan Ahli Muda",
         "Analis Kebijakan Ahli Muda", "Pengelola Pengadaan Barang/Jasa Ahli Pertama",
         "Pranata Hubungan Masyarakat Ahli Pertama", "Pengadministrasi Perkantoran",
         "Arsiparis Ahli Pertama"},
        10);
    add("Sekretariat DPRD", Field::Government, "Sekretaris DPRD",
        {"Kepala Bagian Umum dan Keuangan", "Kepala Bagian Persidangan dan Perundang-undangan",
         "Kepala Bagian Fasilitasi Penganggaran dan Pengawasan"},
        {"Perisalah Legislatif Ahli Pertama", "Analis Kebijakan Ahli Pertama", "Pengelola Keuangan",
         "Pengadministrasi Perkantoran"},
        5);
    add("Inspektorat Daerah", Field::Finance, "Inspektur",
        {"Sekretaris Inspektorat", "Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II",
         "Inspektur Pembantu Khusus"},
        {"Auditor Ahli Pertama", "Auditor Ahli Muda", "Auditor Ahli Madya",
         "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda"},
        7);
    add("Badan Perencanaan, Penelitian dan Pengembangan Daerah", Field::Planning,
        "Kepala Badan Perencanaan, Penelitian dan Pengembangan Daerah",
        {"Sekretaris Badan Perencanaan, Penelitian dan Pengembangan Daerah",
         "Kepala Bidang Pemerintahan dan Pembangunan Manusia",
         "Kepala Bidang Perekonomian dan Sumber Daya Alam",
         "Kepala Bidang Infrastruktur dan Kewilayahan",
         "Kepala Bidang Penelitian dan Pengembangan"},
        {"Perencana Ahli Pertama", "Perencana Ahli Muda", "Pengolah Data dan Informasi",
         "Pranata Komputer Ahli Pertama"},
        6);
    add("Badan Pengelolaan Keuangan dan Pendapatan Daerah", Field::Finance,
        "Kepala Badan Pengelolaan Keuangan dan Pendapatan Daerah",
        {"Sekretaris Badan Pengelolaan Keuangan dan Pendapatan Daerah", "Kepala Bidang Anggaran",
         "Kepala Bidang Perbendaharaan", "Kepala Bidang Akuntansi", "Kepala Bidang Aset",
         "Kepala Bidang Pendapatan"},
        {"Analis Keuangan Pusat dan Daerah Ahli Pertama", "Penata Kelola Keuangan",
         "Bendahara Pengeluaran", "Penata Laporan Keuangan", "Pranata Komputer Ahli Pertama",
         "Pengadministrasi Perkantoran"},
        10);
    add("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", Field::Government,
        "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        {"Sekretaris Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
         "Kepala Bidang Mutasi dan Promosi", "Kepala Bidang Pengembangan Kompetensi",
         "Kepala Bidang Pengadaan, Pemberhentian dan Informasi"},
        {"Analis Sumber Daya Manusia Aparatur Ahli Pertama",
         "Analis Sumber Daya Manusia Aparatur Ahli Muda", "Pranata Komputer Ahli Pertama",
         "Pengolah Data dan Informasi"},
        6);
    // The office that runs Revocation Desk: its staff are also the workstation users.
    add("Dinas Komunikasi dan Informatika", Field::Informatics,
        "Kepala Dinas Komunikasi dan Informatika",
        {"Sekretaris Dinas Komunikasi dan Informatika", "Kepala Bidang Aplikasi Informatika",
         "Kepala Bidang Persandian dan Keamanan Informasi",
         "Kepala Bidang Informasi dan Komunikasi Publik", "Kepala Bidang Statistik"},
        {"Sandiman Ahli Pertama", "Pranata Komputer Ahli Pertama", "Pranata Komputer Ahli Muda",
         "Sandiman Ahli Muda", "Pranata Hubungan Masyarakat Ahli Pertama",
         "Statistisi Ahli Pertama", "Pranata Komputer Terampil"},
        7);
    add("Dinas Pendidikan", Field::Education, "Kepala Dinas Pendidikan",
        {"Sekretaris Dinas Pendidikan", "Kepala Bidang Pembinaan Sekolah Dasar",
         "Kepala Bidang Pembinaan Sekolah Menengah Pertama",
         "Kepala Bidang Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
         "Kepala Bidang Guru dan Tenaga Kependidikan", "Kepala SMP Negeri 1 Bunguran Timur",
         "Kepala SMP Negeri 1 Bunguran Barat"},
        {"Pengawas Sekolah Ahli Madya", "Guru Ahli Pertama", "Guru Ahli Muda",
         "Pamong Belajar Ahli Pertama", "Pranata Komputer Ahli Pertama",
         "Pengadministrasi Perkantoran"},
        14);
    add("Dinas Kesehatan", Field::Health, "Kepala Dinas Kesehatan",
        {"Sekretaris Dinas Kesehatan", "Kepala Bidang Kesehatan Masyarakat",
         "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
         "Kepala Bidang Pelayanan dan Sumber Daya Kesehatan", "Kepala UPT Puskesmas Ranai",
         "Kepala UPT Puskesmas Sedanau"},
        {"Dokter Ahli Pertama", "Epidemiolog Kesehatan Ahli Pertama", "Perawat Ahli Pertama",
         "Bidan Ahli Pertama", "Apoteker Ahli Pertama", "Sanitarian Terampil",
         "Nutrisionis Ahli Pertama", "Administrator Kesehatan Ahli Pertama"},
        12);
    add("Rumah Sakit Umum Daerah Natuna", Field::Health, "Direktur RSUD Natuna",
        {"Kepala Bagian Tata Usaha", "Kepala Bidang Pelayanan Medik dan Keperawatan",
         "Kepala Bidang Penunjang Medik", "Dokter Spesialis Anak",
         "Dokter Spesialis Penyakit Dalam", "Dokter Spesialis Obstetri dan Ginekologi",
         "Dokter Spesialis Bedah"},
        {"Dokter Ahli Pertama", "Perawat Ahli Pertama", "Perawat Terampil", "Bidan Terampil",
         "Apoteker Ahli Pertama", "Pranata Laboratorium Kesehatan Terampil", "Radiografer Terampil",
         "Perekam Medis Terampil", "Pranata Komputer Ahli Pertama"},
        14);
    add("Dinas Pekerjaan Umum dan Penataan Ruang", Field::Engineering,
        "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
        {"Sekretaris Dinas Pekerjaan Umum dan Penataan Ruang", "Kepala Bidang Bina Marga",
         "Kepala Bidang Sumber Daya Air", "Kepala Bidang Cipta Karya",
         "Kepala Bidang Penataan Ruang"},
        {"Teknik Jalan dan Jembatan Ahli Pertama", "Teknik Pengairan Ahli Pertama",
         "Penata Ruang Ahli Pertama", "Pengelola Pengadaan Barang/Jasa Ahli Pertama",
         "Pengadministrasi Perkantoran"},
        8);
    add("Dinas Perhubungan", Field::Transport, "Kepala Dinas Perhubungan",
        {"Sekretaris Dinas Perhubungan", "Kepala Bidang Lalu Lintas dan Angkutan Jalan",
         "Kepala Bidang Pelayaran"},
        {"Penguji Kendaraan Bermotor Ahli Pertama", "Analis Transportasi",
         "Pengadministrasi Perkantoran"},
        5);
    add("Dinas Sosial", Field::Social, "Kepala Dinas Sosial",
        {"Sekretaris Dinas Sosial", "Kepala Bidang Rehabilitasi Sosial",
         "Kepala Bidang Perlindungan dan Jaminan Sosial", "Kepala Bidang Pemberdayaan Sosial"},
        {"Pekerja Sosial Ahli Pertama", "Penyuluh Sosial Ahli Pertama",
         "Pengadministrasi Perkantoran"},
        5);
    add("Dinas Kependudukan dan Pencatatan Sipil", Field::Government,
        "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        {"Sekretaris Dinas Kependudukan dan Pencatatan Sipil",
         "Kepala Bidang Pelayanan Pendaftaran Penduduk", "Kepala Bidang Pelayanan Pencatatan Sipil",
         "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan"},
        {"Administrator Database Kependudukan", "Pranata Komputer Ahli Pertama",
         "Penata Layanan Operasional", "Pengadministrasi Perkantoran"},
        7);
    add("Dinas Perikanan", Field::Fishery, "Kepala Dinas Perikanan",
        {"Sekretaris Dinas Perikanan", "Kepala Bidang Perikanan Tangkap",
         "Kepala Bidang Perikanan Budidaya",
         "Kepala Bidang Pengolahan dan Pemasaran Hasil Perikanan"},
        {"Penyuluh Perikanan Ahli Pertama", "Pengawas Perikanan Ahli Pertama",
         "Analis Pasar Hasil Perikanan Ahli Pertama", "Pengadministrasi Perkantoran"},
        6);
    add("Dinas Pertanian dan Ketahanan Pangan", Field::Agriculture,
        "Kepala Dinas Pertanian dan Ketahanan Pangan",
        {"Sekretaris Dinas Pertanian dan Ketahanan Pangan",
         "Kepala Bidang Tanaman Pangan dan Hortikultura",
         "Kepala Bidang Peternakan dan Kesehatan Hewan", "Kepala Bidang Ketahanan Pangan"},
        {"Penyuluh Pertanian Ahli Pertama", "Medik Veteriner Ahli Pertama",
         "Paramedik Veteriner Terampil", "Analis Ketahanan Pangan Ahli Pertama",
         "Pengadministrasi Perkantoran"},
        6);
    add("Dinas Pariwisata", Field::Tourism, "Kepala Dinas Pariwisata",
        {"Sekretaris Dinas Pariwisata", "Kepala Bidang Destinasi Pariwisata",
         "Kepala Bidang Pemasaran Pariwisata"},
        {"Adyatama Kepariwisataan dan Ekonomi Kreatif Ahli Pertama",
         "Pranata Hubungan Masyarakat Ahli Pertama", "Pengadministrasi Perkantoran"},
        4);
    add("Dinas Lingkungan Hidup", Field::Environment, "Kepala Dinas Lingkungan Hidup",
        {"Sekretaris Dinas Lingkungan Hidup",
         "Kepala Bidang Pengelolaan Sampah dan Limbah Bahan Berbahaya dan Beracun",
         "Kepala Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan"},
        {"Pengendali Dampak Lingkungan Ahli Pertama", "Pengawas Lingkungan Hidup Ahli Pertama",
         "Pengadministrasi Perkantoran"},
        4);
    add("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", Field::Government,
        "Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        {"Sekretaris Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
         "Kepala Bidang Pelayanan Perizinan", "Kepala Bidang Penanaman Modal"},
        {"Penata Perizinan Ahli Pertama", "Analis Kebijakan Ahli Pertama",
         "Pranata Komputer Ahli Pertama", "Penata Layanan Operasional"},
        5);
    add("Satuan Polisi Pamong Praja", Field::Law, "Kepala Satuan Polisi Pamong Praja",
        {"Sekretaris Satuan Polisi Pamong Praja", "Kepala Bidang Penegakan Peraturan Daerah",
         "Kepala Bidang Ketertiban Umum dan Ketenteraman Masyarakat",
         "Kepala Bidang Perlindungan Masyarakat"},
        {"Polisi Pamong Praja Ahli Pertama", "Polisi Pamong Praja Terampil",
         "Pengadministrasi Perkantoran"},
        6);
    add("Badan Penanggulangan Bencana Daerah", Field::Government,
        "Kepala Pelaksana Badan Penanggulangan Bencana Daerah",
        {"Sekretaris Badan Penanggulangan Bencana Daerah",
         "Kepala Bidang Pencegahan dan Kesiapsiagaan", "Kepala Bidang Kedaruratan dan Logistik",
         "Kepala Bidang Rehabilitasi dan Rekonstruksi"},
        {"Analis Kebencanaan Ahli Pertama", "Pengelola Logistik", "Pengadministrasi Perkantoran"},
        4);
    add("Badan Kesatuan Bangsa dan Politik", Field::Social,
        "Kepala Badan Kesatuan Bangsa dan Politik",
        {"Sekretaris Badan Kesatuan Bangsa dan Politik",
         "Kepala Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa",
         "Kepala Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan"},
        {"Analis Kebijakan Ahli Pertama", "Pengadministrasi Perkantoran"}, 3);

    int district = 0;
    for (const Kecamatan &kecamatan : kKecamatan) {
        ++district;
        const QString place = QString::fromUtf8(kecamatan.name);
        Unit unit;
        unit.name = QStringLiteral("Kecamatan ") + place;
        unit.field = Field::Government;
        unit.district = district;
        unit.kecamatan = true;
        unit.head = QStringLiteral("Camat ") + place;
        unit.leaders = QStringList {QStringLiteral("Sekretaris Kecamatan ") + place,
                                    QStringLiteral("Kepala Seksi Pemerintahan"),
                                    QStringLiteral("Kepala Seksi Pelayanan Umum"),
                                    QStringLiteral("Kepala Seksi Pemberdayaan Masyarakat dan Desa")}
            + strings(kecamatan.lurah);
        unit.staff = QStringList {QStringLiteral("Penata Layanan Operasional"),
                                  QStringLiteral("Pengadministrasi Perkantoran"),
                                  QStringLiteral("Pengelola Keuangan")};
        unit.staffSlots = kecamatan.staffSlots;
        unit.villageHeads = strings(kecamatan.desa);
        units.push_back(unit);
    }
    return units;
}

// ---------------------------------------------------------------------------------------------
// Names as Natuna's registers write them: Malay names of the Riau islands, Arab-Malay and
// noble prefixes that belong to the name (Raja, Wan, Tengku, Encik, Said, Syarifah), and the
// common Indonesian names of people from elsewhere.

const QStringList &maleGiven()
{
    static const QStringList list = strings(
        {"Muhammad",    "Ahmad",    "Abdul",     "Syahrul",  "Zulkifli", "Hamdan", "Rizal",
         "Syamsul",     "Zainal",   "Harun",     "Ismail",   "Jefri",    "Hendra", "Fadli",
         "Azhar",       "Khairul",  "Amirullah", "Herman",   "Sabri",    "Ilyas",  "Marzuki",
         "Hasan",       "Husin",    "Junaidi",   "Razali",   "Firdaus",  "Taufik", "Afrizal",
         "Andi",        "Budi",     "Dedi",      "Eko",      "Agus",     "Rudi",   "Fajar",
         "Irwan",       "Joko",     "Rahmat",    "Safrizal", "Yusuf",    "Dani",   "Wahyu",
         "Arif",        "Ridwan",   "Erwin",     "Fauzi",    "Mahmud",   "Ma'ruf", "Iskandar",
         "Syarifuddin", "Zulfahmi", "Jamaluddin"});
    return list;
}

const QStringList &maleFamily()
{
    static const QStringList list = strings(
        {"Syafii",    "Yusuf",   "Hidayat",  "Rahman",     "Anwar",     "Saputra",  "Pratama",
         "Kurniawan", "Santoso", "Prasetyo", "Firmansyah", "Hakim",     "Ramadhan", "Nugroho",
         "Setiawan",  "Effendi", "Siregar",  "Nasution",   "Abdullah",  "Ibrahim",  "Hamid",
         "Jamil",     "Daud",    "Kadir",    "Mansur",     "Rasyid",    "Wahab",    "Zakaria",
         "Syukri",    "Azmi",    "Hasyim",   "Alamsyah",   "Fitrianto", "Gunawan",  "Hasibuan",
         "Sulaiman",  "Yahya",   "Idris"});
    return list;
}

const QStringList &maleSingle()
{
    static const QStringList list = strings(
        {"Yusrizal", "Hamdan", "Syahrial", "Jamaluddin", "Zulkarnain", "Khairuddin", "Suhardi",
         "Marzuki", "Sabaruddin", "Herman", "Asmadi", "Baharuddin", "Darmawi"});
    return list;
}

const QStringList &femaleGiven()
{
    static const QStringList list = strings(
        {"Siti",    "Nurul",   "Fitri",   "Rina",    "Yuliana",  "Sri",      "Dewi",    "Ani",
         "Putri",   "Ratna",   "Indah",   "Mega",    "Novita",   "Wulan",    "Aisyah",  "Fatimah",
         "Zainab",  "Halimah", "Mariani", "Juliana", "Erna",     "Yanti",    "Desi",    "Eka",
         "Linda",   "Maya",    "Nur",     "Asmah",   "Zuraidah", "Khadijah", "Hafizah", "Nur'aini",
         "Lestari", "Rosnah",  "Dian",    "Tika"});
    return list;
}

const QStringList &femaleFamily()
{
    static const QStringList list = strings(
        {"Aminah",   "Rahmah",  "Hidayah",   "Oktaviani", "Handayani", "Wulandari", "Purnamasari",
         "Lestari",  "Safitri", "Anggraini", "Sari",      "Susanti",   "Marlina",   "Rosmawati",
         "Zulaikha", "Hasanah", "Nurjanah",  "Fitriani",  "Kartika",   "Maharani",  "Permatasari",
         "Aryani",   "Ningsih", "Rahmawati", "Yulianti",  "Hafsah",    "Mardiah",   "Saleha"});
    return list;
}

const QStringList &femaleSingle()
{
    static const QStringList list
        = strings({"Nurhayati", "Rosmawati", "Zuraidah", "Hasnah", "Maryati", "Rosnani", "Juliana",
                   "Suryani", "Salmah", "Asmawati", "Rahmawati", "Nurbaiti"});
    return list;
}

QString bachelorFor(Field field, DemoDice &dice)
{
    switch (field) {
    case Field::Government:
        return dice.pick(strings({"S.Sos.", "S.IP.", "S.STP", "S.AP."}));
    case Field::Finance:
        return dice.pick(strings({"S.E.", "S.E.", "S.Ak."}));
    case Field::Law:
        return QStringLiteral("S.H.");
    case Field::Engineering:
        return QStringLiteral("S.T.");
    case Field::Education:
        return QStringLiteral("S.Pd.");
    case Field::Health:
        return QStringLiteral("S.KM.");
    case Field::Informatics:
        return dice.pick(strings({"S.Kom.", "S.Kom.", "S.T."}));
    case Field::Agriculture:
        return dice.pick(strings({"S.P.", "S.Pt."}));
    case Field::Fishery:
        return QStringLiteral("S.Pi.");
    case Field::Social:
        return dice.pick(strings({"S.Sos.", "S.IP."}));
    case Field::Planning:
        return dice.pick(strings({"S.T.", "S.E.", "S.Si."}));
    case Field::Tourism:
        return dice.pick(strings({"S.Par.", "S.Sos."}));
    case Field::Environment:
        return dice.pick(strings({"S.T.", "S.Si."}));
    case Field::Transport:
        return dice.pick(strings({"S.T.", "S.SiT."}));
    }
    return QStringLiteral("S.Sos.");
}

QString masterFor(Field field, DemoDice &dice)
{
    switch (field) {
    case Field::Government:
        return dice.pick(strings({"M.Si.", "M.AP.", "M.Si."}));
    case Field::Finance:
        return dice.pick(strings({"M.M.", "M.Ak."}));
    case Field::Law:
        return QStringLiteral("M.H.");
    case Field::Engineering:
    case Field::Transport:
        return QStringLiteral("M.T.");
    case Field::Education:
        return QStringLiteral("M.Pd.");
    case Field::Health:
        return QStringLiteral("M.Kes.");
    case Field::Informatics:
        return QStringLiteral("M.Kom.");
    case Field::Planning:
        return dice.pick(strings({"M.Si.", "M.T.", "M.E."}));
    default:
        return QStringLiteral("M.Si.");
    }
}

} // namespace

const std::vector<NatunaRegency::Unit> &NatunaRegency::units()
{
    static const std::vector<Unit> list = buildUnits();
    return list;
}

int NatunaRegency::unitIndex(const QString &name)
{
    const auto &all = units();
    for (size_t i = 0; i < all.size(); ++i) {
        if (all[i].name == name)
            return int(i);
    }
    return -1;
}

const QStringList &NatunaRegency::unitNames()
{
    static const QStringList list = [] {
        QStringList names;
        for (const Unit &unit : units())
            names << unit.name;
        return names;
    }();
    return list;
}

int NatunaRegency::kecamatanCount()
{
    return int(std::size(kKecamatan));
}

const QStringList &NatunaRegency::posts()
{
    static const QStringList list = [] {
        QStringList all;
        QSet<QString> seen;
        for (const Unit &unit : units()) {
            for (const QString &post : QStringList {unit.head} + unit.leaders + unit.staff) {
                if (!seen.contains(post)) {
                    seen.insert(post);
                    all << post;
                }
            }
        }
        return all;
    }();
    return list;
}

const QStringList &NatunaRegency::headPosts()
{
    static const QStringList list = [] {
        QStringList heads;
        for (const Unit &unit : units())
            heads << unit.head;
        return heads;
    }();
    return list;
}

QString NatunaRegency::diskominfo()
{
    return kDiskominfo;
}

QString NatunaRegency::setda()
{
    return kSetda;
}

QString NatunaRegency::contractPosition()
{
    return kContractPosition;
}

const QStringList &NatunaRegency::transferDestinations()
{
    static const QStringList list
        = strings({"Pemerintah Provinsi Kepulauan Riau", "Pemerintah Kota Batam",
                   "Pemerintah Kota Tanjungpinang", "Pemerintah Kabupaten Kepulauan Anambas",
                   "Pemerintah Kabupaten Bintan", "Pemerintah Kabupaten Karimun",
                   "Pemerintah Kabupaten Lingga"});
    return list;
}

QString NatunaRegency::nikRegion()
{
    return QStringLiteral("2103");
}

QString NatunaRegency::emailDomain()
{
    return QStringLiteral("natunakab.example");
}

NatunaRegency::PersonName NatunaRegency::makeName(DemoDice &dice, bool female)
{
    QString prefix;
    if (dice.chance(9)) {
        prefix = female ? dice.pick(strings({"Raja", "Wan", "Tengku", "Syarifah"}))
                        : dice.pick(strings({"Raja", "Wan", "Tengku", "Encik", "Said"}));
    }
    QStringList words;
    const int shape = dice.between(1, 100);
    if (shape <= 12) {
        words << dice.pick(female ? femaleSingle() : maleSingle());
    } else {
        words << dice.pick(female ? femaleGiven() : maleGiven());
        if (shape > 84) {
            QString middle = dice.pick(female ? femaleGiven() : maleGiven());
            if (middle != words.first())
                words << middle;
        }
        QString family = dice.pick(female ? femaleFamily() : maleFamily());
        if (family != words.last())
            words << family;
    }
    PersonName name;
    name.first = words.first();
    name.last = words.size() > 1 ? words.last() : QString();
    if (!prefix.isEmpty())
        words.prepend(prefix);
    name.bare = words.join(QLatin1Char(' '));
    return name;
}

QString NatunaRegency::emailWord(const QString &word)
{
    QString out;
    for (QChar c : word.toLower()) {
        if (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            out += c;
    }
    return out;
}

// Titles: academic degrees, professional titles and the hajj title, in the order Indonesian
// registers write them ("Drs. H. Ahmad Syafii, M.Si.", "dr. Rina Oktaviani, Sp.A.").
NatunaRegency::Titles NatunaRegency::titlesFor(const QString &position, PostKind kind, Field field,
                                               bool female, int birthYear, DemoDice &dice)
{
    Titles t;
    // Functional positions are matched by how they begin ("Bidan ..." but not "Kepala Bidang").
    auto is = [&position](const char *start) { return position.startsWith(QLatin1String(start)); };
    auto has = [&position](const char *word) { return position.contains(QLatin1String(word)); };
    const bool leader = kind == PostKind::Head || kind == PostKind::Leader;
    bool degreeDone = false;

    if (is("Dokter Spesialis")) {
        t.before << QStringLiteral("dr.");
        t.after << (has("Anak")                 ? QStringLiteral("Sp.A.")
                        : has("Penyakit Dalam") ? QStringLiteral("Sp.PD.")
                        : has("Obstetri")       ? QStringLiteral("Sp.OG.")
                                                : QStringLiteral("Sp.B."));
        degreeDone = true;
    } else if (is("Dokter") || is("Direktur RSUD") || has("Puskesmas")
               || (is("Kepala Dinas Kesehatan") && dice.chance(60))) {
        t.before << QStringLiteral("dr.");
        // Hospital directors often hold a master's in hospital administration (MARS).
        if (leader && dice.chance(60))
            t.after << (is("Direktur RSUD") ? dice.pick(strings({"M.Kes.", "M.A.R.S."}))
                                            : QStringLiteral("M.Kes."));
        degreeDone = true;
    } else if (is("Perawat Ahli")) {
        t.before << QStringLiteral("Ns.");
        t.after << QStringLiteral("S.Kep.");
        degreeDone = true;
    } else if (is("Perawat Terampil")) {
        t.after << QStringLiteral("A.Md.Kep.");
        degreeDone = true;
    } else if (is("Bidan ")) {
        t.after << (has("Ahli") ? QStringLiteral("S.Tr.Keb.") : QStringLiteral("A.Md.Keb."));
        degreeDone = true;
    } else if (is("Apoteker")) {
        t.before << QStringLiteral("apt.");
        t.after << QStringLiteral("S.Farm.");
        degreeDone = true;
    } else if (is("Pranata Laboratorium")) {
        t.after << QStringLiteral("A.Md.AK.");
        degreeDone = true;
    } else if (is("Radiografer")) {
        t.after << QStringLiteral("A.Md.Rad.");
        degreeDone = true;
    } else if (is("Perekam Medis") || is("Sanitarian")) {
        t.after << QStringLiteral("A.Md.Kes.");
        degreeDone = true;
    } else if (is("Nutrisionis")) {
        t.after << QStringLiteral("S.Gz.");
        degreeDone = true;
    } else if (is("Medik Veteriner")) {
        t.before << QStringLiteral("drh.");
        degreeDone = true;
    } else if (!leader && has("Terampil")) {
        // Skilled (terampil) grades hold a diploma; some only finished senior high school.
        if (dice.chance(70))
            t.after << (has("Komputer") ? QStringLiteral("A.Md.Kom.") : QStringLiteral("A.Md."));
        degreeDone = true;
    } else if (is("Pranata Komputer") || is("Sandiman") || is("Administrator Database")) {
        t.after << dice.pick(strings({"S.Kom.", "S.Kom.", "S.T."}));
        if (has("Ahli Muda") && dice.chance(30))
            t.after << QStringLiteral("M.Kom.");
        degreeDone = true;
    } else if (is("Statistisi")) {
        t.after << dice.pick(strings({"S.Si.", "S.Stat."}));
        degreeDone = true;
    } else if (is("Guru") || is("Pengawas Sekolah") || is("Kepala SMP") || is("Pamong Belajar")) {
        t.after << QStringLiteral("S.Pd.");
        if ((is("Pengawas") || is("Kepala SMP")) && dice.chance(60))
            t.after << QStringLiteral("M.Pd.");
        degreeDone = true;
    } else if (is("Analis Hukum") || is("Perancang") || is("Kepala Bagian Hukum")) {
        t.after << QStringLiteral("S.H.");
        if ((leader || has("Ahli Muda")) && dice.chance(50))
            t.after << QStringLiteral("M.H.");
        degreeDone = true;
    } else if (is("Auditor") || is("Pengawas Penyelenggaraan")) {
        t.after << dice.pick(strings({"S.E.", "S.Ak.", "S.H."}));
        if (has("Madya") && dice.chance(60))
            t.after << QStringLiteral("M.Ak.");
        degreeDone = true;
    } else if (is("Penyuluh Pertanian")) {
        t.after << dice.pick(strings({"S.P.", "S.ST."}));
        degreeDone = true;
    } else if (is("Penyuluh Perikanan") || is("Pengawas Perikanan")) {
        t.after << QStringLiteral("S.Pi.");
        degreeDone = true;
    } else if (kind == PostKind::VillageHead || kind == PostKind::Contract || is("Pengadministrasi")
               || is("Penata Layanan") || is("Pengelola Keuangan") || is("Pengelola Logistik")
               || is("Bendahara")) {
        const int roll = dice.between(1, 100);
        if (roll > 50)
            t.after << (roll > 80 ? QStringLiteral("S.E.") : QStringLiteral("A.Md."));
        degreeDone = true;
    } else if (is("Camat") || is("Lurah") || is("Sekretaris Kecamatan")) {
        t.after << dice.pick(strings({"S.STP", "S.STP", "S.IP.", "S.Sos."}));
        if (dice.chance(kind == PostKind::Head ? 50 : 25))
            t.after << QStringLiteral("M.Si.");
        degreeDone = true;
    }

    if (!degreeDone) {
        // Older graduates of social sciences carry Drs./Dra., of engineering and agriculture Ir.
        const bool old = birthYear < 1971;
        const bool doctorandus = old && dice.chance(45)
            && (field == Field::Government || field == Field::Social || field == Field::Finance
                || field == Field::Education);
        const bool insinyur = old && dice.chance(45)
            && (field == Field::Engineering || field == Field::Agriculture
                || field == Field::Fishery);
        if (doctorandus)
            t.before << (female ? QStringLiteral("Dra.") : QStringLiteral("Drs."));
        else if (insinyur)
            t.before << QStringLiteral("Ir.");
        else
            t.after << bachelorFor(field, dice);
        const int masterChance = kind == PostKind::Head ? 85 : leader ? 55 : 12;
        if (dice.chance(masterChance))
            t.after << masterFor(field, dice);
    }
    // The hajj title comes after the academic one before the name.
    if (birthYear < 1982 && kind != PostKind::Contract && dice.chance(18))
        t.before << (female ? QStringLiteral("Hj.") : QStringLiteral("H."));
    return t;
}

QString NatunaRegency::withTitles(const QString &bare, const Titles &titles)
{
    QString name = titles.before.join(QLatin1Char(' '));
    if (!name.isEmpty())
        name += QLatin1Char(' ');
    name += bare;
    if (!titles.after.isEmpty())
        name += QStringLiteral(", ") + titles.after.join(QStringLiteral(", "));
    return name;
}

QString NatunaRegency::decreeNumber(DemoDice &dice, int year)
{
    // Kode klasifikasi 800 is Kepegawaian in the regional filing scheme.
    return QStringLiteral("800/%1/BKPSDM/%2")
        .arg(dice.between(1, 999), 3, 10, QLatin1Char('0'))
        .arg(year);
}

} // namespace rd
