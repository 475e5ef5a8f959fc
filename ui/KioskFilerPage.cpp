#include "KioskFilerPage.h"

#include "KioskWizard.h"
#include "register/IdentityNumbers.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QVBoxLayout>

namespace rd {

namespace {

// One cell of a grid: the label above its field, the message under it.
QVBoxLayout *cell(QLabel *label, QWidget *field, QLabel *message = nullptr)
{
    auto *column = new QVBoxLayout;
    column->setSpacing(4);
    column->addWidget(label);
    column->addWidget(field);
    if (message)
        column->addWidget(message);
    column->addStretch(1);
    return column;
}

// Two columns, the left wider, so that the official's fields and the contact's line up.
QGridLayout *createGrid()
{
    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(24);
    grid->setVerticalSpacing(10);
    grid->setColumnStretch(0, 3);
    grid->setColumnStretch(1, 2);
    return grid;
}

} // namespace

KioskFilerPage::KioskFilerPage(KioskWizard *kiosk)
    : KioskPage(kiosk, KioskWizard::FilerPageId, 3, QStringLiteral("filerPage"))
{
    m_byHolder = new QRadioButton(this);
    m_byHolder->setObjectName(QStringLiteral("filedByHolder"));
    m_byOfficial = new QRadioButton(this);
    m_byOfficial->setObjectName(QStringLiteral("filedByOfficial"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_byHolder);
    group->addButton(m_byOfficial);
    m_filerLabel = createFieldLabel(m_byHolder, QStringLiteral("filerLabel"), this);
    m_filerNote = createMessageLabel(QStringLiteral("filerNote"), MessageKind::Note, this);
    body()->addWidget(m_filerLabel);
    body()->addWidget(m_byHolder);
    body()->addWidget(m_byOfficial);
    body()->addWidget(m_filerNote);
    body()->addSpacing(8);

    m_official = new QWidget(this);
    m_official->setObjectName(QStringLiteral("officialFields"));
    auto *officialGrid = createGrid();
    officialGrid->setContentsMargins(0, 0, 0, 0);
    m_official->setLayout(officialGrid);
    m_officialName = new QLineEdit(m_official);
    m_officialName->setObjectName(QStringLiteral("officialName"));
    m_officialName->setMaxLength(200);
    m_officialNameLabel
        = createFieldLabel(m_officialName, QStringLiteral("officialNameLabel"), m_official);
    m_officialNameProblem = createMessageLabel(QStringLiteral("officialNameProblem"),
                                               MessageKind::Problem, m_official);
    m_officialNip = new QLineEdit(m_official);
    m_officialNip->setObjectName(QStringLiteral("officialNip"));
    m_officialNip->setMaxLength(18);
    m_officialNip->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[0-9]{0,18}")), m_officialNip));
    m_officialNip->setInputMethodHints(Qt::ImhDigitsOnly | Qt::ImhNoPredictiveText);
    m_officialNipLabel
        = createFieldLabel(m_officialNip, QStringLiteral("officialNipLabel"), m_official);
    m_officialNipProblem = createMessageLabel(QStringLiteral("officialNipProblem"),
                                              MessageKind::Problem, m_official);
    m_officialPosition = new QLineEdit(m_official);
    m_officialPosition->setObjectName(QStringLiteral("officialPosition"));
    m_officialPosition->setMaxLength(200);
    m_officialPositionLabel
        = createFieldLabel(m_officialPosition, QStringLiteral("officialPositionLabel"), m_official);
    m_officialPositionProblem = createMessageLabel(QStringLiteral("officialPositionProblem"),
                                                   MessageKind::Problem, m_official);
    officialGrid->addLayout(cell(m_officialNameLabel, m_officialName, m_officialNameProblem), 0, 0);
    officialGrid->addLayout(cell(m_officialNipLabel, m_officialNip, m_officialNipProblem), 0, 1);
    m_officialRelationship = new QComboBox(m_official);
    m_officialRelationship->setObjectName(QStringLiteral("officialRelationship"));
    m_officialRelationshipLabel = createFieldLabel(
        m_officialRelationship, QStringLiteral("officialRelationshipLabel"), m_official);
    officialGrid->addLayout(
        cell(m_officialPositionLabel, m_officialPosition, m_officialPositionProblem), 1, 0);
    officialGrid->addLayout(cell(m_officialRelationshipLabel, m_officialRelationship), 1, 1);
    body()->addWidget(m_official);
    body()->addSpacing(8);

    auto *contactGrid = createGrid();
    m_contactEmail = new QLineEdit(this);
    m_contactEmail->setObjectName(QStringLiteral("contactEmail"));
    m_contactEmail->setMaxLength(254);
    m_contactEmail->setInputMethodHints(Qt::ImhEmailCharactersOnly | Qt::ImhNoPredictiveText
                                        | Qt::ImhNoAutoUppercase);
    m_contactLabel = createFieldLabel(m_contactEmail, QStringLiteral("contactEmailLabel"), this);
    m_contactProblem
        = createMessageLabel(QStringLiteral("contactEmailProblem"), MessageKind::Problem, this);
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("outcomeLanguage"));
    for (const QString &code : {QStringLiteral("id"), QStringLiteral("en")})
        m_language->addItem(KioskWizard::languageName(code), code);
    m_languageLabel = createFieldLabel(m_language, QStringLiteral("outcomeLanguageLabel"), this);
    contactGrid->addLayout(cell(m_contactLabel, m_contactEmail, m_contactProblem), 0, 0);
    contactGrid->addLayout(cell(m_languageLabel, m_language), 0, 1);
    body()->addLayout(contactGrid);

    connect(m_byHolder, &QAbstractButton::toggled, this, &KioskFilerPage::filerChanged);
    connect(m_language, &QComboBox::activated, this, [this] { m_languageChosen = true; });
    for (QLineEdit *field : {m_officialName, m_officialPosition, m_contactEmail})
        connect(field, &QLineEdit::textChanged, this, &KioskFilerPage::showProblems);
    connect(m_officialNip, &QLineEdit::textChanged, this, &KioskFilerPage::showProblems);
    m_byHolder->setChecked(true);
    filerChanged();
}

KioskFilerPage::~KioskFilerPage() = default;

NewRevocationRequest::FiledBy KioskFilerPage::filedBy() const
{
    return m_byOfficial->isChecked() ? NewRevocationRequest::FiledBy::Official
                                     : NewRevocationRequest::FiledBy::Holder;
}

QString KioskFilerPage::officialName() const
{
    return m_officialName->text().simplified();
}

QString KioskFilerPage::officialNip() const
{
    return m_officialNip->text();
}

QString KioskFilerPage::officialPosition() const
{
    return m_officialPosition->text().simplified();
}

QString KioskFilerPage::officialRelationship() const
{
    // Stored in the office's words, whatever the kiosk's language: the papers are Indonesian.
    return m_officialRelationship->currentData().toString();
}

QString KioskFilerPage::contactEmail() const
{
    return m_contactEmail->text().trimmed();
}

QString KioskFilerPage::outcomeLanguage() const
{
    return m_language->currentData().toString();
}

QWidget *KioskFilerPage::preferredFocus() const
{
    // The choice made for the applicant, so that the arrow keys change it and Tab goes on.
    return m_byOfficial->isChecked() ? m_byOfficial : m_byHolder;
}

bool KioskFilerPage::looksLikeEmail(const QString &address)
{
    static const QRegularExpression pattern(
        QRegularExpression::anchoredPattern(QStringLiteral(R"([^@\s]+@[^@\s.]+(\.[^@\s.]+)+)")));
    return pattern.match(address.trimmed()).hasMatch();
}

void KioskFilerPage::initializePage()
{
    if (m_contactEmail->text().isEmpty()) {
        if (const Holder *holder = kiosk()->holder())
            m_contactEmail->setText(holder->email);
    }
    if (!m_languageChosen)
        m_language->setCurrentIndex(qMax(0, m_language->findData(kiosk()->language())));
    retranslate();
}

bool KioskFilerPage::validatePage()
{
    m_checked = true;
    showProblems();
    QWidget *firstProblem = nullptr;
    if (filedBy() == NewRevocationRequest::FiledBy::Official) {
        if (officialName().isEmpty())
            firstProblem = m_officialName;
        else if (!IdentityNumbers::isValidNip(officialNip()))
            firstProblem = m_officialNip;
        else if (officialPosition().isEmpty())
            firstProblem = m_officialPosition;
    }
    if (!firstProblem && !looksLikeEmail(contactEmail()))
        firstProblem = m_contactEmail;
    if (firstProblem) {
        firstProblem->setFocus(Qt::OtherFocusReason);
        return false;
    }
    return true;
}

void KioskFilerPage::filerChanged()
{
    const bool official = filedBy() == NewRevocationRequest::FiledBy::Official;
    m_official->setVisible(official);
    showProblems();
    // The AMS log-in comes and goes with the holder filing: the steps are counted again.
    kiosk()->refreshSteps();
}

void KioskFilerPage::showNipProblem()
{
    const QString nip = officialNip();
    if (!nip.isEmpty())
        showMessage(m_officialNipProblem, IdentityNumbers::nipProblem(nip));
    else if (m_checked)
        showMessage(m_officialNipProblem, tr("Type the official's NIP (18 digits)."));
    else
        showMessage(m_officialNipProblem, {});
}

void KioskFilerPage::showProblems()
{
    const bool official = filedBy() == NewRevocationRequest::FiledBy::Official;
    showMessage(m_officialNameProblem,
                m_checked && official && officialName().isEmpty()
                    ? tr("Type the name of the official who files.")
                    : QString());
    showNipProblem();
    showMessage(m_officialPositionProblem,
                m_checked && official && officialPosition().isEmpty()
                    ? tr("Type the official's position, e.g. Head of the Office.")
                    : QString());
    QString contactProblem;
    if (m_checked && contactEmail().isEmpty())
        contactProblem = tr("Type the e-mail address where the outcome is to be sent.");
    else if (m_checked && !looksLikeEmail(contactEmail()))
        contactProblem = tr("This is not an e-mail address; check it, e.g. name@natunakab.go.id.");
    showMessage(m_contactProblem, contactProblem);
}

void KioskFilerPage::retranslate()
{
    KioskPage::retranslate();
    setHeading(tr("Who files the request?"));
    m_filerLabel->setText(tr("The request is filed by"));
    m_byHolder->setText(tr("The holder, in person"));
    m_byOfficial->setText(tr("An official on the holder's behalf (the superior or the head of "
                             "the office)"));
    showMessage(m_filerNote,
                tr("When the holder retired, died or was dismissed, the superior or the head of "
                   "the office files, with the decree (SK) or the death certificate."));
    m_officialNameLabel->setText(tr("Official's name"));
    m_officialRelationshipLabel->setText(tr("Relationship to the holder"));
    {
        // Kept in Indonesian (the papers' language); shown in the kiosk's.
        const QString current = m_officialRelationship->currentData().toString();
        m_officialRelationship->clear();
        const std::pair<const char *, QString> relationships[]
            = {{QT_TR_NOOP("Direct superior"), QStringLiteral("Atasan langsung")},
               {QT_TR_NOOP("Head of the office (kepala perangkat daerah)"),
                QStringLiteral("Kepala perangkat daerah")},
               {QT_TR_NOOP("Head of personnel (kepegawaian)"),
                QStringLiteral("Pejabat pengelola kepegawaian")},
               {QT_TR_NOOP("Family of a deceased holder"), QStringLiteral("Keluarga/ahli waris")}};
        for (const auto &[label, stored] : relationships)
            m_officialRelationship->addItem(tr(label), stored);
        m_officialRelationship->setCurrentIndex(qMax(0, m_officialRelationship->findData(current)));
    }
    m_officialNipLabel->setText(tr("Official's NIP"));
    m_officialPositionLabel->setText(tr("Official's position"));
    m_officialName->setPlaceholderText(tr("Full name, with titles"));
    m_officialNip->setPlaceholderText(tr("18 digits"));
    m_contactLabel->setText(tr("E-mail for the outcome"));
    m_contactEmail->setToolTip(tr("The outcome of the request is sent to this address."));
    m_languageLabel->setText(tr("Language of the e-mail"));
    filerChanged();
}

} // namespace rd
