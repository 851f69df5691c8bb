#include "Settings.h"

#include <QFile>

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestSettings : public QObject {
    Q_OBJECT

private slots:
    void init();
    void defaults();
    void roundTrip();
    void autoLockIsClamped_data();
    void autoLockIsClamped();
    void storedValuesAreClamped_data();
    void storedValuesAreClamped();
    void applicationSettings();
    void remoteProfilesRoundTrip();
    void unreadableProfilesAreSkipped();

private:
    QString iniPath() const { return m_dir->filePath(u"settings.ini"_s); }
    void writeRaw(const QString& key, const QVariant& value) const
    {
        QSettings raw(iniPath(), QSettings::IniFormat);
        raw.setValue(key, value);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestSettings::defaults()
{
    const Settings settings(iniPath());
    QCOMPARE(settings.fileName(), iniPath());
    QCOMPARE(settings.autoLockMinutes(), 10);
    QCOMPARE(settings.clipboardClearSeconds(), 30);
    QVERIFY(settings.lastVaultPath().isEmpty());
    QVERIFY(settings.mainWindowGeometry().isEmpty());
    QVERIFY(settings.mainWindowState().isEmpty());
    QVERIFY(settings.secretsTableHeader().isEmpty());
}

void TestSettings::roundTrip()
{
    const QByteArray binary("\x01\x00\xff geometry", 12);
    {
        Settings settings(iniPath());
        settings.setAutoLockMinutes(25);
        settings.setLastVaultPath(u"/home/ø/vaults/my vault.mintvault"_s);
        settings.setMainWindowGeometry(binary);
        settings.setMainWindowState("state");
        settings.setSecretsTableHeader("header");
        settings.sync();
    }
    const Settings reopened(iniPath());
    QCOMPARE(reopened.autoLockMinutes(), 25);
    QCOMPARE(reopened.lastVaultPath(), u"/home/ø/vaults/my vault.mintvault"_s);
    QCOMPARE(reopened.mainWindowGeometry(), binary);
    QCOMPARE(reopened.mainWindowState(), QByteArray("state"));
    QCOMPARE(reopened.secretsTableHeader(), QByteArray("header"));

    // The keys are the documented ones.
    const QSettings raw(iniPath(), QSettings::IniFormat);
    QCOMPARE(raw.value(u"security/autoLockMinutes"_s).toInt(), 25);
    QCOMPARE(raw.value(u"vault/lastPath"_s).toString(), u"/home/ø/vaults/my vault.mintvault"_s);
    QCOMPARE(raw.value(u"mainWindow/geometry"_s).toByteArray(), binary);
    QCOMPARE(raw.value(u"mainWindow/state"_s).toByteArray(), QByteArray("state"));
    QCOMPARE(raw.value(u"secretsTable/header"_s).toByteArray(), QByteArray("header"));
}

void TestSettings::autoLockIsClamped_data()
{
    QTest::addColumn<int>("written");
    QTest::addColumn<int>("read");
    QTest::newRow("never") << 0 << 0;
    QTest::newRow("one") << 1 << 1;
    QTest::newRow("negative") << -5 << 0;
    QTest::newRow("a day") << 1440 << 1440;
    QTest::newRow("over a day") << 5000 << 1440;
}

void TestSettings::autoLockIsClamped()
{
    QFETCH(int, written);
    QFETCH(int, read);
    {
        Settings settings(iniPath());
        settings.setAutoLockMinutes(written);
        QCOMPARE(settings.autoLockMinutes(), read);
    }
    QCOMPARE(Settings(iniPath()).autoLockMinutes(), read);
}

// A hand-edited file with values out of range or not numbers.
void TestSettings::storedValuesAreClamped_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("stored");
    QTest::addColumn<int>("autoLock");
    QTest::addColumn<int>("clipboard");
    const QString lock = u"security/autoLockMinutes"_s;
    const QString clip = u"security/clipboardClearSeconds"_s;
    QTest::newRow("lock huge") << lock << QVariant(99999) << 1440 << 30;
    QTest::newRow("lock negative") << lock << QVariant(-1) << 0 << 30;
    QTest::newRow("lock text") << lock << QVariant(u"soon"_s) << 10 << 30;
    QTest::newRow("clipboard 45") << clip << QVariant(45) << 10 << 45;
    QTest::newRow("clipboard too short") << clip << QVariant(1) << 10 << 5;
    QTest::newRow("clipboard too long") << clip << QVariant(10000) << 10 << 600;
    QTest::newRow("clipboard text") << clip << QVariant(u"x"_s) << 10 << 30;
}

void TestSettings::storedValuesAreClamped()
{
    QFETCH(QString, key);
    QFETCH(QVariant, stored);
    QFETCH(int, autoLock);
    QFETCH(int, clipboard);
    writeRaw(key, stored);
    const Settings settings(iniPath());
    QCOMPARE(settings.autoLockMinutes(), autoLock);
    QCOMPARE(settings.clipboardClearSeconds(), clipboard);
}

// The default constructor uses the application's own settings (organisation and name).
void TestSettings::applicationSettings()
{
    QCoreApplication::setOrganizationName(u"MintConfigTest"_s);
    QCoreApplication::setApplicationName(u"tst_settings"_s);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir->path());
    {
        Settings settings;
        QVERIFY2(settings.fileName().startsWith(m_dir->path()), qPrintable(settings.fileName()));
        QVERIFY(settings.fileName().contains(u"MintConfigTest"_s));
        QCOMPARE(settings.autoLockMinutes(), 10);
        settings.setAutoLockMinutes(3);
    }
    QCOMPARE(Settings().autoLockMinutes(), 3);
}

