#include "documents/PaperContent.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace rd {

namespace {

const QString qrPrefix = QStringLiteral("RD1");
constexpr int shortDigits = 16;

// The same text typed or pasted in another normal form hashes alike.
QJsonValue normalized(const QJsonValue &value)
{
    if (value.isString())
        return value.toString().normalized(QString::NormalizationForm_C);
    if (value.isArray()) {
        QJsonArray array;
        for (const QJsonValue &item : value.toArray())
            array.append(normalized(item));
        return array;
    }
    if (value.isObject()) {
        QJsonObject object;
        const QJsonObject source = value.toObject();
        for (auto it = source.begin(); it != source.end(); ++it)
            object.insert(it.key().normalized(QString::NormalizationForm_C), normalized(*it));
        return object;
    }
    return value;
}

} // namespace

QByteArray PaperContent::canonicalForm() const
{
    // QJsonObject keeps its keys sorted, so Compact output is canonical for our data (strings,
    // booleans, arrays and objects; no floating-point numbers).
    const QJsonObject whole {{QStringLiteral("kind"), PaperKinds::key(kind)},
                             {QStringLiteral("agenda"), agendaNumber},
                             {QStringLiteral("data"), normalized(data)}};
    return QJsonDocument(whole).toJson(QJsonDocument::Compact);
}

QString PaperContent::sha256() const
{
    return QString::fromLatin1(
        QCryptographicHash::hash(canonicalForm(), QCryptographicHash::Sha256).toHex());
}

QString PaperContent::qrText() const
{
    QStringList fields {qrPrefix, agendaNumber, PaperKinds::key(kind), sha256()};
    // A draft's letter carries its resume code, so a scanner at the counter finds the draft.
    if (const QString resume = resumeCode(); !resume.isEmpty())
        fields << resume;
    return fields.join(u';');
}

QString PaperContent::resumeCode() const
{
    return data.value(QStringLiteral("resume_code")).toString();
}

QString PaperContent::shortCode() const
{
    const QString digits = sha256().left(shortDigits).toUpper();
    QStringList groups;
    for (int i = 0; i < digits.size(); i += 4)
        groups << digits.mid(i, 4);
    return groups.join(u'-');
}

std::optional<PaperContent::Code> PaperContent::parseCode(const QString &code)
{
    const QString trimmed = code.trimmed();
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{%1,64}$").arg(shortDigits));
    const QStringList parts = trimmed.split(u';');
    if ((parts.size() == 4 || parts.size() == 5) && parts.at(0) == qrPrefix) {
        auto kind = PaperKinds::fromKey(parts.at(2));
        const QString digest = parts.at(3).toLower();
        if (!kind || digest.size() != 64 || !hex.match(digest).hasMatch())
            return std::nullopt;
        return Code {parts.at(1), kind, digest, parts.value(4)};
    }
    QString digits = trimmed.toLower();
    digits.remove(u'-');
    digits.remove(u' ');
    if (!hex.match(digits).hasMatch())
        return std::nullopt;
    return Code {QString(), std::nullopt, digits, QString()};
}

} // namespace rd
