#include "KioskWizard.h"

#include "KioskAmsLogInPage.h"
#include "KioskAttachmentsPage.h"
#include "KioskCertificatePage.h"
#include "KioskDraftSavedPage.h"
#include "KioskFilerPage.h"
#include "KioskIdentityPage.h"
#include "KioskLetterPage.h"
#include "KioskReasonPage.h"
#include "KioskReceiptPage.h"
#include "KioskResumePage.h"
#include "KioskReviewPage.h"
#include "KioskWelcomePage.h"
#include "core/AppSettings.h"
#include "core/Clock.h"
#include "core/OfficeCalendar.h"
#include "core/Translator.h"
#include "documents/PaperComposer.h"
#include "documents/PaperRenderer.h"
#include "kiosk/KioskAmsSession.h"
#include "requests/KioskFilings.h"
#include "requests/KioskThrottle.h"

#include <QApplication>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QKeyEvent>
#include <QLoggingCategory>
#include <QMessageBox>
#include <QPrinter>
#include <QPrinterInfo>
#include <QPushButton>
#include <QScreen>
#include <QSysInfo>
#include <QTimer>

Q_LOGGING_CATEGORY(lcKiosk, "rd.ui.kiosk", QtInfoMsg)

namespace rd {

namespace {

// Readable from a step away: the kiosk never goes below this, and follows a larger system font.
constexpr double MinimumPointSize = 17.0;

// The style sheet (resources/kiosk/kiosk.qss) with its font sizes filled in: in the style sheet,
// as multiples of the base size, because a style sheet's fonts win over setFont(). Its drop-down
// arrow comes from the same resources, as a restyled drop-down must draw its arrow from a file.
QString kioskStyleSheet(double points)
{
    QFile file(QStringLiteral(":/kiosk/kiosk.qss"));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        qCWarning(lcKiosk) << "cannot read the kiosk's style sheet" << file.fileName();
        return {};
    }
    // An explicit QString: with QStringBuilder, `auto` would keep references to temporaries.
    const auto size = [points](double factor) -> QString {
        return QString::number(points * factor, 'f', 1) + QStringLiteral("pt");
    };
    return QString::fromUtf8(file.readAll()).arg(size(1.0), size(1.6), size(1.25), size(2.6));
}

} // namespace