void TestSettings::remoteProfilesRoundTrip()
{
    RemoteProfile production{QUuid::createUuid(),
                             u"Production"_s,
                             QUrl(u"https://config.example.com/mint/v1"_s),
                             QUrl(u"https://config.example.com/auth/open/connect/token"_s),
                             u"ci-bot"_s,
                             {}};
    RemoteProfile test{QUuid::createUuid(),
                       u"Test (ÆØÅ)"_s,
                       QUrl(u"http://127.0.0.1:8443/mint/v1"_s),
                       QUrl(u"http://127.0.0.1:8443/auth/open/connect/token"_s),
                       u"tester"_s,
                       m_dir->filePath(u"ca.pem"_s)};
    {
        Settings settings(iniPath());
        QVERIFY(settings.remoteProfiles().isEmpty());
        QVERIFY(settings.activeProfileId().isNull());
        settings.setRemoteProfiles({production, test});
        settings.setActiveProfileId(test.id);
    }
    Settings reread(iniPath());
    QCOMPARE(reread.remoteProfiles(), (QList<RemoteProfile>{production, test}));
    QCOMPARE(reread.activeProfileId(), test.id);

    // Shrinking the list leaves no stale entries behind; a null id means the local vault.
    reread.setRemoteProfiles({test});
    reread.setActiveProfileId({});
    reread.sync();
    const Settings third(iniPath());
    QCOMPARE(third.remoteProfiles(), (QList<RemoteProfile>{test}));
    QVERIFY(third.activeProfileId().isNull());
    QFile file(iniPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("config.example.com"));
}

void TestSettings::unreadableProfilesAreSkipped()
{
    writeRaw(u"remoteProfiles/size"_s, 2);
    writeRaw(u"remoteProfiles/1/id"_s, u"not a uuid"_s);
    writeRaw(u"remoteProfiles/1/name"_s, u"Broken"_s);
    writeRaw(u"remoteProfiles/2/id"_s, u"0601cafa-0c28-46a9-9d90-bec219efc4b3"_s);
    writeRaw(u"remoteProfiles/2/name"_s, u"Good"_s);
    const Settings settings(iniPath());
    const QList<RemoteProfile> profiles = settings.remoteProfiles();
    QCOMPARE(profiles.size(), 1);
    QCOMPARE(profiles.first().name, u"Good"_s);
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
