#include "documents/PaperRenderer.h"

#include "core/Clock.h"
#include "documents/QrCode.h"

#include <QBuffer>
#include <QFile>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QJsonArray>
#include <QPdfWriter>
#include <QSaveFile>

namespace rd {

namespace {

const QStringList fontFiles
    = {QStringLiteral("DejaVuSans.ttf"), QStringLiteral("DejaVuSans-Bold.ttf")};
const QString fontFolder = QStringLiteral("/usr/share/fonts/truetype/dejavu/");

// Tata Naskah Dinas: 2 cm at the top, right and bottom, 3 cm on the left for binding.
const QMarginsF officialMargins(30, 20, 20, 20);
constexpr double a4FooterMm = 24;

QJsonObject object(const QJsonObject &parent, const char *key)
{
    return parent.value(QLatin1String(key)).toObject();
}

QString text(const QJsonObject &parent, const char *key)
{
    return parent.value(QLatin1String(key)).toString();
}

QString orDash(const QString &value)
{
    return value.isEmpty() ? QStringLiteral("–") : value;
}

} // namespace

PaperRenderer::ReceiptPaper PaperRenderer::receiptPaperFromKey(const QString &key)
{
    return key == QLatin1String("roll80") ? ReceiptPaper::Roll80 : ReceiptPaper::A6;
}

Result<PaperRenderer> PaperRenderer::forWorkstation(const DatabasePtr &database,
                                                    AppSettings &settings,
                                                    const QString &applicantLanguage,
                                                    const QString &language)
{
    auto words = PaperLanguage::load(!language.isEmpty() ? language
                                         : applicantLanguage == QLatin1String("en")
                                         ? QStringLiteral("en")
                                         : QStringLiteral("id"));
    if (!words)
        return errorOf(words);
    auto letterhead = Letterhead::load(OfficeSettings(database));
    if (!letterhead)
        return errorOf(letterhead);
    return PaperRenderer(std::move(*letterhead), std::move(*words), settings.officeTimeZone(),
                         receiptPaperFromKey(settings.raw().value(receiptPaperKey()).toString()));
}

PaperRenderer::PaperRenderer(Letterhead letterhead, PaperLanguage language, QTimeZone officeZone,
                             ReceiptPaper receiptPaper)
    : m_letterhead(std::move(letterhead))
    , m_language(std::move(language))
    , m_zone(std::move(officeZone))
    , m_receiptPaper(receiptPaper)
{ }

Result<void> PaperRenderer::loadFonts()
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return fail(ErrorCode::Internal,
                    tr("Papers are drawn by a program with QtGui's fonts (a QGuiApplication)."));
    static const bool loaded = [] {
        for (const QString &file : fontFiles) {
            if (QFontDatabase::addApplicationFont(fontFolder + file) < 0)
                return false;
        }
        return true;
    }();
    if (!loaded)
        return fail(ErrorCode::Internal,
                    tr("The papers are printed in DejaVu Sans, which is not installed in %1 "
                       "(Debian's fonts-dejavu-core package).")
                        .arg(fontFolder));
    return {};
}

QString PaperRenderer::date(const QString &iso) const
{
    if (iso.size() == 10)
        return m_language.date(QDate::fromString(iso, Qt::ISODate));
    const QDateTime time = Clock::fromIsoUtc(iso);
    return time.isValid() ? m_language.date(time.toTimeZone(m_zone).date()) : QString();
}

QString PaperRenderer::dateTime(const QString &iso) const
{
    return m_language.dateTime(Clock::fromIsoUtc(iso), m_zone);
}

QString PaperRenderer::reason(const QJsonObject &request) const
{
    auto reason = RevocationReasons::fromKey(text(request, "reason"));
    return reason ? m_language.reason(*reason) : text(request, "reason");
}

QString PaperRenderer::filerName(const QJsonObject &data) const
{
    const QJsonObject request = object(data, "request");
    if (text(request, "filed_by") == QLatin1String("official"))
        return text(object(request, "official"), "name");
    return text(object(data, "holder"), "full_name");
}

PaperPage PaperRenderer::page(const PaperContent &content) const
{
    switch (content.kind) {
    case PaperKind::StatementLetter:
    case PaperKind::VerificationResult:
        return {QSizeF(210, 297), officialMargins, a4FooterMm};
    case PaperKind::Receipt:
        if (m_receiptPaper == ReceiptPaper::Roll80) {
            // As long as its content: measured on a throwaway writer of the same width.
            QBuffer sink;
            QPdfWriter writer(&sink);
            writer.setResolution(600);
            const PaperPage roll {QSizeF(80, 1000), QMarginsF(4, 4, 4, 4), 26};
            PaperLayout measure(writer, roll, {}, 1.0, true);
            drawReceipt(measure, content);
            const double contentMm = measure.height() * 25.4 / writer.logicalDpiY();
            return {QSizeF(80, contentMm + 4 + 4 + 26 + 2), roll.marginsMm, roll.footerMm};
        }
        return {QSizeF(105, 148), QMarginsF(8, 8, 8, 8), 22};
    case PaperKind::ControlCard:
        return {QSizeF(100, 150), QMarginsF(6, 6, 6, 6), 18};
    case PaperKind::DispositionSheet:
        return {QSizeF(215, 165), QMarginsF(12, 8, 10, 6), 18};
    }
    return {QSizeF(210, 297), officialMargins, a4FooterMm};
}