KioskWizard::KioskWizard(DatabasePtr database, const KioskOptions &options, QWidget *parent)
    : QWizard(parent)
    , m_database(std::move(database))
    , m_options(options)
    , m_officeZone(options.lifecycle.officeZone.isValid() ? options.lifecycle.officeZone
                                                          : OfficeCalendar::defaultZone())
    , m_filing(m_database, options.lifecycle, options.backend)
    , m_language(options.language == QLatin1String("en") ? QStringLiteral("en")
                                                         : QStringLiteral("id"))
{
    setObjectName(QStringLiteral("kioskWizard"));
    setWizardStyle(QWizard::ClassicStyle);
    // The kiosk's database role cannot write requests: it files through the function.
    if (auto restricted = KioskFilings::onlyThroughFunctions(*m_database); restricted)
        m_throughFunctions = *restricted;
    else
        qCWarning(lcKiosk).noquote()
            << "cannot tell the kiosk's database rights:" << restricted.error().toString();
    if (m_options.backend == AmsBackend::Rest && !m_throughFunctions) {
        if (auto session = KioskAmsSession::configured(this); session)
            m_amsSession = std::move(*session);
        else
            qCWarning(lcKiosk).noquote()
                << "applicants cannot log in to AMS here:" << session.error().toString();
    }
    setOptions(QWizard::NoBackButtonOnStartPage | QWizard::NoBackButtonOnLastPage
               | QWizard::NoCancelButtonOnLastPage | QWizard::HaveCustomButton1
               | QWizard::HaveCustomButton2);
    // The language switch on the left, the way on the right; Cancel apart from Next.
    setButtonLayout({QWizard::CustomButton1, QWizard::CustomButton2, QWizard::Stretch,
                     QWizard::CancelButton, QWizard::BackButton, QWizard::NextButton,
                     QWizard::CommitButton, QWizard::FinishButton});

    setStyleSheet(kioskStyleSheet(qMax(font().pointSizeF(), MinimumPointSize)));

    button(QWizard::BackButton)->setObjectName(QStringLiteral("backButton"));
    button(QWizard::NextButton)->setObjectName(QStringLiteral("nextButton"));
    button(QWizard::CommitButton)->setObjectName(QStringLiteral("commitButton"));
    button(QWizard::FinishButton)->setObjectName(QStringLiteral("finishButton"));
    button(QWizard::CancelButton)->setObjectName(QStringLiteral("cancelButton"));
    // Enter means "Next" wherever the focus is: a focused Back or Cancel is pressed with Space.
    for (QWizard::WizardButton which : {QWizard::BackButton, QWizard::CancelButton}) {
        if (auto *push = qobject_cast<QPushButton *>(button(which)))
            push->setAutoDefault(false);
    }

    // Each language is named in itself, so that it is found by whoever needs it.
    m_indonesian = qobject_cast<QPushButton *>(button(QWizard::CustomButton1));
    m_english = qobject_cast<QPushButton *>(button(QWizard::CustomButton2));
    Q_ASSERT(m_indonesian && m_english);
    m_indonesian->setObjectName(QStringLiteral("languageIndonesian"));
    m_indonesian->setText(languageName(QStringLiteral("id")));
    m_english->setObjectName(QStringLiteral("languageEnglish"));
    m_english->setText(languageName(QStringLiteral("en")));
    for (QPushButton *languageButton : {m_indonesian, m_english}) {
        languageButton->setCheckable(true);
        languageButton->setAutoDefault(false);
    }
    // Tab goes from the page to the way forward first, the language switch last.
    setTabOrder(button(QWizard::FinishButton), m_indonesian);
    setTabOrder(m_indonesian, m_english);
    connect(m_indonesian, &QAbstractButton::clicked, this,
            [this] { setLanguage(QStringLiteral("id")); });
    connect(m_english, &QAbstractButton::clicked, this,
            [this] { setLanguage(QStringLiteral("en")); });

    auto *welcome = new KioskWelcomePage(this);
    auto *resumePage = new KioskResumePage(this);
    m_identity = new KioskIdentityPage(this);
    m_filer = new KioskFilerPage(this);
    auto *amsLogIn = new KioskAmsLogInPage(this);
    m_certificate = new KioskCertificatePage(this);
    m_reason = new KioskReasonPage(this);
    m_letter = new KioskLetterPage(this);
    m_attachments = new KioskAttachmentsPage(this);
    m_review = new KioskReviewPage(this);
    m_receipt = new KioskReceiptPage(this);
    auto *draftSaved = new KioskDraftSavedPage(this);
    const std::array<std::pair<PageId, KioskPage *>, 12> pages {{
        {WelcomePageId, welcome},
        {ResumePageId, resumePage},
        {IdentityPageId, m_identity},
        {FilerPageId, m_filer},
        {AmsLogInPageId, amsLogIn},
        {CertificatePageId, m_certificate},
        {ReasonPageId, m_reason},
        {LetterPageId, m_letter},
        {AttachmentsPageId, m_attachments},
        {ReviewPageId, m_review},
        {ReceiptPageId, m_receipt},
        {DraftSavedPageId, draftSaved},
    }};
    for (const auto &[id, page] : pages) {
        setPage(id, page);
        m_pages << page;
    }
    setStartId(WelcomePageId);
    connect(this, &QWizard::currentIdChanged, this, &KioskWizard::pageChanged);
    m_doneReset = new QTimer(this);
    m_doneReset->setSingleShot(true);
    m_doneReset->setInterval(m_options.doneReset);
    connect(m_doneReset, &QTimer::timeout, this, &KioskWizard::finishedWithPerson);

    setLanguage(m_language);
}

