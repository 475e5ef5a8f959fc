#include "kiosk/KioskAmsSession.h"

#include "ams/AmsOperationRunner.h"
#include "ams/AmsSettings.h"
#include "core/AppSettings.h"

#include <algorithm>

namespace rd {

Result<std::unique_ptr<KioskAmsSession>> KioskAmsSession::configured(QObject *parent)
{
    AppSettings appSettings;
    AmsSettings settings(appSettings.raw());
    if (auto ok = settings.validate(); !ok)
        return errorOf(ok);
    if (settings.backend() != AmsBackend::Rest) {
        return fail(ErrorCode::InvalidInput,
                    tr("The applicant logs in to AMS at the kiosk only with the rest backend."));
    }
    if (!settings.amsUrl().isValid() || settings.amsUrl().host().isEmpty())
        return fail(ErrorCode::InvalidInput, tr("The setting ams/url is not set."));
    auto session = std::make_unique<KioskAmsSession>(settings.amsUrl(), parent);
    session->m_caFile = settings.caFile();
    session->m_policy = {settings.timeoutMs(), settings.maxAttempts(), 500};
    session->rebuild();
    if (auto ok = session->m_gateway->setCaFile(session->m_caFile); !ok)
        return errorOf(ok);
    return session;
}

KioskAmsSession::KioskAmsSession(const QUrl &baseUrl, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl)
{
    rebuild();
}

KioskAmsSession::~KioskAmsSession() = default;

void KioskAmsSession::rebuild()
{
    // A new gateway: the old one's calls die with it, and their continuations with them.
    m_gateway = std::make_unique<RestAmsGateway>(m_network, m_baseUrl);
    if (m_policy.timeoutMs > 0)
        m_gateway->setPolicy(m_policy);
    if (!m_caFile.isEmpty())
        (void)m_gateway->setCaFile(m_caFile); // checked once in configured()
}

void KioskAmsSession::logIn(const QString &username, const QString &password,
                            const QString &oneTimeCode, Continuation<void> done)
{
    m_gateway->setToken({});
    m_gateway->logIn(username, password, oneTimeCode, std::move(done));
}

void KioskAmsSession::activeCertificates(const QString &nik,
                                         Continuation<std::vector<AmsCertificate>> done)
{
    m_gateway->listCertificates(
        nik, {this, [done = std::move(done)](Result<std::vector<AmsCertificate>> listed) {
                  if (!listed)
                      return done(errorOf(listed));
                  std::vector<AmsCertificate> active;
                  for (const AmsCertificate &certificate : *listed) {
                      if (certificate.status == QLatin1String("active"))
                          active.push_back(certificate);
                  }
                  std::sort(active.begin(), active.end(),
                            [](const auto &a, const auto &b) { return a.notAfter > b.notAfter; });
                  done(std::move(active));
              }});
}

void KioskAmsSession::fileNow(const DatabasePtr &database, qint64 operationId, const Actor &actor,
                              Continuation<AmsOperation> done)
{
    auto *runner = new AmsOperationRunner(database, *m_gateway, this, actor);
    runner->send(operationId, {this, [runner, done = std::move(done)](Result<AmsOperation> sent) {
                                   runner->deleteLater();
                                   done(std::move(sent));
                               }});
}

void KioskAmsSession::forget()
{
    m_gateway->setToken({});
    // Runners parented to this session hold a reference to the gateway: gone first.
    for (AmsOperationRunner *runner :
         findChildren<AmsOperationRunner *>(Qt::FindDirectChildrenOnly))
        delete runner;
    rebuild();
}

} // namespace rd
