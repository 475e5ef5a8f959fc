#include "demo/DemoDataSeeder.h"

#include "audit/AuditLog.h"
#include "core/Clock.h"
#include "core/OfficeCalendar.h"
#include "demo/DemoCertificateAuthority.h"
#include "register/CertificateRepository.h"
#include "register/HolderRepository.h"
#include "register/IdentityNumbers.h"
#include "requests/AgendaNumberAllocator.h"
#include "requests/RequestLifecycle.h"
#include "users/UserAccounts.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

// The demo's content (names, positions, notes, reasons) is what people in Natuna would type into
// the register and the request forms: Indonesian data, not user-interface text, so it is not
// translated. Messages about the seeding itself go through tr().

namespace rd {

namespace {

// ---------------------------------------------------------------------------------------------
// Randomness: one seeded generator, so that a seed always gives the same register.

class Dice
{
public:
    explicit Dice(quint32 seed)
        : m_generator(seed)
    { }

    int between(int low, int high) // inclusive
    {
        return low + int(m_generator.bounded(quint32(high - low + 1)));
    }
    bool chance(int percent) { return between(1, 100) <= percent; }
    template<typename T> const T &pick(const std::vector<T> &items)
    {
        return items[size_t(between(0, int(items.size()) - 1))];
    }
    QString pick(const QStringList &items) { return items.at(between(0, int(items.size()) - 1)); }
    template<typename T> void shuffle(std::vector<T> &items)
    {
        for (int i = int(items.size()) - 1; i > 0; --i)
            std::swap(items[size_t(i)], items[size_t(between(0, i))]);
    }

private:
    QRandomGenerator m_generator;
};

QStringList strings(std::initializer_list<const char *> items)
{
    QStringList list;
    for (const char *item : items)
        list << QString::fromUtf8(item);
    return list;
}

// ---------------------------------------------------------------------------------------------
// The regency: perangkat daerah and kecamatan of Kabupaten Natuna with their posts.

// The field a unit's people studied, for the degrees the register writes after their names.
enum class Field {
    Government,
    Finance,
    Law,
    Engineering,
    Education,
    Health,
    Informatics,
    Agriculture,
    Fishery,
    Social,
    Planning,
    Tourism,
    Environment,
    Transport,
};

struct Unit
{
    QString name;
    Field field = Field::Government;
    int district = 1; // kecamatan code used in the NIKs of the people who live there
    bool kecamatan = false;
    QString head;
    QStringList leaders; // structural posts, one person each
    QStringList staff; // functional and staff positions, any number of people
    int staffSlots = 6;
    QStringList villageHeads; // kepala desa: elected, not ASN, no NIP
};

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

const std::vector<Unit> &units()
{
    static const std::vector<Unit> list = buildUnits();
    return list;
}

int unitIndex(const QString &name)
{
    const auto &all = units();
    for (size_t i = 0; i < all.size(); ++i) {
        if (all[i].name == name)
            return int(i);
    }
    return -1;
}

// Where people transferred out of the regency went: the other governments of Kepulauan Riau.
const QStringList &transferDestinations()
{
    static const QStringList list
        = strings({"Pemerintah Provinsi Kepulauan Riau", "Pemerintah Kota Batam",
                   "Pemerintah Kota Tanjungpinang", "Pemerintah Kabupaten Kepulauan Anambas",
                   "Pemerintah Kabupaten Bintan", "Pemerintah Kabupaten Karimun",
                   "Pemerintah Kabupaten Lingga"});
    return list;
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

struct PersonName
{
    QString bare; // as the certificate's CN carries it
    QString first; // for the e-mail address
    QString last;
};

PersonName makeName(Dice &dice, bool female)
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

QString emailWord(const QString &word)
{
    QString out;
    for (QChar c : word.toLower()) {
        if (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
            out += c;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Titles: academic degrees, professional titles and the hajj title, in the order Indonesian
// registers write them ("Drs. H. Ahmad Syafii, M.Si.", "dr. Rina Oktaviani, Sp.A.").

struct Titles
{
    QStringList before;
    QStringList after;
};

QString bachelorFor(Field field, Dice &dice)
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

QString masterFor(Field field, Dice &dice)
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

enum class SlotKind { Head, Leader, Staff, Contract, VillageHead };

Titles titlesFor(const QString &position, SlotKind kind, Field field, bool female, int birthYear,
                 Dice &dice)
{
    Titles t;
    // Functional positions are matched by how they begin ("Bidan ..." but not "Kepala Bidang").
    auto is = [&position](const char *start) { return position.startsWith(QLatin1String(start)); };
    auto has = [&position](const char *word) { return position.contains(QLatin1String(word)); };
    const bool leader = kind == SlotKind::Head || kind == SlotKind::Leader;
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
    } else if (kind == SlotKind::VillageHead || kind == SlotKind::Contract || is("Pengadministrasi")
               || is("Penata Layanan") || is("Pengelola Keuangan") || is("Pengelola Logistik")
               || is("Bendahara")) {
        const int roll = dice.between(1, 100);
        if (roll > 50)
            t.after << (roll > 80 ? QStringLiteral("S.E.") : QStringLiteral("A.Md."));
        degreeDone = true;
    } else if (is("Camat") || is("Lurah") || is("Sekretaris Kecamatan")) {
        t.after << dice.pick(strings({"S.STP", "S.STP", "S.IP.", "S.Sos."}));
        if (dice.chance(kind == SlotKind::Head ? 50 : 25))
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
        const int masterChance = kind == SlotKind::Head ? 85 : leader ? 55 : 12;
        if (dice.chance(masterChance))
            t.after << masterFor(field, dice);
    }
    // The hajj title comes after the academic one before the name.
    if (birthYear < 1982 && kind != SlotKind::Contract && dice.chance(18))
        t.before << (female ? QStringLiteral("Hj.") : QStringLiteral("H."));
    return t;
}

QString withTitles(const QString &bare, const Titles &titles)
{
    QString name = titles.before.join(QLatin1Char(' '));
    if (!name.isEmpty())
        name += QLatin1Char(' ');
    name += bare;
    if (!titles.after.isEmpty())
        name += QStringLiteral(", ") + titles.after.join(QStringLiteral(", "));
    return name;
}

// ---------------------------------------------------------------------------------------------
// The people of the register.

struct Slot
{
    int unit = 0;
    QString position;
    SlotKind kind = SlotKind::Staff;
};

struct PlannedCertificate
{
    CertificateRecord record;
    QDateTime expiresFor; // when the register should mark it expired (after notAfter)
};

struct Person
{
    Slot slot;
    Holder holder;
    QString bareName;
    bool female = false;
    QDate birth;
    QDate appointed; // invalid without NIP
    bool isUser = false;
    // Employment status beyond "active": the date it took effect (TMT) and its decree.
    QDate effective;
    QDate lastDay; // the last day of the last term of office
    QString decree;
    QString destination; // for transfers
    // A previous post ended by a mutation on switchDate.
    int previousUnit = -1;
    QString previousPosition;
    QDate switchDate;
    std::vector<Tenure> tenures;
    std::vector<PlannedCertificate> certificates;
    bool requested = false;
};

QString decreeNumber(Dice &dice, int year)
{
    // Kode klasifikasi 800 is Kepegawaian in the regional filing scheme.
    return QStringLiteral("800/%1/BKPSDM/%2")
        .arg(dice.between(1, 999), 3, 10, QLatin1Char('0'))
        .arg(year);
}

QDate randomDay(Dice &dice, int year, int month)
{
    return QDate(year, month, dice.between(1, QDate(year, month, 1).daysInMonth()));
}

QDate firstOfMonth(const QDate &date)
{
    return QDate(date.year(), date.month(), 1);
}

// ---------------------------------------------------------------------------------------------
// Office time: Natuna keeps WIB; the kiosk and the desk work 08:00-16:00, Monday to Friday.

QDate previousWorkday(QDate date)
{
    do
        date = date.addDays(-1);
    while (date.dayOfWeek() > 5);
    return date;
}

QDate nextWorkday(QDate date)
{
    do
        date = date.addDays(1);
    while (date.dayOfWeek() > 5);
    return date;
}

QDateTime addOfficeMinutes(const QDateTime &utc, int minutes)
{
    const QTimeZone zone = OfficeCalendar::defaultZone();
    QDateTime local = utc.toTimeZone(zone);
    qint64 remaining = qint64(minutes) * 60;
    for (int guard = 0; guard < 1000; ++guard) {
        const QDate day = local.date();
        const QDateTime open(day, QTime(8, 0), zone);
        const QDateTime close(day, QTime(16, 0), zone);
        if (day.dayOfWeek() > 5 || local >= close) {
            local = QDateTime(nextWorkday(day), QTime(8, 0), zone);
            continue;
        }
        if (local < open)
            local = open;
        const qint64 available = local.secsTo(close);
        if (remaining <= available)
            return local.addSecs(remaining).toUTC();
        remaining -= available;
        local = QDateTime(nextWorkday(day), QTime(8, 0), zone);
    }
    return local.toUTC();
}

QDateTime officeTime(const QDate &day, int minutesAfterEight)
{
    return QDateTime(day, QTime(8, 0).addSecs(minutesAfterEight * 60),
                     OfficeCalendar::defaultZone())
        .toUTC();
}

// ---------------------------------------------------------------------------------------------
// Requests: one scenario per request, in every state the SOP reaches.

enum class Pool { Retired, Deceased, Dismissed, Transferred, Active, ActiveExpired };
enum class Filing { Kiosk, Workbench, RiskMonitor, Draft };
enum class Handler { Operator1, Operator2, Supervisor1 };

struct Move
{
    RequestAction action;
    const char *note = nullptr;
};

struct Scenario
{
    RequestState finalState;
    RevocationReason reason;
    Pool pool;
    Filing filing;
    Handler handler;
    bool dualControl;
    std::vector<Move> moves;
};

using A = RequestAction;
using S = RequestState;
using R = RevocationReason;

const std::vector<Move> kToMatched = {{A::Claim}, {A::Verify}, {A::MatchCertificate}};

std::vector<Move> path(std::vector<Move> head, std::initializer_list<Move> tail)
{
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
}

const std::vector<Scenario> &scenarios()
{
    static const std::vector<Scenario> list = {
        // Closed: the whole SOP, some through its detours.
        {S::Closed, R::Retired, Pool::Retired, Filing::Workbench, Handler::Operator1, false,
         path(kToMatched, {{A::Revoke}, {A::Notify}, {A::Close}})},
        {S::Closed,
         R::Retired,
         Pool::Retired,
         Filing::Kiosk,
         Handler::Operator2,
         false,
         {{A::Claim},
          {A::RequestCompletion, "Lampiran SK pensiun belum diunggah; mohon unggah salinan SK."},
          {A::Resubmit},
          {A::Claim},
          {A::Verify},
          {A::MatchCertificate},
          {A::Revoke},
          {A::Notify},
          {A::Close}}},
        {S::Closed, R::Retired, Pool::Retired, Filing::RiskMonitor, Handler::Operator1, false,
         path(kToMatched, {{A::Revoke}, {A::Notify}, {A::Close}})},
        {S::Closed, R::Deceased, Pool::Deceased, Filing::Workbench, Handler::Operator2, true,
         path(kToMatched, {{A::RequestApproval}, {A::Revoke}, {A::Notify}, {A::Close}})},
        {S::Closed, R::Deceased, Pool::Deceased, Filing::Kiosk, Handler::Operator1, false,
         path(kToMatched,
              {{A::RecordPendingProof}, {A::ConfirmRevocation}, {A::Notify}, {A::Close}})},
        {S::Closed, R::Dismissed, Pool::Dismissed, Filing::Workbench, Handler::Supervisor1, false,
         path(kToMatched, {{A::Revoke}, {A::Notify}, {A::Close}})},
        {S::Closed, R::Transferred, Pool::Transferred, Filing::Kiosk, Handler::Operator2, false,
         path(kToMatched,
              {{A::FailRevocation, "Koneksi ke AMS terputus sebelum pencabutan dikonfirmasi."},
               {A::RetryRevocation},
               {A::Revoke},
               {A::Notify},
               {A::Close}})},
        {S::Closed, R::Transferred, Pool::Transferred, Filing::Kiosk, Handler::Operator1, false,
         path(kToMatched, {{A::Revoke}, {A::Notify}, {A::Close}})},
        {S::Closed, R::KeyCompromised, Pool::Active, Filing::Kiosk, Handler::Operator2, false,
         path(kToMatched, {{A::Revoke}, {A::Notify}, {A::Close}})},
        {S::Closed, R::DataChanged, Pool::Active, Filing::Workbench, Handler::Operator1, false,
         path(kToMatched, {{A::Revoke}, {A::Notify}, {A::Close}})},
        // Notified and revoked: waiting for the last steps.
        {S::Notified, R::Retired, Pool::Retired, Filing::Workbench, Handler::Operator2, false,
         path(kToMatched, {{A::Revoke}, {A::Notify}})},
        {S::Notified, R::Transferred, Pool::Transferred, Filing::Kiosk, Handler::Operator1, false,
         path(kToMatched, {{A::Revoke}, {A::Notify}})},
        {S::Notified, R::Reissued, Pool::Active, Filing::Kiosk, Handler::Operator2, false,
         path(kToMatched, {{A::Revoke}, {A::Notify}})},
        {S::Revoked, R::Deceased, Pool::Deceased, Filing::Kiosk, Handler::Operator1, false,
         path(kToMatched, {{A::Revoke}})},
        {S::Revoked, R::KeyCompromised, Pool::Active, Filing::Kiosk, Handler::Operator2, false,
         path(kToMatched, {{A::Revoke}})},
        // Dual control: one supervisor asks, the other approves.
        {S::Revoked, R::Dismissed, Pool::Dismissed, Filing::Workbench, Handler::Supervisor1, true,
         path(kToMatched, {{A::RequestApproval}, {A::Revoke}})},
        {S::RevocationPendingProof, R::Retired, Pool::Retired, Filing::RiskMonitor,
         Handler::Operator1, false, path(kToMatched, {{A::RecordPendingProof}})},
        {S::RevocationPendingProof, R::Transferred, Pool::Transferred, Filing::Kiosk,
         Handler::Operator2, false, path(kToMatched, {{A::RecordPendingProof}})},
        {S::RevocationFailed, R::Retired, Pool::Retired, Filing::Workbench, Handler::Operator1,
         false,
         path(kToMatched,
              {{A::FailRevocation,
                "AMS tidak merespons dalam 30 detik; pencabutan belum tercatat."}})},
        {S::RevocationFailed, R::KeyCompromised, Pool::Active, Filing::Kiosk, Handler::Operator2,
         false,
         path(kToMatched,
              {{A::FailRevocation,
                "AMS menolak permintaan: sesi verifikator kedaluwarsa (HTTP 401)."}})},
        {S::AwaitingApproval, R::Dismissed, Pool::Dismissed, Filing::Workbench, Handler::Operator1,
         true, path(kToMatched, {{A::RequestApproval}})},
        {S::AwaitingApproval, R::Retired, Pool::Retired, Filing::Kiosk, Handler::Operator2, true,
         path(kToMatched, {{A::RequestApproval}})},
        {S::CertificateMatched, R::Transferred, Pool::Transferred, Filing::Kiosk,
         Handler::Operator1, false, kToMatched},
        {S::CertificateMatched, R::DataChanged, Pool::Active, Filing::Kiosk, Handler::Operator2,
         false, kToMatched},
        {S::Verified,
         R::Deceased,
         Pool::Deceased,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Claim}, {A::Verify}}},
        {S::Verified,
         R::Reissued,
         Pool::Active,
         Filing::Kiosk,
         Handler::Operator2,
         false,
         {{A::Claim}, {A::Verify}}},
        // Step 6 found something missing.
        {S::NeedsCompletion,
         R::Retired,
         Pool::Retired,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Claim},
          {A::RequestCompletion, "Surat keterangan belum ditandatangani atasan langsung."}}},
        {S::NeedsCompletion,
         R::Deceased,
         Pool::Deceased,
         Filing::Kiosk,
         Handler::Operator2,
         false,
         {{A::Claim},
          {A::RequestCompletion,
           "Akta kematian belum dilampirkan; mohon unggah salinan yang telah dilegalisasi."}}},
        {S::NeedsCompletion,
         R::Other,
         Pool::Active,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Claim},
          {A::RequestCompletion,
           "Surat keterangan tidak mencantumkan nomor seri sertifikat yang akan dicabut."}}},
        {S::InVerification,
         R::Retired,
         Pool::Retired,
         Filing::RiskMonitor,
         Handler::Operator2,
         false,
         {{A::Claim}}},
        {S::InVerification,
         R::Transferred,
         Pool::Transferred,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Claim}}},
        {S::InVerification,
         R::KeyCompromised,
         Pool::Active,
         Filing::Kiosk,
         Handler::Supervisor1,
         false,
         {{A::Claim}}},
        {S::Submitted, R::Retired, Pool::Retired, Filing::Kiosk, Handler::Operator1, false, {}},
        {S::Submitted, R::Dismissed, Pool::Dismissed, Filing::Kiosk, Handler::Operator2, false, {}},
        {S::Submitted,
         R::Transferred,
         Pool::Transferred,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Claim},
          {A::RequestCompletion, "Salinan SK mutasi belum dilampirkan."},
          {A::Resubmit}}},
        {S::Submitted, R::DataChanged, Pool::Active, Filing::Kiosk, Handler::Operator2, false, {}},
        {S::Draft, R::Retired, Pool::Retired, Filing::Draft, Handler::Operator1, false, {}},
        {S::Draft, R::Deceased, Pool::Deceased, Filing::Draft, Handler::Operator2, false, {}},
        {S::Rejected,
         R::KeyCompromised,
         Pool::Active,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Claim},
          {A::Reject, "Nama pada surat keterangan tidak sesuai dengan data pemegang sertifikat."}}},
        {S::Rejected,
         R::Retired,
         Pool::Retired,
         Filing::Kiosk,
         Handler::Operator2,
         false,
         {{A::Reject,
           "Permohonan ganda: pencabutan yang sama sudah diajukan dan sedang diproses."}}},
        {S::Rejected,
         R::DataChanged,
         Pool::Active,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Claim},
          {A::Verify},
          {A::Reject,
           "Nomor seri sertifikat pada surat keterangan tidak ditemukan pada pemegang ini."}}},
        {S::Rejected,
         R::Other,
         Pool::ActiveExpired,
         Filing::Kiosk,
         Handler::Operator2,
         false,
         {{A::Claim}, {A::Reject, "Sertifikat sudah kedaluwarsa; pencabutan tidak diperlukan."}}},
        {S::Cancelled,
         R::KeyCompromised,
         Pool::Active,
         Filing::Kiosk,
         Handler::Operator1,
         false,
         {{A::Cancel,
           "Dibatalkan atas permintaan pemohon: telepon genggam yang hilang sudah ditemukan dan "
           "passphrase tidak bocor."}}},
        {S::Cancelled,
         R::Transferred,
         Pool::Active,
         Filing::Kiosk,
         Handler::Operator2,
         false,
         {{A::Claim},
          {A::RequestCompletion, "Salinan SK mutasi belum dilampirkan."},
          {A::Cancel, "Mutasi dibatalkan; pemegang tetap bertugas di unit yang sama."}}},
        {S::Cancelled,
         R::DataChanged,
         Pool::Active,
         Filing::Draft,
         Handler::Operator1,
         false,
         {{A::Cancel, "Draf ganda; permohonan sudah diajukan ulang dengan data yang benar."}}},
    };
    return list;
}

