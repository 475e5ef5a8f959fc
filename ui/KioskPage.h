#pragma once

#include <QWizardPage>

class QLabel;
class QVBoxLayout;

namespace rd {

class KioskWizard;

// What every page of the applicant kiosk shares: the service's name, the step ("Step 2 of 5"), a
// large heading and a centred column for the content; and what the kiosk asks of each page: to
// put its texts in the current language, and to forget everything before the next person comes.
class KioskPage : public QWizardPage
{
    Q_OBJECT

public:
    static constexpr int StepCount = 5;

    KioskPage(KioskWizard *kiosk, int step, const QString &objectName);
    ~KioskPage() override;
    Q_DISABLE_COPY_MOVE(KioskPage)

    // Sets every text of the page again (the wizard calls it after a language change); the
    // base sets the banner and the step.
    virtual void retranslate();
    // Empties every field and message: nothing of the previous person stays.
    virtual void clear() = 0;
    // Where the keyboard starts on this page; nullptr for the first field.
    virtual QWidget *preferredFocus() const { return nullptr; }

    // A message under a field, a note or a problem; hidden while it has no text. Plain text
    // always, so that nothing typed is ever read as markup.
    enum class MessageKind { Problem, Note };
    static QLabel *createMessageLabel(const QString &objectName, MessageKind kind, QWidget *parent);
    static void showMessage(QLabel *label, const QString &text);
    // A label for a field, with its buddy, so that screen readers and mnemonics find it.
    static QLabel *createFieldLabel(QWidget *buddy, const QString &objectName, QWidget *parent);

protected:
    KioskWizard *kiosk() const { return m_kiosk; }
    QVBoxLayout *body() const { return m_body; }
    void setHeading(const QString &heading);
    void changeEvent(QEvent *event) override;

private:
    void adjustToFont();

    KioskWizard *m_kiosk;
    int m_step;
    QLabel *m_banner = nullptr;
    QLabel *m_stepLabel = nullptr;
    QLabel *m_heading = nullptr;
    QVBoxLayout *m_body = nullptr;
};

} // namespace rd