Result<void> PaperRenderer::render(const PaperContent &content, QPagedPaintDevice &device) const
{
    if (auto fonts = loadFonts(); !fonts)
        return fonts;
    const PaperPage sheet = page(content);
    auto footer = [this, &content](PaperLayout &layout, int pageIndex) {
        drawFooter(layout, content, pageIndex);
    };
    // A control card is one card: when its text is long it is set smaller, never cut.
    double scale = 1.0;
    if (content.kind == PaperKind::ControlCard) {
        for (; scale > 0.62; scale -= 0.06) {
            PaperLayout measure(device, sheet, {}, scale, true);
            drawControlCard(measure, content);
            const double available = measure.mm(sheet.sizeMm.height() - sheet.marginsMm.top()
                                                - sheet.marginsMm.bottom() - sheet.footerMm);
            if (measure.height() <= available)
                break;
        }
    }
    PaperLayout layout(device, sheet, footer, scale);
    if (!layout.begin())
        return fail(ErrorCode::Internal, tr("The paper could not be drawn on this device."));
    drawContent(layout, content);
    layout.finish();
    return {};
}

Result<QByteArray> PaperRenderer::pdf(const PaperContent &content) const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        writer.setResolution(600);
        writer.setCreator(QStringLiteral("Revocation Desk ")
                          + QStringLiteral(REVOCATION_DESK_VERSION));
        writer.setTitle(
            QStringLiteral("%1 %2").arg(PaperKinds::key(content.kind), content.agendaNumber));
        if (auto drawn = render(content, writer); !drawn)
            return errorOf(drawn);
    }
    return buffer.data();
}

Result<void> PaperRenderer::writePdf(const PaperContent &content, const QString &path) const
{
    auto bytes = pdf(content);
    if (!bytes)
        return errorOf(bytes);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(*bytes) != bytes->size() || !file.commit())
        return fail(ErrorCode::Io, tr("%1 could not be written: %2").arg(path, file.errorString()));
    return {};
}

void PaperRenderer::drawContent(PaperLayout &layout, const PaperContent &content) const
{
    switch (content.kind) {
    case PaperKind::StatementLetter:
        drawStatementLetter(layout, content);
        break;
    case PaperKind::Receipt:
        drawReceipt(layout, content);
        break;
    case PaperKind::VerificationResult:
        drawVerificationResult(layout, content);
        break;
    case PaperKind::ControlCard:
        for (int copy = 0; copy < 3; ++copy) {
            if (copy > 0)
                layout.newPage();
            drawControlCard(layout, content);
        }
        break;
    case PaperKind::DispositionSheet:
        drawDispositionSheet(layout, content);
        break;
    }
}

void PaperRenderer::drawFooter(PaperLayout &layout, const PaperContent &content,
                               int pageIndex) const
{
    const QRectF band = layout.footer();
    const double side = std::min(band.height(), layout.mm(26));
    const QRectF square(band.right() - side, band.bottom() - side, side, side);
    if (auto code = QrCode::encode(content.qrText().toUtf8()))
        code->paint(layout.painter(), square);
    const QRectF words(band.left(), band.top() + layout.mm(2),
                       square.left() - band.left() - layout.mm(2), band.height() - layout.mm(2));
    QStringList lines {
        t(QT_TRANSLATE_NOOP("rd::Paper", "Agenda number %1")).arg(content.agendaNumber),
        t(QT_TRANSLATE_NOOP("rd::Paper", "Verification code %1")).arg(content.shortCode()),
        t(QT_TRANSLATE_NOOP("rd::Paper", "Check: revocation-desk-cli report check %1 CODE"))
            .arg(content.agendaNumber),
        t(QT_TRANSLATE_NOOP("rd::Paper", "Page %1")).arg(pageIndex + 1)};
    layout.textIn(words, lines.join(u'\n'), layout.font(6.5), Qt::AlignLeft | Qt::AlignBottom);
}

