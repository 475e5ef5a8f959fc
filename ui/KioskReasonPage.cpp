#include "KioskReasonPage.h"

#include "KioskWizard.h"

#include <QDateEdit>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

constexpr int ReasonRole = Qt::UserRole + 1;
// The earliest effective date the kiosk takes: older than any certificate still in use.
const QDate EarliestEffectiveDate(2000, 1, 1);

} // namespace

KioskReasonPage::KioskReasonPage(KioskWizard *kiosk)
    : KioskPage(kiosk, KioskWizard::ReasonPageId, 4, QStringLiteral("reasonPage"))
{
    m_reasons = new QListWidget(this);
    m_reasons->setObjectName(QStringLiteral("reason"));
    m_reasons->setSelectionMode(QAbstractItemView::SingleSelection);
    m_reasons->setWordWrap(true);
    m_reasons->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_reasons->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_reasons->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    for (RevocationReason reason : RevocationReasons::all()) {
        auto *item = new QListWidgetItem(m_reasons);
        item->setData(ReasonRole, int(reason));
    }
    m_reasonsLabel = createFieldLabel(m_reasons, QStringLiteral("reasonLabel"), this);

    m_explanation
        = createMessageLabel(QStringLiteral("reasonExplanation"), MessageKind::Note, this);
    m_explanation->show();
    m_explanation->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_explanation->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Expanding);

    body()->addWidget(m_reasonsLabel);
    auto *choice = new QHBoxLayout;
    choice->addWidget(m_reasons, 3);
    choice->addSpacing(16);
    choice->addWidget(m_explanation, 2);
    body()->addLayout(choice);
    m_reasonProblem
        = createMessageLabel(QStringLiteral("reasonProblem"), MessageKind::Problem, this);
    body()->addWidget(m_reasonProblem);
    body()->addSpacing(12);

    // The date and the text side by side, each with its label above and its message under.
    auto *details = new QGridLayout;
    details->setHorizontalSpacing(24);
    details->setVerticalSpacing(4);
    m_date = new QDateEdit(this);
    m_date->setObjectName(QStringLiteral("effectiveDate"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("d MMMM yyyy"));
    m_date->setMinimumDate(EarliestEffectiveDate);
    // Wide enough for the longest date in the kiosk's font, with the style's padding and the
    // drop-down: a date edit's own size hint knows neither.
    m_date->ensurePolished();
    m_date->setMinimumWidth(
        QFontMetrics(m_date->font()).horizontalAdvance(QStringLiteral("30 September 2000"))
        + 4 * QFontMetrics(m_date->font()).averageCharWidth() + 40);
    m_dateLabel = createFieldLabel(m_date, QStringLiteral("effectiveDateLabel"), this);
    m_dateProblem
        = createMessageLabel(QStringLiteral("effectiveDateProblem"), MessageKind::Problem, this);
    m_text = new QLineEdit(this);
    m_text->setObjectName(QStringLiteral("reasonText"));
    m_text->setMaxLength(500);
    m_textLabel = createFieldLabel(m_text, QStringLiteral("reasonTextLabel"), this);
    m_textProblem
        = createMessageLabel(QStringLiteral("reasonTextProblem"), MessageKind::Problem, this);
    details->addWidget(m_dateLabel, 0, 0, Qt::AlignBottom);
    details->addWidget(m_textLabel, 0, 1, Qt::AlignBottom);
    details->addWidget(m_date, 1, 0);
    details->addWidget(m_text, 1, 1);
    details->addWidget(m_dateProblem, 2, 0);
    details->addWidget(m_textProblem, 2, 1);
    details->setColumnStretch(1, 1);
    body()->addLayout(details);

    connect(m_reasons, &QListWidget::itemSelectionChanged, this, &KioskReasonPage::reasonChanged);
    connect(m_date, &QDateEdit::dateChanged, this, [this] {
        if (m_problem == Problem::FutureDate)
            setProblem(Problem::None);
    });
    connect(m_text, &QLineEdit::textChanged, this, [this] {
        if (m_problem == Problem::TextMissing)
            setProblem(Problem::None);
    });
    m_date->setMaximumDate(kiosk->today());
    m_date->setDate(kiosk->today());
    reasonChanged();
}

