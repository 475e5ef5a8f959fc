#include "KioskScreenshots.h"

#include "KioskWindow.h"
#include "database/Migrations.h"
#include "kiosk/KioskAmsSession.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QImage>
#include <QLineEdit>
#include <QListWidget>
#include <QPainter>
#include <QRadioButton>
#include <QTemporaryDir>

namespace rd {

namespace {

void settle()
{
    for (int i = 0; i < 5; ++i)
        QApplication::processEvents();
}

template<typename T> T *child(QWidget *root, const char *name)
{
    return root->findChild<T *>(QString::fromLatin1(name));
}

// A scanned decree as a phone would photograph it: enough to show the picker's preview.
Result<void> writeSampleScan(const QString &path)
{
    QImage image(620, 877, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    QFont font = painter.font();
    font.setPixelSize(34);
    font.setBold(true);
    painter.setFont(font);
    painter.drawText(QRect(0, 60, 620, 60), Qt::AlignCenter, QStringLiteral("SURAT KEPUTUSAN"));
    font.setBold(false);
    font.setPixelSize(18);
    painter.setFont(font);
    for (int line = 0; line < 22; ++line)
        painter.fillRect(70, 170 + line * 28, line % 5 == 4 ? 300 : 480, 9, QColor(90, 90, 90));
    painter.end();
    if (!image.save(path, "PNG"))
        return fail(ErrorCode::Io, KioskScreenshots::tr("Cannot write %1.").arg(path));
    return {};
}

} // namespace

KioskScreenshots::KioskScreenshots(DatabaseUrl url, KioskOptions options)
    : m_url(std::move(url))
    , m_options(std::move(options))
{ }

Result<QStringList> KioskScreenshots::renderAll(const QString &directory)
{
    if (m_url.kind() != DatabaseUrl::Kind::Sqlite)
        return fail(ErrorCode::Usage,
                    tr("--screenshot needs an SQLite database (the demo's): it files a real "
                       "request in a copy of it."));
    if (!QDir().mkpath(directory))
        return fail(ErrorCode::Io, tr("Cannot create the folder %1.").arg(directory));
    QTemporaryDir scratch;
    if (!scratch.isValid())
        return fail(ErrorCode::Io, tr("Cannot create a temporary folder."));
    // VACUUM INTO copies a consistent database, whatever its journal holds.
    const QString copy = scratch.filePath(QStringLiteral("kiosk.sqlite"));
    {
        auto original = Database::open(m_url, Database::OpenMode::Existing);
        if (!original)
            return errorOf(original);
        QString quoted = copy;
        quoted.replace(u'\'', QStringLiteral("''"));
        if (auto copied
            = (*original)->executeUnprepared(QStringLiteral("VACUUM INTO '%1'").arg(quoted));
            !copied)
            return errorOf(copied);
    }
    auto database = Database::open(DatabaseUrl::sqlite(copy), Database::OpenMode::Existing);
    if (!database)
        return errorOf(database);
    if (auto migrated = Migrations::migrate(**database); !migrated)
        return errorOf(migrated);
    QStringList written;
    for (const QString &language : {QStringLiteral("id"), QStringLiteral("en")}) {
        auto files = renderLanguage(*database, language, directory,
                                    scratch.filePath(QStringLiteral("run-") + language));
        if (!files)
            return errorOf(files);
        written += *files;
    }
    return written;
}

Result<QStringList> KioskScreenshots::renderLanguage(const DatabasePtr &database,
                                                     const QString &language,
                                                     const QString &directory,
                                                     const QString &scratch)
{
    const QString printed = scratch + QStringLiteral("/printed");
    const QString media = scratch + QStringLiteral("/media/usb");
    if (!QDir().mkpath(printed) || !QDir().mkpath(media))
        return fail(ErrorCode::Io, tr("Cannot create a temporary folder."));
    auto holder = database->execute(
        QStringLiteral("SELECT h.nik, h.email FROM holders h WHERE trim(coalesce(h.email, '')) "
                       "<> '' AND EXISTS (SELECT 1 FROM certificates c WHERE c.holder_id = h.id "
                       "AND c.status = 'active') ORDER BY h.id LIMIT 1"));
    if (!holder)
        return errorOf(holder);
    if (!holder->next())
        return fail(ErrorCode::NotFound,
                    tr("The database has no holder with an e-mail and an active certificate: "
                       "seed the demo first (revocation-desk-cli demo seed)."));
    const QString nik = holder->value(0).toString();
    const QString email = holder->value(1).toString();
    holder->finish();

    KioskOptions options = m_options;
    options.language = language;
    options.printTo = printed;
    options.removableMedia = {scratch + QStringLiteral("/media")};
    options.receiptHold = std::chrono::milliseconds(0);
    KioskWindow window(database, options);
    window.resize(1280, 900);
    window.show();
    KioskWizard *wizard = window.wizard();
    // The AMS log-in page is shown as with the rest backend; nothing is sent from it here.
    wizard->setAmsSession(
        std::make_unique<KioskAmsSession>(QUrl(QStringLiteral("http://127.0.0.1:9"))));

    QStringList files;
    int number = 0;
    const auto shoot = [&](const QString &name) -> Result<void> {
        settle();
        const QString path = QDir(directory).filePath(QStringLiteral("kiosk-%1-%2-%3.png")
                                                          .arg(language)
                                                          .arg(++number, 2, 10, QLatin1Char('0'))
                                                          .arg(name));
        if (!window.grab().save(path, "PNG"))
            return fail(ErrorCode::Io, tr("Cannot write %1.").arg(path));
        files << path;
        return {};
    };
    const auto expectPage = [&](int id, const char *what) -> Result<void> {
        settle();
        if (wizard->currentId() != id)
            return fail(ErrorCode::Internal,
                        tr("The kiosk did not reach the page \"%1\" (it stays on page %2).")
                            .arg(QString::fromLatin1(what))
                            .arg(wizard->currentId()));
        return {};
    };
#define RD_TRY(expression)                                                                         \
    if (auto ok = (expression); !ok)                                                               \
        return errorOf(ok);

    RD_TRY(shoot(QStringLiteral("welcome")));
    wizard->next();
    RD_TRY(expectPage(KioskWizard::IdentityPageId, "identity"));
    child<QLineEdit>(wizard, "nik")->setText(nik);
    child<QLineEdit>(wizard, "email")->setText(email);
    wizard->next(); // shows whose they are
    RD_TRY(shoot(QStringLiteral("identity")));
    wizard->next();
    RD_TRY(expectPage(KioskWizard::FilerPageId, "who files"));
    RD_TRY(shoot(QStringLiteral("who-files")));
    wizard->next();
    RD_TRY(expectPage(KioskWizard::AmsLogInPageId, "AMS log-in"));
    RD_TRY(shoot(QStringLiteral("ams-log-in")));
    // On for an official, whose path has no AMS log-in and needs the decree.
    wizard->back();
    child<QRadioButton>(wizard, "filedByOfficial")->setChecked(true);
    child<QLineEdit>(wizard, "officialName")->setText(QStringLiteral("Drs. Ahmad Fauzi, M.Si."));
    child<QLineEdit>(wizard, "officialNip")->setText(QStringLiteral("197001011995031001"));
    child<QLineEdit>(wizard, "officialPosition")->setText(QStringLiteral("Kepala Bagian Umum"));
    RD_TRY(shoot(QStringLiteral("who-files-official")));
    wizard->next();
    RD_TRY(expectPage(KioskWizard::CertificatePageId, "certificate"));
    RD_TRY(shoot(QStringLiteral("certificate")));
    wizard->next();
    RD_TRY(expectPage(KioskWizard::ReasonPageId, "reason"));
    auto *reasons = child<QListWidget>(wizard, "reason");
    for (int row = 0; row < reasons->count(); ++row) {
        if (reasons->item(row)->data(Qt::UserRole + 1).toInt() == int(RevocationReason::Retired))
            reasons->setCurrentRow(row);
    }
    RD_TRY(shoot(QStringLiteral("reason")));
    wizard->next();
    RD_TRY(expectPage(KioskWizard::LetterPageId, "letter"));
    RD_TRY(shoot(QStringLiteral("letter")));
    child<QAbstractButton>(wizard, "printLetter")->click();
    RD_TRY(shoot(QStringLiteral("letter-printed")));
    child<QAbstractButton>(wizard, "continueLater")->click();
    RD_TRY(expectPage(KioskWizard::DraftSavedPageId, "draft saved"));
    RD_TRY(shoot(QStringLiteral("draft-saved")));
    wizard->back();
    wizard->next();
    RD_TRY(expectPage(KioskWizard::AttachmentsPageId, "attachments"));
    // The USB drive: the printed letter (as if signed and scanned) and a photographed decree.
    const QStringList letters = QDir(printed).entryList({QStringLiteral("letter-*.pdf")});
    if (letters.isEmpty())
        return fail(ErrorCode::Internal, tr("The letter was not printed."));
    QFile::copy(QDir(printed).filePath(letters.constFirst()),
                media + QStringLiteral("/surat-keterangan-ttd.pdf"));
    RD_TRY(writeSampleScan(media + QStringLiteral("/sk-pensiun.png")));
    child<QAbstractButton>(wizard, "lookAgain")->click();
    auto *mediaFiles = child<QListWidget>(wizard, "mediaFiles");
    const auto choose = [mediaFiles](const QString &name) {
        for (int row = 0; row < mediaFiles->count(); ++row) {
            if (mediaFiles->item(row)->text().startsWith(name))
                mediaFiles->setCurrentRow(row);
        }
    };
    choose(QStringLiteral("surat-keterangan-ttd.pdf"));
    RD_TRY(shoot(QStringLiteral("attachments-preview")));
    child<QAbstractButton>(wizard, "useAsLetter")->click();
    choose(QStringLiteral("sk-pensiun.png"));
    child<QAbstractButton>(wizard, "useAsEvidence")->click();
    RD_TRY(shoot(QStringLiteral("attachments")));
    wizard->next();
    RD_TRY(expectPage(KioskWizard::ReviewPageId, "review"));
    child<QCheckBox>(wizard, "statement")->setChecked(true);
    RD_TRY(shoot(QStringLiteral("review")));
    wizard->next();
    RD_TRY(expectPage(KioskWizard::ReceiptPageId, "receipt"));
    RD_TRY(shoot(QStringLiteral("receipt")));

    window.startAgain();
    wizard = window.wizard();
    child<QAbstractButton>(wizard, "resumeButton")->click();
    RD_TRY(expectPage(KioskWizard::ResumePageId, "resume"));
    child<QLineEdit>(wizard, "resumeCode")->setText(QStringLiteral("K7PQ-4MX2"));
    child<QLineEdit>(wizard, "resumeNik")->setText(nik);
    RD_TRY(shoot(QStringLiteral("resume")));
#undef RD_TRY
    return files;
}

} // namespace rd
