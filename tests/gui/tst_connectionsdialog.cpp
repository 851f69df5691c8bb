// ConnectionsDialog: profiles on the left, the form on the right. Validation messages inline
// (plain http refused except to this computer), the token address following the API address
// until edited, Save writing Settings without the client secret (it is in no settings file) and
// the secret to the keychain, removal after confirmation (Settings, keychain entry, cache), the
// unavailable keychain explained, and Test connection against the real mint-config-server (that
// part waits for RemoteApiStore).

#include "ConnectionsDialog.h"
#include "FormMessage.h"
#include "GuiTestSupport.h"
#include "KeychainTestSupport.h"
#include "RemoteSession.h"
#include "Settings.h"
#include "integration/ServerTestSupport.h"

#include <QDirIterator>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTest>

using GuiTestSupport::child;
using GuiTestSupport::findLeak;
using namespace std::chrono_literals;

namespace {

const QString Canary = QStringLiteral("client-secret-canary-7d1e0f");

struct Fixture {
    QTemporaryDir dir;
    Settings settings{dir.filePath(QStringLiteral("settings.ini"))};
    CredentialStore credentials{KeychainTestSupport::service()};
    std::unique_ptr<ConnectionsDialog> dialog;

    Fixture() { credentials.setTimeout(3s); }
    ConnectionsDialog& open()
    {
        dialog = std::make_unique<ConnectionsDialog>(settings, &credentials);
        dialog->show();
        if (!QTest::qWaitForWindowExposed(dialog.get()))
            qFatal("the dialog was not shown");
        return *dialog;
    }
    template <typename T> T* get(const char* name) const { return child<T>(*dialog, name); }
    QLineEdit* edit(const char* name) const { return get<QLineEdit>(name); }
    void type(const char* name, const QString& text) const
    {
        QLineEdit* field = edit(name);
        field->setFocus();
        field->selectAll();
        if (text.isEmpty())
            QTest::keyClick(field, Qt::Key_Backspace);
        else
            QTest::keyClicks(field, text);
        QMetaObject::invokeMethod(field, "editingFinished");
    }
    QString error() const
    {
        auto* message = get<FormMessage>("errorMessage");
        return message->isVisible() ? message->text() : QString();
    }
    void fill(const QString& name, const QString& api, const QString& clientId,
              const QString& secret = {}) const
    {
        type("nameEdit", name);
        type("apiUrlEdit", api);
        type("clientIdEdit", clientId);
        if (!secret.isEmpty())
            type("clientSecretEdit", secret);
    }
    void save() const { QTest::mouseClick(get<QPushButton>("acceptButton"), Qt::LeftButton); }
};

RemoteProfile savedProfile(Settings& settings, const QString& name)
{
    RemoteProfile profile;
    profile.id = QUuid::createUuid();
    profile.name = name;
    profile.apiBaseUrl = QUrl(QStringLiteral("https://config.example.com/mint/v1"));
    profile.tokenUrl = RemoteProfile::defaultTokenUrl(profile.apiBaseUrl);
    profile.clientId = QStringLiteral("ci-bot");
    QList<RemoteProfile> profiles = settings.remoteProfiles();
    profiles.append(profile);
    settings.setRemoteProfiles(profiles);
    settings.sync();
    return profile;
}

// Every file under dir, as bytes, concatenated.
QByteArray everyFileUnder(const QString& dir)
{
    QByteArray all;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        all += TestSupport::readAll(it.next());
    return all;
}

} // namespace