KioskWizard::~KioskWizard()
{
    // The applicant's AMS token goes first, and with it any call still in flight.
    if (m_amsSession)
        m_amsSession->forget();
}

void KioskWizard::setAmsSession(std::unique_ptr<KioskAmsSession> session)
{
    if (m_amsSession)
        m_amsSession->forget();
    m_amsSession = std::move(session);
    refreshSteps();
}

void KioskWizard::pageChanged(int id)
{
    auto *current = qobject_cast<KioskPage *>(page(id));
    if (!current)
        return;
    // Each page counts towards the SOP step it serves (none for welcome, receipt).
    m_stepClock.enter(current->sopStep(), now());
    if (id == ReceiptPageId || id == DraftSavedPageId)
        m_doneReset->start();
    else
        m_doneReset->stop();
    // QWizard gives the focus to a page's first field; some pages know better.
    if (QWidget *field = current->preferredFocus())
        field->setFocus(Qt::OtherFocusReason);
}

void KioskWizard::setLanguage(const QString &language)
{
    const QString chosen
        = language == QLatin1String("en") ? QStringLiteral("en") : QStringLiteral("id");
    // Translator::install replaces the previous language's translators.
    if (QCoreApplication *application = QCoreApplication::instance()) {
        if (!Translator::install(*application, chosen))
            qCInfo(lcKiosk) << "no translation for language" << chosen;
    }
    m_language = chosen;
    // Translator::install made the language's locale the default: dates and month names follow.
    setLocale(QLocale());
    retranslate();
}

QDate KioskWizard::today() const
{
    return now().toTimeZone(m_officeZone).date();
}

QDateTime KioskWizard::now() const
{
    return m_options.lifecycle.clock.now();
}

Actor KioskWizard::actor() const
{
    return Actor::kiosk(QSysInfo::machineHostName());
}

bool KioskWizard::needsAmsLogIn() const
{
    return m_amsSession && !m_resumedDraft && filedBy() == NewRevocationRequest::FiledBy::Holder;
}

// The pages are made one after the other, and some ask the wizard while it is being made.
const Holder *KioskWizard::holder() const
{
    return m_identity ? m_identity->holder() : nullptr;
}

QString KioskWizard::nik() const
{
    if (m_resumedDraft)
        return m_resumedDraft->holderNik;
    return m_identity ? m_identity->nik() : QString();
}

std::optional<RevocationReason> KioskWizard::chosenReason() const
{
    return m_reason ? m_reason->reason() : std::nullopt;
}

NewRevocationRequest::FiledBy KioskWizard::filedBy() const
{
    if (m_resumedDraft) {
        return m_resumedDraft->filedByKind == QLatin1String("official")
            ? NewRevocationRequest::FiledBy::Official
            : NewRevocationRequest::FiledBy::Holder;
    }
    return m_filer ? m_filer->filedBy() : NewRevocationRequest::FiledBy::Holder;
}

QString KioskWizard::reasonLabel(RevocationReason reason) const
{
    // The SOP's own words in Indonesian, the project's English for the English kiosk.
    return m_language == QLatin1String("en") ? RevocationReasons::labelEnglish(reason)
                                             : RevocationReasons::labelIndonesian(reason);
}

QString KioskWizard::languageName(const QString &language)
{
    return language == QLatin1String("en") ? QStringLiteral("English")
                                           : QStringLiteral("Bahasa Indonesia");
}

