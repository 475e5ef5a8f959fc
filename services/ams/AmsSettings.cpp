#include "ams/AmsSettings.h"

#include "core/NetworkHost.h"

#include <QFileInfo>

namespace rd {

AmsSettings::AmsSettings(QSettings &settings)
    : m_settings(settings)
{ }

AmsBackend AmsSettings::backend() const
{
    return m_settings.value(QStringLiteral("ams/backend")).toString() == QLatin1String("rest")
        ? AmsBackend::Rest
        : AmsBackend::Portal;
}

QString AmsSettings::backendName() const
{
    return backend() == AmsBackend::Rest ? QStringLiteral("rest") : QStringLiteral("portal");
}

QUrl AmsSettings::amsUrl() const
{
    return QUrl(m_settings.value(QStringLiteral("ams/url")).toString());
}

QString AmsSettings::caFile() const
{
    return m_settings.value(QStringLiteral("ams/caFile")).toString();
}

QString AmsSettings::amsUsername() const
{
    return m_settings.value(QStringLiteral("ams/username")).toString();
}

QUrl AmsSettings::esignUrl() const
{
    return QUrl(m_settings.value(QStringLiteral("esign/url")).toString());
}

EsignApiVersion AmsSettings::esignApi() const
{
    return m_settings.value(QStringLiteral("esign/api")).toString() == QLatin1String("v2")
        ? EsignApiVersion::V2
        : EsignApiVersion::V1;
}

QString AmsSettings::esignUsername() const
{
    return m_settings.value(QStringLiteral("esign/username")).toString();
}

int AmsSettings::timeoutMs() const
{
    const int value = m_settings.value(QStringLiteral("ams/timeoutMs"), 20000).toInt();
    return value > 0 ? value : 20000;
}

int AmsSettings::maxAttempts() const
{
    const int value = m_settings.value(QStringLiteral("ams/attempts"), 3).toInt();
    return value > 0 ? value : 3;
}

void AmsSettings::setCaFile(const QString &path)
{
    m_settings.setValue(QStringLiteral("ams/caFile"), path);
}

Result<void> AmsSettings::validate() const
{
    const QString backendText = m_settings.value(QStringLiteral("ams/backend")).toString();
    if (!backendText.isEmpty() && backendText != QLatin1String("rest")
        && backendText != QLatin1String("portal")) {
        return fail(ErrorCode::InvalidInput,
                    tr("The setting ams/backend must be \"rest\" or \"portal\", not \"%1\".")
                        .arg(backendText));
    }
    const QString api = m_settings.value(QStringLiteral("esign/api")).toString();
    if (!api.isEmpty() && api != QLatin1String("v1") && api != QLatin1String("v2")) {
        return fail(ErrorCode::InvalidInput,
                    tr("The setting esign/api must be \"v1\" or \"v2\", not \"%1\".").arg(api));
    }
    for (const QString &key : {QStringLiteral("ams/url"), QStringLiteral("esign/url")}) {
        const QString text = m_settings.value(key).toString();
        if (text.isEmpty())
            continue;
        const QUrl url(text);
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
            return fail(ErrorCode::InvalidInput,
                        tr("The setting %1 must be an https:// (or http://) address, not \"%2\".")
                            .arg(key, text));
        }
        if (!NetworkHost::allowsCredentials(url)) {
            return fail(ErrorCode::InvalidInput,
                        tr("The setting %1 is plain http:// to another computer (%2), where "
                           "anyone on the network could read the password; use https:// "
                           "(http:// is only for a simulator on this computer).")
                            .arg(key, text));
        }
    }
    const QString ca = caFile();
    if (!ca.isEmpty() && !QFileInfo(ca).isReadable()) {
        return fail(ErrorCode::InvalidInput,
                    tr("The CA bundle in ams/caFile cannot be read: %1").arg(ca));
    }
    return {};
}

} // namespace rd
