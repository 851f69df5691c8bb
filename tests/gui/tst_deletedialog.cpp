// DeleteSecretDialog on a real vault: it names the secret and warns about flows, Cancel is the
// default, "Delete secret" deletes, and a stale version is reported. On RemoteApiStore against
// the real mint-config-server (flows attached through its test hooks, latency and another
// client's change through raw requests): the flows are listed as "flow — step (field)" after a
// busy state, the exact name must be typed, with or without references, and the row stays until
// the server confirmed; a 403 (an editor) and a 412 (changed by another client first) show as
// one sentence and the secret stays.

#include "DeleteSecretDialog.h"
#include "FormMessage.h"
#include "GuiTestSupport.h"
#include "RemoteGuiSupport.h"
#include "SecretsTableModel.h"

#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using GuiTestSupport::child;
using GuiTestSupport::Vault;
using RemoteGuiSupport::putFlow;

namespace {

// A RemoteApiStore signed in to a real server, its rows in a table model (what the window
// shows), and a raw admin client for the hooks and for changes "by another client".
struct RemoteFixture {
    RemoteGuiSupport::Server server;
    QTemporaryDir dir;
    std::unique_ptr<RemoteGuiSupport::RawClient> hooks = server.raw(QStringLiteral("admin"));
    std::unique_ptr<RemoteApiStore> store;
    SecretsTableModel rows;

    // Creates a secret on the server (as the raw client).
    Secret seed(const QString& name) { return RemoteGuiSupport::secretFrom(hooks->create(name)); }
    bool signIn(const QString& clientId)
    {
        rows.setStore(nullptr);
        store = RemoteGuiSupport::signedInStore(server.profile(clientId),
                                                dir.filePath(QStringLiteral("cache-") + clientId),
                                                server.secretOf(clientId));
        if (!store)
            return false;
        rows.setStore(store.get());
        TestSupport::await(store->list()); // the rows, as the window shows them
        return true;
    }
    // The secret with this id as the store has it (an empty Secret when it has none).
    Secret rowOf(const QUuid& id) const
    {
        const int row = rows.rowOf(id);
        return row < 0 ? Secret() : rows.secretAt(row);
    }
    // GET /mint/v1/secrets/{id}: 200 while the server has it, 404 once deleted.
    int serverStatus(const QUuid& id)
    {
        return hooks
            ->send("GET", QStringLiteral("/mint/v1/secrets/") + id.toString(QUuid::WithoutBraces))
            .status;
    }
};

} // namespace

class TestDeleteDialog final : public QObject {
    Q_OBJECT

private slots:
    void namesTheSecretAndWarns()
    {
        Vault vault;
        const Secret secret =
            Vault::add(vault.store(), QStringLiteral("My Secret"), QStringLiteral("v"));
        DeleteSecretDialog dialog(vault.store(), secret);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(
            child<QLabel>(dialog, "dialogHeading")->text().contains(QStringLiteral("My Secret")));
        const QString text = child<QLabel>(dialog, "dialogText")->text();
        QVERIFY(text.contains(QStringLiteral("fail at runtime")));
        QVERIFY(text.contains(secret.id.toString(QUuid::WithoutBraces)));

        auto* remove = child<QPushButton>(dialog, "acceptButton");
        auto* cancel = child<QPushButton>(dialog, "cancelButton");
        QCOMPARE(remove->text(), tr("&Delete secret"));
        QVERIFY(!remove->isDefault());
        QVERIFY(cancel->isDefault());
        QVERIFY(remove->isEnabled());
        QVERIFY(!child<QLineEdit>(dialog, "confirmEdit")->isVisible()); // no references known

        QTest::keyClick(&dialog, Qt::Key_Return); // the default: Cancel
        QVERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QCOMPARE(Vault::list(vault.store()).size(), 1);
    }

