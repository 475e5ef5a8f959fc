#include "KioskReceiptPage.h"

#include "KioskWizard.h"

#include <QLabel>
#include <QTimer>
#include <QVBoxLayout>

namespace rd {

KioskReceiptPage::KioskReceiptPage(KioskWizard *kiosk)
    : KioskPage(kiosk, KioskWizard::ReceiptPageId, 0, QStringLiteral("receiptPage"))
{
    setFinalPage(true);

    m_numberLabel = new QLabel(this);
    m_numberLabel->setObjectName(QStringLiteral("agendaNumberLabel"));
    m_numberLabel->setTextFormat(Qt::PlainText);
    m_numberLabel->setWordWrap(true);
    body()->addWidget(m_numberLabel);

    m_agendaNumber = new QLabel(this);
    m_agendaNumber->setObjectName(QStringLiteral("agendaNumber"));
    m_agendaNumber->setTextFormat(Qt::PlainText);
    m_agendaNumber->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_agendaNumber->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    body()->addWidget(m_agendaNumber, 0, Qt::AlignLeft);
    body()->addSpacing(18);

    m_nextStepsTitle = new QLabel(this);
    m_nextStepsTitle->setObjectName(QStringLiteral("nextStepsTitle"));
    m_nextStepsTitle->setTextFormat(Qt::PlainText);
    m_nextStepsTitle->setProperty("kioskRole", QStringLiteral("fieldLabel"));
    body()->addWidget(m_nextStepsTitle);
    m_nextSteps = new QLabel(this);
    m_nextSteps->setObjectName(QStringLiteral("nextSteps"));
    m_nextSteps->setTextFormat(Qt::RichText); // a numbered list; every inserted text is escaped
    m_nextSteps->setWordWrap(true);
    body()->addWidget(m_nextSteps);
    body()->addSpacing(8);
    m_amsStatus = createMessageLabel(QStringLiteral("amsStatus"), MessageKind::Note, this);
    body()->addWidget(m_amsStatus);
    m_printStatus = createMessageLabel(QStringLiteral("printStatus"), MessageKind::Note, this);
    body()->addWidget(m_printStatus);

    m_hold = new QTimer(this);
    m_hold->setSingleShot(true);
    connect(m_hold, &QTimer::timeout, this, [this] {
        m_ready = true;
        emit completeChanged();
    });
}

KioskReceiptPage::~KioskReceiptPage() = default;

void KioskReceiptPage::showOutcome(const TransitionOutcome &outcome, const QString &email,
                                   const QString &language)
{
    m_agendaNumber->setText(outcome.agendaNumber);
    m_email = email;
    m_language = language;
    m_filingNumber = false;
    retranslate();
}

void KioskReceiptPage::showFiling(const QString &filingNumber, const QString &email,
                                  const QString &language)
{
    m_agendaNumber->setText(filingNumber);
    m_email = email;
    m_language = language;
    m_filingNumber = true;
    retranslate();
}

void KioskReceiptPage::setAmsStatus(AmsStatus status, const QString &reference)
{
    m_ams = status;
    m_amsReference = reference;
    showStatus();
}

void KioskReceiptPage::setPrintStatus(const QString &problem)
{
    m_printed = problem.isEmpty();
    m_printProblem = problem;
    m_printTried = true;
    showStatus();
}

void KioskReceiptPage::showStatus()
{
    QString ams;
    switch (m_ams) {
    case AmsStatus::None:
        break;
    case AmsStatus::Sending:
        ams = tr("Sending your request to AMS…");
        break;
    case AmsStatus::Filed:
        ams = tr("Your request is also filed in AMS, number %1.").arg(m_amsReference);
        break;
    case AmsStatus::KeptForOperator:
        ams = tr("AMS could not be reached just now. Your request is kept here, and the officer "
                 "files it in AMS for you: there is nothing more you need to do.");
        break;
    case AmsStatus::ByOperator:
        ams = tr("The officer files your request in AMS: there is nothing more you need to do "
                 "there.");
        break;
    }
    showMessage(m_amsStatus, ams);
    QString printed;
    if (m_printTried)
        printed = m_printed ? tr("Your receipt is being printed: take it with you.")
                            : tr("The receipt could not be printed (%1). Write the number down, "
                                 "or ask the officer for a copy.")
                                  .arg(m_printProblem);
    showMessage(m_printStatus, printed);
}

void KioskReceiptPage::initializePage()
{
    m_ready = false;
    m_hold->start(kiosk()->receiptHold());
    emit completeChanged();
}

bool KioskReceiptPage::isComplete() const
{
    return m_ready;
}

void KioskReceiptPage::showNextSteps()
{
    // The sentences are escaped before the values go in, and the values themselves too.
    const QString steps[] = {
        tr("An operator checks the data and the documents, and then the certificate itself.")
            .toHtmlEscaped(),
        tr("When everything is in order, the operator revokes the certificate.").toHtmlEscaped(),
        tr("An e-mail in %1 goes to %2 when the certificate has been revoked, normally within "
           "one working day.")
            .toHtmlEscaped()
            .arg(KioskWizard::languageName(m_language).toHtmlEscaped(),
                 QStringLiteral("<b>") + m_email.toHtmlEscaped() + QStringLiteral("</b>")),
        m_filingNumber ? tr("Keep the filing number: the operator asks for it and gives the "
                            "request its agenda number.")
                             .toHtmlEscaped()
                       : tr("Keep the agenda number: the operator asks for it.").toHtmlEscaped(),
    };
    QString html = QStringLiteral("<ol style=\"margin-left: 0\">");
    for (const QString &step : steps)
        html
            += QStringLiteral("<li style=\"margin-bottom: 8px\">") + step + QStringLiteral("</li>");
    html += QStringLiteral("</ol>");
    m_nextSteps->setText(html);
}

void KioskReceiptPage::retranslate()
{
    KioskPage::retranslate();
    setHeading(tr("Your request has been filed"));
    m_numberLabel->setText(m_filingNumber ? tr("Filing number") : tr("Agenda number"));
    m_nextStepsTitle->setText(tr("What happens next"));
    showNextSteps();
    showStatus();
}

} // namespace rd