NewRevocationRequest KioskWizard::request() const
{
    NewRevocationRequest request;
    if (m_resumedDraft) {
        const RevocationRequestRecord &draft = *m_resumedDraft;
        request.holderId = draft.holderId;
        request.certificateId = draft.certificateId;
        request.reason = draft.reason;
        request.reasonText = draft.reasonText;
        request.effectiveDate = draft.effectiveDate;
        request.filedBy = draft.filedByKind == QLatin1String("official")
            ? NewRevocationRequest::FiledBy::Official
            : NewRevocationRequest::FiledBy::Holder;
        request.officialName = draft.officialName;
        request.officialNip = draft.officialNip;
        request.officialPosition = draft.officialPosition;
        request.officialRelationship = draft.officialRelationship;
        request.channel = draft.channel;
        request.applicantEmail = draft.applicantEmail;
        request.applicantLanguage = draft.applicantLanguage;
        return request;
    }
    if (const Holder *holder = m_identity->holder())
        request.holderId = holder->id;
    request.certificateId = m_certificate->certificateId();
    request.reason = m_reason->reason().value_or(RevocationReason::Other);
    request.reasonText = m_reason->reasonText();
    request.effectiveDate = m_reason->effectiveDate();
    request.filedBy = m_filer->filedBy();
    if (request.filedBy == NewRevocationRequest::FiledBy::Official) {
        request.officialName = m_filer->officialName();
        request.officialNip = m_filer->officialNip();
        request.officialPosition = m_filer->officialPosition();
        request.officialRelationship = m_filer->officialRelationship();
    }
    request.channel = QStringLiteral("kiosk");
    request.applicantEmail = m_filer->contactEmail();
    request.applicantLanguage = m_filer->outcomeLanguage();
    return request;
}

RevocationRequestRecord KioskWizard::requestRecord() const
{
    if (m_resumedDraft)
        return *m_resumedDraft;
    const NewRevocationRequest r = request();
    RevocationRequestRecord record;
    if (m_savedDraft)
        record.id = m_savedDraft->requestId;
    record.holderId = r.holderId;
    if (const Holder *holder = m_identity->holder()) {
        record.holderName = holder->fullName;
        record.holderNik = holder->nik;
        record.holderUnit = holder->unit;
    }
    record.certificateId = r.certificateId;
    record.certificateSerial = m_certificate->certificateSerial();
    record.reason = r.reason;
    record.reasonText = r.reasonText;
    record.effectiveDate = r.effectiveDate;
    record.filedByKind = r.filedBy == NewRevocationRequest::FiledBy::Official
        ? QStringLiteral("official")
        : QStringLiteral("holder");
    record.officialName = r.officialName;
    record.officialNip = r.officialNip;
    record.officialPosition = r.officialPosition;
    record.officialRelationship = r.officialRelationship;
    record.channel = r.channel;
    record.applicantEmail = r.applicantEmail;
    record.applicantLanguage = r.applicantLanguage;
    record.state = RequestState::Draft;
    record.filedAt = now();
    record.updatedAt = record.filedAt;
    return record;
}

std::optional<qint64> KioskWizard::draftId() const
{
    if (m_resumedDraft)
        return m_resumedDraft->id;
    if (m_savedDraft)
        return m_savedDraft->requestId;
    return std::nullopt;
}

void KioskWizard::resume(const RevocationRequestRecord &draft)
{
    m_resumedDraft = draft;
    m_savedDraft.reset();
    refreshSteps();
}

Result<KioskDraft> KioskWizard::saveDraft()
{
    if (m_savedDraft)
        return *m_savedDraft;
    // The steps so far go with the draft; the rest go with the submission.
    m_stepClock.pause(now());
    auto saved = m_filing.saveDraft(actor(), request(), m_stepClock.intervals());
    // The running page's step starts again after the written ones.
    if (auto *current = qobject_cast<KioskPage *>(currentPage()))
        m_stepClock.enter(current->sopStep(), now());
    if (!saved) {
        qCWarning(lcKiosk).noquote() << "saving the draft failed:" << saved.error().toString();
        return errorOf(saved);
    }
    m_stepClock.takeWritten();
    m_savedDraft = *saved;
    qCInfo(lcKiosk) << "saved draft" << saved->requestId;
    return *saved;
}

void KioskWizard::leaveWelcome(bool resume)
{
    m_resuming = resume;
    next();
}

