#pragma once

#include <QWizardPage>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace rd {

class KioskWizard;

// What every page of the applicant kiosk shares: the service's name, the step ("Step 2 of 8"), a
// large heading and a centred column for the content; and what the kiosk asks of each page: to
// put its texts in the current language. Nothing needs forgetting: the kiosk destroys the
// whole wizard when a person is done.
class KioskPage : public QWizardPage
{
    Q_OBJECT

public:
    // pageId: the wizard's PageId, for the step shown; sopStep: the SOP step (1-5) whose time
    // the page counts, 0 for none.
    KioskPage(KioskWizard *kiosk, int pageId, int sopStep, const QString &objectName);
    ~KioskPage() override;
    Q_DISABLE_COPY_MOVE(KioskPage)

    // Sets every text of the page again (the wizard calls it after a language change); the
    // base sets the banner and the step.
    virtual void retranslate();
    // Where the keyboard starts on this page; nullptr for the first field.
    virtual QWidget *preferredFocus() const { return nullptr; }
    int sopStep() const { return m_sopStep; }
    // "Step 3 of 8", or nothing on the pages outside the numbered path.
    void showStep();

    // A message under a field, a note or a problem; hidden while it has no text. Plain text
    // always, so that nothing typed is ever read as markup.
    enum class MessageKind { Problem, Note };
    static QLabel *createMessageLabel(const QString &objectName, MessageKind kind, QWidget *parent);
    static void showMessage(QLabel *label, const QString &text);
    // A label for a field, with its buddy, so that screen readers and mnemonics find it.
    static QLabel *createFieldLabel(QWidget *buddy, const QString &objectName, QWidget *parent);
    // A button of the page: Space or a click presses it, Enter always means the wizard's
    // "Next", whatever has the focus.
    static QPushButton *createButton(const QString &objectName, QWidget *parent);

protected:
    KioskWizard *kiosk() const { return m_kiosk; }
    QVBoxLayout *body() const { return m_body; }
    void setHeading(const QString &heading);
    void changeEvent(QEvent *event) override;

private:
    void adjustToFont();

    KioskWizard *m_kiosk;
    int m_pageId;
    int m_sopStep;
    QLabel *m_banner = nullptr;
    QLabel *m_stepLabel = nullptr;
    QLabel *m_heading = nullptr;
    QVBoxLayout *m_body = nullptr;
};

} // namespace rd