// How long ago requests that ended in a state were filed, in days: finished ones months ago,
// those still moving in the last days.
std::pair<int, int> filingAge(RequestState state)
{
    switch (state) {
    case S::Closed:
        return {20, 180};
    case S::Notified:
        return {7, 45};
    case S::Revoked:
        return {3, 30};
    case S::RevocationPendingProof:
        return {2, 10};
    case S::RevocationFailed:
        return {1, 7};
    case S::AwaitingApproval:
    case S::CertificateMatched:
        return {1, 5};
    case S::Verified:
        return {1, 4};
    case S::NeedsCompletion:
        return {2, 15};
    case S::InVerification:
        return {0, 3};
    case S::Submitted:
        return {0, 4};
    case S::Draft:
        return {0, 2};
    case S::Rejected:
        return {5, 160};
    case S::Cancelled:
        return {5, 120};
    }
    return {1, 30};
}

// Office minutes between a request's steps, around the SOP's standard times.
int stepDelay(Dice &dice, RequestAction action, bool afterApproval)
{
    switch (action) {
    case A::Submit:
        return 0;
    case A::Claim:
        return dice.between(15, 900);
    case A::RequestCompletion:
        return dice.between(3, 9);
    case A::Resubmit:
        return dice.between(480, 2400);
    case A::Verify:
        return dice.between(3, 9);
    case A::MatchCertificate:
        return dice.between(2, 6);
    case A::RequestApproval:
        return dice.between(1, 4);
    case A::Revoke:
        return afterApproval ? dice.between(20, 480) : dice.between(2, 6);
    case A::RecordPendingProof:
        return afterApproval ? dice.between(20, 480) : dice.between(2, 6);
    case A::ConfirmRevocation:
        return dice.between(60, 960);
    case A::FailRevocation:
        return dice.between(2, 5);
    case A::RetryRevocation:
        return dice.between(30, 480);
    case A::Notify:
        return dice.between(2, 8);
    case A::Close:
        return dice.between(5, 120);
    case A::Reject:
        return dice.between(3, 12);
    case A::Cancel:
        return dice.between(10, 1500);
    }
    return 5;
}