class TestConnectionsDialog final : public QObject {
    Q_OBJECT

private slots:
    void startsEmptyAndAddsAProfile()
    {
        Fixture f;
        ConnectionsDialog& dialog = f.open();
        auto* stack = f.get<QStackedWidget>("profileStack");
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("noProfilesHint"));
        QVERIFY(!f.get<QPushButton>("removeProfileButton")->isEnabled());
        QTest::mouseClick(f.get<QPushButton>("addProfileButton"), Qt::LeftButton);
        QCOMPARE(stack->currentWidget()->objectName(), QStringLiteral("profileForm"));
        QCOMPARE(f.get<QListWidget>("profileList")->count(), 1);
        QCOMPARE(f.edit("apiUrlEdit")->placeholderText(),
                 QStringLiteral("https://config.example.com/mint/v1"));
        QVERIFY(f.edit("clientSecretEdit")->echoMode() == QLineEdit::Password);
        QTest::keyClicks(f.edit("nameEdit"), QStringLiteral("Production"));
        QCOMPARE(f.get<QListWidget>("profileList")->item(0)->text(), QStringLiteral("Production"));
        QCOMPARE(dialog.profiles().first().name, QStringLiteral("Production"));
    }

    void validatesInline()
    {
        Fixture f;
        f.open();
        QTest::mouseClick(f.get<QPushButton>("addProfileButton"), Qt::LeftButton);
        f.type("nameEdit", QStringLiteral("Production"));
        QCOMPARE(f.error(), QString()); // nothing typed wrong yet: no nagging about the rest

        // Plain http only to this computer.
        f.type("apiUrlEdit", QStringLiteral("http://config.example.com/mint/v1"));
        QVERIFY2(f.error().contains(QStringLiteral("must start with https://")),
                 qPrintable(f.error()));
        f.type("apiUrlEdit", QStringLiteral("http://127.0.0.1:8080/mint/v1"));
        QCOMPARE(f.error(), QString());
        f.type("apiUrlEdit", QStringLiteral("http://localhost:8080/mint/v1"));
        QCOMPARE(f.error(), QString());

        // Save names what is missing and keeps the dialog open.
        f.save();
        QCOMPARE(f.error(), tr("Enter the client ID."));
        QVERIFY(f.dialog->isVisible());
        QVERIFY(f.settings.remoteProfiles().isEmpty());
        f.type("clientIdEdit", QStringLiteral("ci-bot"));
        QCOMPARE(f.error(), QString()); // follows the typing once shown

        f.type("caFileEdit", f.dir.filePath(QStringLiteral("missing.pem")));
        QCOMPARE(f.error(), tr("The CA certificate file cannot be read."));
        f.type("caFileEdit", QString());
        f.type("nameEdit", QString());
        QCOMPARE(f.error(), tr("Enter a name for this connection."));
    }

    void refusesADuplicateName()
    {
        Fixture f;
        savedProfile(f.settings, QStringLiteral("Production"));
        f.open();
        QTest::mouseClick(f.get<QPushButton>("addProfileButton"), Qt::LeftButton);
        f.fill(QStringLiteral("production"), QStringLiteral("https://other.example.com/mint/v1"),
               QStringLiteral("x"));
        f.save();
        QVERIFY(f.error().contains(QStringLiteral("already named")));
        QVERIFY(f.dialog->isVisible());
    }

    void tokenAddressFollowsTheApiAddressUntilEdited()
    {
        Fixture f;
        f.open();
        QTest::mouseClick(f.get<QPushButton>("addProfileButton"), Qt::LeftButton);
        QLineEdit* token = f.edit("tokenUrlEdit");
        QTest::keyClicks(f.edit("apiUrlEdit"),
                         QStringLiteral("https://config.example.com/mint/v1"));
        QCOMPARE(token->text(),
                 QStringLiteral("https://config.example.com/auth/open/connect/token"));
        QTest::keyClicks(f.edit("apiUrlEdit"), QStringLiteral("2"));
        QCOMPARE(token->text(),
                 QStringLiteral("https://config.example.com/auth/open/connect/token"));

        f.type("tokenUrlEdit", QStringLiteral("https://login.example.com/oauth/token"));
        f.type("apiUrlEdit", QStringLiteral("https://elsewhere.example.com/mint/v1"));
        QCOMPARE(token->text(), QStringLiteral("https://login.example.com/oauth/token")); // kept

        f.type("tokenUrlEdit", QString()); // cleared: follows again
        f.type("apiUrlEdit", QStringLiteral("https://third.example.com:8443/mint/v1"));
        QCOMPARE(token->text(),
                 QStringLiteral("https://third.example.com:8443/auth/open/connect/token"));
    }

    void savesSettingsWithoutTheSecretAndTheSecretInTheKeychain()
    {
        Fixture f;
        ConnectionsDialog& dialog = f.open();
        QSignalSpy saved(&dialog, &ConnectionsDialog::profilesSaved);
        QTest::mouseClick(f.get<QPushButton>("addProfileButton"), Qt::LeftButton);
        f.fill(QStringLiteral("Production"), QStringLiteral("https://config.example.com/mint/v1"),
               QStringLiteral("ci-bot"), Canary);
        QVERIFY(f.edit("clientSecretEdit")->displayText() != Canary); // masked
        f.save();
        // Either saved (keychain and all), or, without a keychain, saved with the reason shown;
        // Save again then closes (the keychain is known to be unavailable by then).
        auto* error = f.get<FormMessage>("errorMessage");
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible() || error->isVisible(), 15000);
        if (dialog.isVisible()) {
            QVERIFY2(error->text().contains(QStringLiteral("keychain")), qPrintable(error->text()));
            QVERIFY(!dialog.keychainAvailable());
            f.save();
            QTRY_VERIFY(!dialog.isVisible());
        }
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(saved.count() >= 1);

        const QList<RemoteProfile> profiles = f.settings.remoteProfiles();
        QCOMPARE(profiles.size(), 1);
        const RemoteProfile& profile = profiles.first();
        QCOMPARE(profile.name, QStringLiteral("Production"));
        QCOMPARE(profile.apiBaseUrl, QUrl(QStringLiteral("https://config.example.com/mint/v1")));
        QCOMPARE(profile.tokenUrl,
                 QUrl(QStringLiteral("https://config.example.com/auth/open/connect/token")));
        QCOMPARE(profile.clientId, QStringLiteral("ci-bot"));
        QVERIFY(profile.caFile.isEmpty());
        QVERIFY(!profile.id.isNull());

        // The secret is in no settings file (nor anywhere in the test's settings folder) and
        // in no widget.
        f.settings.sync();
        const QByteArray files = everyFileUnder(f.dir.path());
        QVERIFY(!files.isEmpty());
        QVERIFY(!files.contains(Canary.toUtf8()));
        QVERIFY(f.edit("clientSecretEdit")->text().isEmpty()); // wiped on close
        QCOMPARE(findLeak(Canary), QString());

        MINT_REQUIRE_KEYCHAIN_OR_SKIP(f.credentials);
        const CredentialResult stored =
            KeychainTestSupport::await(f.credentials.read(profile.keychainKey()));
        QVERIFY(stored.ok());
        QCOMPARE(stored.value->view(), QByteArrayView(Canary.toUtf8()));
        KeychainTestSupport::await(f.credentials.remove(profile.keychainKey()));
    }

    void explainsAnUnavailableKeychain()
    {
        Fixture f;
        f.credentials.setTimeout(0ms); // no keychain answers that fast: Unavailable
        ConnectionsDialog& dialog = f.open();
        QTest::mouseClick(f.get<QPushButton>("addProfileButton"), Qt::LeftButton);
        QTRY_VERIFY(!dialog.keychainAvailable());
        QCOMPARE(f.get<QLabel>("secretNote")->text(),
                 QStringLiteral("The system keychain is not available: you will be asked for the "
                                "client secret each time."));
        // Saving still works (the secret is just not remembered) and writes nothing secret.
        f.fill(QStringLiteral("Production"), QStringLiteral("https://config.example.com/mint/v1"),
               QStringLiteral("ci-bot"), Canary);
        f.save();
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(f.settings.remoteProfiles().size(), 1);
        QVERIFY(!everyFileUnder(f.dir.path()).contains(Canary.toUtf8()));
    }

    void removesAfterConfirmationWithKeychainEntryAndCache()
    {
        Fixture f;
        const RemoteProfile keep = savedProfile(f.settings, QStringLiteral("Staging"));
        const RemoteProfile gone = savedProfile(f.settings, QStringLiteral("Production"));
        f.settings.setActiveProfileId(gone.id);
        const QString cache = RemoteSession::cacheDirectory(gone.id);
        QVERIFY(QDir().mkpath(cache));
        {
            QFile file(QDir(cache).filePath(QStringLiteral("metadata.json")));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("{}");
        }
        const bool keychain = KeychainTestSupport::keychainAnswers(f.credentials);
        if (keychain) {
            QVERIFY(KeychainTestSupport::await(
                        f.credentials.write(gone.keychainKey(), SecretValue::fromText(Canary)))
                        .ok());
        }

        ConnectionsDialog& dialog = f.open();
        QSignalSpy removed(&dialog, &ConnectionsDialog::profileRemoved);
        dialog.selectProfile(gone.id);
        QCOMPARE(f.edit("nameEdit")->text(), QStringLiteral("Production"));

        // Cancel first: nothing happens.
        QTest::mouseClick(f.get<QPushButton>("removeProfileButton"), Qt::LeftButton);
        auto* box = dialog.findChild<QMessageBox*>(QStringLiteral("removeConnectionBox"));
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY(box->text().contains(QStringLiteral("Production")));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY(!dialog.findChild<QMessageBox*>(QStringLiteral("removeConnectionBox")));
        QCOMPARE(f.settings.remoteProfiles().size(), 2);

        QTest::mouseClick(f.get<QPushButton>("removeProfileButton"), Qt::LeftButton);
        box = dialog.findChild<QMessageBox*>(QStringLiteral("removeConnectionBox"));
        QTRY_VERIFY(box && box->isVisible());
        QTest::mouseClick(box->findChild<QPushButton*>(QStringLiteral("confirmRemoveButton")),
                          Qt::LeftButton);
        QTRY_COMPARE(removed.count(), 1);
        QCOMPARE(removed.first().first().toUuid(), gone.id);
        const QList<RemoteProfile> left = f.settings.remoteProfiles();
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.first().id, keep.id);
        QVERIFY(f.settings.activeProfileId().isNull());
        QVERIFY(!QFileInfo::exists(cache));
        QCOMPARE(f.get<QListWidget>("profileList")->count(), 1);
        QCOMPARE(f.edit("nameEdit")->text(), QStringLiteral("Staging"));

        if (!keychain) {
            if (KeychainTestSupport::keychainRequired())
                QFAIL("the system keychain is required but unavailable");
            QSKIP("no system keychain here: its entry was not checked");
        }
        QTRY_COMPARE(KeychainTestSupport::await(f.credentials.read(gone.keychainKey())).status,
                     CredentialResult::Status::NotFound);
    }

    void removesANewProfileWithoutAsking()
    {
        Fixture f;
        ConnectionsDialog& dialog = f.open();
        QTest::mouseClick(f.get<QPushButton>("addProfileButton"), Qt::LeftButton);
        QTest::mouseClick(f.get<QPushButton>("removeProfileButton"), Qt::LeftButton);
        QVERIFY(!dialog.findChild<QMessageBox*>());
        QCOMPARE(f.get<QListWidget>("profileList")->count(), 0);
        QVERIFY(dialog.profiles().isEmpty());
    }

    void connectedTextNamesRoleAndPermissions()
    {
        QCOMPARE(ConnectionsDialog::connectedText(
                     QStringLiteral("ci-bot"), {QStringLiteral("Mint Editor")},
                     Permission::SecretsRead | Permission::SecretsWrite),
                 QStringLiteral("Connected as ci-bot — Mint Editor: can view and change secrets"));
        QCOMPARE(ConnectionsDialog::connectedText(QStringLiteral("nobody"), {}, Permission::None),
                 QStringLiteral("Connected as nobody — no role: has no access to secrets"));
    }

    // Needs RemoteApiStore (issue 3) and the real server.
    void testsTheConnectionAgainstTheServer()
    {
        ServerTestSupport::ServerProcess server;
        QVERIFY(
            server.start({QStringLiteral("--add-client"), QStringLiteral("ci-bot:Mint Editor")}));
        const QString secret = QString::fromLatin1(server.secret(QStringLiteral("ci-bot")));
        QVERIFY(!secret.isEmpty());

        Fixture f;
        ConnectionsDialog& dialog = f.open();
        QTest::mouseClick(f.get<QPushButton>("addProfileButton"), Qt::LeftButton);
        f.fill(QStringLiteral("Local test"), server.url(QStringLiteral("/mint/v1")).toString(),
               QStringLiteral("ci-bot"), QStringLiteral("not-the-secret"));
        f.type("caFileEdit", server.caPath());
        auto* test = f.get<QPushButton>("testConnectionButton");
        auto* result = f.get<FormMessage>("testResult");

        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(result->isVisible(), 30000);
        QCOMPARE(result->text(), StoreError::standardMessage(StoreError::Code::SignInFailed));
        QCOMPARE(result->kind(), FormMessage::Kind::Error);

        f.type("clientSecretEdit", secret);
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(
            result->isVisible() && result->kind() == FormMessage::Kind::Success, 30000);
        QCOMPARE(result->text(),
                 QStringLiteral("Connected as ci-bot — Mint Editor: can view and change secrets"));
        QVERIFY(test->isEnabled());
        QCOMPARE(findLeak(secret), QString());
        dialog.reject();
        QCOMPARE(findLeak(secret), QString());
    }
};

QTEST_MAIN(TestConnectionsDialog)
#include "tst_connectionsdialog.moc"
