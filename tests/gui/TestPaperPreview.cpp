// The papers from the workbench's request view: the Papers menu offers every paper, each opens
// in the print preview with its pages, Save as PDF writes the same PDF as `report`, and a paper
// that cannot be made yet says why.
#include "PaperPreviewDialog.h"
#include "RequestDetailsDialog.h"
#include "TestDatabase.h"
#include "TestFixtures.h"
#include "VerifyResult.h"

#include <QAction>
#include <QMenu>
#include <QPrintPreviewWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

using namespace rd;
using rd::test::TestDatabase;
using rd::test::TestFixtures;

class TestPaperPreview : public QObject
{
    Q_OBJECT

private slots:
    void papersOpenInThePreview();
};

void TestPaperPreview::papersOpenInThePreview()
{
    auto test = TestDatabase::create(TestDatabase::Engine::Sqlite);
    QVERIFY2(test->database(), qPrintable(test->error()));
    const DatabasePtr db = test->database();
    const qint64 holder = TestFixtures::addHolder(db, 3, QStringLiteral("Hj. Nur Aini, S.E."));
    const qint64 request = TestFixtures::fileRequest(db, holder);
    QVERIFY(request > 0);

    RequestDetailsDialog details(db, QTimeZone(QByteArrayLiteral("Asia/Jakarta")));
    RD_VERIFY_RESULT(details.load(request));
    auto *menu = details.findChild<QMenu *>(QStringLiteral("papersMenu"));
    QVERIFY(menu);
    QCOMPARE(menu->actions().size(), 5);
    QVERIFY(details.findChild<QPushButton *>(QStringLiteral("papersButton"))->isEnabled());

    auto card = details.openPaper(PaperKind::ControlCard);
    RD_VERIFY_RESULT(card);
    auto *preview = qobject_cast<PaperPreviewDialog *>(*card);
    QVERIFY(preview);
    preview->show();
    preview->preview()->updatePreview();
    QCOMPARE(preview->preview()->pageCount(), 3);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("kartu.pdf"));
    RD_VERIFY_RESULT(preview->saveAsPdf(path));
    QFile pdf(path);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == QByteArrayLiteral("%PDF-"));
    delete preview;

    auto letter = details.openPaper(PaperKind::StatementLetter);
    RD_VERIFY_RESULT(letter);
    auto *letterPreview = qobject_cast<PaperPreviewDialog *>(*letter);
    letterPreview->preview()->updatePreview();
    QCOMPARE(letterPreview->preview()->pageCount(), 1);
    delete letterPreview;

    // Nothing verified yet: the verification result says so instead of printing an empty form.
    auto verification = details.openPaper(PaperKind::VerificationResult);
    QVERIFY(!verification);
    QCOMPARE(verification.error().code, ErrorCode::NotFound);
}

QTEST_MAIN(TestPaperPreview)
#include "TestPaperPreview.moc"