// The people who work the desk: Diskominfo's own staff.
struct DeskUser
{
    QString position; // whose post the account goes to
    Actor::Role role;
    int person = -1;
    QString username;
    QString password;
    qint64 id = 0;
    Actor actor;
};

QString roleLabel(Actor::Role role)
{
    switch (role) {
    case Actor::Role::Operator:
        return DemoDataSeeder::tr("operator");
    case Actor::Role::Supervisor:
        return DemoDataSeeder::tr("supervisor");
    case Actor::Role::Administrator:
        return DemoDataSeeder::tr("administrator");
    case Actor::Role::None:
        break;
    }
    return {};
}

QString demoPassword()
{
    // From the system's generator, not the seed: see the class comment.
    static const QString alphabet
        = QStringLiteral("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789");
    QString password;
    for (int i = 0; i < 14; ++i) {
        if (i == 4 || i == 9)
            password += QLatin1Char('-');
        else
            password
                += alphabet.at(int(QRandomGenerator::system()->bounded(quint32(alphabet.size()))));
    }
    return password;
}

// A CA older than every certificate it has issued.
QDateTime authorityNotBefore(const QDateTime &now)
{
    return QDateTime(QDate(now.date().year() - 6, 1, 1), QTime(0, 0), QTimeZone::utc());
}

Result<QByteArray> readAuthorityFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return fail(ErrorCode::Io, DemoDataSeeder::tr("Cannot read %1.").arg(path),
                    file.errorString());
    }
    return file.readAll();
}

Result<void> writeAuthorityFile(const QString &path, const QByteArray &bytes, bool secret)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return fail(ErrorCode::Io, DemoDataSeeder::tr("Cannot write %1.").arg(path),
                    file.errorString());
    }
    if (secret)
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(bytes);
    if (!file.commit()) {
        return fail(ErrorCode::Io, DemoDataSeeder::tr("Cannot write %1.").arg(path),
                    file.errorString());
    }
    return {};
}

