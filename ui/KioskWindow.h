#pragma once

#include "KioskWizard.h"

#include <QPointer>
#include <QWidget>

#include <chrono>

class QLabel;
class QTimer;
class QVBoxLayout;

namespace rd {

// The applicant kiosk's window: one KioskWizard per person, destroyed and built anew when the
// person is done, cancels, or leaves the kiosk alone (a warning first, then the reset), so
// nothing typed, chosen or attached survives in a widget or in memory. It does not close: only
// an operator's PIN (office setting kiosk/exitPin) lets the program end.
class KioskWindow : public QWidget
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds DefaultInactivityTimeout {120000};
    // How long the "are you still there?" warning stands before the reset.
    static constexpr std::chrono::milliseconds DefaultWarningTime {20000};

    KioskWindow(DatabasePtr database, const KioskOptions &options, QWidget *parent = nullptr);
    ~KioskWindow() override;
    Q_DISABLE_COPY_MOVE(KioskWindow)

    KioskWizard *wizard() const { return m_wizard; }
    void setInactivityTimeout(std::chrono::milliseconds timeout);
    void setWarningTime(std::chrono::milliseconds time) { m_warningTime = time; }

    // Destroys this person's wizard and builds a new one in the starting language.
    void startAgain();
    // Asks for the operator's PIN; the program ends when it is right.
    void askToLeave();

signals:
    void wizardReplaced(KioskWizard *wizard);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildWizard();
    void inactive();
    void showWarning(bool shown);

    DatabasePtr m_database;
    KioskOptions m_options;
    QVBoxLayout *m_layout = nullptr;
    QPointer<KioskWizard> m_wizard;
    QLabel *m_warning = nullptr;
    QTimer *m_inactivity = nullptr;
    QTimer *m_countdown = nullptr;
    std::chrono::milliseconds m_warningTime = DefaultWarningTime;
    int m_secondsLeft = 0;
    bool m_leaving = false;
};

} // namespace rd