void PaperRenderer::drawLetterhead(PaperLayout &layout, bool compact) const
{
    const QRectF area = layout.body();
    const double emblemMm = compact ? 16 : 22;
    const double top = layout.y();
    double emblemRight = area.left();
    if (!m_letterhead.emblem.isNull()) {
        const QSizeF size
            = QSizeF(m_letterhead.emblem.size())
                  .scaled(QSizeF(layout.mm(emblemMm), layout.mm(emblemMm)), Qt::KeepAspectRatio);
        if (!layout.measuring())
            layout.painter().drawImage(QRectF(QPointF(area.left(), top), size),
                                       m_letterhead.emblem);
        emblemRight = area.left() + size.width();
    }
    // The lines are centred on the page, clear of the emblem on both sides.
    const double inset = emblemRight - area.left() + layout.mm(2);
    const QRectF lines = area.adjusted(inset, 0, -inset, 0);
    double y = top;
    auto centred = [&](const QString &text, const QFont &font) {
        if (text.isEmpty())
            return;
        const double height = layout.textHeight(text, font, lines.width());
        layout.textIn(QRectF(lines.left(), y, lines.width(), height), text, font, Qt::AlignHCenter);
        y += height;
    };
    centred(m_letterhead.government.toUpper(), layout.font(compact ? 11 : 13, true));
    centred(m_letterhead.office.toUpper(), layout.font(compact ? 12 : 15, true));
    centred(m_letterhead.address, layout.font(compact ? 7.5 : 8.5));
    QStringList contact;
    if (!m_letterhead.phone.isEmpty())
        contact << t(QT_TRANSLATE_NOOP("rd::Paper", "Telephone %1")).arg(m_letterhead.phone);
    if (!m_letterhead.web.isEmpty())
        contact << m_letterhead.web;
    if (!m_letterhead.email.isEmpty())
        contact << t(QT_TRANSLATE_NOOP("rd::Paper", "E-mail %1")).arg(m_letterhead.email);
    centred(contact.join(QStringLiteral("  ·  ")), layout.font(compact ? 7.5 : 8.5));
    const double bottom
        = std::max(y, top + (m_letterhead.emblem.isNull() ? 0 : layout.mm(emblemMm)))
        + layout.mm(1.5);
    // The kop's double rule: thick over thin.
    layout.line(area.left(), area.right(), bottom, 2.2);
    layout.line(area.left(), area.right(), bottom + layout.mm(1.1), 0.6);
    layout.moveTo(bottom + layout.mm(compact ? 3 : 6));
}

void PaperRenderer::drawSignature(PaperLayout &layout, double leftShare, const QStringList &above,
                                  const QString &name, const QString &nip) const
{
    const QRectF area = layout.body();
    const double left = area.left() + area.width() * leftShare;
    const double width = area.width() * 0.45;
    const QFont font = layout.font(10);
    double y = layout.y();
    for (const QString &line : above) {
        const double height = layout.textHeight(line, font, width);
        layout.textIn(QRectF(left, y, width, height), line, font);
        y += height;
    }
    y += layout.mm(18); // room to sign (and for the stamp)
    const QString shownName = name.isEmpty() ? QStringLiteral("(……………………………………)") : name;
    QFont underlined = layout.font(10, true);
    underlined.setUnderline(!name.isEmpty());
    const double nameHeight = layout.textHeight(shownName, underlined, width);
    layout.textIn(QRectF(left, y, width, nameHeight), shownName, underlined);
    y += nameHeight;
    const QString nipLine
        = QStringLiteral("NIP. ") + (nip.isEmpty() ? QStringLiteral("……………………………") : nip);
    layout.textIn(QRectF(left, y, width, layout.textHeight(nipLine, font, width)), nipLine, font);
}

