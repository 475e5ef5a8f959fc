#include "RequestDetailsDialog.h"

#include "PaperPreviewDialog.h"
#include "RequestQueueModel.h"
#include "core/AppSettings.h"
#include "core/OfficeCalendar.h"
#include "documents/PaperComposer.h"
#include "requests/RevocationRequestRepository.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace rd {

namespace {

QString orDash(const QString &text)
{
    return text.trimmed().isEmpty() ? QString(QChar(0x2014)) : text;
}

QTableWidget *makeTable(const QString &objectName, const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(objectName);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setTabKeyNavigation(false);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

QTableWidgetItem *item(const QString &text, Qt::Alignment alignment = Qt::AlignLeft)
{
    auto *cell = new QTableWidgetItem(text);
    cell->setToolTip(text);
    cell->setTextAlignment(alignment | Qt::AlignVCenter);
    return cell;
}

QString stateLabel(const QString &key)
{
    const auto state = RequestStates::fromKey(key);
    return state ? RequestStates::label(*state) : key;
}

} // namespace

RequestDetailsDialog::RequestDetailsDialog(DatabasePtr database, const QTimeZone &officeZone,
                                           QWidget *parent)
    : QDialog(parent)
    , m_database(std::move(database))
    , m_officeZone(officeZone.isValid() ? officeZone : OfficeCalendar::defaultZone())
{
    setObjectName(QStringLiteral("requestDetails"));
    setWindowTitle(tr("Request details"));

    auto *layout = new QVBoxLayout(this);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("detailsTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    layout->addWidget(m_title);

    m_subtitle = new QLabel(this);
    m_subtitle->setObjectName(QStringLiteral("detailsSubtitle"));
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setWordWrap(true);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_subtitle);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailsTabs"));
    layout->addWidget(m_tabs, 1);

    // The request as filed, in a scroll area so that large fonts never cut a field off.
    auto *scroll = new QScrollArea(m_tabs);
    scroll->setObjectName(QStringLiteral("requestPage"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *formPage = new QWidget(scroll);
    m_form = new QFormLayout(formPage);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_agendaNumber = addField(tr("Agenda number:"), QStringLiteral("agendaNumberValue"));
    m_state = addField(tr("State:"), QStringLiteral("stateValue"));
    m_holder = addField(tr("Holder:"), QStringLiteral("holderValue"));
    m_nik = addField(tr("NIK:"), QStringLiteral("nikValue"));
    m_unit = addField(tr("Unit:"), QStringLiteral("unitValue"));
    m_certificate = addField(tr("Certificate serial:"), QStringLiteral("certificateValue"));
    m_reason = addField(tr("Reason:"), QStringLiteral("reasonValue"));
    m_reasonText = addField(tr("In the applicant's words:"), QStringLiteral("reasonTextValue"));
    m_effectiveDate = addField(tr("Effective date:"), QStringLiteral("effectiveDateValue"));
    m_filedBy = addField(tr("Filed by:"), QStringLiteral("filedByValue"));
    m_channel = addField(tr("Channel:"), QStringLiteral("channelValue"));
    m_applicantEmail = addField(tr("Applicant's e-mail:"), QStringLiteral("applicantEmailValue"));
    m_applicantLanguage
        = addField(tr("Applicant's language:"), QStringLiteral("applicantLanguageValue"));
    m_amsReference = addField(tr("AMS reference:"), QStringLiteral("amsReferenceValue"));
    m_operator = addField(tr("Operator:"), QStringLiteral("operatorValue"));
    m_closingReason = addField(tr("Reason for closing:"), QStringLiteral("closingReasonValue"));
    m_filedAt = addField(tr("Filed at:"), QStringLiteral("filedAtValue"));
    m_updatedAt = addField(tr("Last changed:"), QStringLiteral("updatedAtValue"));
    m_version = addField(tr("Version:"), QStringLiteral("versionValue"));
    scroll->setWidget(formPage);
    m_tabs->addTab(scroll, tr("&Request"));

    m_events = makeTable(QStringLiteral("eventsTable"),
                         {tr("Step"), tr("Action"), tr("State"), tr("By"), tr("Started"),
                          tr("Finished"), tr("Note")},
                         m_tabs);
    m_tabs->addTab(m_events, tr("SOP s&teps"));

    auto *timingsPage = new QWidget(m_tabs);
    timingsPage->setObjectName(QStringLiteral("timingsPage"));
    auto *timingsLayout = new QVBoxLayout(timingsPage);
    m_timings = makeTable(
        QStringLiteral("timingsTable"),
        {tr("Step"), tr("Activity"), tr("Standard (min)"), tr("Actual (min)"), tr("Result")},
        timingsPage);
    timingsLayout->addWidget(m_timings, 1);
    m_timingsSummary = new QLabel(timingsPage);
    m_timingsSummary->setObjectName(QStringLiteral("timingsSummary"));
    m_timingsSummary->setWordWrap(true);
    timingsLayout->addWidget(m_timingsSummary);
    m_tabs->addTab(timingsPage, tr("T&ime against standard"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("detailsButtons"));
    // Debian has no Indonesian Qt translation: our own text for Qt's button.
    buttons->button(QDialogButtonBox::Close)->setText(tr("&Close"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // The papers of the request, each through the print preview.
    auto *papers = new QPushButton(tr("&Papers"), buttons);
    papers->setObjectName(QStringLiteral("papersButton"));
    auto *menu = new QMenu(papers);
    menu->setObjectName(QStringLiteral("papersMenu"));
    for (PaperKind kind : PaperKinds::all()) {
        QAction *action = menu->addAction(PaperKinds::name(kind) + QStringLiteral("…"));
        action->setObjectName(QStringLiteral("paper-") + PaperKinds::key(kind));
        connect(action, &QAction::triggered, this, [this, kind]() {
            auto dialog = openPaper(kind);
            if (!dialog) {
                QMessageBox::information(this, PaperKinds::name(kind), dialog.error().message);
                return;
            }
            (*dialog)->setAttribute(Qt::WA_DeleteOnClose);
            (*dialog)->open();
        });
    }
    papers->setMenu(menu);
    buttons->addButton(papers, QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);

    resize(860, 600);
}

RequestDetailsDialog::~RequestDetailsDialog() = default;

QLabel *RequestDetailsDialog::addField(const QString &label, const QString &objectName)
{
    auto *value = new QLabel(m_form->parentWidget());
    value->setObjectName(objectName);
    value->setTextFormat(Qt::PlainText); // what people typed is never markup
    value->setWordWrap(true);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(label, value);
    return value;
}

QString RequestDetailsDialog::formatTime(const QDateTime &time) const
{
    if (!time.isValid())
        return {};
    return time.toTimeZone(m_officeZone).toString(QStringLiteral("dd-MM-yyyy HH:mm"));
}

Result<void> RequestDetailsDialog::load(qint64 requestId)
{
    const RevocationRequestRepository repository(m_database);
    auto record = repository.findById(requestId);
    if (!record)
        return errorOf(record);
    auto events = repository.events(requestId);
    if (!events)
        return errorOf(events);
    auto timings = repository.stepTimings(requestId);
    if (!timings)
        return errorOf(timings);
    m_requestId = requestId;
    showRecord(*record);
    showEvents(*events);
    showTimings(*timings);
    return {};
}

Result<QDialog *> RequestDetailsDialog::openPaper(PaperKind kind)
{
    auto content = PaperComposer(m_database).compose(kind, QStringLiteral("#%1").arg(m_requestId));
    if (!content)
        return errorOf(content);
    // In the applicant's language, whatever the operator's screen is in.
    AppSettings settings;
    auto renderer = PaperRenderer::forWorkstation(m_database, settings, m_paperLanguage);
    if (!renderer)
        return errorOf(renderer);
    return new PaperPreviewDialog(std::move(*renderer), std::move(*content), this);
}

void RequestDetailsDialog::showRecord(const RevocationRequestRecord &r)
{
    m_paperLanguage = r.applicantLanguage;
    const QString name
        = r.agendaNumber.isEmpty() ? QStringLiteral("#%1").arg(r.id) : r.agendaNumber;
    setWindowTitle(tr("Request %1").arg(name));
    m_title->setText(tr("%1 \u2014 %2").arg(name, RequestStates::label(r.state)));
    m_subtitle->setText(tr("%1, %2").arg(r.holderName, r.holderUnit));

    m_agendaNumber->setText(r.agendaNumber.isEmpty() ? tr("None yet (draft #%1)").arg(r.id)
                                                     : r.agendaNumber);
    m_state->setText(RequestStates::label(r.state));
    m_holder->setText(r.holderName);
    m_nik->setText(r.holderNik);
    m_unit->setText(orDash(r.holderUnit));
    m_certificate->setText(r.certificateSerial.isEmpty() ? tr("Not chosen yet")
                                                         : r.certificateSerial);
    m_reason->setText(RevocationReasons::label(r.reason));
    m_reason->setToolTip(RevocationReasons::explanation(r.reason));
    m_reasonText->setText(orDash(r.reasonText));
    m_effectiveDate->setText(r.effectiveDate.isValid()
                                 ? r.effectiveDate.toString(QStringLiteral("dd-MM-yyyy"))
                                 : tr("On revocation"));
    if (r.filedByKind == QLatin1String("official")) {
        QString official = r.officialName;
        if (!r.officialNip.isEmpty())
            official = tr("%1, NIP %2").arg(official, r.officialNip);
        if (!r.officialPosition.isEmpty())
            official = tr("%1, %2").arg(official, r.officialPosition);
        m_filedBy->setText(tr("%1 (on the holder's behalf)").arg(official));
    } else {
        m_filedBy->setText(tr("The holder"));
    }
    m_channel->setText(RequestQueueModel::channelLabel(r.channel));
    m_applicantEmail->setText(orDash(r.applicantEmail));
    m_applicantLanguage->setText(r.applicantLanguage == QLatin1String("en") ? tr("English")
                                                                            : tr("Indonesian"));
    m_amsReference->setText(orDash(r.amsReference));
    m_operator->setText(r.assignedOperator.isEmpty() ? tr("Not claimed") : r.assignedOperator);
    m_closingReason->setText(orDash(r.closingReason));
    m_filedAt->setText(orDash(formatTime(r.filedAt)));
    m_updatedAt->setText(orDash(formatTime(r.updatedAt)));
    m_version->setText(QString::number(r.version));
}

void RequestDetailsDialog::showEvents(const std::vector<RequestEvent> &events)
{
    m_events->setRowCount(int(events.size()));
    int row = 0;
    for (const RequestEvent &event : events) {
        const auto action = RequestStates::actionFromKey(event.action);
        const QString actionText = action             ? RequestStates::actionLabel(*action)
            : event.action == QLatin1String("create") ? tr("Created")
                                                      : event.action;
        const QString change = event.fromState.isEmpty()
            ? stateLabel(event.toState)
            : tr("%1 \u2192 %2").arg(stateLabel(event.fromState), stateLabel(event.toState));
        m_events->setItem(row, 0, item(QString::number(event.step), Qt::AlignRight));
        m_events->setItem(row, 1, item(actionText));
        m_events->setItem(row, 2, item(change));
        m_events->setItem(row, 3, item(event.actor));
        m_events->setItem(row, 4, item(formatTime(event.startedAt)));
        m_events->setItem(row, 5, item(formatTime(event.finishedAt)));
        m_events->setItem(row, 6, item(event.note));
        ++row;
    }
    m_events->resizeColumnsToContents();
}

void RequestDetailsDialog::showTimings(const std::vector<StepTiming> &timings)
{
    const QLocale locale;
    m_timings->setRowCount(int(timings.size()));
    int row = 0;
    double actualTotal = 0;
    int standardTotal = 0;
    for (const StepTiming &timing : timings) {
        QString result;
        bool over = false;
        if (!timing.recorded) {
            result = tr("Not recorded");
        } else {
            actualTotal += timing.actualMinutes;
            standardTotal += timing.standardMinutes;
            over = timing.actualMinutes > timing.standardMinutes;
            result = over
                ? tr("Over by %1 min")
                      .arg(locale.toString(timing.actualMinutes - timing.standardMinutes, 'f', 1))
                : tr("Within standard");
        }
        m_timings->setItem(row, 0, item(QString::number(timing.step), Qt::AlignRight));
        m_timings->setItem(row, 1, item(timing.activity));
        m_timings->setItem(row, 2, item(locale.toString(timing.standardMinutes), Qt::AlignRight));
        m_timings->setItem(row, 3,
                           item(timing.recorded ? locale.toString(timing.actualMinutes, 'f', 1)
                                                : QString(QChar(0x2014)),
                                Qt::AlignRight));
        QTableWidgetItem *resultItem = item(result);
        if (over) {
            QFont font = resultItem->font();
            font.setBold(true);
            resultItem->setFont(font);
            resultItem->setForeground(QColor(0xb0, 0x1c, 0x1c));
        }
        m_timings->setItem(row, 4, resultItem);
        ++row;
    }
    m_timings->resizeColumnsToContents();
    m_timingsSummary->setText(
        tr("The recorded steps took %1 min against a standard of %2 min.")
            .arg(locale.toString(actualTotal, 'f', 1), locale.toString(standardTotal)));
}

} // namespace rd