void KioskWizard::continueLater()
{
    m_continueLater = true;
    next();
    m_continueLater = false;
}

Result<KioskSubmission> KioskWizard::submit()
{
    m_stepClock.pause(now());
    auto submitted = m_filing.submit(actor(), request(), draftId(), m_attachments->files(),
                                     m_stepClock.intervals());
    if (auto *current = qobject_cast<KioskPage *>(currentPage()))
        m_stepClock.enter(current->sopStep(), now());
    if (!submitted) {
        qCWarning(lcKiosk).noquote() << "filing failed:" << submitted.error().toString();
        return errorOf(submitted);
    }
    m_stepClock.clear();
    qCInfo(lcKiosk).noquote() << "filed request" << submitted->filed.outcome.agendaNumber;
    return submitted;
}

Result<void> KioskWizard::fileRequest()
{
    const NewRevocationRequest request = this->request();
    if (m_throughFunctions) {
        auto filing = KioskFilings(m_database)
                          .file(m_identity->nik(), m_identity->email(), request,
                                QSysInfo::machineHostName());
        if (!filing) {
            qCWarning(lcKiosk).noquote() << "filing failed:" << filing.error().toString();
            return errorOf(filing);
        }
        qCInfo(lcKiosk).noquote() << "filed" << KioskFilings::filingNumber(*filing);
        m_receipt->showFiling(KioskFilings::filingNumber(*filing), request.applicantEmail,
                              request.applicantLanguage);
        m_receipt->setAmsStatus(KioskReceiptPage::AmsStatus::ByOperator);
        return {};
    }
    auto submitted = submit();
    if (!submitted)
        return errorOf(submitted);
    const TransitionOutcome &outcome = submitted->filed.outcome;
    m_receipt->showOutcome(outcome, request.applicantEmail, request.applicantLanguage);
    printReceipt(outcome.agendaNumber);
    // Only the holder's own filing goes out under the holder's log-in: one who logged in and
    // then let an official file leaves it to the office's account like any official's.
    if (!submitted->amsFilingId || !needsAmsLogIn() || !m_amsSession->loggedIn()) {
        // Portal: the operator files in the AMS pages. Rest without the applicant's log-in:
        // the worker files with the office's account.
        m_receipt->setAmsStatus(KioskReceiptPage::AmsStatus::ByOperator);
        return {};
    }
    m_receipt->setAmsStatus(KioskReceiptPage::AmsStatus::Sending);
    m_amsSession->fileNow(
        m_database, *submitted->amsFilingId, actor(),
        {m_receipt, [this](Result<AmsOperation> sent) {
             if (sent && sent->state == AmsOperation::State::Done) {
                 m_receipt->setAmsStatus(
                     KioskReceiptPage::AmsStatus::Filed,
                     sent->response.value(QStringLiteral("ams_request_id")).toString());
                 return;
             }
             // Kept in the queue (or failed for the operator to see): the
             // request itself is filed here either way.
             qCWarning(lcKiosk).noquote() << "AMS filing not done at the kiosk:"
                                          << (sent ? sent->lastError : sent.error().toString());
             m_receipt->setAmsStatus(KioskReceiptPage::AmsStatus::KeptForOperator);
         }});
    return {};
}

void KioskWizard::printReceipt(const QString &agendaNumber)
{
    auto printed = print(PaperKind::Receipt, agendaNumber);
    if (!printed)
        qCWarning(lcKiosk).noquote() << "receipt not printed:" << printed.error().toString();
    m_receipt->setPrintStatus(printed ? QString() : printed.error().message);
}

QString KioskWizard::attachedFilesDescription() const
{
    return m_attachments->description();
}