// The CA in `directory` under the AMS simulator's file names (tools/ams-simulator,
// SimulatorAuthority::open), or a new one saved there for the simulator to take over.
Result<DemoCertificateAuthority> openAuthority(const QString &directory, const QDateTime &now)
{
    const QDir folder(directory);
    const QString certificatePath = folder.filePath(QStringLiteral("ca.pem"));
    const QString keyPath = folder.filePath(QStringLiteral("ca-key.pem"));
    if (QFile::exists(certificatePath) && QFile::exists(keyPath)) {
        auto certificate = readAuthorityFile(certificatePath);
        if (!certificate)
            return errorOf(certificate);
        auto key = readAuthorityFile(keyPath);
        if (!key)
            return errorOf(key);
        return DemoCertificateAuthority::load(*certificate, *key);
    }
    if (!QDir().mkpath(directory)) {
        return fail(
            ErrorCode::Io,
            DemoDataSeeder::tr("Cannot create the folder %1 for the demo CA.").arg(directory));
    }
    // The simulator keeps its state in this folder, demo passwords included: owner only.
    QFile::setPermissions(directory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    auto created = DemoCertificateAuthority::create(authorityNotBefore(now), 20);
    if (!created)
        return errorOf(created);
    if (auto ok = writeAuthorityFile(keyPath, created->privateKeyPem(), true); !ok)
        return errorOf(ok);
    if (auto ok = writeAuthorityFile(certificatePath, created->certificatePem(), false); !ok)
        return errorOf(ok);
    return created;
}

// Sets Clock back to the system time however the seeding ends.
struct ClockRestorer
{
    ClockRestorer() = default;
    ~ClockRestorer() { Clock::setFixedUtc(QDateTime()); }
    Q_DISABLE_COPY_MOVE(ClockRestorer)
};

Error withContext(Error error, const QString &context)
{
    error.detail = error.detail.isEmpty() ? context : context + QStringLiteral(": ") + error.detail;
    return error;
}

// ---------------------------------------------------------------------------------------------

class SeedRun
{
public:
    SeedRun(DatabasePtr database, const Actor &actor, quint32 seed, int holderCount,
            const QDateTime &now, std::optional<DemoCertificateAuthority> authority,
            const CertificateUrls &urls)
        : m_database(std::move(database))
        , m_actor(actor)
        , m_authority(std::move(authority))
        , m_urls(urls)
        , m_dice(seed)
        , m_holderCount(holderCount)
        , m_now(now.toUTC())
        // The register was taken over from the personnel office's roster and AMS seven months
        // before today; the requests of the demo follow from then on.
        , m_importTime(officeTime(previousWorkday(m_now.date().addDays(-209)), 30))
        , m_importDay(m_importTime.date())
    { }

    Result<DemoSeedSummary> run();

private:
    void planSlots();
    void chooseDeskUsers();
    void assignStatuses();
    void planPeople();
    void planTenures(Person &person);
    Result<void> planCertificates(const DemoCertificateAuthority &authority);
    Result<void> planCertificatesOf(Person &person, const DemoCertificateAuthority &authority);
    Result<void> issue(Person &person, const DemoCertificateAuthority &authority, const QDate &day,
                       const QString &status, const QDateTime &revokedAt = {},
                       std::optional<int> reason = std::nullopt);
    Result<void> storeRegister();
    Result<void> storeUsers();
    Result<void> runRequests();
    Result<void> markExpired();

    QString unitAt(const Person &person, const QDate &day) const;
    QString uniqueEmail(const PersonName &name);
    QString makeNik(const Person &person);
    QString makeNip(const Person &person);
    const CertificateRecord *currentCertificate(const Person &person) const;
    int headOf(int unit) const;
    int pickHolder(Pool pool);
    const DeskUser &handlerUser(Handler handler) const;

    DatabasePtr m_database;
    Actor m_actor;
    std::optional<DemoCertificateAuthority> m_authority; // created in run() when not given
    CertificateUrls m_urls;
    Dice m_dice;
    int m_holderCount;
    QDateTime m_now;
    QDateTime m_importTime;
    QDate m_importDay;

    std::vector<Slot> m_slots;
    std::vector<Person> m_people;
    std::vector<DeskUser> m_users;
    QSet<QString> m_niks, m_nips, m_emails;
    DemoSeedSummary m_summary;
};

void SeedRun::planSlots()
{
    const auto &all = units();
    const int diskominfo = unitIndex(kDiskominfo);
    std::vector<Slot> priority;
    std::vector<Slot> rest;
    for (size_t u = 0; u < all.size(); ++u) {
        const Unit &unit = all[u];
        const int index = int(u);
        // Every unit has its head; the desk's own office is staffed in full.
        priority.push_back({index, unit.head, SlotKind::Head});
        std::vector<Slot> &others = index == diskominfo ? priority : rest;
        for (const QString &leader : unit.leaders)
            others.push_back({index, leader, SlotKind::Leader});
        for (int i = 0; i < unit.staffSlots; ++i) {
            const QString position = index == diskominfo ? unit.staff.at(i % unit.staff.size())
                                                         : m_dice.pick(unit.staff);
            // A few staff are not ASN: contract support staff without a NIP.
            const bool contract = index != diskominfo && m_dice.chance(7);
            others.push_back({index, contract ? kContractPosition : position,
                              contract ? SlotKind::Contract : SlotKind::Staff});
        }
        for (const QString &village : unit.villageHeads)
            rest.push_back({index, village, SlotKind::VillageHead});
    }
    m_dice.shuffle(rest);
    m_slots = priority;
    for (const Slot &slot : rest) {
        if (int(m_slots.size()) >= m_holderCount)
            break;
        m_slots.push_back(slot);
    }
    // A larger demo than the regency's posts: more staff in the big offices.
    while (int(m_slots.size()) < m_holderCount) {
        const int index = m_dice.between(0, int(all.size()) - 1);
        m_slots.push_back({index, m_dice.pick(all[size_t(index)].staff), SlotKind::Staff});
    }
    if (int(m_slots.size()) > m_holderCount)
        m_slots.resize(size_t(m_holderCount));
    // The register lists each office together, its head first.
    std::stable_sort(m_slots.begin(), m_slots.end(), [](const Slot &a, const Slot &b) {
        if (a.unit != b.unit)
            return a.unit < b.unit;
        return int(a.kind) < int(b.kind);
    });
    m_people.resize(m_slots.size());
    for (size_t i = 0; i < m_slots.size(); ++i)
        m_people[i].slot = m_slots[i];
}

void SeedRun::chooseDeskUsers()
{
    m_users = {
        {QStringLiteral("Sandiman Ahli Pertama"), Actor::Role::Operator, -1, {}, {}, 0, {}},
        {QStringLiteral("Pranata Komputer Ahli Pertama"), Actor::Role::Operator, -1, {}, {}, 0, {}},
        {QStringLiteral("Kepala Bidang Persandian dan Keamanan Informasi"),
         Actor::Role::Supervisor,
         -1,
         {},
         {},
         0,
         {}},
        {QStringLiteral("Sekretaris Dinas Komunikasi dan Informatika"),
         Actor::Role::Supervisor,
         -1,
         {},
         {},
         0,
         {}},
        {QStringLiteral("Pranata Komputer Ahli Muda"),
         Actor::Role::Administrator,
         -1,
         {},
         {},
         0,
         {}},
    };
    const int diskominfo = unitIndex(kDiskominfo);
    for (DeskUser &user : m_users) {
        for (size_t i = 0; i < m_people.size(); ++i) {
            Person &person = m_people[i];
            if (person.slot.unit == diskominfo && person.slot.position == user.position
                && !person.isUser) {
                person.isUser = true;
                user.person = int(i);
                break;
            }
        }
    }
}

void SeedRun::assignStatuses()
{
    std::vector<int> eligible;
    for (size_t i = 0; i < m_people.size(); ++i) {
        const Person &person = m_people[i];
        // Heads stay in office (they sign for their staff), and so do the desk's users; contract
        // staff and village heads are outside the civil-service statuses.
        if (person.isUser || person.slot.kind == SlotKind::Head
            || person.slot.kind == SlotKind::Contract || person.slot.kind == SlotKind::VillageHead)
            continue;
        eligible.push_back(int(i));
    }
    m_dice.shuffle(eligible);
    const int n = m_holderCount;
    const std::array<std::pair<QString, int>, 4> quota = {{
        {QStringLiteral("retired"), std::max(14, n * 5 / 100)},
        {QStringLiteral("deceased"), std::max(7, n * 2 / 100)},
        {QStringLiteral("dismissed"), std::max(5, n * 15 / 1000)},
        {QStringLiteral("transferred"), std::max(9, n * 4 / 100)},
    }};
    size_t next = 0;
    for (const auto &[status, count] : quota) {
        for (int i = 0; i < count && next < eligible.size(); ++i)
            m_people[size_t(eligible[next++])].holder.employmentStatus = status;
    }
}

QString SeedRun::uniqueEmail(const PersonName &name)
{
    QString local = emailWord(name.first);
    if (!name.last.isEmpty())
        local += QLatin1Char('.') + emailWord(name.last);
    QString candidate = local;
    for (int n = 2; m_emails.contains(candidate); ++n)
        candidate = local + QString::number(n);
    m_emails.insert(candidate);
    return candidate + QStringLiteral("@natunakab.go.id");
}

QString SeedRun::makeNik(const Person &person)
{
    // 21 Kepulauan Riau, 03 Natuna, the kecamatan of residence, the birth date (day + 40 for
    // women), then a sequence that is never 0000.
    const Unit &unit = units()[size_t(person.slot.unit)];
    int district = unit.district;
    if (!unit.kecamatan || m_dice.chance(15)) {
        // Most of the offices' people live around Ranai.
        const int roll = m_dice.between(1, 100);
        district = roll <= 70 ? 1 : roll <= 80 ? 6 : roll <= 90 ? 5 : 4;
    }
    const int day = person.birth.day() + (person.female ? 40 : 0);
    const QString prefix = QStringLiteral("2103%1%2%3%4")
                               .arg(district, 2, 10, QLatin1Char('0'))
                               .arg(day, 2, 10, QLatin1Char('0'))
                               .arg(person.birth.month(), 2, 10, QLatin1Char('0'))
                               .arg(person.birth.year() % 100, 2, 10, QLatin1Char('0'));
    int sequence = m_dice.between(1, 2999);
    QString nik;
    do {
        nik = prefix + QStringLiteral("%1").arg(sequence, 4, 10, QLatin1Char('0'));
        sequence = sequence % 9999 + 1;
    } while (m_niks.contains(nik));
    m_niks.insert(nik);
    return nik;
}

QString SeedRun::makeNip(const Person &person)
{
    // Birth date, month of appointment (TMT CPNS), sex (1 male, 2 female), sequence.
    const QString prefix = person.birth.toString(QStringLiteral("yyyyMMdd"))
        + person.appointed.toString(QStringLiteral("yyyyMM"))
        + (person.female ? QLatin1Char('2') : QLatin1Char('1'));
    int sequence = m_dice.between(1, 20);
    QString nip;
    do {
        nip = prefix + QStringLiteral("%1").arg(sequence, 3, 10, QLatin1Char('0'));
        sequence = sequence % 999 + 1;
    } while (m_nips.contains(nip));
    m_nips.insert(nip);
    return nip;
}

void SeedRun::planPeople()
{
    for (Person &person : m_people) {
        const Slot &slot = person.slot;
        const Unit &unit = units()[size_t(slot.unit)];
        Holder &holder = person.holder;
        const QString status = holder.employmentStatus;

        person.female = m_dice.chance(slot.kind == SlotKind::Head ? 25 : 45);
        if (slot.position.startsWith(QLatin1String("Bidan ")))
            person.female = true; // midwives in the register are women

        // When a status other than active took effect, and the last day in office.
        if (status == QLatin1String("retired")) {
            // Pension age 58: from the first day of the month after the 58th birthday.
            person.effective = firstOfMonth(m_importDay.addDays(-m_dice.between(30, 420)));
            person.lastDay = person.effective.addDays(-1);
            const QDate birthMonth = person.effective.addMonths(-1);
            person.birth = randomDay(m_dice, birthMonth.year() - 58, birthMonth.month());
        } else {
            if (status != QLatin1String("active")) {
                person.effective = m_importDay.addDays(-m_dice.between(20, 420));
                person.lastDay = person.effective;
            }
            int from = 1968, to = 2000;
            if (slot.kind == SlotKind::Head) {
                from = 1967;
                to = 1978;
            } else if (slot.kind == SlotKind::Leader) {
                from = 1968;
                to = 1988;
            } else if (slot.kind == SlotKind::VillageHead) {
                from = 1970;
                to = 1992;
            }
            const int year = m_dice.between(from, to);
            person.birth = randomDay(m_dice, year, m_dice.between(1, 12));
        }

        const bool asn = slot.kind != SlotKind::Contract && slot.kind != SlotKind::VillageHead;
        if (asn) {
            // Appointed as CPNS in their twenties, at least two years before today or before
            // they left, and never before the 18th birthday.
            const QDate latest
                = (person.lastDay.isValid() ? person.lastDay : m_importDay).addYears(-2);
            int year = std::min(person.birth.year() + m_dice.between(21, 30), latest.year());
            if (year < person.birth.year() + 19) {
                person.birth = person.birth.addYears(year - 19 - person.birth.year());
            }
            int month = m_dice.between(1, 12);
            if (year == latest.year())
                month = std::min(month, latest.month());
            person.appointed = QDate(year, month, 1);
        }

        const PersonName name = makeName(m_dice, person.female);
        person.bareName = name.bare;
        const Titles titles = titlesFor(slot.position, slot.kind, unit.field, person.female,
                                        person.birth.year(), m_dice);
        holder.fullName = withTitles(name.bare, titles);
        holder.nik = makeNik(person);
        if (asn)
            holder.nip = makeNip(person);
        holder.email = uniqueEmail(name);
        static const QStringList operators
            = strings({"11", "12", "13", "21", "22", "52", "53", "14", "15", "16", "55", "56", "57",
                       "58", "17", "18", "19", "59", "77", "78", "95", "96", "97", "98", "99"});
        holder.phone = QStringLiteral("08") + m_dice.pick(operators)
            + QString::number(m_dice.between(1, 9))
            + QStringLiteral("%1").arg(m_dice.between(0, 9999999), 7, 10, QLatin1Char('0'));
        holder.unit = unit.name;
        holder.position = slot.position;
        holder.amsUsername = m_dice.chance(65) ? holder.email : holder.nik;

        if (status == QLatin1String("transferred"))
            person.destination = m_dice.pick(transferDestinations());
        if (status != QLatin1String("active"))
            person.decree = decreeNumber(m_dice, person.lastDay.year());
        planTenures(person);
    }
}

void SeedRun::planTenures(Person &person)
{
    const Slot &slot = person.slot;
    const QDate end = person.lastDay; // invalid while in office
    const QDate ceiling = end.isValid() ? end : m_importDay;
    const QDate floor = person.appointed.isValid()
        ? person.appointed
        : QDate(person.birth.year() + 22, m_dice.between(1, 12), 1);

    // Some moved to their current post from another office (mutasi) in the last years.
    const int mutationChance = slot.kind == SlotKind::Head ? 60
        : slot.kind == SlotKind::Leader                    ? 35
        : slot.kind == SlotKind::Staff                     ? 15
                                                           : 0;
    QDate start;
    if (m_dice.chance(mutationChance)) {
        const QDate candidate = ceiling.addDays(-m_dice.between(120, 1600));
        if (candidate > floor.addYears(2) && candidate < ceiling.addDays(-30)) {
            start = candidate;
            person.switchDate = candidate;
            const auto &all = units();
            int other = slot.unit;
            while (other == slot.unit)
                other = m_dice.between(0, int(all.size()) - 1);
            person.previousUnit = other;
            const Unit &previous = all[size_t(other)];
            if (slot.kind == SlotKind::Head && !previous.leaders.isEmpty())
                person.previousPosition = previous.leaders.first(); // the secretary
            else if (slot.kind == SlotKind::Leader && !previous.leaders.isEmpty()
                     && m_dice.chance(40))
                person.previousPosition = m_dice.pick(previous.leaders);
            else
                person.previousPosition = m_dice.pick(previous.staff);
            Tenure earlier;
            earlier.position = person.previousPosition;
            earlier.unit = previous.name;
            earlier.startDate = std::max(floor, start.addDays(-m_dice.between(400, 2500)));
            earlier.endDate = start.addDays(-1);
            earlier.decreeNumber = person.appointed.isValid()
                ? decreeNumber(m_dice, earlier.startDate.year())
                : QString();
            earlier.source = QStringLiteral("demo");
            person.tenures.push_back(earlier);
        }
    }
    if (!start.isValid()) {
        if (slot.kind == SlotKind::Staff && m_dice.chance(60))
            start = floor; // in the same post since appointment
        else
            start = std::max(floor, ceiling.addDays(-m_dice.between(200, 3000)));
        if (start >= ceiling)
            start = std::max(floor, ceiling.addDays(-m_dice.between(90, 400)));
    }
    Tenure current;
    current.position = slot.position;
    current.unit = units()[size_t(slot.unit)].name;
    current.startDate = start;
    current.source = QStringLiteral("demo");
    if (end.isValid()) {
        // The decree that ended it: SK pensiun, pemberhentian or pindah instansi.
        current.endDate = end;
        current.decreeNumber = person.decree;
    } else if (person.appointed.isValid()) {
        current.decreeNumber = decreeNumber(m_dice, start.year());
    }
    person.tenures.push_back(current);
}

QString SeedRun::unitAt(const Person &person, const QDate &day) const
{
    if (person.previousUnit >= 0 && day < person.switchDate)
        return units()[size_t(person.previousUnit)].name;
    return units()[size_t(person.slot.unit)].name;
}

Result<void> SeedRun::issue(Person &person, const DemoCertificateAuthority &authority,
                            const QDate &day, const QString &status, const QDateTime &revokedAt,
                            std::optional<int> reason)
{
    // Issued in the office's morning; the certificate names the unit of that day.
    const QDateTime notBefore(day, QTime(1, 0).addSecs(m_dice.between(0, 7 * 3600)),
                              QTimeZone::utc());
    auto issued = authority.issue({person.holder.email, person.bareName, unitAt(person, day)},
                                  notBefore, m_urls);
    if (!issued)
        return errorOf(issued);
    PlannedCertificate planned;
    CertificateRecord &record = planned.record;
    record.serialHex = issued->serialHex;
    record.issuerDn = issued->issuerDn;
    record.subjectDn = issued->subjectDn;
    record.notBefore = issued->notBefore;
    record.notAfter = issued->notAfter;
    record.sha256Fingerprint = issued->sha256Fingerprint;
    record.der = issued->der;
    record.status = status;
    if (status == QLatin1String("revoked")) {
        record.revokedAt = revokedAt;
        record.revocationReasonCode = reason;
    } else if (record.notAfter < m_importTime) {
        record.status = QStringLiteral("expired");
    }
    person.certificates.push_back(planned);
    return {};
}

Result<void> SeedRun::planCertificatesOf(Person &person, const DemoCertificateAuthority &authority)
{
    const QString &status = person.holder.employmentStatus;
    const QDate firstDay = person.tenures.front().startDate;
    // Still valid a month after today, and issued before the register was taken over.
    const QDate activeFrom = std::max(firstDay, m_now.date().addDays(-700));
    QDate activeTo = m_importDay.addDays(-2);
    if (person.lastDay.isValid())
        activeTo = std::min(activeTo, person.lastDay.addDays(-10));
    const bool activePossible = activeFrom < activeTo;
    auto activeDay
        = [&]() { return activeFrom.addDays(m_dice.between(0, int(activeFrom.daysTo(activeTo)))); };
    auto expiredDay
        = [&]() { return std::max(firstDay, m_now.date().addDays(-m_dice.between(760, 1300))); };
    auto alreadyExpired = [&](const QDate &day) {
        return QDateTime(day.addYears(DemoCertificateAuthority::HolderValidityYears), QTime(9, 0),
                         QTimeZone::utc())
            < m_now;
    };

    if (status != QLatin1String("active")) {
        // The SOP's warning: people who left still hold a certificate that works.
        if (activePossible)
            return issue(person, authority, activeDay(), QStringLiteral("active"));
        const QDate day = expiredDay();
        return alreadyExpired(day) ? issue(person, authority, day, QStringLiteral("active"))
                                   : Result<void>();
    }
    if (person.slot.kind == SlotKind::Contract || person.slot.kind == SlotKind::VillageHead) {
        if (activePossible && m_dice.chance(50))
            return issue(person, authority, activeDay(), QStringLiteral("active"));
        return {};
    }
    const int roll = m_dice.between(1, 100);
    if (!activePossible || roll <= 8)
        return {}; // not registered with BSrE yet
    if (roll <= 62)
        return issue(person, authority, activeDay(), QStringLiteral("active"));
    if (roll <= 76) {
        // Renewed: the old certificate ran out around the time the new one was issued.
        const QDate renewed = activeDay();
        const QDate old = std::max(firstDay, renewed.addDays(m_dice.between(0, 30) - 730));
        if (old < renewed.addDays(-30)) {
            if (auto ok = issue(person, authority, old, QStringLiteral("active")); !ok)
                return ok;
        }
        return issue(person, authority, renewed, QStringLiteral("active"));
    }
    if (roll <= 84) {
        // Re-issued: the old certificate was revoked when the new one came (lost passphrase,
        // or superseded).
        const QDate renewed = activeDay();
        const QDate old = renewed.addDays(-m_dice.between(60, 500));
        if (old > firstDay) {
            const QDateTime revokedAt = QDateTime(renewed, QTime(2, 0), QTimeZone::utc())
                                            .addSecs(-m_dice.between(3600, 86400));
            const int reason = m_dice.chance(60)
                ? RevocationReasons::crlReasonCode(R::Reissued)
                : RevocationReasons::crlReasonCode(R::KeyCompromised);
            if (auto ok
                = issue(person, authority, old, QStringLiteral("revoked"), revokedAt, reason);
                !ok)
                return ok;
        }
        return issue(person, authority, renewed, QStringLiteral("active"));
    }
    // Only an old certificate that ran out and was never renewed.
    const QDate day = expiredDay();
    if (alreadyExpired(day))
        return issue(person, authority, day, QStringLiteral("active"));
    return issue(person, authority, activeDay(), QStringLiteral("active"));
}

Result<void> SeedRun::planCertificates(const DemoCertificateAuthority &authority)
{
    for (Person &person : m_people) {
        if (auto ok = planCertificatesOf(person, authority); !ok)
            return ok;
    }
    return {};
}

Result<void> SeedRun::storeRegister()
{
    HolderRepository holders(m_database);
    CertificateRepository certificates(m_database);
    Clock::setFixedUtc(m_importTime);

    Transaction transaction(*m_database);
    if (auto ok = transaction.begin(); !ok)
        return ok;
    // The chain head first, as every audited writer takes it: a second seeder started at the
    // same moment on PostgreSQL waits here and then finds the holders of the first.
    if (auto ok = AuditLog::lockChain(*m_database); !ok)
        return ok;
    auto count = m_database->scalar(QStringLiteral("SELECT COUNT(*) FROM holders"));
    if (!count)
        return errorOf(count);
    if (count->toLongLong() > 0)
        return fail(ErrorCode::Conflict,
                    DemoDataSeeder::tr("The register already holds %n holder(s); demo data is "
                                       "only seeded into an empty database.",
                                       nullptr, int(count->toLongLong())));

    for (Person &person : m_people) {
        auto id = holders.insert(m_actor, person.holder);
        if (!id)
            return std::unexpected(withContext(id.error(), person.holder.nik));
        person.holder.id = *id;
        ++m_summary.holders;
        for (Tenure &tenure : person.tenures) {
            tenure.holderId = *id;
            auto tenureId = holders.insertTenure(m_actor, tenure);
            if (!tenureId)
                return std::unexpected(withContext(tenureId.error(), person.holder.nik));
            tenure.id = *tenureId;
            ++m_summary.tenures;
        }
        for (PlannedCertificate &certificate : person.certificates) {
            certificate.record.holderId = *id;
            auto certificateId = certificates.insert(m_actor, certificate.record);
            if (!certificateId)
                return std::unexpected(withContext(certificateId.error(), person.holder.nik));
            certificate.record.id = *certificateId;
            ++m_summary.certificates;
        }
    }
    return transaction.commit();
}

Result<void> SeedRun::storeUsers()
{
    UserAccounts accounts(m_database);
    Clock::setFixedUtc(m_importTime.addSecs(20 * 60));
    for (DeskUser &user : m_users) {
        QString fullName;
        QString base;
        if (user.person >= 0) {
            const Person &person = m_people[size_t(user.person)];
            fullName = person.holder.fullName;
            base = person.holder.email.section(QLatin1Char('@'), 0, 0);
        } else {
            fullName = roleLabel(user.role);
            base = Actor::roleKey(user.role);
        }
        if (!UserAccounts::usernameProblem(base).isEmpty())
            base = Actor::roleKey(user.role);
        // An account of the same name made before the demo keeps its name; ours gets a number.
        QString username = base;
        for (int n = 2; accounts.find(username).has_value(); ++n)
            username = base + QString::number(n);
        user.username = username;
        user.password = demoPassword();
        auto id = accounts.add(m_actor, username, fullName, user.role, user.password);
        if (!id)
            return std::unexpected(withContext(id.error(), username));
        user.id = *id;
        user.actor = Actor::user(username, user.role, *id);
        ++m_summary.users;
        m_summary.userCredentials << DemoDataSeeder::tr("%1 / %2 (%3)")
                                         .arg(username, user.password, roleLabel(user.role));
    }
    return {};
}

const CertificateRecord *SeedRun::currentCertificate(const Person &person) const
{
    const CertificateRecord *found = nullptr;
    const QDateTime safe = m_now.addDays(30);
    for (const PlannedCertificate &certificate : person.certificates) {
        if (certificate.record.status == QLatin1String("active")
            && certificate.record.notAfter > safe)
            found = &certificate.record;
    }
    return found;
}

int SeedRun::headOf(int unit) const
{
    for (size_t i = 0; i < m_people.size(); ++i) {
        if (m_people[i].slot.unit == unit && m_people[i].slot.kind == SlotKind::Head)
            return int(i);
    }
    return -1;
}

int SeedRun::pickHolder(Pool pool)
{
    std::vector<int> candidates;
    for (size_t i = 0; i < m_people.size(); ++i) {
        const Person &person = m_people[i];
        if (person.requested || person.isUser)
            continue;
        const QString &status = person.holder.employmentStatus;
        bool fits = false;
        switch (pool) {
        case Pool::Retired:
            fits = status == QLatin1String("retired");
            break;
        case Pool::Deceased:
            fits = status == QLatin1String("deceased");
            break;
        case Pool::Dismissed:
            fits = status == QLatin1String("dismissed");
            break;
        case Pool::Transferred:
            fits = status == QLatin1String("transferred");
            break;
        case Pool::Active:
        case Pool::ActiveExpired:
            fits = status == QLatin1String("active");
            break;
        }
        if (!fits)
            continue;
        if (pool == Pool::ActiveExpired) {
            const bool expiredOnly = !person.certificates.empty() && !currentCertificate(person)
                && person.certificates.back().record.notAfter < m_now;
            if (!expiredOnly)
                continue;
        } else if (!currentCertificate(person)) {
            continue;
        }
        candidates.push_back(int(i));
    }
    if (candidates.empty())
        return -1;
    const int chosen = m_dice.pick(candidates);
    m_people[size_t(chosen)].requested = true;
    return chosen;
}

const DeskUser &SeedRun::handlerUser(Handler handler) const
{
    switch (handler) {
    case Handler::Operator1:
        return m_users[0];
    case Handler::Operator2:
        return m_users[1];
    case Handler::Supervisor1:
        return m_users[2];
    }
    return m_users[0];
}

struct PlannedRequest
{
    const Scenario *scenario = nullptr;
    NewRevocationRequest request;
    int person = -1;
    std::vector<QDateTime> times; // creation, then one per move
    std::vector<Actor> actors;
    std::vector<QString> amsReferences;
    std::vector<QString> notes;
    qint64 id = 0;
    RequestState state = RequestState::Draft;
};

Result<void> SeedRun::runRequests()
{
    const QTimeZone office = OfficeCalendar::defaultZone();
    const Actor kiosk = Actor::kiosk(QStringLiteral("kiosk-mpp-ranai"));
    const DeskUser &supervisor1 = m_users[2];
    const DeskUser &supervisor2 = m_users[3];
    const int setda = headOf(unitIndex(kSetda));

    std::vector<PlannedRequest> plans;
    for (const Scenario &scenario : scenarios()) {
        PlannedRequest plan;
        plan.scenario = &scenario;
        Pool pool = scenario.pool;
        plan.person = pickHolder(pool);
        const char *fallbackNote = nullptr;
        if (plan.person < 0 && pool == Pool::ActiveExpired) {
            // No holder with only an expired certificate in a small register: reject for a
            // missing letter instead.
            pool = Pool::Active;
            plan.person = pickHolder(pool);
            fallbackNote = "Surat keterangan tidak ditandatangani dan tidak bermeterai.";
        }
        if (plan.person < 0)
            return fail(ErrorCode::Internal,
                        DemoDataSeeder::tr("The demo register has no holder left for a request "
                                           "in the state %1.")
                            .arg(RequestStates::key(scenario.finalState)));
        Person &person = m_people[size_t(plan.person)];
        const DeskUser &handler = handlerUser(scenario.handler);

        // When it was filed: in office hours, long ago for what is finished.
        const auto [youngest, oldest] = filingAge(scenario.finalState);
        const QDate today = m_now.toTimeZone(office).date();
        QDate day = today.addDays(-m_dice.between(youngest, oldest));
        while (day.dayOfWeek() > 5)
            day = day.addDays(-1);
        const int minuteOfDay = m_dice.between(0, 400);
        std::vector<int> delays;
        bool afterApproval = false;
        for (const Move &move : scenario.moves) {
            delays.push_back(stepDelay(m_dice, move.action, afterApproval));
            afterApproval = move.action == A::RequestApproval;
        }
        for (int guard = 0; guard < 400; ++guard) {
            plan.times.assign(1, officeTime(day, minuteOfDay));
            for (int delay : delays)
                plan.times.push_back(addOfficeMinutes(plan.times.back(), std::max(1, delay)));
            if (plan.times.back() <= m_now.addSecs(-300))
                break;
            day = previousWorkday(day);
        }
        const QDate filedOn = plan.times.front().toTimeZone(office).date();

        // The request as the applicant (or the official for them) filed it.
        NewRevocationRequest &request = plan.request;
        request.holderId = person.holder.id;
        const CertificateRecord *certificate = currentCertificate(person);
        if (!certificate && !person.certificates.empty())
            certificate = &person.certificates.back().record;
        if (certificate)
            request.certificateId = certificate->id;
        request.reason = scenario.reason;
        request.channel = scenario.filing == Filing::Kiosk ? QStringLiteral("kiosk")
            : scenario.filing == Filing::RiskMonitor       ? QStringLiteral("risk_monitor")
                                                           : QStringLiteral("workbench");
        const QString date = QStringLiteral("dd-MM-yyyy");
        switch (scenario.reason) {
        case R::Retired:
            request.effectiveDate = person.effective;
            request.reasonText
                = QStringLiteral("Pemegang sertifikat purna tugas (pensiun) terhitung "
                                 "mulai %1 berdasarkan SK %2.")
                      .arg(person.effective.toString(date), person.decree);
            break;
        case R::Deceased:
            request.effectiveDate = person.effective;
            request.reasonText = QStringLiteral("Pemegang sertifikat meninggal dunia pada %1; "
                                                "surat keterangan kematian terlampir.")
                                     .arg(person.effective.toString(date));
            break;
        case R::Dismissed:
            request.effectiveDate = person.effective;
            request.reasonText = QStringLiteral("Pemegang sertifikat diberhentikan sebagai PNS "
                                                "terhitung mulai %1 berdasarkan SK %2.")
                                     .arg(person.effective.toString(date), person.decree);
            break;
        case R::Transferred:
            if (person.holder.employmentStatus == QLatin1String("transferred")) {
                request.effectiveDate = person.effective;
                request.reasonText
                    = QStringLiteral("Pindah tugas ke %1 terhitung mulai %2 "
                                     "berdasarkan SK %3.")
                          .arg(person.destination, person.effective.toString(date), person.decree);
            } else {
                request.effectiveDate = filedOn.addDays(14);
                request.reasonText = QStringLiteral("Akan pindah tugas ke %1 terhitung mulai %2.")
                                         .arg(m_dice.pick(transferDestinations()),
                                              request.effectiveDate.toString(date));
            }
            break;
        case R::KeyCompromised:
            request.effectiveDate = filedOn.addDays(-m_dice.between(0, 2));
            request.reasonText = m_dice.pick(strings(
                {"Telepon genggam berisi aplikasi tanda tangan elektronik hilang.",
                 "Passphrase sertifikat diketahui orang lain.",
                 "Laptop dinas tempat sertifikat tersimpan hilang dalam perjalanan dinas ke "
                 "Tanjungpinang."}));
            break;
        case R::DataChanged:
            request.effectiveDate = filedOn.addDays(-m_dice.between(0, 20));
            request.reasonText = m_dice.pick(strings(
                {"Alamat e-mail dinas berubah; sertifikat perlu diterbitkan ulang.",
                 "Nama unit kerja pada sertifikat tidak sesuai lagi setelah penataan perangkat "
                 "daerah.",
                 "Penulisan nama pada sertifikat keliru."}));
            break;
        case R::Reissued:
            request.effectiveDate = filedOn.addDays(-m_dice.between(0, 5));
            request.reasonText = QStringLiteral(
                "Sertifikat baru telah diterbitkan; sertifikat lama tidak digunakan lagi.");
            break;
        case R::Other:
            request.effectiveDate = filedOn;
            request.reasonText = QStringLiteral("Sertifikat tidak diperlukan lagi karena jabatan "
                                                "tidak lagi menandatangani dokumen elektronik.");
            break;
        }
        if (RevocationReasons::officialFilesOnBehalf(scenario.reason)) {
            // The superior files: the head of the holder's office, or the regional secretary.
            int official = headOf(person.slot.unit);
            if (official < 0 || official == plan.person)
                official = setda;
            if (official < 0)
                return fail(ErrorCode::Internal,
                            DemoDataSeeder::tr("The demo register has no official to file for "
                                               "%1.")
                                .arg(person.holder.fullName));
            const Person &head = m_people[size_t(official)];
            request.filedBy = NewRevocationRequest::FiledBy::Official;
            request.officialName = head.holder.fullName;
            request.officialNip = head.holder.nip;
            request.officialPosition = head.holder.position;
            request.applicantEmail = head.holder.email;
        } else {
            request.filedBy = NewRevocationRequest::FiledBy::Holder;
            request.applicantEmail = person.holder.email;
        }

        // Who takes each step: the kiosk files and resubmits for kiosk applicants, the handler
        // works the request, and under dual control the other supervisor approves.
        const Actor filer = scenario.filing == Filing::Kiosk ? kiosk : handler.actor;
        plan.actors.push_back(filer);
        plan.amsReferences.emplace_back();
        plan.notes.emplace_back();
        const Actor approver
            = handler.username == supervisor1.username ? supervisor2.actor : supervisor1.actor;
        bool approvalAsked = false;
        for (const Move &move : scenario.moves) {
            Actor actor = handler.actor;
            if (move.action == A::Resubmit)
                actor = filer;
            else if (approvalAsked
                     && (move.action == A::Revoke || move.action == A::RecordPendingProof))
                actor = approver;
            plan.actors.push_back(actor);
            if (move.action == A::RequestApproval)
                approvalAsked = true;
            QString reference;
            if (move.action == A::Revoke || move.action == A::RecordPendingProof)
                reference = QStringLiteral("REV-%1-%2")
                                .arg(filedOn.toString(QStringLiteral("yyyyMMdd")))
                                .arg(m_dice.between(1, 99999), 5, 10, QLatin1Char('0'));
            plan.amsReferences.push_back(reference);
            const char *note = move.note;
            if (note && fallbackNote && move.action == A::Reject)
                note = fallbackNote;
            plan.notes.push_back(note ? QString::fromUtf8(note) : QString());
        }
        plans.push_back(std::move(plan));
    }

    // Replay every step of every request in the order of time, so that agenda numbers, the step
    // log and the audit chain read as the office lived them.
    struct Event
    {
        QDateTime at;
        size_t plan;
        size_t step;
    };
    std::vector<Event> events;
    for (size_t p = 0; p < plans.size(); ++p) {
        for (size_t s = 0; s < plans[p].times.size(); ++s)
            events.push_back({plans[p].times[s], p, s});
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const Event &a, const Event &b) { return a.at < b.at; });

    RequestLifecycle lifecycle(m_database);
    RequestLifecycle dualControl(m_database, RequestLifecycle::Options {{}, true});
    CertificateRepository certificates(m_database);
    for (const Event &event : events) {
        PlannedRequest &plan = plans[event.plan];
        const Scenario &scenario = *plan.scenario;
        RequestLifecycle &desk = scenario.dualControl ? dualControl : lifecycle;
        const Actor &actor = plan.actors[event.step];
        Clock::setFixedUtc(event.at);
        const QString context = QStringLiteral("demo request %1 (%2), step %3")
                                    .arg(event.plan + 1)
                                    .arg(RequestStates::key(scenario.finalState))
                                    .arg(event.step);
        if (event.step == 0) {
            auto created = scenario.filing == Filing::Draft ? desk.createDraft(actor, plan.request)
                                                            : desk.file(actor, plan.request);
            if (!created)
                return std::unexpected(withContext(created.error(), context));
            plan.id = created->requestId;
            plan.state = created->to;
            continue;
        }
        const Move &move = scenario.moves[event.step - 1];
        TransitionRequest transition;
        transition.requestId = plan.id;
        transition.action = move.action;
        transition.note = plan.notes[event.step];
        transition.amsReference = plan.amsReferences[event.step];
        auto moved = desk.apply(actor, transition);
        if (!moved)
            return std::unexpected(withContext(moved.error(), context));
        plan.state = moved->to;
        if (moved->to == RequestState::Revoked && plan.request.certificateId) {
            // AMS revoked it and OCSP/CRL show it: the register records the revocation.
            Transaction transaction(*m_database);
            if (auto ok = transaction.begin(); !ok)
                return ok;
            if (auto ok = AuditLog::lockChain(*m_database); !ok)
                return ok;
            if (auto ok = certificates.updateStatus(
                    actor, *plan.request.certificateId, QStringLiteral("revoked"), event.at,
                    RevocationReasons::crlReasonCode(plan.request.reason));
                !ok)
                return std::unexpected(withContext(ok.error(), context));
            if (auto ok = transaction.commit(); !ok)
                return ok;
        }
    }

    for (const PlannedRequest &plan : plans) {
        if (plan.state != plan.scenario->finalState)
            return fail(ErrorCode::Internal,
                        DemoDataSeeder::tr("A demo request ended as %1 instead of %2.")
                            .arg(RequestStates::key(plan.state),
                                 RequestStates::key(plan.scenario->finalState)));
        ++m_summary.requests;
        ++m_summary.requestsByState[RequestStates::key(plan.state)];
    }
    return {};
}