    void deletes()
    {
        Vault vault;
        const Secret secret =
            Vault::add(vault.store(), QStringLiteral("gone"), QStringLiteral("v"));
        Vault::add(vault.store(), QStringLiteral("stays"), QStringLiteral("v"));
        DeleteSecretDialog dialog(vault.store(), secret);
        QSignalSpy deleted(&dialog, &DeleteSecretDialog::secretDeleted);
        dialog.show();
        QTest::mouseClick(child<QPushButton>(dialog, "acceptButton"), Qt::LeftButton);
        QTRY_COMPARE(deleted.count(), 1);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const QList<Secret> left = Vault::list(vault.store());
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.first().name, QStringLiteral("stays"));
    }

    void reportsAStaleVersion()
    {
        Vault vault;
        const Secret secret = Vault::add(vault.store(), QStringLiteral("old"), QStringLiteral("v"));
        QVERIFY(TestSupport::await(vault.store()->update(secret.id, secret.version,
                                                         QStringLiteral("new"), std::nullopt))
                    .ok());
        DeleteSecretDialog dialog(vault.store(), secret);
        dialog.show();
        QTest::mouseClick(child<QPushButton>(dialog, "acceptButton"), Qt::LeftButton);
        auto* error = child<FormMessage>(dialog, "errorMessage");
        QTRY_VERIFY(error->isVisible());
        QCOMPARE(error->text(),
                 QStringLiteral("This secret was changed by someone else since you opened this "
                                "dialog: look at it again before you delete it."));
        QVERIFY(!child<QPushButton>(dialog, "acceptButton")->isEnabled());
        QVERIFY(dialog.isVisible());
        QCOMPARE(Vault::list(vault.store()).size(), 1);
    }

    void listsTheFlowsAndAsksForTheName()
    {
        RemoteFixture f;
        const Secret partner = f.seed(QStringLiteral("Partner token"));
        const Secret other = f.seed(QStringLiteral("Unrelated key"));
        QVERIFY(!partner.id.isNull() && !other.id.isNull());
        QVERIFY(putFlow(*f.hooks, QStringLiteral("f-42"), QStringLiteral("Partner onboarding"),
                        {{QStringLiteral("Get partner token"), QStringLiteral("body.client_secret"),
                          partner.id}}));
        QVERIFY(
            putFlow(*f.hooks, QStringLiteral("f-57"), QStringLiteral("Age verification"),
                    {{QStringLiteral("Create JWT"), QStringLiteral("signingKey"), partner.id},
                     {QStringLiteral("Call the registry"), QStringLiteral("apiKey"), other.id}}));
        QVERIFY(f.signIn(QStringLiteral("admin")));
        // Every answer comes late, so the busy state and the row kept until the server
        // confirmed can be seen.
        QVERIFY(f.hooks->setFaults({{QLatin1String("latencyMs"), 300}}));

        DeleteSecretDialog dialog(f.store.get(), f.rowOf(partner.id));
        QSignalSpy deleted(&dialog, &DeleteSecretDialog::secretDeleted);
        dialog.show();
        auto* remove = child<QPushButton>(dialog, "acceptButton");
        auto* confirm = child<QLineEdit>(dialog, "confirmEdit");
        // Busy while the references load: nothing can be deleted yet.
        QVERIFY(child<QProgressBar>(dialog, "busyBar")->isVisible());
        QVERIFY(!remove->isEnabled());
        QVERIFY(dialog.needsTypedName());
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        auto* list = child<QListWidget>(dialog, "referencesList");
        QTRY_VERIFY_WITH_TIMEOUT(list->isVisible(), 30000);
        QVERIFY(!child<QProgressBar>(dialog, "busyBar")->isVisible());
        QStringList lines;
        for (int row = 0; row < list->count(); ++row)
            lines << list->item(row)->text();
        lines.sort();
        QCOMPARE(lines, (QStringList{
                            QStringLiteral("Age verification — step “Create JWT” (signingKey)"),
                            QStringLiteral("Partner onboarding — step “Get partner token” "
                                           "(body.client_secret)"),
                        }));
        QVERIFY(child<QLabel>(dialog, "referencesTitle")
                    ->text()
                    .contains(QStringLiteral("fail at runtime")));
        QVERIFY(confirm->isVisible());
        QVERIFY(child<QLabel>(dialog, "confirmTitle")->text().contains(partner.name));

        QVERIFY(!remove->isEnabled());
        QTest::keyClicks(confirm, QStringLiteral("partner token")); // not the exact name
        QVERIFY(!remove->isEnabled());
        confirm->clear();
        QTest::keyClicks(confirm, QStringLiteral("Partner token"));
        QVERIFY(remove->isEnabled());
        QTest::mouseClick(remove, Qt::LeftButton);
        // Until the server answers, the row stays and the dialog waits.
        QVERIFY(dialog.isBusy());
        QVERIFY(f.rows.rowOf(partner.id) >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.count(), 1, 30000);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(f.rows.rowOf(partner.id), -1);
        QVERIFY(f.rows.rowOf(other.id) >= 0);
        QVERIFY(f.hooks->setFaults({}));
        QCOMPARE(f.serverStatus(partner.id), 404); // gone on the server
        QCOMPARE(f.serverStatus(other.id), 200);
    }

    void asksForTheNameEvenWithoutReferences()
    {
        RemoteFixture f;
        const Secret unused = f.seed(QStringLiteral("Unused key"));
        QVERIFY(!unused.id.isNull());
        QVERIFY(f.signIn(QStringLiteral("admin")));
        DeleteSecretDialog dialog(f.store.get(), f.rowOf(unused.id));
        dialog.show();
        auto* hint = child<FormMessage>(dialog, "errorMessage");
        QTRY_VERIFY_WITH_TIMEOUT(hint->isVisible(), 30000);
        QCOMPARE(hint->text(), tr("No flow uses this secret."));
        QCOMPARE(hint->kind(), FormMessage::Kind::Hint);
        QVERIFY(!child<QListWidget>(dialog, "referencesList")->isVisible());
        auto* remove = child<QPushButton>(dialog, "acceptButton");
        QVERIFY(!remove->isEnabled());
        QTest::keyClicks(child<QLineEdit>(dialog, "confirmEdit"), QStringLiteral("Unused key"));
        QVERIFY(remove->isEnabled());
    }

    // An editor may open the dialog (the server is the enforcer): its 403 shows as one
    // sentence naming the role, and the secret stays.
    void aRefusedDeleteIsOneSentenceAndTheRowStays()
    {
        RemoteFixture f;
        const Secret secret = f.seed(QStringLiteral("Partner token"));
        QVERIFY(!secret.id.isNull());
        QVERIFY(putFlow(*f.hooks, QStringLiteral("f-42"), QStringLiteral("Partner onboarding"),
                        {{QStringLiteral("Get partner token"), QStringLiteral("body.client_secret"),
                          secret.id}}));
        QVERIFY(f.signIn(QStringLiteral("editor")));
        DeleteSecretDialog dialog(f.store.get(), f.rowOf(secret.id));
        dialog.show();
        QTRY_VERIFY_WITH_TIMEOUT(child<QListWidget>(dialog, "referencesList")->isVisible(), 30000);
        QTest::keyClicks(child<QLineEdit>(dialog, "confirmEdit"), QStringLiteral("Partner token"));
        QTest::mouseClick(child<QPushButton>(dialog, "acceptButton"), Qt::LeftButton);
        auto* error = child<FormMessage>(dialog, "errorMessage");
        QTRY_VERIFY_WITH_TIMEOUT(error->isVisible() && !dialog.isBusy(), 30000);
        QCOMPARE(error->text(), QStringLiteral("Deleting secrets needs the Mint Admin role."));
        QCOMPARE(error->kind(), FormMessage::Kind::Error);
        QVERIFY(dialog.isVisible());
        QVERIFY(f.rows.rowOf(secret.id) >= 0);
        QCOMPARE(f.serverStatus(secret.id), 200);
        QVERIFY(child<QPushButton>(dialog, "acceptButton")->isEnabled()); // may try again
        QCOMPARE(GuiTestSupport::findLeak(f.server.secretOf(QStringLiteral("editor"))), QString());
    }

    // Another client changed the secret first: the server's 412 shows as one sentence, the
    // secret stays (the row shows the newer version) and this dialog deletes nothing more.
    void aChangeByAnotherClientFirstIsReportedAndTheRowStays()
    {
        RemoteFixture f;
        const Secret secret = f.seed(QStringLiteral("Partner token"));
        QVERIFY(!secret.id.isNull());
        QVERIFY(f.signIn(QStringLiteral("admin")));
        DeleteSecretDialog dialog(f.store.get(), f.rowOf(secret.id));
        dialog.show();
        auto* hint = child<FormMessage>(dialog, "errorMessage");
        QTRY_VERIFY_WITH_TIMEOUT(hint->isVisible(), 30000); // "No flow uses this secret."
        QCOMPARE(f.hooks
                     ->patch(secret.id, secret.version,
                             {{QLatin1String("name"), QStringLiteral("Partner token 2")}})
                     .status,
                 200);
        QTest::keyClicks(child<QLineEdit>(dialog, "confirmEdit"), QStringLiteral("Partner token"));
        auto* remove = child<QPushButton>(dialog, "acceptButton");
        QTest::mouseClick(remove, Qt::LeftButton);
        auto* error = child<FormMessage>(dialog, "errorMessage");
        QTRY_VERIFY_WITH_TIMEOUT(error->kind() == FormMessage::Kind::Error && !dialog.isBusy(),
                                 30000);
        QCOMPARE(error->text(),
                 QStringLiteral("This secret was changed by someone else since you opened this "
                                "dialog: look at it again before you delete it."));
        QVERIFY(dialog.isVisible());
        QVERIFY(!remove->isEnabled());
        QCOMPARE(f.serverStatus(secret.id), 200);
        // The store reloaded it: the row stays, with the other client's change.
        QTRY_COMPARE(f.rowOf(secret.id).version, secret.version + 1);
        QCOMPARE(f.rowOf(secret.id).name, QStringLiteral("Partner token 2"));
    }

    void aLocalVaultKeepsTheSingleConfirmation()
    {
        Vault vault;
        const Secret secret = Vault::add(vault.store(), QStringLiteral("x"), QStringLiteral("v"));
        DeleteSecretDialog dialog(vault.store(), secret);
        dialog.show();
        QVERIFY(!dialog.needsTypedName());
        QVERIFY(!child<QLineEdit>(dialog, "confirmEdit")->isVisible());
        QVERIFY(!child<QListWidget>(dialog, "referencesList")->isVisible());
        QVERIFY(child<QPushButton>(dialog, "acceptButton")->isEnabled());
    }
};

QTEST_MAIN(TestDeleteDialog)
#include "tst_deletedialog.moc"
