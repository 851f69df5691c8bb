// EditSecretDialog on a real vault: rename only keeps the value, replacing the value, the value
// field that never shows the old value, and a stale version reported with Reload.

#include "EditSecretDialog.h"
#include "FormMessage.h"
#include "GuiTestSupport.h"
#include "SecretClipboard.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using GuiTestSupport::child;
using GuiTestSupport::findLeak;
using GuiTestSupport::Vault;

namespace {
const QString OldValue = QStringLiteral("old-value-5d2c9b");
const QString NewValue = QStringLiteral("new-value-a81f3e");
} // namespace

class TestEditDialog final : public QObject {
    Q_OBJECT

private slots:
    void startsEmptyAndNeverShowsTheOldValue()
    {
        Vault vault;
        SecretClipboard clipboard;
        const Secret secret = Vault::add(vault.store(), QStringLiteral("alpha"), OldValue);
        EditSecretDialog dialog(vault.store(), &clipboard, secret);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* value = child<QPlainTextEdit>(dialog, "valueEdit");
        QVERIFY(value->toPlainText().isEmpty());
        QCOMPARE(value->placeholderText(), tr("Leave empty to keep the current value"));
        QCOMPARE(child<QLineEdit>(dialog, "nameEdit")->text(), QStringLiteral("alpha"));
        QCOMPARE(child<QLabel>(dialog, "referenceIdLabel")->text(),
                 secret.id.toString(QUuid::WithoutBraces));
        QCOMPARE(child<QPushButton>(dialog, "acceptButton")->text(), tr("&Save changes"));
        QVERIFY(!child<QPushButton>(dialog, "acceptButton")->isEnabled()); // nothing changed
        QCOMPARE(findLeak(OldValue), QString());
    }

    void renameOnlyKeepsTheValue()
    {
        Vault vault;
        SecretClipboard clipboard;
        const Secret secret = Vault::add(vault.store(), QStringLiteral("alpha"), OldValue);
        EditSecretDialog dialog(vault.store(), &clipboard, secret);
        QSignalSpy updated(&dialog, &EditSecretDialog::secretUpdated);
        dialog.show();
        auto* name = child<QLineEdit>(dialog, "nameEdit");
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("beta"));
        QTest::mouseClick(child<QPushButton>(dialog, "acceptButton"), Qt::LeftButton);
        QTRY_COMPARE(updated.count(), 1);
        QTRY_VERIFY(!dialog.isVisible());

        const QList<Secret> secrets = Vault::list(vault.store());
        QCOMPARE(secrets.size(), 1);
        QCOMPARE(secrets.first().name, QStringLiteral("beta"));
        QCOMPARE(secrets.first().id, secret.id);
        QCOMPARE(secrets.first().version, secret.version + 1);
        QVERIFY(vault.valueIs(secret.id, OldValue));
    }

    void replacesTheValue()
    {
        Vault vault;
        SecretClipboard clipboard;
        const Secret secret = Vault::add(vault.store(), QStringLiteral("alpha"), OldValue);
        EditSecretDialog dialog(vault.store(), &clipboard, secret);
        dialog.show();
        auto* value = child<QPlainTextEdit>(dialog, "valueEdit");
        QTest::keyClicks(value, NewValue);
        QTest::mouseClick(child<QPushButton>(dialog, "acceptButton"), Qt::LeftButton);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        QCOMPARE(Vault::list(vault.store()).first().name, QStringLiteral("alpha"));
        QVERIFY(vault.valueIs(secret.id, NewValue));
        QVERIFY(value->toPlainText().isEmpty());
        QCOMPARE(findLeak(NewValue), QString());
        QCOMPARE(findLeak(OldValue), QString());
    }

    void reportsAStaleVersionAndReloads()
    {
        Vault vault;
        SecretClipboard clipboard;
        const Secret secret = Vault::add(vault.store(), QStringLiteral("alpha"), OldValue);
        EditSecretDialog dialog(vault.store(), &clipboard, secret);
        dialog.show();

        // Someone else renames it meanwhile.
        QVERIFY(TestSupport::await(vault.store()->update(secret.id, secret.version,
                                                         QStringLiteral("renamed elsewhere"),
                                                         std::nullopt))
                    .ok());

        QTest::keyClicks(child<QPlainTextEdit>(dialog, "valueEdit"), NewValue);
        QTest::mouseClick(child<QPushButton>(dialog, "acceptButton"), Qt::LeftButton);
        auto* error = child<FormMessage>(dialog, "errorMessage");
        auto* reload = child<QPushButton>(dialog, "reloadButton");
        QTRY_VERIFY(reload->isVisible());
        QVERIFY(error->isVisible());
        QCOMPARE(error->text(), tr("This secret was changed by someone else."));
        QVERIFY(dialog.isVisible());
        QVERIFY(vault.valueIs(secret.id, OldValue));

        QTest::mouseClick(reload, Qt::LeftButton);
        QTRY_COMPARE(child<QLineEdit>(dialog, "nameEdit")->text(),
                     QStringLiteral("renamed elsewhere"));
        QVERIFY(!reload->isVisible());
        // Start over from the current version: the value field is empty again, so nothing
        // typed before overwrites the other change without a second look.
        QVERIFY(child<QPlainTextEdit>(dialog, "valueEdit")->toPlainText().isEmpty());
        QVERIFY(!child<QPushButton>(dialog, "acceptButton")->isEnabled()); // nothing changed
        QTest::keyClicks(child<QPlainTextEdit>(dialog, "valueEdit"), NewValue);
        QTest::mouseClick(child<QPushButton>(dialog, "acceptButton"), Qt::LeftButton);
        QTRY_VERIFY(!dialog.isVisible());
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(vault.valueIs(secret.id, NewValue));
        QCOMPARE(Vault::list(vault.store()).first().name, QStringLiteral("renamed elsewhere"));
        QCOMPARE(findLeak(NewValue), QString());
    }

    void reportsANameTaken()
    {
        Vault vault;
        SecretClipboard clipboard;
        Vault::add(vault.store(), QStringLiteral("other"), QStringLiteral("x"));
        const Secret secret = Vault::add(vault.store(), QStringLiteral("alpha"), OldValue);
        EditSecretDialog dialog(vault.store(), &clipboard, secret);
        dialog.show();
        auto* name = child<QLineEdit>(dialog, "nameEdit");
        name->selectAll();
        QTest::keyClicks(name, QStringLiteral("OTHER"));
        QTest::mouseClick(child<QPushButton>(dialog, "acceptButton"), Qt::LeftButton);
        auto* message = child<FormMessage>(dialog, "nameMessage");
        QTRY_VERIFY(message->isVisible());
        QCOMPARE(message->text(), StoreError::standardMessage(StoreError::Code::NameTaken));
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
    }
};

QTEST_MAIN(TestEditDialog)
#include "tst_editdialog.moc"
