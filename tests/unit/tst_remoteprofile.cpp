// RemoteProfile: the URL rule of DESIGN §3 rule 6 (https, or http only to loopback), the
// validation sentences the connection dialog shows, and the derived token URL and keychain key.
#include "remote/RemoteProfile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestRemoteProfile final : public QObject {
    Q_OBJECT

private slots:
    void allowedUrls_data();
    void allowedUrls();
    void problems_data();
    void problems();
    void caFileMustBeReadable();
    void defaultTokenUrl();
    void keychainKeyIsPerProfile();

private:
    static RemoteProfile valid()
    {
        return {QUuid::createUuid(),
                u"Production"_s,
                QUrl(u"https://config.example.com/mint/v1"_s),
                QUrl(u"https://config.example.com/auth/open/connect/token"_s),
                u"ci-bot"_s,
                {}};
    }
};

void TestRemoteProfile::allowedUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("https") << u"https://config.example.com/mint/v1"_s << true;
    QTest::newRow("https upper case scheme") << u"HTTPS://config.example.com/"_s << true;
    QTest::newRow("http loopback v4") << u"http://127.0.0.1:8080/mint/v1"_s << true;
    QTest::newRow("http loopback v4 other") << u"http://127.1.2.3/"_s << true;
    QTest::newRow("http loopback v6") << u"http://[::1]:8080/"_s << true;
    QTest::newRow("http localhost") << u"http://LocalHost:8080/"_s << true;
    QTest::newRow("http remote") << u"http://config.example.com/mint/v1"_s << false;
    QTest::newRow("http private address") << u"http://192.168.1.10/"_s << false;
    QTest::newRow("http localhost lookalike") << u"http://localhost.example.com/"_s << false;
    QTest::newRow("ftp") << u"ftp://config.example.com/"_s << false;
    QTest::newRow("no host") << u"https:///mint/v1"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestRemoteProfile::allowedUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, allowed);
    QCOMPARE(RemoteProfile::isAllowedUrl(QUrl(url)), allowed);
}

void TestRemoteProfile::problems_data()
{
    QTest::addColumn<RemoteProfile>("profile");
    QTest::addColumn<QString>("problemContains"); // empty: no problem
    QTest::newRow("valid") << valid() << QString();
    RemoteProfile profile = valid();
    profile.name = u"  "_s;
    QTest::newRow("blank name") << profile << u"name"_s;
    profile = valid();
    profile.apiBaseUrl = QUrl();
    QTest::newRow("no api address") << profile << u"API address"_s;
    profile = valid();
    profile.apiBaseUrl = QUrl(u"http://config.example.com/mint/v1"_s);
    QTest::newRow("plain http api") << profile << u"https://"_s;
    profile = valid();
    profile.tokenUrl = QUrl(u"http://config.example.com/token"_s);
    QTest::newRow("plain http token") << profile << u"token address"_s;
    profile = valid();
    profile.clientId = QString();
    QTest::newRow("no client id") << profile << u"client ID"_s;
}

void TestRemoteProfile::problems()
{
    QFETCH(RemoteProfile, profile);
    QFETCH(QString, problemContains);
    const QString problem = profile.problem();
    if (problemContains.isEmpty())
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    else
        QVERIFY2(problem.contains(problemContains), qPrintable(problem));
}

void TestRemoteProfile::caFileMustBeReadable()
{
    QTemporaryDir dir;
    RemoteProfile profile = valid();
    profile.caFile = dir.filePath(u"missing.pem"_s);
    QVERIFY(profile.problem().contains(u"CA certificate"_s));
    QFile file(profile.caFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.close();
    QVERIFY(profile.problem().isEmpty());
}

void TestRemoteProfile::defaultTokenUrl()
{
    QCOMPARE(RemoteProfile::defaultTokenUrl(QUrl(u"https://config.example.com:8443/mint/v1?x=1"_s)),
             QUrl(u"https://config.example.com:8443/auth/open/connect/token"_s));
    QCOMPARE(RemoteProfile::defaultTokenUrl(QUrl(u"http://127.0.0.1:9000/mint/v1/"_s)),
             QUrl(u"http://127.0.0.1:9000/auth/open/connect/token"_s));
}

void TestRemoteProfile::keychainKeyIsPerProfile()
{
    const RemoteProfile a = valid();
    const RemoteProfile b = valid();
    QVERIFY(a.keychainKey() != b.keychainKey());
    QVERIFY(a.keychainKey().contains(a.id.toString(QUuid::WithoutBraces)));
    QVERIFY(!a.keychainKey().contains(a.clientId));
}

QTEST_GUILESS_MAIN(TestRemoteProfile)
#include "tst_remoteprofile.moc"
