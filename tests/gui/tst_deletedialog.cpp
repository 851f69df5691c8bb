// DeleteSecretDialog on a real vault: it names the secret and warns about flows, Cancel is the
// default, "Delete secret" deletes, and a stale version is reported.

#include "DeleteSecretDialog.h"
#include "FormMessage.h"
#include "GuiTestSupport.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using GuiTestSupport::child;
using GuiTestSupport::Vault;

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
        QCOMPARE(error->text(), StoreError::standardMessage(StoreError::Code::StaleVersion));
        QVERIFY(dialog.isVisible());
        QCOMPARE(Vault::list(vault.store()).size(), 1);
    }
};

QTEST_MAIN(TestDeleteDialog)
#include "tst_deletedialog.moc"
