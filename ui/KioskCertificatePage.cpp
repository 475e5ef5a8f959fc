#include "KioskCertificatePage.h"

#include "KioskWizard.h"
#include "kiosk/KioskAmsSession.h"
#include "register/CertificateRepository.h"
#include "requests/KioskFilings.h"

#include <QEvent>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

constexpr int ChoiceRole = Qt::UserRole + 1;
constexpr int NotListed = -1;

// "CN=BSrE Demo CA,O=...": the common name, as a person would say it.
QString commonName(const QString &dn)
{
    for (const QString &part : dn.split(u',')) {
        const QString trimmed = part.trimmed();
        if (trimmed.startsWith(QLatin1String("CN="), Qt::CaseInsensitive))
            return trimmed.mid(3);
    }
    return dn;
}

} // namespace

KioskCertificatePage::KioskCertificatePage(KioskWizard *kiosk)
    : KioskPage(kiosk, KioskWizard::CertificatePageId, 3, QStringLiteral("certificatePage"))
{
    m_intro = new QLabel(this);
    m_intro->setObjectName(QStringLiteral("certificateIntro"));
    m_intro->setTextFormat(Qt::PlainText);
    m_intro->setWordWrap(true);
    body()->addWidget(m_intro);
    body()->addSpacing(8);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("certificates"));
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setWordWrap(true);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_listLabel = createFieldLabel(m_list, QStringLiteral("certificatesLabel"), this);
    body()->addWidget(m_listLabel);
    body()->addWidget(m_list);
    m_status = createMessageLabel(QStringLiteral("certificateStatus"), MessageKind::Note, this);
    body()->addWidget(m_status);
    m_problem
        = createMessageLabel(QStringLiteral("certificateProblem"), MessageKind::Problem, this);
    body()->addWidget(m_problem);
    connect(m_list, &QListWidget::itemSelectionChanged, this, [this] {
        m_noChoice = false;
        showMessage(m_problem, {});
    });
}

KioskCertificatePage::~KioskCertificatePage() = default;

void KioskCertificatePage::initializePage()
{
    m_choices.clear();
    m_list->clear(); // a new list: the newest certificate is the first choice again
    m_loadProblem.clear();
    m_noChoice = false;
    KioskAmsSession *session = kiosk()->amsSession();
    m_fromAms = session && session->loggedIn() && kiosk()->needsAmsLogIn();
    if (m_fromAms)
        loadFromAms();
    else
        loadFromRegister();
}

void KioskCertificatePage::loadFromRegister()
{
    const Holder *holder = kiosk()->holder();
    if (!holder) {
        showChoices();
        return;
    }
    if (kiosk()->filesThroughFunctions()) {
        // The kiosk's database role reads only what the lookup function gives.
        auto found = KioskFilings(kiosk()->database()).lookUp(holder->nik, holder->email);
        if (found && *found) {
            for (const KioskHolder::Certificate &c : (*found)->certificates)
                m_choices.push_back({c.id, std::nullopt, c.serialHex, c.subjectDn, QString(),
                                     c.notBefore, c.notAfter});
        } else if (!found) {
            m_loadProblem = found.error().message;
        }
    } else {
        auto listed = CertificateRepository(kiosk()->database()).listForHolder(holder->id);
        if (listed) {
            for (const CertificateRecord &c : *listed) {
                if (c.status == QLatin1String("active"))
                    m_choices.push_back({c.id, std::nullopt, c.serialHex, c.subjectDn, c.issuerDn,
                                         c.notBefore, c.notAfter});
            }
            std::sort(m_choices.begin(), m_choices.end(),
                      [](const Choice &a, const Choice &b) { return a.notAfter > b.notAfter; });
        } else {
            m_loadProblem = listed.error().message;
        }
    }
    showChoices();
}

void KioskCertificatePage::loadFromAms()
{
    m_loading = true;
    emit completeChanged();
    showChoices();
    kiosk()->amsSession()->activeCertificates(
        kiosk()->nik(), {this, [this](Result<std::vector<AmsCertificate>> listed) {
                             m_loading = false;
                             if (listed) {
                                 for (const AmsCertificate &c : *listed)
                                     m_choices.push_back({std::nullopt, c, c.serialHex, c.subjectDn,
                                                          c.issuerDn, c.notBefore, c.notAfter});
                             } else {
                                 m_loadProblem = listed.error().message;
                             }
                             showChoices();
                             emit completeChanged();
                         }});
}