void PaperRenderer::drawStatementLetter(PaperLayout &layout, const PaperContent &content) const
{
    const QJsonObject &data = content.data;
    const QJsonObject request = object(data, "request");
    const QJsonObject holder = object(data, "holder");
    const QJsonObject certificate = object(data, "certificate");
    const bool onBehalf = text(request, "filed_by") == QLatin1String("official");
    const QFont body = layout.font(10);
    const QString placeAndDate = m_letterhead.place.isEmpty()
        ? date(text(request, "filed_at"))
        : QStringLiteral("%1, %2").arg(m_letterhead.place, date(text(request, "filed_at")));

    drawLetterhead(layout, false);
    layout.paragraph(placeAndDate, body, Qt::AlignRight);
    layout.skip(2);
    auto reasonKey = RevocationReasons::fromKey(text(request, "reason"));
    QString enclosure = QStringLiteral("–");
    if (onBehalf && reasonKey) {
        switch (*reasonKey) {
        case RevocationReason::Deceased:
            enclosure = t(QT_TRANSLATE_NOOP("rd::Paper", "the death certificate"));
            break;
        case RevocationReason::Retired:
            enclosure = t(QT_TRANSLATE_NOOP("rd::Paper", "the pension decree"));
            break;
        case RevocationReason::Dismissed:
            enclosure = t(QT_TRANSLATE_NOOP("rd::Paper", "the dismissal decree"));
            break;
        case RevocationReason::Transferred:
            enclosure = t(QT_TRANSLATE_NOOP("rd::Paper", "the transfer decree"));
            break;
        default:
            enclosure = t(QT_TRANSLATE_NOOP("rd::Paper", "the supporting decree"));
        }
    }
    const QString number = content.agendaNumber.isEmpty()
        ? t(QT_TRANSLATE_NOOP("rd::Paper", "(given when the request is filed)"))
        : content.agendaNumber;
    layout.fields({{t(QT_TRANSLATE_NOOP("rd::Paper", "Number")), number},
                   {t(QT_TRANSLATE_NOOP("rd::Paper", "Enclosure")), enclosure},
                   {t(QT_TRANSLATE_NOOP("rd::Paper", "Subject")),
                    t(QT_TRANSLATE_NOOP("rd::Paper",
                                        "Request for Revocation of an Electronic Certificate"))}},
                  body, 25);
    if (const QString resume = content.resumeCode(); !resume.isEmpty()) {
        layout.skip(2);
        layout.paragraph(
            t(QT_TRANSLATE_NOOP("rd::Paper",
                                "Resume code %1: bring this letter, signed, back to the kiosk or "
                                "the counter, and give this code to file the request."))
                .arg(resume),
            layout.font(10, true));
    }
    layout.skip(4);
    const QString head = m_letterhead.head.isEmpty()
        ? t(QT_TRANSLATE_NOOP("rd::Paper", "the Head of the Office"))
        : m_letterhead.head;
    layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper", "To: %1")).arg(head), body);
    layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper", "as Registration Authority (RA)")), body);
    if (!m_letterhead.place.isEmpty())
        layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper", "in %1")).arg(m_letterhead.place), body);
    layout.skip(4);
    layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper", "I, the undersigned:")), body);
    layout.skip(1);
    const QJsonObject official = object(request, "official");
    const std::vector<std::pair<QString, QString>> holderRows {
        {t(QT_TRANSLATE_NOOP("rd::Paper", "Name")), text(holder, "name")},
        {QStringLiteral("NIK"), text(holder, "nik")},
        {QStringLiteral("NIP"), orDash(text(holder, "nip"))},
        {t(QT_TRANSLATE_NOOP("rd::Paper", "Position")), orDash(text(holder, "position"))},
        {t(QT_TRANSLATE_NOOP("rd::Paper", "Unit")), orDash(text(holder, "unit"))},
        {t(QT_TRANSLATE_NOOP("rd::Paper", "Official e-mail")), orDash(text(holder, "email"))}};
    if (onBehalf) {
        layout.fields(
            {{t(QT_TRANSLATE_NOOP("rd::Paper", "Name")), text(official, "name")},
             {QStringLiteral("NIP"), orDash(text(official, "nip"))},
             {t(QT_TRANSLATE_NOOP("rd::Paper", "Position")), orDash(text(official, "position"))},
             {t(QT_TRANSLATE_NOOP("rd::Paper", "Relationship to the holder")),
              orDash(text(official, "relationship"))}},
            body, 45, 5);
        layout.skip(1);
        layout.paragraph(
            t(QT_TRANSLATE_NOOP("rd::Paper", "acting for the holder of the certificate:")), body);
        layout.skip(1);
    }
    layout.fields(holderRows, body, 45, 5);
    layout.skip(2);
    layout.paragraph(
        t(QT_TRANSLATE_NOOP("rd::Paper", "request the revocation of this electronic certificate:")),
        body);
    layout.skip(1);
    const QString validity = certificate.isEmpty()
        ? QStringLiteral("–")
        : t(QT_TRANSLATE_NOOP("rd::Paper", "%1 to %2"))
              .arg(date(text(certificate, "not_before")), date(text(certificate, "not_after")));
    std::vector<std::pair<QString, QString>> certificateRows {
        {t(QT_TRANSLATE_NOOP("rd::Paper", "Serial number")), orDash(text(certificate, "serial"))},
        {t(QT_TRANSLATE_NOOP("rd::Paper", "Valid")), validity},
        {t(QT_TRANSLATE_NOOP("rd::Paper", "AMS username")), orDash(text(holder, "ams_username"))},
        {t(QT_TRANSLATE_NOOP("rd::Paper", "Reason")), reason(request)},
        {t(QT_TRANSLATE_NOOP("rd::Paper", "In effect since")),
         date(text(request, "effective_date"))}};
    if (!text(request, "reason_text").isEmpty())
        certificateRows.push_back(
            {t(QT_TRANSLATE_NOOP("rd::Paper", "Explanation")), text(request, "reason_text")});
    layout.fields(certificateRows, body, 45, 5);
    layout.skip(3);
    if (onBehalf)
        layout.paragraph(
            t(QT_TRANSLATE_NOOP("rd::Paper",
                                "Since that date the holder no longer uses this certificate. "
                                "As evidence, %1 is attached."))
                .arg(enclosure),
            body, Qt::AlignJustify);
    else
        layout.paragraph(
            t(QT_TRANSLATE_NOOP("rd::Paper",
                                "Since that date I no longer use this certificate and I agree to "
                                "its revocation. I understand that a document signed with it "
                                "after the revocation is not valid.")),
            body, Qt::AlignJustify);
    layout.skip(2);
    layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper",
                                         "I make this statement truthfully, to be used as "
                                         "required.")),
                     body, Qt::AlignJustify);
    layout.skip(6);
    layout.ensureRoom(layout.mm(40));
    const double signatureTop = layout.y();
    drawSignature(layout, 0,
                  {t(QT_TRANSLATE_NOOP("rd::Paper", "Acknowledged by,")),
                   t(QT_TRANSLATE_NOOP("rd::Paper", "the holder's superior"))},
                  QString(), QString());
    layout.moveTo(signatureTop);
    drawSignature(layout, 0.55,
                  {placeAndDate,
                   onBehalf ? t(QT_TRANSLATE_NOOP("rd::Paper", "The official filing,"))
                            : t(QT_TRANSLATE_NOOP("rd::Paper", "The applicant,"))},
                  onBehalf ? text(official, "name") : text(holder, "name"),
                  onBehalf ? text(official, "nip") : text(holder, "nip"));
}