Result<void> SeedRun::markExpired()
{
    // Today's expiry check: what ran out since the register was taken over.
    Clock::setFixedUtc(m_now);
    CertificateRepository certificates(m_database);
    Transaction transaction(*m_database);
    if (auto ok = transaction.begin(); !ok)
        return ok;
    if (auto ok = AuditLog::lockChain(*m_database); !ok)
        return ok;
    auto query = m_database->execute(
        QStringLiteral("SELECT id FROM certificates WHERE status = 'active' AND not_after < ? "
                       "ORDER BY id"),
        {Clock::toIsoUtc(m_now)});
    if (!query)
        return errorOf(query);
    std::vector<qint64> ids;
    while (query->next())
        ids.push_back(query->value(0).toLongLong());
    query->finish();
    for (qint64 id : ids) {
        if (auto ok = certificates.updateStatus(m_actor, id, QStringLiteral("expired")); !ok)
            return ok;
    }
    return transaction.commit();
}

Result<DemoSeedSummary> SeedRun::run()
{
    planSlots();
    chooseDeskUsers();
    assignStatuses();
    planPeople();

    if (!m_authority) {
        auto created = DemoCertificateAuthority::create(authorityNotBefore(m_now), 20);
        if (!created)
            return errorOf(created);
        m_authority.emplace(std::move(*created));
    }
    if (auto ok = planCertificates(*m_authority); !ok)
        return errorOf(ok);

    if (auto ok = storeRegister(); !ok)
        return errorOf(ok);
    if (auto ok = storeUsers(); !ok)
        return errorOf(ok);
    if (auto ok = runRequests(); !ok)
        return errorOf(ok);
    if (auto ok = markExpired(); !ok)
        return errorOf(ok);
    return m_summary;
}

} // namespace