KioskReasonPage::~KioskReasonPage() = default;

std::optional<RevocationReason> KioskReasonPage::reason() const
{
    const auto selected = m_reasons->selectedItems();
    if (selected.isEmpty())
        return std::nullopt;
    return static_cast<RevocationReason>(selected.constFirst()->data(ReasonRole).toInt());
}

QDate KioskReasonPage::effectiveDate() const
{
    return m_date->date();
}

QString KioskReasonPage::reasonText() const
{
    return m_text->text().trimmed();
}

void KioskReasonPage::initializePage()
{
    // The day may have changed since the page was last shown.
    m_date->setMaximumDate(kiosk()->today());
    // A holder who files in person is alive: the reason "deceased" is an official's to give.
    const bool byHolder = kiosk()->filedBy() == NewRevocationRequest::FiledBy::Holder;
    for (int row = 0; row < m_reasons->count(); ++row) {
        QListWidgetItem *item = m_reasons->item(row);
        const bool deceased = static_cast<RevocationReason>(item->data(ReasonRole).toInt())
            == RevocationReason::Deceased;
        item->setFlags(deceased && byHolder ? Qt::NoItemFlags
                                            : Qt::ItemIsSelectable | Qt::ItemIsEnabled);
        if (deceased && byHolder && item->isSelected())
            m_reasons->clearSelection();
    }
}

bool KioskReasonPage::validatePage()
{
    const auto chosen = reason();
    if (!chosen) {
        setProblem(Problem::NoReason);
        m_reasons->setFocus(Qt::OtherFocusReason);
        return false;
    }
    if (m_date->date() > kiosk()->today()) {
        setProblem(Problem::FutureDate);
        m_date->setFocus(Qt::OtherFocusReason);
        return false;
    }
    if (*chosen == RevocationReason::Other && reasonText().isEmpty()) {
        setProblem(Problem::TextMissing);
        m_text->setFocus(Qt::OtherFocusReason);
        return false;
    }
    setProblem(Problem::None);
    return true;
}

void KioskReasonPage::reasonChanged()
{
    const auto chosen = reason();
    m_explanation->setText(chosen ? RevocationReasons::explanation(*chosen)
                                  : tr("Choose the reason from the list: what it means is "
                                       "explained here."));
    m_textLabel->setText(chosen == RevocationReason::Other
                             ? tr("Explain the reason (required)")
                             : tr("Notes for the operator (optional)"));
    if (m_problem == Problem::NoReason
        || (m_problem == Problem::TextMissing && chosen != RevocationReason::Other))
        setProblem(Problem::None);
}

void KioskReasonPage::setProblem(Problem problem)
{
    m_problem = problem;
    showMessage(m_reasonProblem,
                problem == Problem::NoReason ? tr("Choose the reason for the revocation.")
                                             : QString());
    showMessage(m_dateProblem,
                problem == Problem::FutureDate ? tr("The date cannot be in the future.")
                                               : QString());
    showMessage(m_textProblem,
                problem == Problem::TextMissing
                    ? tr("Explain the reason: it is required for \"%1\".")
                          .arg(kiosk()->reasonLabel(RevocationReason::Other))
                    : QString());
}

void KioskReasonPage::retranslate()
{
    KioskPage::retranslate();
    setHeading(tr("Why is the certificate to be revoked?"));
    m_reasonsLabel->setText(tr("Reason"));
    // A list takes no name from its label's buddy: given here, for screen readers.
    m_reasons->setAccessibleName(m_reasonsLabel->text());
    for (int row = 0; row < m_reasons->count(); ++row) {
        QListWidgetItem *item = m_reasons->item(row);
        item->setText(
            kiosk()->reasonLabel(static_cast<RevocationReason>(item->data(ReasonRole).toInt())));
    }
    m_dateLabel->setText(tr("Since when"));
    m_date->setAccessibleName(m_dateLabel->text());
    m_date->setToolTip(tr("The day the reason took effect, e.g. the day of retirement."));
    m_text->setPlaceholderText(tr("e.g. the laptop with the certificate was stolen"));
    reasonChanged();
    setProblem(m_problem);
}

} // namespace rd
