#pragma once

#include "demo/DemoDice.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace rd {

// Kabupaten Natuna as its registers know it: the perangkat daerah and the fifteen kecamatan
// with their posts, the names people there carry, the titles the personnel office writes
// around them, its decree numbers and its e-mail domain. The demo seeder builds its register
// from this, and the benchmarks' bulk generator takes the units and posts from it.
//
// This is the regency's data, not user-interface text: it stays Indonesian and is not
// translated.
class NatunaRegency
{
public:
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

    // What kind of post a person holds; it decides the titles and who may leave the service.
    enum class PostKind { Head, Leader, Staff, Contract, VillageHead };

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

    struct PersonName
    {
        QString bare; // as the certificate's CN carries it
        QString first; // for the e-mail address
        QString last;
    };

    struct Titles
    {
        QStringList before;
        QStringList after;
    };

    // The perangkat daerah, then the kecamatan (codes 01-15 in that order).
    static const std::vector<Unit> &units();
    static int unitIndex(const QString &name); // -1 when there is none of that name
    static const QStringList &unitNames();
    static int kecamatanCount();
    // Every post of the units (heads, structural and staff), each once, in the units' order.
    static const QStringList &posts();
    // The heads of the units: who files for their staff.
    static const QStringList &headPosts();

    static QString diskominfo(); // the office that runs Revocation Desk
    static QString setda(); // Sekretariat Daerah
    static QString contractPosition(); // support staff outside the civil service
    // Where people transferred out of the regency went: the other governments of Kepulauan Riau.
    static const QStringList &transferDestinations();

    // The first digits of every NIK issued here: 21 Kepulauan Riau, 03 Natuna.
    static QString nikRegion();
    // "natunakab.example": reserved by RFC 2606, so that no demo e-mail can reach a real
    // person of the regency (natunakab.go.id) whatever server it is sent to.
    static QString emailDomain();

    static PersonName makeName(DemoDice &dice, bool female);
    // A word of a name as an e-mail address carries it: lower case, letters a-z only.
    static QString emailWord(const QString &word);
    static Titles titlesFor(const QString &position, PostKind kind, Field field, bool female,
                            int birthYear, DemoDice &dice);
    static QString withTitles(const QString &bare, const Titles &titles);
    // A personnel decree (SK) of the BKPSDM in `year`.
    static QString decreeNumber(DemoDice &dice, int year);
};

} // namespace rd