QString KioskWizard::identityAttemptWait() const
{
    // The kiosk's PostgreSQL role reads no audit log: its functions are its only door.
    if (m_throughFunctions)
        return {};
    auto allowedAt = KioskThrottle(m_database, m_options.lifecycle.clock)
                         .nextAttemptAllowedAt(QSysInfo::machineHostName());
    if (!allowedAt) {
        qCWarning(lcKiosk).noquote()
            << "cannot read the kiosk's attempts:" << allowedAt.error().toString();
        return {};
    }
    const qint64 milliseconds = allowedAt->isValid() ? now().msecsTo(*allowedAt) : 0;
    if (milliseconds <= 0)
        return {};
    const int seconds = int((milliseconds + 999) / 1000);
    return seconds > 90
        ? tr("Too many attempts at this kiosk. Please wait %n minute(s) and try again, or ask "
             "the officer at the counter.",
             nullptr, (seconds + 59) / 60)
        : tr("Too many attempts at this kiosk. Please wait %n second(s) and try again.", nullptr,
             seconds);
}

void KioskWizard::recordIdentityFailure(const QString &nik)
{
    if (m_throughFunctions)
        return;
    auto recorded = KioskThrottle(m_database, m_options.lifecycle.clock)
                        .recordFailure(QSysInfo::machineHostName(), nik);
    if (!recorded)
        qCWarning(lcKiosk).noquote()
            << "cannot record a failed identity check:" << recorded.error().toString();
}