void PaperRenderer::drawReceipt(PaperLayout &layout, const PaperContent &content) const
{
    const QJsonObject &data = content.data;
    const QJsonObject request = object(data, "request");
    const bool roll = m_receiptPaper == ReceiptPaper::Roll80;
    const QFont small = layout.font(roll ? 7.5 : 7.5);
    const QFont body = layout.font(roll ? 8.5 : 8.5);
    layout.paragraph(m_letterhead.government.toUpper(), small, Qt::AlignHCenter);
    layout.paragraph(m_letterhead.office.toUpper(), layout.font(8.5, true), Qt::AlignHCenter);
    layout.skip(1.5);
    layout.line(layout.body().left(), layout.body().right(), layout.y(), 0.8);
    layout.skip(2);
    layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper", "RECEIPT")), layout.font(11, true),
                     Qt::AlignHCenter);
    layout.paragraph(
        t(QT_TRANSLATE_NOOP("rd::Paper", "Request for revocation of an electronic certificate")),
        small, Qt::AlignHCenter);
    layout.skip(2);
    layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper", "Agenda number")), small, Qt::AlignHCenter);
    layout.paragraph(content.agendaNumber, layout.font(13, true), Qt::AlignHCenter);
    layout.skip(2);
    std::vector<std::pair<QString, QString>> rows {
        {t(QT_TRANSLATE_NOOP("rd::Paper", "Holder")), text(object(data, "holder"), "full_name")},
        {t(QT_TRANSLATE_NOOP("rd::Paper", "Certificate")),
         orDash(text(object(data, "certificate"), "serial"))},
        {t(QT_TRANSLATE_NOOP("rd::Paper", "Reason")), reason(request)},
        {t(QT_TRANSLATE_NOOP("rd::Paper", "In effect since")),
         date(text(request, "effective_date"))},
        {t(QT_TRANSLATE_NOOP("rd::Paper", "Filed")), dateTime(text(request, "filed_at"))}};
    if (text(request, "filed_by") == QLatin1String("official"))
        rows.insert(rows.begin() + 1,
                    {t(QT_TRANSLATE_NOOP("rd::Paper", "Filed by")),
                     text(object(request, "official"), "name")});
    layout.fields(rows, body, roll ? 20 : 22);
    layout.skip(2);
    layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper", "What happens next")),
                     layout.font(8.5, true));
    layout.paragraph(
        t(QT_TRANSLATE_NOOP("rd::Paper",
                            "An operator checks your data and documents, matches the certificate "
                            "to the holder and has BSrE revoke it. When the revocation has taken "
                            "effect, an e-mail goes to %1."))
            .arg(orDash(text(request, "applicant_email"))),
        body, Qt::AlignJustify);
    layout.skip(1);
    layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper",
                                         "Keep this receipt and give the agenda number with any "
                                         "question about the request.")),
                     small, Qt::AlignJustify);
}

