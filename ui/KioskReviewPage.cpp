#include "KioskReviewPage.h"

#include "KioskWizard.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace rd {

namespace {

const char *const RowNames[]
    = {"summaryHolder",  "summaryUnit",          "summaryNik",        "summaryCertificate",
       "summaryReason",  "summaryEffectiveDate", "summaryReasonText", "summaryFiledBy",
       "summaryContact", "summaryLanguage",      "summaryFiles"};

} // namespace

KioskReviewPage::KioskReviewPage(KioskWizard *kiosk)
    : KioskPage(kiosk, KioskWizard::ReviewPageId, 3, QStringLiteral("reviewPage"))
{
    static_assert(std::size(RowNames) == RowCount);
    setCommitPage(true);

    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("summaryIntro"));
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setWordWrap(true);
    body()->addWidget(m_intro);
    body()->addSpacing(6);

    auto *summary = new QWidget(this);
    summary->setObjectName(QStringLiteral("summary"));
    m_form = new QFormLayout(summary);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_form->setHorizontalSpacing(24);
    m_form->setVerticalSpacing(6);
    for (int row = 0; row < RowCount; ++row) {
        auto *key = new QLabel(summary);
        key->setTextFormat(Qt::PlainText);
        key->setProperty("kioskRole", QStringLiteral("fieldLabel"));
        auto *value = new QLabel(summary);
        value->setObjectName(QString::fromLatin1(RowNames[row]));
        value->setTextFormat(Qt::PlainText); // what was typed is never read as markup
        value->setWordWrap(true);
        m_form->addRow(key, value);
        m_keys[row] = key;
        m_values[row] = value;
    }
    body()->addWidget(summary);
    body()->addSpacing(10);

    m_documents = createMessageLabel(QStringLiteral("documentsNote"), MessageKind::Note, this);
    m_documents->show();
    body()->addWidget(m_documents);
    body()->addSpacing(10);

    m_statement = new QCheckBox(this);
    m_statement->setObjectName(QStringLiteral("statement"));
    body()->addWidget(m_statement);
    m_statementProblem
        = createMessageLabel(QStringLiteral("statementProblem"), MessageKind::Problem, this);
    body()->addWidget(m_statementProblem);
    m_fileError = createMessageLabel(QStringLiteral("fileError"), MessageKind::Problem, this);
    body()->addWidget(m_fileError);

    connect(m_statement, &QCheckBox::toggled, this, [this](bool checked) {
        if (checked && m_statementMissing) {
            m_statementMissing = false;
            showProblems();
        }
    });
}

KioskReviewPage::~KioskReviewPage() = default;

void KioskReviewPage::initializePage()
{
    showSummary();
}

bool KioskReviewPage::validatePage()
{
    if (!m_statement->isChecked()) {
        m_statementMissing = true;
        showProblems();
        m_statement->setFocus(Qt::OtherFocusReason);
        return false;
    }
    auto filed = kiosk()->fileRequest();
    if (!filed) {
        m_serviceError
            = filed.error().code == ErrorCode::InvalidInput ? filed.error().message : QString();
        m_filingFailed = true;
        showProblems();
        return false;
    }
    m_filingFailed = false;
    m_serviceError.clear();
    showProblems();
    return true;
}

void KioskReviewPage::showSummary()
{
    const NewRevocationRequest request = kiosk()->request();
    const RevocationRequestRecord record = kiosk()->requestRecord();
    m_values[HolderRow]->setText(record.holderName);
    m_values[UnitRow]->setText(record.holderUnit);
    m_values[NikRow]->setText(record.holderNik);
    m_values[CertificateRow]->setText(record.certificateSerial.isEmpty()
                                          ? tr("not chosen: the operator finds it")
                                          : tr("serial number %1").arg(record.certificateSerial));
    const std::optional<RevocationReason> reason = request.reason;
    m_values[ReasonRow]->setText(kiosk()->reasonLabel(request.reason));
    m_values[EffectiveDateRow]->setText(
        locale().toString(request.effectiveDate, QStringLiteral("d MMMM yyyy")));
    m_values[ReasonTextRow]->setText(request.reasonText.isEmpty() ? tr("(none)")
                                                                  : request.reasonText);
    if (request.filedBy == NewRevocationRequest::FiledBy::Official) {
        QString filer
            = tr("%1, %2 (NIP %3), on the holder's behalf")
                  .arg(request.officialName, request.officialPosition, request.officialNip);
        if (!request.officialRelationship.isEmpty())
            filer += u'\n' + tr("Relationship to the holder: %1").arg(request.officialRelationship);
        m_values[FiledByRow]->setText(filer);
    } else {
        m_values[FiledByRow]->setText(tr("The holder, in person"));
    }
    m_values[ContactRow]->setText(request.applicantEmail);
    m_values[LanguageRow]->setText(KioskWizard::languageName(request.applicantLanguage));
    m_values[FilesRow]->setText(kiosk()->filesThroughFunctions()
                                    ? tr("none: hand the signed letter to the officer")
                                    : kiosk()->attachedFilesDescription());

    // Say only what is true today: the operator checks the documents at the counter.
    QString documents;
    switch (reason.value_or(RevocationReason::Other)) {
    case RevocationReason::Retired:
        documents = tr("the pension decree (SK pensiun)");
        break;
    case RevocationReason::Dismissed:
        documents = tr("the dismissal decree (SK pemberhentian)");
        break;
    case RevocationReason::Transferred:
        documents = tr("the transfer decree (SK mutasi)");
        break;
    case RevocationReason::Deceased:
        documents = tr("the death certificate");
        break;
    default:
        break;
    }
    QString note = tr("After you file, an operator checks the data and the documents before the "
                      "certificate is revoked.");
    if (!documents.isEmpty() && kiosk()->filesThroughFunctions())
        note += u' ' + tr("Have %1 ready for the operator.").arg(documents);
    m_documents->setText(note);
}

void KioskReviewPage::showProblems()
{
    showMessage(m_statementProblem,
                m_statementMissing ? tr("Tick the statement to file the request.") : QString());
    if (!m_filingFailed) {
        showMessage(m_fileError, {});
        return;
    }
    const QString what = m_serviceError.isEmpty()
        ? tr("The request could not be stored just now.")
        : tr("The request could not be filed: %1").arg(m_serviceError);
    showMessage(m_fileError,
                what + u' '
                    + tr("Nothing you entered is lost: press \"%1\" to try again, or ask the "
                         "operator.")
                          .arg(kiosk()->buttonText(QWizard::CommitButton)));
}

void KioskReviewPage::retranslate()
{
    KioskPage::retranslate();
    setHeading(tr("Check and file the request"));
    m_intro->setText(tr("This is what will be filed. To change something, go back."));
    m_keys[HolderRow]->setText(tr("Holder"));
    m_keys[UnitRow]->setText(tr("Unit"));
    m_keys[NikRow]->setText(tr("NIK"));
    m_keys[CertificateRow]->setText(tr("Certificate"));
    m_keys[FilesRow]->setText(tr("Files"));
    m_keys[ReasonRow]->setText(tr("Reason"));
    m_keys[EffectiveDateRow]->setText(tr("Since"));
    m_keys[ReasonTextRow]->setText(tr("Explanation"));
    m_keys[FiledByRow]->setText(tr("Filed by"));
    m_keys[ContactRow]->setText(tr("Outcome to"));
    m_keys[LanguageRow]->setText(tr("E-mail language"));
    m_statement->setText(tr("I state that the holder stops using this certificate."));
    showSummary();
    showProblems();
}

} // namespace rd