Result<void> KioskWizard::print(PaperKind kind, const QString &agendaOrId,
                                const QString &resumeCode)
{
    AppSettings settings;
    auto renderer
        = PaperRenderer::forWorkstation(m_database, settings, request().applicantLanguage);
    if (!renderer)
        return errorOf(renderer);
    auto content = PaperComposer(m_database).compose(kind, agendaOrId);
    if (!content)
        return errorOf(content);
    if (!resumeCode.isEmpty())
        content->data.insert(QStringLiteral("resume_code"), resumeCode);
    if (!m_options.printTo.isEmpty()) {
        // A folder: the paper as a PDF file, for a kiosk without a printer and for the tests.
        const QString name = QStringLiteral("%1-%2.pdf")
                                 .arg(PaperKinds::key(kind),
                                      now().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")));
        const QString path = QDir(m_options.printTo).filePath(name);
        return renderer->writePdf(*content, path);
    }
    const QPrinterInfo info = QPrinterInfo::defaultPrinter();
    if (info.isNull())
        return fail(ErrorCode::Io,
                    tr("This kiosk has no printer. Ask the officer at the counter "
                       "to print it for you."));
    QPrinter printer(info, QPrinter::HighResolution);
    printer.setDocName(PaperKinds::key(kind));
    return renderer->render(*content, printer);
}

int KioskWizard::stepNumber(int pageId) const
{
    // The numbered path: who, (AMS), certificate, why, letter, files, review.
    int number = 0;
    for (int id : {IdentityPageId, FilerPageId, AmsLogInPageId, CertificatePageId, ReasonPageId,
                   LetterPageId, AttachmentsPageId, ReviewPageId}) {
        if (id == AmsLogInPageId && !needsAmsLogIn())
            continue;
        if ((id == LetterPageId || id == AttachmentsPageId) && m_throughFunctions)
            continue;
        ++number;
        if (id == pageId)
            return number;
    }
    return 0;
}

int KioskWizard::stepCount() const
{
    return stepNumber(ReviewPageId);
}

void KioskWizard::refreshSteps()
{
    for (KioskPage *page : std::as_const(m_pages))
        page->showStep();
}

int KioskWizard::nextId() const
{
    switch (currentId()) {
    case WelcomePageId:
        return m_resuming ? ResumePageId : IdentityPageId;
    case ResumePageId:
        return AttachmentsPageId;
    case IdentityPageId:
        return FilerPageId;
    case FilerPageId:
        return needsAmsLogIn() ? AmsLogInPageId : CertificatePageId;
    case AmsLogInPageId:
        return CertificatePageId;
    case CertificatePageId:
        return ReasonPageId;
    case ReasonPageId:
        return m_throughFunctions ? ReviewPageId : LetterPageId;
    case LetterPageId:
        return m_continueLater ? DraftSavedPageId : AttachmentsPageId;
    case AttachmentsPageId:
        return ReviewPageId;
    case ReviewPageId:
        return ReceiptPageId;
    default:
        return -1;
    }
}

void KioskWizard::accept()
{
    // "Done" on the receipt or the draft page: the kiosk stays open for the next person.
    emit finishedWithPerson();
}

void KioskWizard::reject()
{
    // Esc, Cancel and closing the window: a public kiosk never closes, it starts again. What
    // is filed is filed, and an empty first page has nothing to lose: no question then.
    if (currentId() == ReceiptPageId || currentId() == DraftSavedPageId || nothingEntered()) {
        emit finishedWithPerson();
        return;
    }
    askToCancel();
}

bool KioskWizard::nothingEntered() const
{
    return currentId() == WelcomePageId || (currentId() == IdentityPageId && m_identity->isEmpty());
}

void KioskWizard::askToCancel()
{
    if (m_cancelQuestion) {
        m_cancelQuestion->raise();
        m_cancelQuestion->activateWindow();
        return;
    }
    auto *box = new QMessageBox(QMessageBox::NoIcon, tr("Cancel the request"),
                                m_savedDraft
                                    ? tr("Cancel this visit? The draft stays saved under the "
                                         "resume code on the letter; everything else is cleared.")
                                    : tr("Cancel this request? Everything entered so far is "
                                         "cleared."),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("cancelQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setAttribute(Qt::WA_WindowPropagation); // the kiosk's large font
    box->setTextFormat(Qt::PlainText);
    QPushButton *yes = box->addButton(tr("Yes, cancel and clear"), QMessageBox::DestructiveRole);
    yes->setObjectName(QStringLiteral("cancelYes"));
    QPushButton *no = box->addButton(tr("No, continue"), QMessageBox::RejectRole);
    no->setObjectName(QStringLiteral("cancelNo"));
    box->setDefaultButton(no);
    box->setEscapeButton(no);
    connect(box, &QDialog::finished, this, [this, box, yes] {
        const bool cancel = box->clickedButton() == yes;
        // Without a window manager nobody hands the keyboard back: take it.
        activateWindow();
        if (cancel)
            emit finishedWithPerson();
    });
    m_cancelQuestion = box;
    box->open();
}

void KioskWizard::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier) {
        // Back where there is a way back; on the first and the last pages Escape does nothing
        // (a filed request is not taken back, and the welcome page has nothing to leave).
        const QAbstractButton *backButton = button(QWizard::BackButton);
        if (backButton->isVisible() && backButton->isEnabled())
            back();
        event->accept();
        return;
    }
    QWizard::keyPressEvent(event);
}

void KioskWizard::changeEvent(QEvent *event)
{
    QWizard::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void KioskWizard::retranslate()
{
    setWindowTitle(tr("Electronic certificate revocation"));
    // Debian has no Indonesian Qt translation: the wizard's own buttons are ours.
    setButtonText(QWizard::BackButton, tr("Back"));
    setButtonText(QWizard::NextButton, tr("Next"));
    setButtonText(QWizard::CommitButton, tr("File the request"));
    setButtonText(QWizard::FinishButton, tr("Done"));
    setButtonText(QWizard::CancelButton, tr("Cancel"));
    m_indonesian->setChecked(m_language == QLatin1String("id"));
    m_english->setChecked(m_language == QLatin1String("en"));
    m_indonesian->setToolTip(tr("Show the kiosk in Indonesian"));
    m_english->setToolTip(tr("Show the kiosk in English"));
    m_indonesian->setAccessibleName(tr("Show the kiosk in Indonesian"));
    m_english->setAccessibleName(tr("Show the kiosk in English"));
    for (KioskPage *page : std::as_const(m_pages))
        page->retranslate();
}

} // namespace rd
