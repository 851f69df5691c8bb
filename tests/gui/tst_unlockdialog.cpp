// UnlockDialog and CreateVaultDialog on real vault files: a wrong password reported inline, busy
// state while the key is derived, creating with a mismatch, and no password left in any widget.

#include "ChangePasswordDialog.h"
#include "CreateVaultDialog.h"
#include "FormMessage.h"
#include "GuiTestSupport.h"
#include "UnlockDialog.h"

#include <QProgressBar>
#include <QPushButton>
#include <QTest>

using GuiTestSupport::child;
using GuiTestSupport::findLeak;
using GuiTestSupport::Vault;

class TestUnlockDialog final : public QObject {
    Q_OBJECT

private slots:
    void reportsAWrongPasswordThenUnlocks()
    {
        Vault vault;
        vault.store()->lock();
        QVERIFY(!vault.store()->isOpen());
        UnlockDialog dialog(vault.store());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* password = child<QLineEdit>(dialog, "passwordEdit");
        auto* unlock = child<QPushButton>(dialog, "acceptButton");
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QVERIFY(!unlock->isEnabled());

        const QString wrong = QStringLiteral("wrong-password-61c2");
        QTest::keyClicks(password, wrong);
        QTest::mouseClick(unlock, Qt::LeftButton);
        // Busy while the key is derived off the UI thread.
        QVERIFY(child<QProgressBar>(dialog, "busyBar")->isVisible());
        QVERIFY(password->isReadOnly());
        QVERIFY(!unlock->isEnabled());
        auto* error = child<FormMessage>(dialog, "errorMessage");
        QTRY_VERIFY(error->isVisible());
        QCOMPARE(error->text(), StoreError::standardMessage(StoreError::Code::WrongPassword));
        QVERIFY(!child<QProgressBar>(dialog, "busyBar")->isVisible());
        QVERIFY(!vault.store()->isOpen());
        QVERIFY(dialog.isVisible());

        password->selectAll();
        QTest::keyClicks(password, GuiTestSupport::password());
        QTest::keyClick(password, Qt::Key_Return); // the default button
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(vault.store()->isOpen());
        QVERIFY(password->text().isEmpty());
        QVERIFY(!password->isUndoAvailable());
        QCOMPARE(findLeak(GuiTestSupport::password()), QString());
        QCOMPARE(findLeak(wrong), QString());
    }

    void createsAVaultWithTheSamePasswordTwice()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.mintvault"));
        LocalVaultStore store(path);
        CreateVaultDialog dialog(&store);
        dialog.setKdfParams(TestSupport::fastKdf(), true);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* password = child<QLineEdit>(dialog, "passwordEdit");
        auto* confirm = child<QLineEdit>(dialog, "confirmEdit");
        auto* create = child<QPushButton>(dialog, "acceptButton");
        auto* mismatch = child<FormMessage>(dialog, "mismatchMessage");
        auto* strength = child<FormMessage>(dialog, "strengthMessage");

        QTest::keyClicks(password, QStringLiteral("short"));
        QVERIFY(strength->text().contains(QStringLiteral("8")));
        QTest::keyClicks(confirm, QStringLiteral("short"));
        QVERIFY(!create->isEnabled()); // too short, even though they match

        const QString chosen = QStringLiteral("Vault-pass 7e4d!");
        password->clear();
        confirm->clear();
        QTest::keyClicks(password, chosen);
        QTest::keyClicks(confirm, QStringLiteral("Vault-pass 7e4d?"));
        QVERIFY(mismatch->isVisible());
        QCOMPARE(mismatch->text(), tr("The passwords do not match."));
        QVERIFY(!create->isEnabled());

        QTest::keyClick(confirm, Qt::Key_Backspace);
        QTest::keyClicks(confirm, QStringLiteral("!"));
        QVERIFY(mismatch->isHidden());
        QVERIFY(create->isEnabled());
        QTest::mouseClick(create, Qt::LeftButton);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(store.isOpen());
        QVERIFY(LocalVaultStore::fileExists(path));
        QCOMPARE(findLeak(chosen), QString());

        // The new vault opens with that password.
        store.lock();
        QVERIFY(TestSupport::await(store.unlock(SecretValue::fromText(chosen))).ok());
    }

    void changesThePassword()
    {
        Vault vault;
        ChangePasswordDialog dialog(vault.store());
        dialog.show();
        const QString next = QStringLiteral("another long passphrase");
        QTest::keyClicks(child<QLineEdit>(dialog, "currentEdit"), QStringLiteral("not it"));
        QTest::keyClicks(child<QLineEdit>(dialog, "passwordEdit"), next);
        QTest::keyClicks(child<QLineEdit>(dialog, "confirmEdit"), next);
        QTest::mouseClick(child<QPushButton>(dialog, "acceptButton"), Qt::LeftButton);
        auto* current = child<FormMessage>(dialog, "currentMessage");
        QTRY_VERIFY(current->isVisible());
        QCOMPARE(current->text(), StoreError::standardMessage(StoreError::Code::WrongPassword));

        child<QLineEdit>(dialog, "currentEdit")->selectAll();
        QTest::keyClicks(child<QLineEdit>(dialog, "currentEdit"), GuiTestSupport::password());
        QTest::mouseClick(child<QPushButton>(dialog, "acceptButton"), Qt::LeftButton);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(findLeak(next), QString());
        vault.store()->lock();
        QVERIFY(TestSupport::await(vault.store()->unlock(SecretValue::fromText(next))).ok());
    }
};

QTEST_MAIN(TestUnlockDialog)
#include "tst_unlockdialog.moc"
