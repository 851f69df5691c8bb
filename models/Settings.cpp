#include "Settings.h"

namespace {
const QString AutoLockMinutesKey = QStringLiteral("security/autoLockMinutes");
const QString ClipboardClearSecondsKey = QStringLiteral("security/clipboardClearSeconds");
const QString LastVaultPathKey = QStringLiteral("vault/lastPath");
const QString MainWindowGeometryKey = QStringLiteral("mainWindow/geometry");
const QString MainWindowStateKey = QStringLiteral("mainWindow/state");
const QString SecretsTableHeaderKey = QStringLiteral("secretsTable/header");

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
