#include "RemoteProfile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHostAddress>

namespace {
bool isLoopbackHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}
} // namespace

bool RemoteProfile::isAllowedUrl(const QUrl& url)
{
    if (!url.isValid() || url.host().isEmpty())
        return false;
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("https")
           || (scheme == QLatin1String("http") && isLoopbackHost(url.host()));
}

QString RemoteProfile::problem() const
{
    if (name.trimmed().isEmpty())
        return tr("Enter a name for this connection.");
    if (apiBaseUrl.isEmpty())
        return tr("Enter the API address, for example https://config.example.com/mint/v1.");
    if (!isAllowedUrl(apiBaseUrl))
        return tr("The API address must start with https:// (plain http:// is allowed only to "
                  "this computer).");
    if (!isAllowedUrl(tokenUrl))
        return tr("The token address must start with https:// (plain http:// is allowed only to "
                  "this computer).");
    if (clientId.trimmed().isEmpty())
        return tr("Enter the client ID.");
    if (!caFile.isEmpty() && !QFileInfo(caFile).isReadable())
        return tr("The CA certificate file cannot be read.");
    return {};
}

QString RemoteProfile::keychainKey() const
{
    return QLatin1String("client-secret/") + id.toString(QUuid::WithoutBraces);
}

QUrl RemoteProfile::defaultTokenUrl(const QUrl& apiBaseUrl)
{
    QUrl url = apiBaseUrl.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    url.setPath(QStringLiteral("/auth/open/connect/token"));
    return url;
}
