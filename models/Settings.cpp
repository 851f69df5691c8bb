#include "Settings.h"

namespace {
const QString AutoLockMinutesKey = QStringLiteral("security/autoLockMinutes");
const QString ClipboardClearSecondsKey = QStringLiteral("security/clipboardClearSeconds");
const QString LastVaultPathKey = QStringLiteral("vault/lastPath");
const QString MainWindowGeometryKey = QStringLiteral("mainWindow/geometry");
const QString MainWindowStateKey = QStringLiteral("mainWindow/state");
const QString SecretsTableHeaderKey = QStringLiteral("secretsTable/header");
const QString ProfilesArray = QStringLiteral("remoteProfiles");
const QString ActiveProfileKey = QStringLiteral("backend/activeProfile");

constexpr int DefaultAutoLockMinutes = 10;
constexpr int MaxAutoLockMinutes = 24 * 60;
constexpr int DefaultClipboardClearSeconds = 30;
constexpr int MinClipboardClearSeconds = 5;
constexpr int MaxClipboardClearSeconds = 600;

int boundedInt(const QSettings& settings, const QString& key, int fallback, int min, int max)
{
    bool ok = false;
    const int value = settings.value(key).toInt(&ok);
    return ok ? qBound(min, value, max) : fallback;
}
} // namespace

Settings::Settings() = default;

Settings::Settings(const QString& fileName)
    : m_settings(fileName, QSettings::IniFormat)
{
}

int Settings::autoLockMinutes() const
{
    return boundedInt(m_settings, AutoLockMinutesKey, DefaultAutoLockMinutes, 0,
                      MaxAutoLockMinutes);
}

void Settings::setAutoLockMinutes(int minutes)
{
    m_settings.setValue(AutoLockMinutesKey, qBound(0, minutes, MaxAutoLockMinutes));
}

QString Settings::lastVaultPath() const
{
    return m_settings.value(LastVaultPathKey).toString();
}

void Settings::setLastVaultPath(const QString& path)
{
    m_settings.setValue(LastVaultPathKey, path);
}

QByteArray Settings::mainWindowGeometry() const
{
    return m_settings.value(MainWindowGeometryKey).toByteArray();
}

void Settings::setMainWindowGeometry(const QByteArray& geometry)
{
    m_settings.setValue(MainWindowGeometryKey, geometry);
}

QByteArray Settings::mainWindowState() const
{
    return m_settings.value(MainWindowStateKey).toByteArray();
}

void Settings::setMainWindowState(const QByteArray& state)
{
    m_settings.setValue(MainWindowStateKey, state);
}

QByteArray Settings::secretsTableHeader() const
{
    return m_settings.value(SecretsTableHeaderKey).toByteArray();
}

void Settings::setSecretsTableHeader(const QByteArray& state)
{
    m_settings.setValue(SecretsTableHeaderKey, state);
}

int Settings::clipboardClearSeconds() const
{
    return boundedInt(m_settings, ClipboardClearSecondsKey, DefaultClipboardClearSeconds,
                      MinClipboardClearSeconds, MaxClipboardClearSeconds);
}

QList<RemoteProfile> Settings::remoteProfiles() const
{
    QList<RemoteProfile> profiles;
    QSettings& settings = m_settings;
    const int count = settings.beginReadArray(ProfilesArray);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        RemoteProfile profile;
        profile.id = QUuid::fromString(settings.value(QStringLiteral("id")).toString());
        profile.name = settings.value(QStringLiteral("name")).toString();
        profile.apiBaseUrl = settings.value(QStringLiteral("apiBaseUrl")).toUrl();
        profile.tokenUrl = settings.value(QStringLiteral("tokenUrl")).toUrl();
        profile.clientId = settings.value(QStringLiteral("clientId")).toString();
        profile.caFile = settings.value(QStringLiteral("caFile")).toString();
        if (!profile.id.isNull())
            profiles.append(profile);
    }
    settings.endArray();
    return profiles;
}

void Settings::setRemoteProfiles(const QList<RemoteProfile>& profiles)
{
    m_settings.remove(ProfilesArray);
    m_settings.beginWriteArray(ProfilesArray, int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        const RemoteProfile& profile = profiles.at(i);
        m_settings.setArrayIndex(i);
        m_settings.setValue(QStringLiteral("id"), profile.id.toString(QUuid::WithoutBraces));
        m_settings.setValue(QStringLiteral("name"), profile.name);
        m_settings.setValue(QStringLiteral("apiBaseUrl"), profile.apiBaseUrl);
        m_settings.setValue(QStringLiteral("tokenUrl"), profile.tokenUrl);
        m_settings.setValue(QStringLiteral("clientId"), profile.clientId);
        m_settings.setValue(QStringLiteral("caFile"), profile.caFile);
    }
    m_settings.endArray();
}

QUuid Settings::activeProfileId() const
{
    return QUuid::fromString(m_settings.value(ActiveProfileKey).toString());
}

void Settings::setActiveProfileId(const QUuid& id)
{
    if (id.isNull())
        m_settings.remove(ActiveProfileKey);
    else
        m_settings.setValue(ActiveProfileKey, id.toString(QUuid::WithoutBraces));
}