void PaperRenderer::drawVerificationResult(PaperLayout &layout, const PaperContent &content) const
{
    const QJsonObject &data = content.data;
    const QJsonObject holder = object(data, "holder");
    const QFont body = layout.font(10);
    const QFont cell = layout.font(8.5);
    const QString language = m_language.code();
    auto checkedBy = [&](const QJsonObject &report) {
        layout.paragraph(
            t(QT_TRANSLATE_NOOP("rd::Paper", "Checked by %1 on %2."))
                .arg(text(report, "recorded_by_name"), dateTime(text(report, "recorded_at"))),
            cell);
    };
    drawLetterhead(layout, false);
    layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper", "DATA VERIFICATION RESULT")),
                     layout.font(12, true), Qt::AlignHCenter);
    layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper",
                                         "Request for revocation of an electronic certificate, "
                                         "agenda number %1"))
                         .arg(content.agendaNumber),
                     body, Qt::AlignHCenter);
    layout.skip(5);
    layout.fields({{t(QT_TRANSLATE_NOOP("rd::Paper", "Holder")), text(holder, "full_name")},
                   {QStringLiteral("NIK"), text(holder, "nik")},
                   {QStringLiteral("NIP"), orDash(text(holder, "nip"))},
                   {t(QT_TRANSLATE_NOOP("rd::Paper", "Unit")), orDash(text(holder, "unit"))},
                   {t(QT_TRANSLATE_NOOP("rd::Paper", "Certificate")),
                    orDash(text(object(data, "certificate"), "serial"))}},
                  body, 32);
    layout.skip(5);

    const QJsonObject checklist = object(data, "data_checklist");
    layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper", "1. Data and documents (SOP step 6)")),
                     layout.font(10, true));
    layout.skip(1.5);
    if (checklist.isEmpty()) {
        layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper", "Not checked yet.")), body);
    } else {
        std::vector<QStringList> rows;
        int number = 0;
        for (const QJsonValue &value : checklist.value(QLatin1String("items")).toArray()) {
            const QJsonObject item = value.toObject();
            rows.push_back({QString::number(++number),
                            text(item, language == QLatin1String("en") ? "label_en" : "label_id"),
                            item.value(QLatin1String("passed")).toBool()
                                ? t(QT_TRANSLATE_NOOP("rd::Paper", "In order"))
                                : t(QT_TRANSLATE_NOOP("rd::Paper", "Not in order")),
                            text(item, "note")});
        }
        layout.table({0.07, 0.48, 0.17, 0.28},
                     {t(QT_TRANSLATE_NOOP("rd::Paper", "No.")),
                      t(QT_TRANSLATE_NOOP("rd::Paper", "Checked")),
                      t(QT_TRANSLATE_NOOP("rd::Paper", "Result")),
                      t(QT_TRANSLATE_NOOP("rd::Paper", "Note"))},
                     rows, cell);
        layout.skip(1.5);
        checkedBy(checklist);
    }
    layout.skip(5);

    const QJsonObject match = object(data, "dn_match");
    layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper",
                                         "2. The certificate's subject against the register "
                                         "(SOP step 7)")),
                     layout.font(10, true));
    layout.skip(1.5);
    if (match.isEmpty()) {
        layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper", "Not checked yet.")), body);
    } else {
        auto resultText = [this](const QString &result) {
            if (result == QLatin1String("match"))
                return t(QT_TRANSLATE_NOOP("rd::Paper", "matches"));
            if (result == QLatin1String("mismatch"))
                return t(QT_TRANSLATE_NOOP("rd::Paper", "does not match"));
            if (result == QLatin1String("missing"))
                return t(QT_TRANSLATE_NOOP("rd::Paper", "missing"));
            if (result == QLatin1String("needs_review"))
                return t(QT_TRANSLATE_NOOP("rd::Paper", "needs review"));
            return t(QT_TRANSLATE_NOOP("rd::Paper", "not compared"));
        };
        layout.paragraph(
            t(QT_TRANSLATE_NOOP("rd::Paper", "Certificate examined: serial number %1."))
                .arg(orDash(text(match, "serial_hex"))),
            body);
        layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper", "Verdict: %1."))
                             .arg(resultText(text(match, "verdict"))),
                         body);
        layout.skip(1.5);
        std::vector<QStringList> rows;
        for (const QJsonValue &value : match.value(QLatin1String("attributes")).toArray()) {
            const QJsonObject attribute = value.toObject();
            rows.push_back(
                {text(attribute, "attribute"), text(attribute, "certificate_value"),
                 text(attribute, "expected_value"), resultText(text(attribute, "result")),
                 text(object(attribute, "note"), language == QLatin1String("en") ? "en" : "id")});
        }
        layout.table({0.15, 0.24, 0.24, 0.17, 0.20},
                     {t(QT_TRANSLATE_NOOP("rd::Paper", "Attribute")),
                      t(QT_TRANSLATE_NOOP("rd::Paper", "In the certificate")),
                      t(QT_TRANSLATE_NOOP("rd::Paper", "In the register")),
                      t(QT_TRANSLATE_NOOP("rd::Paper", "Result")),
                      t(QT_TRANSLATE_NOOP("rd::Paper", "Note"))},
                     rows, cell);
        for (const QJsonValue &value : match.value(QLatin1String("reasons")).toArray())
            layout.paragraph(
                QStringLiteral("• ")
                    + text(value.toObject(), language == QLatin1String("en") ? "en" : "id"),
                cell);
        layout.skip(1.5);
        checkedBy(match);
    }
    layout.skip(8);
    layout.ensureRoom(layout.mm(40));
    const QJsonObject last = match.isEmpty() ? checklist : match;
    drawSignature(
        layout, 0.55,
        {date(text(last, "recorded_at")), t(QT_TRANSLATE_NOOP("rd::Paper", "The operator,"))},
        text(last, "recorded_by_name"), QString());
}