void KioskCertificatePage::showChoices()
{
    // A language switch rebuilds the list: the choice stays.
    const int previous
        = m_list->currentItem() ? m_list->currentItem()->data(ChoiceRole).toInt() : -2;
    m_list->clear();
    const QLocale locale = this->locale();
    for (std::size_t i = 0; i < m_choices.size(); ++i) {
        const Choice &c = m_choices[i];
        QString text = tr("%1's certificate, valid from %2 to %3")
                           .arg(commonName(c.subjectDn),
                                locale.toString(c.notBefore.date(), QStringLiteral("d MMMM yyyy")),
                                locale.toString(c.notAfter.date(), QStringLiteral("d MMMM yyyy")));
        if (!c.issuerDn.isEmpty())
            text += u'\n' + tr("Issued by %1").arg(commonName(c.issuerDn));
        text += u'\n' + tr("Serial number %1").arg(c.serialHex);
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(ChoiceRole, int(i));
        item->setToolTip(c.subjectDn);
    }
    if (!m_fromAms && !m_loading) {
        auto *item = new QListWidgetItem(
            tr("It is not listed, or I do not know which: the operator finds it"), m_list);
        item->setData(ChoiceRole, NotListed);
    }
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(ChoiceRole).toInt() == previous)
            m_list->setCurrentRow(row);
    }
    if (!m_list->currentItem() && m_list->count() > 0 && !m_loading)
        m_list->setCurrentRow(0);
    QString status;
    if (m_loading)
        status = tr("Asking AMS for your certificates…");
    else if (m_fromAms)
        status = m_choices.empty() ? QString() : tr("As AMS lists them, newest first.");
    else
        status = tr("As the office's register lists them.");
    showMessage(m_status, status);
    QString problem;
    if (!m_loadProblem.isEmpty())
        problem = tr("The certificates cannot be listed just now: %1").arg(m_loadProblem);
    else if (m_fromAms && !m_loading && m_choices.empty())
        problem = tr("AMS lists no active certificate of yours: there is nothing to revoke. Ask "
                     "the officer at the counter if you think this is wrong.");
    else if (m_noChoice)
        problem = tr("Choose the certificate to revoke.");
    showMessage(m_problem, problem);
}

bool KioskCertificatePage::isComplete() const
{
    return !m_loading;
}

bool KioskCertificatePage::validatePage()
{
    const auto selected = m_list->selectedItems();
    if (selected.isEmpty()) {
        m_noChoice = true;
        showChoices();
        return false;
    }
    const int index = selected.constFirst()->data(ChoiceRole).toInt();
    if (index == NotListed) {
        m_certificateId.reset();
        m_certificateSerial.clear();
        return true;
    }
    const Choice &choice = m_choices.at(std::size_t(index));
    if (choice.fromAms) {
        const Holder *holder = kiosk()->holder();
        auto id = kiosk()->filing().registerCertificate(kiosk()->actor(), holder ? holder->id : 0,
                                                        *choice.fromAms);
        if (!id) {
            showMessage(m_problem, id.error().message);
            return false;
        }
        m_certificateId = *id;
    } else {
        m_certificateId = choice.registerId;
    }
    m_certificateSerial = choice.serialHex;
    return true;
}

void KioskCertificatePage::changeEvent(QEvent *event)
{
    KioskPage::changeEvent(event);
    // A word-wrapped list does not grow with its rows: room for two certificates of three or
    // four lines each in the kiosk's font, whatever its size, and a scroll bar beyond.
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange)
        m_list->setMinimumHeight(m_list->fontMetrics().lineSpacing() * 10);
}

void KioskCertificatePage::retranslate()
{
    KioskPage::retranslate();
    setHeading(tr("Which certificate is to be revoked?"));
    m_intro->setText(tr("These are the holder's certificates that are still valid. Choose the "
                        "one to revoke."));
    m_listLabel->setText(tr("Certificates"));
    // A list takes no name from its label's buddy: given here, for screen readers.
    m_list->setAccessibleName(m_listLabel->text());
    showChoices();
}

} // namespace rd