Result<DemoSeedSummary> DemoDataSeeder::seed(DatabasePtr db, const Actor &actor, quint32 randomSeed,
                                             int holderCount, const DemoSeedAuthority &authority)
{
    if (!db)
        return fail(ErrorCode::Internal, tr("No database is open."));
    if (holderCount < MinimumHolderCount)
        return fail(ErrorCode::InvalidInput,
                    tr("The demo needs at least %1 holders to show a request in every state.")
                        .arg(MinimumHolderCount));
    // Refuse before anything moves, the clock included; storeRegister checks again under lock.
    auto count = db->scalar(QStringLiteral("SELECT COUNT(*) FROM holders"));
    if (!count)
        return errorOf(count);
    if (count->toLongLong() > 0)
        return fail(ErrorCode::Conflict,
                    tr("The register already holds %n holder(s); demo data is only seeded into "
                       "an empty database.",
                       nullptr, int(count->toLongLong())));

    const QDateTime now = Clock::currentUtc();
    std::optional<DemoCertificateAuthority> kept;
    if (!authority.directory.isEmpty()) {
        auto opened = openAuthority(authority.directory, now.toUTC());
        if (!opened)
            return errorOf(opened);
        kept.emplace(std::move(*opened));
    }
    const CertificateUrls urls = authority.publicUrl.isEmpty()
        ? DemoCertificateAuthority::defaultUrls()
        : DemoCertificateAuthority::urlsUnder(authority.publicUrl);
    ClockRestorer restoreClock;
    SeedRun run(std::move(db), actor, randomSeed, holderCount, now, std::move(kept), urls);
    return run.run();
}

} // namespace rd