void PaperRenderer::boxRow(PaperLayout &layout, const std::vector<Cell> &cells, double minimumMm,
                           bool fillRest) const
{
    const QRectF area = layout.body();
    const QFont labelFont = layout.font(6.5, true);
    const QFont valueFont = layout.font(8);
    const double padding = layout.mm(1.2);
    double height = layout.mm(minimumMm);
    for (const Cell &cell : cells) {
        const double width = area.width() * cell.share - 2 * padding;
        height = std::max(height,
                          layout.textHeight(cell.label, labelFont, width)
                              + layout.textHeight(cell.value, valueFont, width) + 2 * padding
                              + layout.mm(0.5));
    }
    layout.ensureRoom(height);
    if (fillRest && !layout.measuring())
        height = std::max(height, layout.body().bottom() - layout.y());
    double x = area.left();
    for (const Cell &cell : cells) {
        const QRectF box(x, layout.y(), area.width() * cell.share, height);
        layout.box(box);
        const QRectF inner = box.adjusted(padding, padding, -padding, -padding);
        const double labelHeight = layout.textHeight(cell.label, labelFont, inner.width());
        layout.textIn(inner, cell.label, labelFont);
        layout.textIn(inner.adjusted(0, labelHeight + layout.mm(0.5), 0, 0), cell.value, valueFont);
        x += box.width();
    }
    layout.moveTo(layout.y() + height);
}

void PaperRenderer::drawControlCard(PaperLayout &layout, const PaperContent &content) const
{
    const QJsonObject &data = content.data;
    const QJsonObject request = object(data, "request");
    const QJsonObject holder = object(data, "holder");
    static const char *const copies[] = {
        QT_TRANSLATE_NOOP("rd::Paper", "Copy %1 of 3: archive"),
        QT_TRANSLATE_NOOP("rd::Paper", "Copy %1 of 3: processor"),
        QT_TRANSLATE_NOOP("rd::Paper", "Copy %1 of 3: control"),
    };
    const int copy = layout.pageIndex() % 3;
    layout.paragraph(m_letterhead.office.toUpper(), layout.font(6.5), Qt::AlignHCenter);
    layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper", "CONTROL CARD")), layout.font(10, true),
                     Qt::AlignHCenter);
    layout.paragraph(t(copies[copy]).arg(copy + 1), layout.font(7), Qt::AlignHCenter);
    layout.skip(1.5);
    QStringList attachments;
    for (const QJsonValue &value : data.value(QLatin1String("attachments")).toArray())
        attachments << text(value.toObject(), "file_name");
    const QString filed = date(text(request, "filed_at"));
    const QString summary
        = t(QT_TRANSLATE_NOOP("rd::Paper",
                              "Request to revoke the electronic certificate of %1 (%2), reason: "
                              "%3, in effect since %4."))
              .arg(text(holder, "full_name"), orDash(text(holder, "unit")), reason(request),
                   date(text(request, "effective_date")));
    boxRow(layout,
           {{t(QT_TRANSLATE_NOOP("rd::Paper", "Index")),
             t(QT_TRANSLATE_NOOP("rd::Paper", "Electronic certificate")), 0.4},
            {t(QT_TRANSLATE_NOOP("rd::Paper", "Code")), m_letterhead.classificationCode, 0.2},
            {t(QT_TRANSLATE_NOOP("rd::Paper", "Serial no.")), content.agendaNumber, 0.4}},
           9);
    boxRow(layout,
           {{t(QT_TRANSLATE_NOOP("rd::Paper", "Date")), filed, 0.6},
            {t(QT_TRANSLATE_NOOP("rd::Paper", "In/Out")), t(QT_TRANSLATE_NOOP("rd::Paper", "In")),
             0.4}},
           8);
    boxRow(layout, {{t(QT_TRANSLATE_NOOP("rd::Paper", "Summary")), summary, 1}}, 16);
    boxRow(
        layout,
        {{t(QT_TRANSLATE_NOOP("rd::Paper", "Enclosures")),
          attachments.isEmpty() ? QStringLiteral("–") : attachments.join(QStringLiteral(", ")), 1}},
        8);
    boxRow(layout,
           {{t(QT_TRANSLATE_NOOP("rd::Paper", "Letter date / number")),
             QStringLiteral("%1 / %2").arg(filed, content.agendaNumber), 1}},
           8);
    boxRow(layout,
           {{t(QT_TRANSLATE_NOOP("rd::Paper", "From")), filerName(data), 0.5},
            {t(QT_TRANSLATE_NOOP("rd::Paper", "To")),
             m_letterhead.head.isEmpty() ? m_letterhead.office : m_letterhead.head, 0.5}},
           10);
    boxRow(layout,
           {{t(QT_TRANSLATE_NOOP("rd::Paper", "Processor")), text(data, "processor"), 0.6},
            {t(QT_TRANSLATE_NOOP("rd::Paper", "Initials")), QString(), 0.4}},
           10);
    boxRow(layout, {{t(QT_TRANSLATE_NOOP("rd::Paper", "Notes")), QString(), 1}}, 14, true);
}

