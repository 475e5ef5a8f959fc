#pragma once

// Drives the applicant kiosk as a person would (keepassxc's TestGui style): typing into the
// fields by object name, Enter for "Next", clicks on the buttons a person sees. Shared by the
// kiosk's widget tests and its tests against the AMS simulator. Helpers are void (QVERIFY);
// callers wrap them in RD_DO to stop at the first failure.

#include "KioskWindow.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QTest>

// Stops the test when a helper failed.
#define RD_DO(call)                                                                                \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

namespace rd::test {

class KioskDriver
{
public:
    explicit KioskDriver(KioskWindow *window)
        : m_window(window)
    { }

    KioskWizard *wizard() const { return m_window->wizard(); }
    int page() const { return wizard()->currentId(); }
    template<typename T> T *child(const char *name) const
    {
        return wizard()->findChild<T *>(QString::fromLatin1(name));
    }
    QLineEdit *field(const char *name) const { return child<QLineEdit>(name); }
    QLabel *label(const char *name) const { return child<QLabel>(name); }
    // Enter where the keyboard is, as a person presses it.
    void next() const
    {
        QWidget *focus = QApplication::focusWidget();
        QTest::keyClick(focus && wizard()->isAncestorOf(focus) ? focus : wizard(), Qt::Key_Enter);
    }
    void click(const char *name) const
    {
        auto *button = child<QAbstractButton>(name);
        QVERIFY2(button, name);
        QVERIFY2(button->isVisible() && button->isEnabled(), name);
        QTest::mouseClick(button, Qt::LeftButton);
    }
    void type(const char *name, const QString &text) const
    {
        QLineEdit *edit = field(name);
        QVERIFY2(edit, name);
        QTest::keyClicks(edit, text);
    }

    // Welcome, then NIK and e-mail; the holder's name shown, confirmed: on the filer page.
    void identify(const QString &nik, const QString &email, const QString &expectedName) const
    {
        QCOMPARE(page(), int(KioskWizard::WelcomePageId));
        RD_DO(click("startButton"));
        QCOMPARE(page(), int(KioskWizard::IdentityPageId));
        RD_DO(type("nik", nik));
        RD_DO(type("email", email));
        next();
        QCOMPARE(page(), int(KioskWizard::IdentityPageId));
        QVERIFY(child<QWidget>("holderConfirmation")->isVisible());
        QCOMPARE(label("holderName")->text(), expectedName);
        next();
        QCOMPARE(page(), int(KioskWizard::FilerPageId));
    }

    void fileAsOfficial(const QString &name, const QString &nip, const QString &position) const
    {
        QCOMPARE(page(), int(KioskWizard::FilerPageId));
        QTest::mouseClick(child<QRadioButton>("filedByOfficial"), Qt::LeftButton);
        QVERIFY(child<QWidget>("officialFields")->isVisible());
        RD_DO(type("officialName", name));
        RD_DO(type("officialNip", nip));
        RD_DO(type("officialPosition", position));
    }

    // On the certificate page: the row whose text contains `text` (a serial), or the last
    // ("not listed") when empty.
    void chooseCertificate(const QString &text = {}) const
    {
        QCOMPARE(page(), int(KioskWizard::CertificatePageId));
        auto *list = child<QListWidget>("certificates");
        QTRY_VERIFY(list->count() > 0 && wizard()->button(QWizard::NextButton)->isEnabled());
        int row = list->count() - 1;
        if (!text.isEmpty()) {
            row = -1;
            for (int i = 0; i < list->count(); ++i) {
                if (list->item(i)->text().contains(text))
                    row = i;
            }
            QVERIFY2(row >= 0, qPrintable(text));
        }
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualItemRect(list->item(row)).center());
        QVERIFY(list->item(row)->isSelected());
    }

    void chooseReason(RevocationReason reason, const QString &text = {}) const
    {
        QCOMPARE(page(), int(KioskWizard::ReasonPageId));
        auto *reasons = child<QListWidget>("reason");
        const auto found = reasons->findItems(wizard()->reasonLabel(reason), Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        QTest::mouseClick(reasons->viewport(), Qt::LeftButton, {},
                          reasons->visualItemRect(found.constFirst()).center());
        QVERIFY(found.constFirst()->isSelected());
        if (!text.isEmpty())
            RD_DO(type("reasonText", text));
    }

    // On the attachments page: the file of the USB drive with this name, previewed, then used
    // as the letter or as the decree/death certificate.
    void attach(const QString &fileName, const char *useAs) const
    {
        QCOMPARE(page(), int(KioskWizard::AttachmentsPageId));
        RD_DO(choose(fileName));
        QVERIFY2(label("fileProblem")->isHidden(), qPrintable(label("fileProblem")->text()));
        QVERIFY(!label("filePreview")->pixmap().isNull());
        RD_DO(click(useAs));
    }
    void choose(const QString &fileName) const
    {
        RD_DO(click("lookAgain"));
        auto *files = child<QListWidget>("mediaFiles");
        int row = -1;
        for (int i = 0; i < files->count(); ++i) {
            if (files->item(i)->text().contains(fileName + QStringLiteral(" (")))
                row = i;
        }
        QVERIFY2(row >= 0, qPrintable(fileName));
        QTest::mouseClick(files->viewport(), Qt::LeftButton, {},
                          files->visualItemRect(files->item(row)).center());
    }

    // Ticks the statement and files: on the receipt.
    void fileFromReview() const
    {
        QCOMPARE(page(), int(KioskWizard::ReviewPageId));
        auto *statement = child<QCheckBox>("statement");
        if (!statement->isChecked())
            QTest::keyClick(statement, Qt::Key_Space);
        next();
        QVERIFY2(page() == KioskWizard::ReceiptPageId, qPrintable(label("fileError")->text()));
    }

    // The controls of the current page and the wizard's buttons that a screen reader could not
    // name (no text, no accessible name, no label that is their buddy).
    QStringList namelessControls() const
    {
        QStringList nameless;
        for (QWidget *widget : wizard()->findChildren<QWidget *>()) {
            if (!widget->isVisible() || widget->focusPolicy() == Qt::NoFocus
                || qobject_cast<QAbstractScrollArea *>(widget->parentWidget())
                || qobject_cast<QAbstractSpinBox *>(widget->parentWidget()) // its own field
                || (wizard()->currentPage() != widget
                    && !wizard()->currentPage()->isAncestorOf(widget)
                    && !qobject_cast<QAbstractButton *>(widget)))
                continue;
            QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
            if (!accessible || accessible->text(QAccessible::Name).trimmed().isEmpty())
                nameless << QStringLiteral("%1 (%2)").arg(
                    widget->objectName(), QString::fromLatin1(widget->metaObject()->className()));
        }
        return nameless;
    }

    // Every text the window holds, in any widget, shown or not.
    QStringList allTexts() const
    {
        QStringList texts;
        for (const QLabel *l : m_window->findChildren<QLabel *>())
            texts << l->text() << l->accessibleName();
        for (const QLineEdit *edit : m_window->findChildren<QLineEdit *>())
            texts << edit->text();
        for (const QAbstractButton *button : m_window->findChildren<QAbstractButton *>())
            texts << button->text();
        for (const QListWidget *list : m_window->findChildren<QListWidget *>()) {
            for (int row = 0; row < list->count(); ++row)
                texts << list->item(row)->text();
        }
        return texts;
    }

private:
    KioskWindow *m_window;
};

} // namespace rd::test
