#include "documents/Letterhead.h"

#include <QMap>

namespace rd {

Result<Letterhead> Letterhead::load(const OfficeSettings &settings)
{
    auto all = settings.list();
    if (!all)
        return errorOf(all);
    QMap<QString, QString> values;
    for (const OfficeSetting &setting : *all)
        values.insert(setting.key, setting.value.trimmed());
    Letterhead letterhead;
    letterhead.government = values.value(QStringLiteral("office/government"));
    letterhead.office = values.value(QStringLiteral("office/name"));
    letterhead.address = values.value(QStringLiteral("office/address"));
    letterhead.phone = values.value(QStringLiteral("office/phone"));
    letterhead.web = values.value(QStringLiteral("office/web"));
    letterhead.email = values.value(QStringLiteral("office/email"));
    letterhead.place = values.value(QStringLiteral("office/place"));
    letterhead.head = values.value(QStringLiteral("office/head"));
    letterhead.classificationCode = values.value(QStringLiteral("office/classificationCode"));
    letterhead.emblem = emblemFromUrl(values.value(OfficeSettings::emblemKey()));
    return letterhead;
}

QImage Letterhead::emblemFromUrl(const QString &url)
{
    const qsizetype comma = url.indexOf(u',');
    if (!url.startsWith(QLatin1String("data:image/")) || comma < 0)
        return {};
    return QImage::fromData(QByteArray::fromBase64(url.mid(comma + 1).toLatin1()));
}

} // namespace rd