void PaperRenderer::drawDispositionSheet(PaperLayout &layout, const PaperContent &content) const
{
    const QJsonObject &data = content.data;
    const QJsonObject request = object(data, "request");
    const QJsonObject holder = object(data, "holder");
    const QString box = QStringLiteral("☐ ");
    drawLetterhead(layout, true);
    layout.paragraph(t(QT_TRANSLATE_NOOP("rd::Paper", "DISPOSITION SHEET")), layout.font(11, true),
                     Qt::AlignHCenter);
    layout.skip(2);
    const QString filed = date(text(request, "filed_at"));
    boxRow(layout,
           {{t(QT_TRANSLATE_NOOP("rd::Paper", "Letter from")), filerName(data), 0.5},
            {t(QT_TRANSLATE_NOOP("rd::Paper", "Received on")), filed, 0.5}},
           8);
    boxRow(layout,
           {{t(QT_TRANSLATE_NOOP("rd::Paper", "Letter number / date")),
             QStringLiteral("%1 / %2").arg(content.agendaNumber, filed), 0.5},
            {t(QT_TRANSLATE_NOOP("rd::Paper", "Agenda number")), content.agendaNumber, 0.5}},
           8);
    const QString urgency = box + t(QT_TRANSLATE_NOOP("rd::Paper", "Very urgent"))
        + QStringLiteral("   ") + box + t(QT_TRANSLATE_NOOP("rd::Paper", "Urgent"))
        + QStringLiteral("   ") + box + t(QT_TRANSLATE_NOOP("rd::Paper", "Ordinary"));
    const QString secrecy = box + t(QT_TRANSLATE_NOOP("rd::Paper", "Confidential"))
        + QStringLiteral("   ") + box + t(QT_TRANSLATE_NOOP("rd::Paper", "Ordinary"));
    boxRow(layout,
           {{t(QT_TRANSLATE_NOOP("rd::Paper", "Urgency")), urgency, 0.6},
            {t(QT_TRANSLATE_NOOP("rd::Paper", "Confidentiality")), secrecy, 0.4}},
           8);
    boxRow(layout,
           {{t(QT_TRANSLATE_NOOP("rd::Paper", "Subject")),
             t(QT_TRANSLATE_NOOP("rd::Paper",
                                 "Request for revocation of the electronic certificate of %1, "
                                 "reason: %2"))
                 .arg(text(holder, "full_name"), reason(request)),
             1}},
           8);
    const QString forwarded = QStringLiteral("1. ………………………………\n2. ………………………………\n3. ………………………………");
    const QString instructions
        = QStringList {box + t(QT_TRANSLATE_NOOP("rd::Paper", "Comments and advice")),
                       box + t(QT_TRANSLATE_NOOP("rd::Paper", "Process further")),
                       box + t(QT_TRANSLATE_NOOP("rd::Paper", "Coordinate / confirm")),
                       box + QStringLiteral("………………………………")}
              .join(u'\n');
    boxRow(layout,
           {{t(QT_TRANSLATE_NOOP("rd::Paper", "Forwarded to")), forwarded, 0.5},
            {t(QT_TRANSLATE_NOOP("rd::Paper", "Instructions")), instructions, 0.5}},
           20);
    boxRow(layout,
           {{t(QT_TRANSLATE_NOOP("rd::Paper", "Notes")), QString(), 0.65},
            {t(QT_TRANSLATE_NOOP("rd::Paper", "Initials and date")), QString(), 0.35}},
           14, true);
}

} // namespace rd
