#include "kiosk/ResumeCode.h"

#include "documents/PaperContent.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace rd {

const QString &ResumeCode::alphabet()
{
    // 30 characters, none mistaken for another when read from paper: 30^8 is about 6.6e11.
    static const QString characters = QStringLiteral("23456789ABCDEFGHJKMNPQRSTVWXYZ");
    return characters;
}

QString ResumeCode::generate()
{
    QString code;
    code.reserve(Length);
    QRandomGenerator *random = QRandomGenerator::system();
    for (int i = 0; i < Length; ++i)
        code += alphabet().at(int(random->bounded(quint32(alphabet().size()))));
    return format(code);
}

std::optional<QString> ResumeCode::normalize(const QString &typed)
{
    QString text = typed.trimmed();
    // A scanner at the counter reads the letter's QR code: the code is its last field.
    if (auto code = PaperContent::parseCode(text); code && !code->resumeCode.isEmpty())
        text = code->resumeCode;
    QString code;
    for (const QChar c : text) {
        if (c == u'-' || c.isSpace())
            continue;
        const QChar upper = c.toUpper();
        if (!alphabet().contains(upper))
            return std::nullopt;
        code += upper;
    }
    if (code.size() != Length)
        return std::nullopt;
    return code;
}

QString ResumeCode::format(const QString &normalized)
{
    return normalized.left(Length / 2) + u'-' + normalized.mid(Length / 2);
}

QString ResumeCode::sha256(const QString &normalized)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(normalized.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace rd
